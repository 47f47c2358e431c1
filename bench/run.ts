// `npm run bench`: every benchmark in one run; prose first, then one `bench NAME VALUE UNIT` line per figure.
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

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const figures: Figure[] = [];
  for (const [name, run] of benches) {
    if (only.length && !only.includes(name)) continue;
    console.log(`\n== ${name}`);
    try {
      figures.push(...(await run()));
    } catch (error) {
      console.log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    }
  }
  console.log('');
  for (const f of figures) console.log(formatFigure(f));
}

void main();
