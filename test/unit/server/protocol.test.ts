import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { spawn, spawnSync } from 'node:child_process';
import { applyTextEdits, capabilities, CLI, ROOT, startServer, type Range } from './client';

const FIXTURE = path.join(ROOT, 'test/fixtures/server/model.py');
const TEXT = readFileSync(FIXTURE, 'utf8');
const URI = pathToFileURL(FIXTURE).href;
const lineOf = (needle: string, text = TEXT): number => text.split('\n').findIndex((l) => l.includes(needle));
const colOf = (needle: string, text = TEXT): number => text.split('\n')[lineOf(needle, text)].indexOf(needle);

interface CodeAction { title: string; kind?: string; isPreferred?: boolean; edit?: { documentChanges?: { textDocument: { uri: string; version: number }; edits: { range: Range; newText: string }[] }[]; changes?: Record<string, { range: Range; newText: string }[]> }; command?: { command: string; arguments: unknown[] } }

async function initialize(client: ReturnType<typeof startServer>, caps = capabilities(), clientInfo?: { name: string }): Promise<Record<string, unknown>> {
  const result = await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: caps, clientInfo }) as { capabilities: Record<string, unknown> };
  await client.connection.sendNotification('initialized', {});
  return result.capabilities;
}

async function shutdown(client: ReturnType<typeof startServer>): Promise<number | null> {
  await client.connection.sendRequest('shutdown');
  await client.connection.sendNotification('exit');
  const code = await client.exited;
  client.connection.dispose();
  return code;
}

test('a file: initialize, open, diagnostics, hover, quick fix, incremental edit, plot, shutdown', async () => {
  const client = startServer();
  try {
    const caps = await initialize(client);
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual((caps.executeCommandProvider as { commands: string[] }).commands, ['activationLens.plot']);
    assert.ok(caps.notebookDocumentSync);
    assert.equal(caps.diagnosticProvider, undefined, 'a client without pull diagnostics gets them pushed');

    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'python', version: 1, text: TEXT } });
    const first = await client.diagnosticsFor(URI);
    assert.equal(first.version, 1);
    const slip = first.diagnostics.find((d) => d.code === 'invalid-activation-string');
    assert.ok(slip, JSON.stringify(first));
    assert.equal(slip.source, 'Activation Lens');
    assert.equal(slip.severity, 1);
    assert.equal(slip.range.start.line, lineOf('"rleu"'));

    // Hover: the same content as in VS Code, but as text (this client is not known to draw images).
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: lineOf('LeakyReLU'), character: colOf('LeakyReLU') + 2 } }) as { contents: { kind: string; value: string }; range: Range };
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*Leaky ReLU\*\* · PyTorch layer/);
    assert.match(hover.contents.value, /```text\n\s*x\s+f\(x\)\s+f′\(x\)/);
    assert.doesNotMatch(hover.contents.value, /data:image|command:/);
    assert.equal(hover.range.start.line, lineOf('LeakyReLU'));
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 2 } });
    assert.equal(none, null);

    // Code action: the preferred quick fix is one edit to "relu".
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: slip.range, context: { diagnostics: [slip] } }) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
    assert.ok(fix?.edit?.documentChanges, JSON.stringify(actions));
    assert.equal(fix.edit.documentChanges[0].textDocument.version, 1);
    const edits = fix.edit.documentChanges[0].edits;
    const fixed = applyTextEdits(TEXT, edits);
    assert.match(fixed, /activation="relu"/);
    const plot = actions.find((a) => a.command?.command === 'activationLens.plot');
    assert.equal(plot, undefined, 'no plot on an invalid string');

    // The edit, sent back as an incremental change: the finding goes away.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    const second = await client.diagnosticsFor(URI, (p) => p.version === 2);
    assert.deepEqual(second.diagnostics.filter((d) => d.code === 'invalid-activation-string'), []);

    // Plot: a code action on the activation, run through workspace/executeCommand with progress.
    const onLeaky = { start: { line: lineOf('LeakyReLU'), character: colOf('LeakyReLU') }, end: { line: lineOf('LeakyReLU'), character: colOf('LeakyReLU') } };
    const leakyActions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: onLeaky, context: { diagnostics: [] } }) as CodeAction[];
    const plotAction = leakyActions.find((a) => a.command?.command === 'activationLens.plot');
    assert.ok(plotAction?.command);
    const progress: { token: unknown; value: { kind: string } }[] = [];
    client.connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string } }) => { progress.push(p); });
    const shown = new Promise<string>((resolve) => client.connection.onNotification('window/showMessage', (m: { message: string }) => resolve(m.message)));
    const files = await client.connection.sendRequest('workspace/executeCommand', { command: plotAction.command.command, arguments: plotAction.command.arguments, workDoneToken: 'plot-1' }) as { name: string; svg: string; html: string };
    assert.equal(files.name, 'Leaky ReLU');
    assert.match(readFileSync(files.svg, 'utf8'), /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const html = readFileSync(files.html, 'utf8');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /nn\.LeakyReLU\(negative_slope=0\.2/);
    assert.match(html, /<pre[^>]*>[\s\S]*−2\s+−0\.4\s+0\.2/);
    assert.deepEqual(progress.filter((p) => p.token === 'plot-1').map((p) => p.value.kind), ['begin', 'end']);
    assert.match(await shown, new RegExp(`plot of Leaky ReLU written to ${files.html.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'a client without showDocument is told where the plot is');
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'activationLens.plot', arguments: [URI, { line: 0, character: 0 }] }), /no activation at this position/);
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'activationLens.plot', arguments: ['not a uri'] }), /takes a document URI and a position/);

    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    const cleared = await client.diagnosticsFor(URI, (p) => p.diagnostics.length === 0 && p.version === undefined);
    assert.deepEqual(cleared.diagnostics, []);
    assert.equal(await shutdown(client), 0);
    assert.doesNotMatch(client.stderr(), /Error|Unhandled/);
  } finally {
    client.child.kill();
  }
});

