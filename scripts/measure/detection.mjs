// Measures detection against a CPython-`ast` reference on real code:
//   node scripts/measure/detection.mjs DIR... [--details]
// Finds every .py and .ipynb under the directories, runs the scanner on them (scripts/measure/dump.ts) and
// scripts/measure/reference.py, and prints recall and precision per form. The files themselves are not kept here.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('--'));
if (!dirs.length) {
  console.error('usage: node scripts/measure/detection.mjs DIR... [--details]');
  process.exit(2);
}
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) { if (!name.startsWith('.')) walk(p); } else if (/\.(py|ipynb)$/.test(name) && s.size < 2e6) files.push(p);
  }
};
dirs.forEach((d) => walk(path.resolve(d)));
const out = path.join(root, 'out/measure');
mkdirSync(out, { recursive: true });
await esbuild.build({ entryPoints: [path.join(root, 'scripts/measure/dump.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(out, 'dump.js'), mainFields: ['module', 'main'], logLevel: 'warning' });
const dump = spawnSync(process.execPath, [path.join(out, 'dump.js')], { input: files.join('\n'), maxBuffer: 1 << 30 });
if (dump.status !== 0) { console.error(dump.stderr.toString()); process.exit(1); }
writeFileSync(path.join(out, 'scanner.json'), dump.stdout);
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import ast']).status === 0);
if (!python) {
  console.error('detection: python3 is needed for the reference parse (install Debian python3)');
  process.exit(2);
}
const ref = spawnSync(python, [path.join(root, 'scripts/measure/reference.py'), path.join(out, 'scanner.json'), ...args.filter((a) => a.startsWith('--'))], { stdio: 'inherit' });
process.exit(ref.status ?? 1);
