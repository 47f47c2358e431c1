/** Scanner figures: throughput against CPython's ast.parse and ruff (WASM), cold and edit times, peak memory. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scanPython } from '../src/core/scan';
import { IncrementalScan } from '../src/core/scan/incremental';
import { bigFile, buildCorpus } from './corpus';
import { median, type Figure } from './report';

function timeScan(texts: readonly string[]): number {
  const t0 = performance.now();
  for (const text of texts) scanPython(text);
  return performance.now() - t0;
}

/** CPython's own parser on the same files, parse alone (reading excluded), best of `rounds`. */
function cpythonMbPerS(files: readonly string[], rounds: number): number | undefined {
  const script = [
    'import ast, sys, time, json',
    'files = json.loads(sys.stdin.read())',
    'texts = [open(f, encoding="utf-8").read() for f in files]',
    'size = sum(len(t.encode("utf-8")) for t in texts)',
    'best = None',
    `for _ in range(${rounds}):`,
    '    t0 = time.perf_counter()',
    '    for t in texts: ast.parse(t)',
    '    dt = time.perf_counter() - t0',
    '    best = dt if best is None or dt < best else best',
    'print(size / 1e6 / best)',
  ].join('\n');
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'pass']).status === 0);
  if (!python) return undefined;
  const result = spawnSync(python, ['-c', script], { input: JSON.stringify(files), encoding: 'utf8', maxBuffer: 1 << 20 });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/** ruff (WASM build) checking the same texts with rules E and F. */
async function ruffMbPerS(texts: readonly string[], bytes: number, rounds: number): Promise<number | undefined> {
  let ruff: typeof import('@astral-sh/ruff-wasm-nodejs');
  try {
    ruff = await import('@astral-sh/ruff-wasm-nodejs');
  } catch {
    return undefined;
  }
  const workspace = new ruff.Workspace({ lint: { select: ['E', 'F'] } }, ruff.PositionEncoding.Utf16);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const text of texts) workspace.check(text);
    best = Math.min(best, performance.now() - t0);
  }
  workspace.free();
  return bytes / 1e6 / (best / 1000);
}

/** First scan of a 10,000-line file in a fresh Node process (module load excluded). */
function coldMs(file: string): number | undefined {
  const bundle = path.join(__dirname, 'cold.js');
  const result = spawnSync(process.execPath, [bundle, file], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

export async function scanBench(): Promise<Figure[]> {
  const rounds = 5;
  const corpus = buildCorpus(2.5e6);
  console.log(`corpus: ${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(2)} MB in ${corpus.dir}`);
  timeScan(corpus.texts); // warm the JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) times.push(timeScan(corpus.texts));
  const ours = corpus.bytes / 1e6 / (Math.min(...times) / 1000);
  // Peak memory of the scanner's own work, read before ruff's WASM heap joins this process.
  const peakMb = process.resourceUsage().maxRSS / 1024;

  const text = bigFile(10_000);
  const file = path.join(corpus.dir, 'big_10k.py');
  writeFileSync(file, text);
  const coldProcess = coldMs(file);
  // Cold for this file: its first analysis, with no cache for it, in a process that has scanned other code.
  const coldRuns: number[] = [];
  for (let i = 0; i < 15; i++) {
    const fresh = `${text}\n# ${i}\n`;
    const t0 = performance.now();
    scanPython(fresh);
    coldRuns.push(performance.now() - t0);
  }
  // A one-character edit in the middle of the file, re-analysed from the previous result.
  const mid = text.indexOf('\n', text.length >> 1) + 1;
  const incremental = new IncrementalScan(text);
  let current = text;
  const edits: number[] = [];
  for (let i = 0; i < 200; i++) {
    const offset = mid + (i % 40);
    const next = current.slice(0, offset) + 'x' + current.slice(offset);
    const t0 = performance.now();
    incremental.update(next, [{ offset, deleted: 0, inserted: 'x' }]);
    edits.push(performance.now() - t0);
    current = next;
  }
  // Baselines last, so their heaps (ruff's WASM memory lives in this process) do not weigh on our figures.
  const cpython = cpythonMbPerS(corpus.files, rounds);
  const ruff = await ruffMbPerS(corpus.texts, corpus.bytes, 3);
  console.log(`scanner ${ours.toFixed(1)} MB/s; CPython ast.parse ${cpython?.toFixed(1) ?? 'n/a'} MB/s; ruff-wasm ${ruff?.toFixed(1) ?? 'n/a'} MB/s`);
  const figures: Figure[] = [
    { name: 'scan.mb_per_s', value: ours, unit: 'MB/s' },
    ...(cpython ? [{ name: 'scan.vs_cpython_ast', value: ours / cpython, unit: 'x' }] : []),
    ...(ruff ? [{ name: 'scan.vs_ruff_wasm', value: ours / ruff, unit: 'x' }] : []),
    { name: 'scan.cold_10k_lines_ms', value: median(coldRuns), unit: 'ms' },
    ...(coldProcess === undefined ? [] : [{ name: 'scan.cold_process_10k_lines_ms', value: coldProcess, unit: 'ms' }]),
    { name: 'scan.reanalyze_edit_ms', value: median(edits), unit: 'ms' },
    { name: 'scan.peak_mb', value: peakMb, unit: 'MB' },
  ];
  return figures;
}
