// Runs in a fresh Node process: times the very first scan of one file, so JIT warm-up is included.
import { readFileSync } from 'node:fs';
import { scanPython } from '../src/core/scan';

const text = readFileSync(process.argv[2], 'utf8');
const t0 = performance.now();
scanPython(text);
process.stdout.write(`${performance.now() - t0}\n`);
