// Diagnostics and code actions through VS Code itself: languages.getDiagnostics and vscode.executeCodeActionProvider
// on fixture files and a notebook, in both hosts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, lineOf, openFixture, openNotebookFixture, waitFor, withSetting } from '../helpers';

const SOURCE = 'Activation Lens';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Waits until our diagnostics for `uri` satisfy `accept`, and returns them. */
function diagnosticsWhere(uri: vscode.Uri, what: string, accept: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => { const ds = ours(uri); return accept(ds) ? ds : undefined; }, timeoutMs);
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind);
  return (all ?? []).filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
}

/**
 * An untitled copy of a fixture, shown in an editor. Tests that edit work on copies: applying a fix to a file
 * on disk may save it (files.refactoring.autoSave), which would change the fixture for later runs.
 */
async function openCopy(relativePath: string): Promise<vscode.TextEditor> {
  const bytes = await vscode.workspace.fs.readFile(fixtureUri(relativePath));
  const document = await vscode.workspace.openTextDocument({ language: 'python', content: new TextDecoder().decode(bytes) });
  return vscode.window.showTextDocument(document);
}

/** Closes the active untitled editor without a save prompt. */
async function discard(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

function describe(ds: readonly vscode.Diagnostic[]): string {
  return ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${codeOf(d)}`).join(', ');
}

suite('diagnostics', function () {
  // Hosts on a loaded machine can take several seconds per step.
  this.timeout(120_000);
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test("an invalid Keras string is an error with a code linking to the docs; the ignored line stays quiet", async () => {
    const { document } = await openFixture('diagnostics_keras.py');
    const line = lineOf(document, "model.add(Dense(90, activation='LeakyReLU'))");
    const ds = await diagnosticsWhere(document.uri, 'invalid-activation-string', (d) => d.some((x) => codeOf(x) === 'invalid-activation-string'));
    const d = ds.find((x) => codeOf(x) === 'invalid-activation-string')!;
    assert.strictEqual(d.range.start.line, line);
    assert.strictEqual(document.getText(d.range), "'LeakyReLU'");
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /Keras 3 assumed/);
    assert.ok(typeof d.code === 'object' && d.code.target.toString().startsWith('https://'), 'the code links to the docs');
    assert.ok(ds.some((x) => codeOf(x) === 'output-loss-mismatch'), 'sigmoid + categorical_crossentropy');
    const quiet = lineOf(document, "quiet = Dense(4, activation='Relu')");
    assert.ok(!ds.some((x) => x.range.start.line === quiet), 'the ignore comment silences its line');
  });

  test('the preferred quick fix replaces the string with a LeakyReLU layer, as one undoable edit', async () => {
    const { document } = await openCopy('diagnostics_keras.py');
    const original = document.getText();
    try {
      const ds = await diagnosticsWhere(document.uri, 'invalid-activation-string', (d) => d.some((x) => codeOf(x) === 'invalid-activation-string'));
      const d = ds.find((x) => codeOf(x) === 'invalid-activation-string')!;
      const actions = await codeActions(document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepStrictEqual(actions.map((a) => a.title), ['Replace with a layer: LeakyReLU(negative_slope=0.3)', "Replace with 'leaky_relu' (its slope is 0.2; the LeakyReLU layer's default is 0.3)"]);
      assert.deepStrictEqual(actions.map((a) => a.isPreferred === true), [true, false]);
      assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
      const fixed = document.getText();
      assert.ok(fixed.includes('from keras.layers import Dense, LeakyReLU\n'), fixed);
      assert.ok(fixed.includes('model.add(Dense(90))\nmodel.add(LeakyReLU(negative_slope=0.3))\n'), fixed);
      await diagnosticsWhere(document.uri, 'the fixed error to go away', (x) => !x.some((y) => codeOf(y) === 'invalid-activation-string'));
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      await waitFor('one undo to restore the file', () => (document.getText() === original ? true : undefined));
    } finally {
      await discard(document);
    }
  });

  test('diagnostics follow typing (debounced) and settings: rules off, severities, Keras version', async () => {
    const editor = await openCopy('diagnostics_clean.py');
    const { document } = editor;
    try {
      const end = document.lineAt(document.lineCount - 1).range.end;
      assert.ok(await editor.edit((b) => b.insert(end, "\nbad = keras.layers.Dense(2, activation='Tanh')\n")));
      const typedLine = lineOf(document, "activation='Tanh'");
      const expected = `${typedLine}:${document.lineAt(typedLine).text.indexOf("'Tanh'")} invalid-activation-string`;
      // Wait for the state after the edit itself: a check of an earlier version may publish first.
      const typed = await diagnosticsWhere(document.uri, 'a diagnostic for the typed line', (d) => describe(d) === expected);
      assert.deepStrictEqual(describe(typed), expected, 'correct code around it stays quiet');
      await withSetting('diagnostics.rules', { 'invalid-activation-string': 'warning' }, async () => {
        await diagnosticsWhere(document.uri, 'the severity override', (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Warning);
      });
      await withSetting('diagnostics.rules', { 'invalid-activation-string': 'off' }, async () => {
        await diagnosticsWhere(document.uri, 'the rule to be off', (d) => d.length === 0);
      });
      await diagnosticsWhere(document.uri, 'the rule back on', (d) => d.length === 1);
      await withSetting('diagnostics.enabled', false, async () => {
        await diagnosticsWhere(document.uri, 'diagnostics disabled', (d) => d.length === 0);
      });
    } finally {
      await discard(document);
    }
  });

  test('with tf.keras 2 targeted, the class string is valid and negative_slope is the error', async () => {
    const { document } = await openFixture('diagnostics_keras.py');
    await withSetting('kerasVersion', '2', async () => {
      // Keras 3 findings (published before the setting took effect) also have leaky-relu-alpha: wait for the Keras 2 set.
      const ds = await diagnosticsWhere(document.uri, 'tf.keras 2 findings', (d) =>
        d.some((x) => codeOf(x) === 'leaky-relu-alpha' && document.getText(x.range) === 'negative_slope') && !d.some((x) => codeOf(x) === 'invalid-activation-string'));
      assert.ok(!ds.some((x) => codeOf(x) === 'invalid-activation-string'));
      const alpha = ds.find((x) => codeOf(x) === 'leaky-relu-alpha')!;
      assert.strictEqual(document.getText(alpha.range), 'negative_slope');
      assert.strictEqual(alpha.severity, vscode.DiagnosticSeverity.Error);
      assert.match(alpha.message, /tf\.keras 2 assumed \(activationLens\.kerasVersion\)/);
      const [rename] = await codeActions(document.uri, alpha.range, vscode.CodeActionKind.QuickFix.value);
      assert.strictEqual(rename.title, 'Rename negative_slope= to alpha=');
    });
  });

  test("the refactoring converts a valid string to a layer that keeps its slope", async () => {
    const { document } = await openFixture('diagnostics_keras.py');
    await diagnosticsWhere(document.uri, 'the first check', (d) => d.length > 0);
    const line = lineOf(document, "model.add(Dense(64, activation='leaky_relu'))");
    const at = new vscode.Range(line, document.lineAt(line).text.indexOf("'leaky_relu'") + 2, line, document.lineAt(line).text.indexOf("'leaky_relu'") + 2);
    const actions = await codeActions(document.uri, at, vscode.CodeActionKind.RefactorRewrite.value);
    const convert = actions.find((a) => a.title.startsWith('Convert to a layer with parameters'));
    assert.ok(convert, `no refactoring: ${actions.map((a) => a.title).join(' | ')}`);
    assert.strictEqual(convert.title, 'Convert to a layer with parameters: LeakyReLU(negative_slope=0.2)');
    assert.strictEqual(convert.kind?.value, 'refactor.rewrite');
    assert.ok(!convert.diagnostics?.length, 'a refactoring has no diagnostic');
  });

  test('PyTorch: softmax before CrossEntropyLoss, fixed by removing the Sequential entry', async () => {
    const { document } = await openCopy('diagnostics_torch.py');
    try {
      const ds = await diagnosticsWhere(document.uri, 'softmax-before-cross-entropy', (d) => d.some((x) => codeOf(x) === 'softmax-before-cross-entropy'));
      const d = ds.find((x) => codeOf(x) === 'softmax-before-cross-entropy')!;
      assert.strictEqual(document.getText(d.range), 'nn.Softmax(dim=1)');
      // The loss it reaches and the model call are related places in the same file.
      const related = d.relatedInformation ?? [];
      assert.deepStrictEqual(related.map((r) => document.getText(r.location.range)), ['nn.CrossEntropyLoss()', 'model(inputs)']);
      assert.ok(related.every((r) => r.location.uri.toString() === document.uri.toString()));
      const preferred = (await codeActions(document.uri, d.range)).filter((a) => a.isPreferred);
      assert.strictEqual(preferred.length, 1);
      assert.ok(await vscode.workspace.applyEdit(preferred[0].edit!));
      assert.ok(document.getText().includes('    nn.Linear(128, 10),\n)\n'), document.getText());
      await diagnosticsWhere(document.uri, 'no finding after the fix', (x) => x.length === 0);
    } finally {
      await discard(document);
    }
  });

  test('notebook cells get their own diagnostics, with the model and its loss in different cells', async () => {
    const editor = await openNotebookFixture('diagnostics_notebook.ipynb');
    const cells = editor.notebook.getCells();
    const modelCell = cells[2].document;
    const ds = await diagnosticsWhere(modelCell.uri, 'cell diagnostics', (d) => d.length >= 2);
    assert.deepStrictEqual(ds.map(codeOf).sort(), ['invalid-activation-string', 'single-unit-softmax']);
    const invalid = ds.find((x) => codeOf(x) === 'invalid-activation-string')!;
    assert.strictEqual(invalid.range.start.line, 1, 'positions are relative to the cell');
    assert.strictEqual(modelCell.getText(invalid.range), "'LeakyReLU'");
    const actions = await codeActions(modelCell.uri, invalid.range, vscode.CodeActionKind.QuickFix.value);
    assert.strictEqual(actions.filter((a) => a.isPreferred).length, 1);
    assert.deepStrictEqual(ours(cells[1].document.uri), [], 'the magic line and imports are fine');
  });

  test('a quick fix found on the model cell edits the compile cell, at that cell\'s positions', async () => {
    const editor = await openNotebookFixture('cross_cell_fix.ipynb');
    const [, modelCell, compileCell] = editor.notebook.getCells().map((c) => c.document);
    const ds = await diagnosticsWhere(modelCell.uri, 'output-loss-mismatch on the model cell', (d) => d.some((x) => codeOf(x) === 'output-loss-mismatch'));
    const mismatch = ds.find((x) => codeOf(x) === 'output-loss-mismatch')!;
    const actions = await codeActions(modelCell.uri, mismatch.range, vscode.CodeActionKind.QuickFix.value);
    const loss = actions.find((a) => a.title === "Use 'binary_crossentropy'");
    assert.ok(loss?.edit, actions.map((a) => a.title).join(', '));
    const entries = loss.edit.entries();
    assert.deepStrictEqual(entries.map(([uri]) => uri.toString()), [compileCell.uri.toString()]);
    assert.strictEqual(compileCell.getText(entries[0][1][0].range), "'categorical_crossentropy'");
  });

  test('closing a file clears its diagnostics', async () => {
    const { document } = await openFixture('diagnostics_torch.py');
    const uri = document.uri;
    await diagnosticsWhere(uri, 'diagnostics before closing', (d) => d.length > 0);
    await closeAllEditors();
    await diagnosticsWhere(uri, 'diagnostics cleared on close', (d) => d.length === 0, 90_000);
  });
});
