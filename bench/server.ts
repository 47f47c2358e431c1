/**
 * The language server measured through the protocol, as an editor sees it: `server.start_ms` (process start to the
 * `initialize` answer, median of five starts of `node dist/cli.js server`) and `server.hover_ms` (median round trip
 * of a hover request over the 10,000-line file of the hover bench, at shuffled usages; goal <= 5 ms).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { scanPython } from '../src/core/scan';
import { LineIndex } from '../src/core/python/lineIndex';
import { shuffled, tenThousandLines } from './hover';
import { median, percentile, type Figure } from './report';

const root = process.env.AL_ROOT ?? path.resolve(__dirname, '../..');
const STARTS = 5;
const HOVERS = 1000;

interface Started {
  readonly connection: MessageConnection;
  readonly ms: number;
  readonly stop: () => Promise<void>;
}

async function start(): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), 'server', '--stdio'], { cwd: root, stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } } });
  const ms = performance.now() - t0;
  await connection.sendNotification('initialized', {});
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    connection, ms,
    stop: async () => {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    },
  };
}

export async function serverBench(): Promise<Figure[]> {
  const starts: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const s = await start();
    starts.push(s.ms);
    await s.stop();
  }

  const text = tenThousandLines();
  const lines = new LineIndex(text);
  const targets = shuffled(scanPython(text).usages.map((u) => u.start + 1)).slice(0, HOVERS).map((offset) => lines.position(offset));
  const s = await start();
  const uri = 'file:///bench/ten_thousand_lines.py';
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const hover = (p: { line: number; col: number }): Promise<unknown> => s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: p.line, character: p.col } });
  let t = performance.now();
  await hover(targets[0]);
  const first = performance.now() - t;
  const times: number[] = [];
  let answered = 0;
  for (const p of targets) {
    t = performance.now();
    if (await hover(p)) answered++;
    times.push(performance.now() - t);
  }
  await s.stop();
  console.log(`server: starts ${starts.map((v) => v.toFixed(0)).join(', ')} ms; ${answered} of ${targets.length} hovers answered over 10,000 lines (first, with the scan: ${first.toFixed(1)} ms; p99 ${percentile(times, 99).toFixed(2)} ms)`);
  return [
    { name: 'server.start_ms', value: median(starts), unit: 'ms' },
    { name: 'server.hover_ms', value: median(times), unit: 'ms' },
    { name: 'server.hover_first_ms', value: first, unit: 'ms' },
  ];
}
