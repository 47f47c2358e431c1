// Hovers through VS Code itself (vscode.executeHoverProvider) on .py files, notebook cells and untitled documents.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, firstSvg, hoverAt, imageCount, openFixture, openNotebookFixture, withSetting } from '../helpers';

const OUR_COMMANDS = ['activationLens.showPlot', 'activationLens.compare', 'activationLens.openDocs'];


function commandIds(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
}

suite('hovers', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('a PyTorch layer hover shows the call with defaults, a figure of the plot beside the formulas, and our links', async () => {
    const { document } = await openFixture('hover_cases.py');
    const md = await hoverAt(document, 'leaky = nn.LeakyReLU', 'nn.LeakyReLU');
    assert.ok(md, 'no Activation Lens hover over nn.LeakyReLU');
    assert.ok(md.value.includes('nn.LeakyReLU(negative_slope=0.2, inplace=True)'), md.value.slice(0, 400));
    assert.strictEqual(imageCount(md.value), 1, 'one figure');
    const svg = firstSvg(md.value);
    assert.ok(svg.includes('class="f"') && svg.includes('class="df"'), 'the plot draws f and f\'');
    assert.strictEqual((svg.match(/role="img"/g) ?? []).length, 2, 'formula and derivative rendered as math');
    assert.deepStrictEqual(commandIds(md.value), OUR_COMMANDS);
    assert.ok(md.value.includes('**Defaults:**'), 'version differences');
    assert.strictEqual(md.supportHtml, false);
    if (typeof md.isTrusted === 'object') assert.deepStrictEqual([...md.isTrusted.enabledCommands].sort(), [...OUR_COMMANDS].sort());
    else assert.notStrictEqual(md.isTrusted, true, 'hovers must not trust every command');
  });

  test('an activation string hover explains the Keras default slope and the version assumed', async () => {
    const { document } = await openFixture('hover_cases.py');
    const md = await hoverAt(document, "dense_string = layers.Dense(64, activation='leaky_relu')", "'leaky_relu'");
    assert.ok(md, 'no hover over the activation string');
    assert.ok(md.value.includes('keras.activations.leaky_relu(x, negative_slope=0.2)'), md.value.slice(0, 400));
    assert.ok(md.value.includes('Keras 3 assumed'), 'says which version was assumed');
  });

  test('an invalid string says what to write instead, and markup in a string shows as text', async () => {
    const { document } = await openFixture('hover_cases.py');
    const invalid = await hoverAt(document, "activation='LeakyReLU'", "'LeakyReLU'");
    assert.ok(invalid && invalid.value.includes("activation='leaky_relu'"), invalid?.value);
    const evil = await hoverAt(document, 'dense_evil', "'<img");
    assert.ok(evil, 'no hover over the suspicious string');
    assert.ok(evil.value.includes("`'<img src=x onerror=alert(1)>'`"), evil.value);
    assert.ok(!evil.value.replace(/`[^`]*`/g, '').includes('<'), 'an angle bracket outside a code span');
    assert.strictEqual(imageCount(evil.value), 0);
  });

  test('a user-defined activation is translated to a formula, typeset with MathJax beside its curve', async () => {
    const { document } = await openFixture('hover_cases.py');
    const md = await hoverAt(document, 'dense_custom', 'swish');
    assert.ok(md, 'no hover over the custom activation');
    assert.strictEqual(imageCount(md.value), 1);
    const svg = firstSvg(md.value);
    assert.ok(svg.includes('class="f"'));
    // f(x) and f'(x) typeset by the math renderer in this host (Node or web worker): its glyph ids, italic f and the prime.
    assert.ok(/id="MJX-\d+-TEX-I-1D453"/.test(svg), svg.slice(0, 400));
    assert.ok(/MJX-\d+-TEX-[NV]-2032/.test(svg), 'the derivative f′ is typeset');
    assert.ok(!md.value.includes('f(x) = `'), 'no mathjs text when the formula is typeset');
    assert.ok(md.value.includes('With `beta = 1` (defaults as written)'), md.value.slice(0, 400));
  });

  test('settings turn the plot and the whole hover off, and back on', async () => {
    const { document } = await openFixture('hover_cases.py');
    await withSetting('hover.plot', false, async () => {
      const md = await hoverAt(document, 'relu = F.relu', 'F.relu');
      assert.ok(md);
      assert.strictEqual(imageCount(md.value), 1);
      const svg = firstSvg(md.value);
      assert.ok(!svg.includes('class="f"'), 'the plot is left out');
      assert.ok(svg.includes('role="img"'), 'the formulas stay');
    });
    await withSetting('hover.enabled', false, async () => {
      assert.strictEqual(await hoverAt(document, 'relu = F.relu', 'F.relu'), undefined);
    });
    assert.ok(await hoverAt(document, 'relu = F.relu', 'F.relu'));
  });

  test('notebook cells get hovers, with imports and definitions from other cells', async () => {
    const editor = await openNotebookFixture('hover_notebook.ipynb');
    const cell = editor.notebook.cellAt(2).document;
    assert.strictEqual(cell.uri.scheme, 'vscode-notebook-cell');
    const relu = await hoverAt(cell, 'y = F.relu', 'F.relu');
    assert.ok(relu && relu.value.includes('**ReLU**'), relu?.value.slice(0, 300));
    assert.strictEqual(imageCount(relu.value), 1);
    const custom = await hoverAt(cell, 'activation=swish', 'swish');
    assert.ok(custom && /TEX-I-1D453/.test(firstSvg(custom.value)), custom?.value.slice(0, 300));
  });

  test('untitled Python documents get hovers', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'import torch.nn as nn\nact = nn.GELU()\n' });
    await vscode.window.showTextDocument(document);
    assert.strictEqual(document.uri.scheme, 'untitled');
    const md = await hoverAt(document, 'act = nn.GELU()', 'nn.GELU');
    assert.ok(md && md.value.includes('**GELU**'), md?.value.slice(0, 300));
  });

  test('activationLens.openDocs refuses URLs the catalog does not know', async () => {
    const opened = await vscode.commands.executeCommand<boolean>('activationLens.openDocs', { url: 'https://example.com/phish' });
    assert.strictEqual(opened, false);
  });
});