test('a notebook: cells are one program, diagnostics per cell, edits of a cell are followed', async () => {
  const client = startServer();
  try {
    await initialize(client);
    const nb = 'file:///tmp/experiments.ipynb';
    const cells = [
      { uri: `${nb}#cell0`, text: 'import torch.nn as nn\nfrom tensorflow.keras import layers\n' },
      { uri: `${nb}#cell1`, text: '# notes\n' },
      { uri: `${nb}#cell2`, text: 'act = nn.GELU()\nd = layers.Dense(3, activation="rleu")\n' },
    ];
    await client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c, i) => ({ kind: i === 1 ? 1 : 2, document: c.uri })) },
      cellTextDocuments: cells.map((c, i) => ({ uri: c.uri, languageId: i === 1 ? 'markdown' : 'python', version: 1, text: c.text })),
    });
    const published = await client.diagnosticsFor(cells[2].uri);
    const slip = published.diagnostics.find((d) => d.code === 'invalid-activation-string');
    assert.ok(slip, 'the import in cell 0 makes layers.Dense in cell 2 a Keras layer');
    assert.equal(slip.range.start.line, 1, 'positions are relative to the cell');
    assert.deepEqual((await client.diagnosticsFor(cells[0].uri)).diagnostics, []);
    assert.ok(!client.published.some((p) => p.uri === cells[1].uri), 'markdown cells get nothing');

    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: cells[2].uri }, position: { line: 0, character: 10 } }) as { contents: { value: string } };
    assert.match(hover.contents.value, /\*\*GELU\*\*/);

    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: cells[2].uri }, range: slip.range, context: { diagnostics: [slip] } }) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit?.documentChanges);
    assert.equal(fix.edit.documentChanges[0].textDocument.uri, cells[2].uri);
    const edits = fix.edit.documentChanges[0].edits;

    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: nb, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cells[2].uri, version: 2 }, changes: edits.map((e) => ({ range: e.range, text: e.newText })) }] } },
    });
    const after = await client.diagnosticsFor(cells[2].uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics, []);
    await client.connection.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: nb }, cellTextDocuments: cells.map((c) => ({ uri: c.uri })) });
    assert.equal(await shutdown(client), 0);
  } finally {
    client.child.kill();
  }
});

