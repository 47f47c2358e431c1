// Notebooks reach the extension through the notebook API: the fixture opens as a Jupyter notebook with Python cells.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openNotebookFixture } from '../helpers';

suite('notebooks', () => {
  teardown(closeAllEditors);

  test('the fixture .ipynb opens as a jupyter-notebook with its cells', async () => {
    const editor = await openNotebookFixture('notebook.ipynb');
    const notebook = editor.notebook;
    assert.strictEqual(notebook.notebookType, 'jupyter-notebook');
    assert.strictEqual(notebook.cellCount, 2);
    assert.strictEqual(notebook.cellAt(0).kind, vscode.NotebookCellKind.Markup);
    const code = notebook.cellAt(1);
    assert.strictEqual(code.kind, vscode.NotebookCellKind.Code);
    assert.strictEqual(code.document.languageId, 'python');
    assert.ok(code.document.getText().includes('nn.ReLU()'), code.document.getText());
  });

  test('the extension is active with a notebook open (onNotebook:jupyter-notebook)', async () => {
    await openNotebookFixture('notebook.ipynb');
    await activateExtension();
    assert.ok(vscode.extensions.getExtension('activationlens.activation-lens')!.isActive);
  });
});
