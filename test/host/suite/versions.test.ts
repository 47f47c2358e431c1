// One analysis, one set of versions: with a requirements file pinning TensorFlow 2.15 and `kerasVersion: auto`, the
// hover, the Problems view and the plot panel all assume tf.keras 2 and give the same reason (the command line's
// unit test, test/unit/rules/checkCommand.test.ts, checks the same file and reason through `check`).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, lineOf, openFixture, waitFor, withSetting } from '../helpers';

const REASON = 'requirements.txt lists tensorflow==2.15.0 (TensorFlow before 2.16 ships Keras 2)';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Activation Lens');
}

/** Hover Markdown at a needle, with Markdown escapes removed so its text can be compared. */
async function hoverText(document: vscode.TextDocument, lineText: string, needle: string): Promise<string> {
  const line = lineOf(document, lineText);
  const character = document.lineAt(line).text.indexOf(needle) + 1;
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
  const texts = (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value));
  return texts.join('\n').replace(/\\(.)/g, '$1');
}

suite('target versions', function () {
  this.timeout(180_000);
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('hover, Problems view and panel agree on tf.keras 2 from requirements.txt with kerasVersion auto', async () => {
    const requirements = fixtureUri('requirements.txt');
    await vscode.workspace.fs.writeFile(requirements, new TextEncoder().encode('tensorflow==2.15.0\n'));
    try {
      await withSetting('kerasVersion', 'auto', async () => {
        const { document } = await openFixture('hover_cases.py');
        const problem = await waitFor('a finding that assumes tf.keras 2', () => ours(document.uri).find((d) => d.message.includes(REASON)), 90_000)
          .catch((error: Error) => { throw new Error(`${error.message}; findings: ${ours(document.uri).map((d) => d.message).join(' | ')}`); });
        assert.ok(problem.message.includes(`tf.keras 2 assumed (${REASON})`), problem.message);
        assert.ok(!ours(document.uri).some((d) => /Keras 3 assumed/.test(d.message)), 'no finding assumes Keras 3');

        const hover = await waitFor('a hover that assumes tf.keras 2', async () => {
          const text = await hoverText(document, "dense_string = layers.Dense(64, activation='leaky_relu')", "'leaky_relu'");
          return text.includes(REASON) ? text : undefined;
        });
        assert.ok(hover.includes(`Keras 2 (tf.keras) assumed (${REASON})`), hover.slice(0, 600));
        assert.ok(!hover.includes('Keras 3 assumed'));

        const editor = await vscode.window.showTextDocument(document);
        const line = lineOf(document, "dense_string = layers.Dense(64, activation='leaky_relu')");
        const col = document.lineAt(line).text.indexOf("'leaky_relu'") + 2;
        editor.selection = new vscode.Selection(line, col, line, col);
        const plotted = await vscode.commands.executeCommand<{ opened: boolean; keras?: { version: string; reason: string } }>('activationLens.plotAtCursor');
        assert.ok(plotted?.opened, JSON.stringify(plotted));
        assert.deepStrictEqual(plotted.keras, { version: '2', reason: REASON });
      });
    } finally {
      await vscode.workspace.fs.delete(requirements);
    }
  });
});