test('pull diagnostics, settings from workspace/configuration, plain-text hovers and cancellation', async () => {
  const client = startServer({ diagnostics: { rules: { 'invalid-activation-string': 'warning' } }, hover: { guidance: false } });
  try {
    const caps = await initialize(client, capabilities({ pull: true, markdown: false }));
    assert.ok(caps.diagnosticProvider);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'python', version: 1, text: TEXT } });
    const report = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }) as { kind: string; items: { code: string; severity: number }[] };
    assert.equal(report.kind, 'full');
    assert.equal(report.items.find((d) => d.code === 'invalid-activation-string')?.severity, 2, 'the rules setting made it a warning');
    assert.ok(client.configurationRequests.length > 0);

    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: lineOf('LeakyReLU'), character: colOf('LeakyReLU') } }) as { contents: { kind: string; value: string } };
    assert.equal(hover.contents.kind, 'plaintext');
    assert.match(hover.contents.value, /^Leaky ReLU · PyTorch layer/);
    assert.doesNotMatch(hover.contents.value, /\*\*|```|Use:/);

    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: lineOf('LeakyReLU'), character: colOf('LeakyReLU') } }, source.token);
    source.cancel();
    await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);

    // A settings change turns the rule off; the server asks again.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.ok(client.published.length === 0, 'a pulling client gets nothing pushed');
    assert.equal(await shutdown(client), 0);
  } finally {
    client.child.kill();
  }
});

test('a keras-version the project file pins wins over the kerasVersion setting, named as the reason, as in VS Code', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'al-server-config-'));
  writeFileSync(path.join(dir, 'activation-lens.toml'), 'keras-version = "2"\n');
  writeFileSync(path.join(dir, 'model.py'), "from keras import layers\nhead = layers.Dense(10, activation='Relu')\n");
  const uri = pathToFileURL(path.join(dir, 'model.py')).href;
  const client = startServer({ kerasVersion: '3' });
  try {
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: capabilities() });
    await client.connection.sendNotification('initialized', {});
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(path.join(dir, 'model.py'), 'utf8') } });
    const published = await client.diagnosticsFor(uri);
    const finding = published.diagnostics.find((d) => d.code === 'invalid-activation-string');
    assert.ok(finding, JSON.stringify(published));
    assert.match(finding.message, /tf\.keras 2 assumed \(activation-lens\.toml sets keras-version\)/);
    assert.equal(await shutdown(client), 0);
  } finally {
    client.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('malformed messages and unknown methods are answered with errors, and the session goes on', async () => {
  const child = spawn(process.execPath, [CLI, 'server'], { cwd: ROOT, stdio: 'pipe' });
  const replies: { id: unknown; error?: { code: number; message: string }; result?: unknown }[] = [];
  const reader = new StreamMessageReader(child.stdout);
  let notify: (() => void) | undefined;
  reader.listen((m) => { replies.push(m as unknown as (typeof replies)[number]); notify?.(); });
  const until = async (n: number): Promise<void> => { while (replies.length < n) await new Promise<void>((r) => { notify = r; }); };
  const send = (body: string): void => { child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`); };
  try {
    send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    await until(1);
    send('{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {');
    await until(2);
    assert.deepEqual([replies[1].id, replies[1].error?.code], [null, -32700]);
    send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 42 }));
    await until(3);
    assert.deepEqual([replies[2].id, replies[2].error?.code], [3, -32600]);
    send(JSON.stringify([1, 2, 3]));
    await until(4);
    assert.deepEqual([replies[3].id, replies[3].error?.code], [null, -32600]);
    send(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'activationLens/noSuchMethod', params: {} }));
    await until(5);
    assert.deepEqual([replies[4].id, replies[4].error?.code], [5, -32601]);
    child.stdin.write('Content-Length: nope\r\n\r\n');
    await until(6);
    assert.equal(replies[5].error?.code, -32700);
    // Requests about unknown documents and bad parameters: answers, not crashes.
    send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///nowhere.py' }, position: { line: 0, character: 0 } } }));
    send(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'textDocument/codeAction', params: { textDocument: { uri: 'file:///nowhere.py' } } }));
    send(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'textDocument/hover', params: {} }));
    await until(9);
    assert.deepEqual(replies.slice(6).map((r) => r.id).sort(), [7, 8, 9]);
    assert.equal(replies.find((r) => r.id === 7)?.result, null);
    send(JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'shutdown' }));
    await until(10);
    assert.deepEqual(replies[9], { jsonrpc: '2.0', id: 10, result: null });
    send(JSON.stringify({ jsonrpc: '2.0', method: 'exit' }));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
  } finally {
    child.kill();
  }
});

