/**
 * Command-line throughput: `activation-lens check` (the built dist/cli.js, as users run it) over a generated tree of
 * 10,000 Python files, with 1 worker and with 2 worker threads. Reports files per second (2 workers), the speed-up
 * from 1 to 2 workers (both measured in this run) and the peak resident memory of the 2-worker run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, type Figure } from './report';

const root = process.env.AL_ROOT ?? path.resolve(__dirname, '../..');
const FILES = 10_000;

/** 100 folders of 100 files, cut from the corpus and the rule fixtures so every rule has work. */
function generateTree(dir: string): void {
  const seeds = ['bench/corpus/keras_models.py', 'bench/corpus/torch_resnet.py', 'test/fixtures/rules/keras_bad.py', 'test/fixtures/rules/torch_module_bad.py', 'test/fixtures/rules/torch_good.py']
    .map((f) => readFileSync(path.join(root, f), 'utf8').split('\n'));
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, `pkg${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder);
    const seed = seeds[i % seeds.length];
    // A slice of about 80 lines from the start (imports) plus a window further in, so files differ.
    const start = (i * 37) % Math.max(1, seed.length - 60);
    const text = [...seed.slice(0, 20), ...seed.slice(start, start + 60)].join('\n').replace(/\b(class|def) ([A-Za-z_]\w*)/g, `$1 $2_${i}`);
    writeFileSync(path.join(folder, `m${i}.py`), text);
  }
}

function runCheck(dir: string, jobs: number, preload: string): { ms: number; cpuMs: number; rssMb: number; lines: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, path.join(root, 'dist/cli.js'), 'check', '--exit-zero', '--quiet', '--jobs', String(jobs), '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`check --jobs ${jobs} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const usage = /maxrss (\d+) cpu (\d+)/.exec(r.stderr);
  return { ms, cpuMs: usage ? Number(usage[2]) / 1000 : NaN, rssMb: usage ? Number(usage[1]) / 1024 : NaN, lines: r.stdout.split('\n').length - 1 };
}

export function cliBench(): Figure[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'al-bench-cli-'));
  try {
    generateTree(dir);
    const preload = path.join(dir, '..', `al-bench-rss-${process.pid}.js`);
    // Peak memory and CPU time (all threads) of the whole process, printed as it exits.
    writeFileSync(preload, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`maxrss ${u.maxRSS} cpu ${u.userCPUTime + u.systemCPUTime}\\n`); });\n");
    const one: number[] = [];
    const two: number[] = [];
    const cpu: number[] = [];
    let rss = 0;
    let findings = 0;
    // One round by default: the tree is large and the machine may be shared (AL_BENCH_ROUNDS for more).
    const rounds = Number(process.env.AL_BENCH_ROUNDS ?? 1);
    for (let round = 0; round < rounds; round++) {
      const single = runCheck(dir, 1, preload);
      one.push(single.ms);
      cpu.push(single.cpuMs);
      const r = runCheck(dir, 2, preload);
      two.push(r.ms);
      rss = Math.max(rss, r.rssMb);
      findings = r.lines;
    }
    rmSync(preload, { force: true });
    const t1 = median(one);
    const t2 = median(two);
    console.log(`check over ${FILES} generated files (${findings} findings): 1 worker ${t1.toFixed(0)} ms, 2 workers ${t2.toFixed(0)} ms (median of ${one.length}; ${median(cpu).toFixed(0)} ms CPU with 1 worker), peak RSS ${rss.toFixed(0)} MB with 2 workers; ${os.availableParallelism()} CPUs available`);
    return [
      { name: 'cli.files_per_s', value: FILES / (t2 / 1000), unit: 'files/s' },
      { name: 'cli.files_per_s_1_worker', value: FILES / (t1 / 1000), unit: 'files/s' },
      // Per CPU second (1 worker): what the code costs, whatever else the machine is running.
      { name: 'cli.files_per_cpu_s', value: FILES / (median(cpu) / 1000), unit: 'files/s' },
      { name: 'cli.workers_1_to_2_speedup', value: t1 / t2, unit: 'x' },
      { name: 'cli.peak_rss_10k_files', value: rss, unit: 'MB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
