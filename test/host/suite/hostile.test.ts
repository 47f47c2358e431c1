// A hostile workspace in real VS Code: files built to hang the hover, inject links and images, corrupt notebook
// fixes or confuse line numbers are opened and hovered, while a watchdog checks that a normal file's hover and
// diagnostics still answer within a deadline, and that no hover holds a link or image other than our own.
import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, lineOf, openFixture, openNotebookFixture, waitFor } from '../helpers';

/** Far above a normal answer (tens of milliseconds); only a hang or a runaway computation misses it. */
const WATCHDOG_MS = 20_000;
const HOSTILE = ['hostile/doubling.py', 'hostile/injection.py', 'hostile/tower.py', 'hostile/cr_only.py'];

async function hoversAt(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

const markdown = new MarkdownIt({ html: false, linkify: false });

/** Link and image targets of hover Markdown as rendered, other than our commands and the figure's data URI. */
function foreignTargets(text: string): string[] {
  return [...markdown.render(text).matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]).filter((t) => !t.startsWith('command:activationLens.') && !t.startsWith('data:image/svg+xml;base64,'));
}

/** Resolves within the watchdog deadline or fails naming what hung. */
async function withinDeadline<T>(what: string, run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`watchdog: ${what} did not answer within ${WATCHDOG_MS} ms`)), WATCHDOG_MS); });
  try {
    return await Promise.race([run(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The normal file still answers: a hover on its LeakyReLU and its diagnostics. */
async function normalFileAnswers(): Promise<void> {
  const editor = await openFixture('diagnostics_keras.py');
  const document = editor.document;
  const line = lineOf(document, "'LeakyReLU'");
  const at = new vscode.Position(line, document.lineAt(line).text.indexOf("'LeakyReLU'") + 2);
  await withinDeadline('the hover of a normal file', async () => {
    const texts = await hoversAt(document.uri, at);
    assert.ok(texts.some((t) => /LeakyReLU/.test(t)), texts.join('\n'));
  });
  await withinDeadline('the diagnostics of a normal file', () => waitFor('diagnostics of diagnostics_keras.py', () => (vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'Activation Lens') ? true : undefined), WATCHDOG_MS));
}

suite('hostile workspace', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('every usage of every hostile file hovers without a foreign link or image, and a normal file still answers', async () => {
    for (const file of HOSTILE) {
      const { document } = await openFixture(file);
      const usages = await vscode.commands.executeCommand<{ start: number; end: number; name: string }[]>('activationLens.listUsages', document.uri);
      assert.ok(usages && usages.length > 0, `${file}: no usages found`);
      for (const u of usages) {
        const texts = await withinDeadline(`the hover of ${u.name} in ${file}`, () => hoversAt(document.uri, document.positionAt(u.start + 1)));
        for (const t of texts) assert.deepStrictEqual(foreignTargets(t), [], `${file}: ${t.slice(0, 300)}`);
      }
      await normalFileAnswers();
    }
  });

  test('the doubling chain gives up with a plain reason; CR-only line ends give true lines', async () => {
    const { document } = await openFixture('hostile/doubling.py');
    const line = lineOf(document, 'activation=blowup');
    const texts = await withinDeadline('the doubling hover', () => hoversAt(document.uri, new vscode.Position(line, document.lineAt(line).text.indexOf('blowup') + 1)));
    assert.ok(texts.some((t) => /too large to show and plot/.test(t)), texts.join('\n'));
    const cr = (await openFixture('hostile/cr_only.py')).document;
    const ds = await waitFor('diagnostics of cr_only.py', () => { const d = vscode.languages.getDiagnostics(cr.uri).filter((x) => x.source === 'Activation Lens'); return d.length ? d : undefined; }, WATCHDOG_MS);
    assert.deepStrictEqual(ds.map((d) => d.range.start.line), [3]);
  });

  test('a notebook fix found on the model cell edits the loss in the next cell', async () => {
    const editor = await openNotebookFixture('hostile/cells.ipynb');
    const [, modelCell, compileCell] = editor.notebook.getCells().map((c) => c.document);
    const ds = await waitFor('logits-mismatch on the model cell', () => { const d = vscode.languages.getDiagnostics(modelCell.uri).filter((x) => x.source === 'Activation Lens'); return d.length ? d : undefined; }, WATCHDOG_MS);
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', modelCell.uri, ds[0].range, vscode.CodeActionKind.QuickFix.value);
    const fix = (all ?? []).find((a) => a.title === 'Set from_logits=True');
    assert.ok(fix?.edit, (all ?? []).map((a) => a.title).join(', '));
    assert.deepStrictEqual(fix.edit.entries().map(([uri]) => uri.toString()), [compileCell.uri.toString()]);
  });

  test('a document over the live-check limit gets one plain notice and no rules, and still hovers', async () => {
    const filler = '# filler line to pass the live-check limit of one million characters\n'.repeat(16_000);
    const text = `from keras import layers\nlayers.Dense(4, activation='Relu')\n${filler}`;
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: text });
    await vscode.window.showTextDocument(document);
    const ds = await waitFor('the live-check notice', () => { const d = vscode.languages.getDiagnostics(document.uri).filter((x) => x.source === 'Activation Lens'); return d.length ? d : undefined; }, WATCHDOG_MS);
    assert.strictEqual(ds.length, 1);
    assert.match(ds[0].message, /over the 1\.0 MB live-check limit/);
    const texts = await withinDeadline('the hover of a large file', () => hoversAt(document.uri, new vscode.Position(1, text.split('\n')[1].indexOf('Relu'))));
    assert.ok(texts.some((t) => /Invalid activation string/.test(t)), texts.join('\n'));
    await normalFileAnswers();
  });
});