test('--tcp serves one client on loopback', async () => {
  const child = spawn(process.execPath, [CLI, 'server', '--tcp', '0'], { cwd: ROOT, stdio: 'pipe' });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(err);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`server exited: ${err}`)));
    });
    const socket = net.connect(port, '127.0.0.1');
    const connection = createMessageConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
    connection.listen();
    const init = await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }) as { serverInfo: { name: string } };
    assert.equal(init.serverInfo.name, 'activation-lens');
    await connection.sendRequest('shutdown');
    void connection.sendNotification('exit');
    assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 0);
    connection.dispose();
    socket.destroy();
  } finally {
    child.kill();
  }
});

test('bad server arguments are a usage error', () => {
  assert.ok(existsSync(CLI));
  for (const args of [['--tcp', 'http'], ['--tcp', '1', '--stdio'], ['--port', '3']]) {
    const run = spawnSync(process.execPath, [CLI, 'server', ...args], { encoding: 'utf8', input: '' });
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, /usage: activation-lens server/);
  }
});

test('hovers and diagnostics assume the versions of the workspace\'s dependency files; paired findings carry related places', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'activation-lens-ws-'));
  writeFileSync(path.join(dir, 'requirements.txt'), 'tensorflow==2.15.0\n');
  const torchText = 'import torch\nimport torch.nn as nn\nmodel = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\ncriterion = nn.CrossEntropyLoss()\nx = torch.randn(2, 4)\ny = torch.tensor([0, 1])\nloss = criterion(model(x), y)\n';
  const kerasText = 'from tensorflow import keras\nl = keras.layers.LeakyReLU(alpha=0.1)\n';
  const torchUri = pathToFileURL(path.join(dir, 'train.py')).href;
  const kerasUri = pathToFileURL(path.join(dir, 'model.py')).href;
  const client = startServer();
  try {
    const caps = capabilities() as { workspace: Record<string, unknown> };
    caps.workspace.didChangeWatchedFiles = { dynamicRegistration: true };
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: caps });
    await client.connection.sendNotification('initialized', {});
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: torchUri, languageId: 'python', version: 1, text: torchText } });
    const published = await client.diagnosticsFor(torchUri);
    const paired = published.diagnostics.find((d) => d.code === 'softmax-before-cross-entropy') as { relatedInformation?: { location: { uri: string; range: Range }; message: string }[] } | undefined;
    assert.ok(paired?.relatedInformation, JSON.stringify(published));
    assert.deepEqual(paired.relatedInformation.map((r) => [r.location.uri, r.location.range.start.line]), [[torchUri, 3], [torchUri, 6]]);

    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: kerasUri, languageId: 'python', version: 1, text: kerasText } });
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: kerasUri }, position: { line: 1, character: 20 } }) as { contents: { value: string } };
    // Keras 3 without the requirements file: the hover follows the version the diagnostics assume.
    assert.match(hover.contents.value, /^\*\*Leaky ReLU\*\* · tf\\?\.keras 2 layer/);

    // The requirements move to TensorFlow 2.16 (Keras 3): the watched file's change is followed.
    const watcher = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.match(JSON.stringify(watcher?.registerOptions), /requirements\*\.txt/);
    writeFileSync(path.join(dir, 'requirements.txt'), 'tensorflow==2.16.1\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'requirements.txt')).href, type: 2 }] });
    const after = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: kerasUri }, position: { line: 1, character: 20 } }) as { contents: { value: string } };
    assert.match(after.contents.value, /^\*\*Leaky ReLU\*\* · Keras 3 layer/);
    assert.equal(await shutdown(client), 0);
  } finally {
    client.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
