// Detection beyond plain calls, through VS Code itself: wrappers in another module of the workspace (read in the
// background by the workspace index), wrappers and activation registries in an untitled document, and a notebook
// cell that starts with a Python cell magic.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, lineOf, openFixture, openNotebookFixture, waitFor } from '../helpers';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Activation Lens');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).filter((v) => /command:activationLens/.test(v)).join('\n');
}

/** Our hover at `needle` on the line holding `lineText`, waited for (providers and the index answer asynchronously). */
function hoverAt(document: vscode.TextDocument, lineText: string, needle: string, expect: RegExp): Promise<string> {
  const line = lineOf(document, lineText);
  const position = new vscode.Position(line, document.lineAt(line).text.indexOf(needle) + 1);
  return waitFor(`hover matching ${expect} at ${needle}`, async () => { const t = await hoverText(document.uri, position); return expect.test(t) ? t : undefined; }, 30_000);
}

suite('detection', function () {
  this.timeout(120_000);
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('a string passed to a wrapper in another workspace module is judged by the Activation it reaches', async () => {
    const { document } = await openFixture('wrappers/model.py');
    const bad = lineOf(document, "x = conv_bn(x, 64, act='Relu')");
    const ds = await waitFor('invalid-activation-string through the imported wrapper', () => {
      const found = ours(document.uri).filter((d) => codeOf(d) === 'invalid-activation-string');
      return found.length ? found : undefined;
    }, 60_000);
    // Only the wrapper whose body was read is judged; `make_head` cannot be read and stays quiet.
    assert.deepStrictEqual(ds.map((d) => d.range.start.line), [bad]);
    assert.strictEqual(document.getText(ds[0].range), "'Relu'");
    const hover = await hoverAt(document, "conv_bn(inputs, 32, act='swish')", "'swish'", /silu|swish/i);
    assert.ok(/keras/i.test(hover), hover.slice(0, 300));
  });

  test('a string passed by position to a wrapper of a wrapper two workspace modules away is judged where it ends', async () => {
    const { document } = await openFixture('wrappers/deep_model.py');
    const bad = lineOf(document, "x = stage(inputs, 32, 'Gelu')");
    // blocks.py is read for stages.py, on behalf of this document: when it arrives, this document is checked again.
    const ds = await waitFor('invalid-activation-string through stages.stage and blocks.conv_bn', () => {
      const found = ours(document.uri).filter((d) => codeOf(d) === 'invalid-activation-string');
      return found.length ? found : undefined;
    }, 60_000);
    assert.deepStrictEqual(ds.map((d) => d.range.start.line), [bad]);
    assert.strictEqual(document.getText(ds[0].range), "'Gelu'");
    const hover = await hoverAt(document, "x = stage(x, 64, 'swish')", "'swish'", /silu|swish/i);
    assert.ok(/keras/i.test(hover), hover.slice(0, 300));
  });

  test('untitled: activation registries, getattr and same-file wrappers get hovers and diagnostics', async () => {
    const content = [
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'from tensorflow.keras import layers',
      'ACTS = dict(relu=F.relu, gelu=F.gelu)',
      "REG = {'silu': nn.SiLU}",
      "act = getattr(nn, 'Hardswish')()",
      'def block(x, activation):',
      '    return layers.Activation(activation)(x)',
      "y = block(x, activation='Gelu')",
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'python', content });
    await vscode.window.showTextDocument(document);
    try {
      await hoverAt(document, 'ACTS = dict(relu=F.relu, gelu=F.gelu)', 'F.gelu', /gelu/i);
      await hoverAt(document, "REG = {'silu': nn.SiLU}", 'nn.SiLU', /silu/i);
      await hoverAt(document, "act = getattr(nn, 'Hardswish')()", "'Hardswish'", /hardswish|hard swish/i);
      const ds = await waitFor('invalid-activation-string through the same-file wrapper', () => {
        const found = ours(document.uri).filter((d) => codeOf(d) === 'invalid-activation-string');
        return found.length ? found : undefined;
      }, 30_000);
      assert.deepStrictEqual(ds.map((d) => document.getText(d.range)), ["'Gelu'"]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('a notebook cell starting with %%time is scanned; a %%bash cell is not', async () => {
    const editor = await openNotebookFixture('cell_magics.ipynb');
    const timed = editor.notebook.cellAt(2).document;
    await hoverAt(timed, 'y = F.gelu(torch.randn(8))', 'F.gelu', /gelu/i);
    const bash = editor.notebook.cellAt(3).document;
    const line = lineOf(bash, 'echo F.relu');
    assert.strictEqual(await hoverText(bash.uri, new vscode.Position(line, bash.lineAt(line).text.indexOf('F.relu') + 1)), '');
  });
});
