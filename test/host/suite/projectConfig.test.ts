// The project configuration file in the editor: activation-lens.toml wins over activationLens.diagnostics.rules,
// editing it re-checks open documents, and its problems are shown on the file with line and key. Both hosts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, waitFor, withSetting } from '../helpers';

const SOURCE = 'Activation Lens';
const FOLDER = 'config-project';
const PY = "from keras import layers\nhead = layers.Dense(10, activation='Relu')\n";

function invalid(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return vscode.languages.getDiagnostics(uri).find((d) => d.source === SOURCE && (typeof d.code === 'object' ? String(d.code.value) : String(d.code)) === 'invalid-activation-string');
}

async function write(relative: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fixtureUri(`${FOLDER}/${relative}`), new TextEncoder().encode(text));
}

suite('project configuration', function () {
  this.timeout(120_000);
  suiteSetup(activateExtension);
  teardown(async () => {
    await closeAllEditors();
    try { await vscode.workspace.fs.delete(fixtureUri(FOLDER), { recursive: true }); } catch { /* already gone */ }
  });

  test('the file wins over the settings, and editing it re-checks the open document', async () => {
    await write('model.py', PY);
    await write('activation-lens.toml', '[severity]\ninvalid-activation-string = "warning"\n');
    await withSetting('diagnostics.rules', { 'invalid-activation-string': 'off' }, async () => {
      const document = await vscode.workspace.openTextDocument(fixtureUri(`${FOLDER}/model.py`));
      await vscode.window.showTextDocument(document);
      const d = await waitFor('a warning from the file', () => invalid(document.uri), 30_000);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
      await write('activation-lens.toml', 'ignore = ["invalid-activation-string"]\n');
      await waitFor('the finding gone after the edit', () => (invalid(document.uri) ? undefined : true), 30_000);
      await write('activation-lens.toml', '[severity]\ninvalid-activation-string = "hint"\n');
      const hint = await waitFor('a hint after the next edit', () => { const x = invalid(document.uri); return x?.severity === vscode.DiagnosticSeverity.Hint ? x : undefined; }, 30_000);
      assert.ok(hint);
    });
  });

  test('keras-version in the file is what hover, Problems view and panel assume, naming the file', async () => {
    const reason = /\(config-project\/activation-lens\.toml sets keras-version\)/;
    await write('model.py', `${PY}body = layers.Dense(10, activation='relu')\n`);
    await write('activation-lens.toml', 'keras-version = "2"\n');
    await withSetting('kerasVersion', '3', async () => {
      const document = await vscode.workspace.openTextDocument(fixtureUri(`${FOLDER}/model.py`));
      const editor = await vscode.window.showTextDocument(document);
      const finding = await waitFor('a finding assuming tf.keras 2 from the file', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.source === SOURCE && reason.test(d.message)), 30_000)
        .catch((error: Error) => { throw new Error(`${error.message}; findings: ${vscode.languages.getDiagnostics(document.uri).map((d) => d.message).join(' | ')}`); });
      assert.match(finding.message, /tf\.keras 2 assumed/);
      // The valid string on the next line: its hover names the version and why.
      const col = document.lineAt(2).text.indexOf("'relu'") + 2;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, col));
      const hover = (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n').replace(/\\(.)/g, '$1');
      assert.match(hover, /Keras 2 \(tf\.keras\) assumed/, hover.slice(0, 600));
      assert.match(hover, reason);
      editor.selection = new vscode.Selection(2, col, 2, col);
      const plotted = await vscode.commands.executeCommand<{ opened: boolean; keras?: { version: string; reason: string } }>('activationLens.plotAtCursor');
      assert.strictEqual(plotted?.keras?.version, '2', JSON.stringify(plotted));
      assert.match(plotted.keras.reason, /activation-lens\.toml sets keras-version/);
    });
  });

  test('a bad file is reported on its line naming the key; the settings apply meanwhile', async () => {
    await write('model.py', PY);
    await write('activation-lens.toml', '# project rules\nselect = "all"\n');
    const document = await vscode.workspace.openTextDocument(fixtureUri(`${FOLDER}/model.py`));
    await vscode.window.showTextDocument(document);
    const problems = await waitFor('a problem on the configuration file', () => {
      const ds = vscode.languages.getDiagnostics(fixtureUri(`${FOLDER}/activation-lens.toml`));
      return ds.length ? ds : undefined;
    }, 30_000);
    assert.strictEqual(problems[0].range.start.line, 1);
    assert.match(problems[0].message, /'select' must be a list of rule codes/);
    // The broken file is not used: the rule keeps its default severity.
    await waitFor('the default error while the file is broken', () => (invalid(document.uri)?.severity === vscode.DiagnosticSeverity.Error ? true : undefined), 30_000);
  });
});
