// The extension loads and activates in a real extension host, on a Python file as users meet it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, closeAllEditors, openFixture, waitFor } from '../helpers';

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
});
