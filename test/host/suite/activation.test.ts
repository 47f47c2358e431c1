// The extension loads and activates in a real extension host, on a Python file as users meet it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, closeAllEditors, firstSvg, hoverAt, openFixture, waitFor } from '../helpers';

suite('activation', () => {
  teardown(closeAllEditors);

  test('the extension is installed in the host under its published id', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} not found`);
    assert.strictEqual(extension.packageJSON.name, 'activation-lens');
    assert.strictEqual(extension.packageJSON.publisher, 'activationlens');
  });

  test('opening a Python file activates it (onLanguage:python)', async () => {
    const editor = await openFixture('torch_model.py');
    assert.strictEqual(editor.document.languageId, 'python');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('activation on a Python file', () => (extension.isActive ? true : undefined), 15_000);
    await activateExtension();
    assert.strictEqual(extension.isActive, true);
  });

  test('its commands are registered once active', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('activationLens.listUsages'), 'activationLens.listUsages is not registered');
  });

  // First in the suite (files run in name order), so nothing has hovered a user-defined activation before it.
  test('a built-in hover loads no math renderer; the first user-defined activation hover loads it and typesets', async () => {
    const api = (await activateExtension()) as { mathRendererLoaded(): boolean };
    const { document } = await openFixture('hover_cases.py');
    const builtIn = await hoverAt(document, 'relu = F.relu', 'F.relu');
    assert.ok(builtIn && /TEX-/.test(firstSvg(builtIn.value)), 'the built-in hover shows its build-time formula image');
    assert.strictEqual(api.mathRendererLoaded(), false, 'a built-in hover loaded dist/tex.js');
    const custom = await hoverAt(document, 'dense_custom', 'swish');
    assert.ok(custom, 'no hover over the custom activation');
    assert.strictEqual(api.mathRendererLoaded(), true, 'the custom hover did not load the math renderer');
    const svg = firstSvg(custom.value);
    assert.ok(/id="MJX-\d+-TEX-I-1D453"/.test(svg) && /MJX-\d+-TEX-[NV]-2032/.test(svg), `f and f′ not typeset: ${custom.value.slice(0, 300)}`);
  });
});
