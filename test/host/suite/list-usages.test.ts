// `activationLens.listUsages` runs in the host on real documents: a Python file and a notebook cell.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, lineOf, openFixture, openNotebookFixture } from '../helpers';

/** The text a usage's range covers in its document. */
function covered(document: vscode.TextDocument, usage: Record<string, unknown>): string {
  return document.getText(new vscode.Range(document.positionAt(usage.start as number), document.positionAt(usage.end as number)));
}

/** What every usage the command returns must satisfy, whatever the scanner finds (see src/core/scan/types.ts). */
function assertUsageShape(document: vscode.TextDocument, usage: Record<string, unknown>): void {
  assert.strictEqual(typeof usage.name, 'string');
  assert.ok(['torch', 'keras', 'tf'].includes(usage.framework as string), `framework ${String(usage.framework)}`);
  assert.ok(['string', 'layer', 'function', 'reference', 'method', 'custom', 'dynamic'].includes(usage.form as string), `form ${String(usage.form)}`);
  for (const key of ['line', 'col', 'endLine', 'endCol', 'start', 'end']) {
    assert.ok(Number.isInteger(usage[key]) && (usage[key] as number) >= 0, `${key} = ${String(usage[key])}`);
  }
  // line/col and start/end describe the same range of this very document.
  const start = document.offsetAt(new vscode.Position(usage.line as number, usage.col as number));
  const end = document.offsetAt(new vscode.Position(usage.endLine as number, usage.endCol as number));
  assert.strictEqual(start, usage.start, 'line/col and start disagree');
  assert.strictEqual(end, usage.end, 'endLine/endCol and end disagree');
  assert.ok((usage.end as number) > (usage.start as number), 'empty range');
  assert.strictEqual(typeof usage.written, 'string');
}

async function listUsages(uri: vscode.Uri): Promise<Record<string, unknown>[]> {
  const result = await vscode.commands.executeCommand<unknown>('activationLens.listUsages', uri);
  assert.ok(Array.isArray(result), `listUsages returned ${JSON.stringify(result)}, not an array`);
  return result as Record<string, unknown>[];
}

suite('activationLens.listUsages', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('returns well-formed usages for a PyTorch file', async () => {
    const { document } = await openFixture('torch_model.py');
    const usages = await listUsages(document.uri);
    for (const usage of usages) assertUsageShape(document, usage);
    assert.deepStrictEqual(usages.map((u) => u.name), ['relu', 'gelu', 'softmax']);
    const relu = usages[0];
    assert.strictEqual(relu.framework, 'torch');
    assert.strictEqual(relu.form, 'layer');
    assert.strictEqual(relu.line, lineOf(document, 'self.act = nn.ReLU()'));
    assert.strictEqual(covered(document, relu), 'nn.ReLU');
    assert.strictEqual(usages[1].form, 'function');
    assert.strictEqual(covered(document, usages[1]), 'F.gelu');
    assert.deepStrictEqual(usages[2].params, { dim: -1 });
  });

  test('returns well-formed usages for a Keras file', async () => {
    const { document } = await openFixture('keras_model.py');
    const usages = await listUsages(document.uri);
    for (const usage of usages) assertUsageShape(document, usage);
    assert.deepStrictEqual(usages.map((u) => u.name), ['relu', 'gelu', 'softmax']);
    for (const usage of usages) {
      assert.strictEqual(usage.framework, 'keras');
      assert.strictEqual(usage.form, 'string');
      assert.strictEqual(usage.keyword, 'activation');
      assert.strictEqual(usage.line, lineOf(document, `activation='${String(usage.name)}'`));
      assert.strictEqual(covered(document, usage), `'${String(usage.name)}'`);
    }
  });

  test('without an argument it scans the active editor', async () => {
    const { document } = await openFixture('torch_model.py');
    const withUri = await listUsages(document.uri);
    const withoutUri = await vscode.commands.executeCommand<unknown>('activationLens.listUsages');
    assert.ok(withUri.length > 0);
    assert.deepStrictEqual(withoutUri, withUri);
  });

  test('runs on a notebook code cell', async () => {
    const editor = await openNotebookFixture('notebook.ipynb');
    const cell = editor.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.ok(cell, 'the fixture notebook has a code cell');
    const usages = await listUsages(cell.document.uri);
    for (const usage of usages) assertUsageShape(cell.document, usage);
    assert.deepStrictEqual(usages.map((u) => u.name), ['relu', 'sigmoid']);
    assert.strictEqual(usages[0].line, lineOf(cell.document, 'nn.ReLU()'));
    assert.strictEqual(covered(cell.document, usages[0]), 'nn.ReLU');
  });
});
