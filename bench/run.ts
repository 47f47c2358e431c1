// `npm run bench`: every benchmark in one run; prose first, then one `bench NAME VALUE UNIT` line per figure.
import { spawnSync } from 'node:child_process';
import { writeSync } from 'node:fs';
import { formatFigure, type Figure } from './report';
import { scanBench } from './scan';
import { packageBench } from './package';
import { activateBench } from './activate';
import { catalogBench } from './catalog';
import { checkBench } from './check';
import { cliBench } from './cli';
import { hoverBench } from './hover';
import { plotBench } from './plot';
import { serverBench } from './server';
import { signalBench } from './signal';

type Bench = readonly [string, () => Promise<Figure[]> | Figure[]];

const benches: Bench[] = [
  ['scanner', scanBench],
  ['catalog', catalogBench],
  ['hover', hoverBench],
  ['check', checkBench],
  ['cli', cliBench],
  ['plot', plotBench],
  ['server', serverBench],
  ['signal', signalBench],
  ['package', packageBench],
  ['activate', activateBench],
];

/**
 * Runs one bench in this process and returns its figures. With no names given, `main` runs each bench in a child
 * process of its own: a bench that leaves a large heap or a JIT state behind (the scanner's and hover's thousands of
 * runs) would otherwise slow the ones after it, so a figure would depend on which benches ran before it.
 */
async function runOne(name: string, run: Bench[1]): Promise<Figure[]> {
  console.log(`\n== ${name}`);
  try {
    return await run();
  } catch (error) {
    console.log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
    return [];
  }
}

/** A child runs the named benches and writes their figures as JSON to file descriptor 3, which the parent reads. */
function runChild(name: string): Figure[] {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', name], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'], maxBuffer: 1 << 20 });
  if (child.status !== 0) process.exitCode = 1;
  const out = child.output[3]?.toString() ?? '';
  try {
    return out ? (JSON.parse(out) as Figure[]) : [];
  } catch {
    console.log(`${name}: its figures could not be read`);
    process.exitCode = 1;
    return [];
  }
}

/**
 * Runs the benches `args` names (all when none), as `npm run bench` passes them. Exported, as the command line's
 * entry exports `runCli` and the extension's `activate`: with no export in its bundle, V8 deoptimised about 200
 * functions of the analysis ("weak objects") at every full collection (249 to 314 such bailouts in one
 * `npm run bench -- check`, none with the export; none in `activation-lens check` over 1,123 files), so the
 * figures timed recompiling that neither the editor nor the command line does. Why the export changes it is not known.
 */
export async function main(args: readonly string[] = process.argv.slice(2)): Promise<void> {
  const child = args[0] === '--child';
  const only = child ? args.slice(1) : args;
  const figures: Figure[] = [];
  for (const [name, run] of benches) {
    if (only.length && !only.includes(name)) continue;
    figures.push(...(child || only.length === 1 ? await runOne(name, run) : runChild(name)));
  }
  if (child) {
    writeSync(3, JSON.stringify(figures));
    return;
  }
  console.log('');
  for (const f of figures) console.log(formatFigure(f));
}

void main();
