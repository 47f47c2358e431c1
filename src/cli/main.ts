// The `activation-lens` command line: scan, check, eval, explain.
import { scanPython } from '../core/scan';
import { readFileSync } from 'node:fs';

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === 'scan') {
    for (const file of rest) console.log(JSON.stringify(scanPython(readFileSync(file, 'utf8')).usages));
    return 0;
  }
  console.error('usage: activation-lens scan|check|eval|explain ...');
  return 2;
}

process.exitCode = main(process.argv.slice(2));
