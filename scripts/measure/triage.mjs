#!/usr/bin/env node
// Measures `check` on a folder of real model code that is NOT in this repository (fetch it elsewhere):
//   node scripts/measure/triage.mjs DIR [verdicts.json]
// Prints every finding with the code lines it names (its own line and each related place) for triage, then, with a
// verdicts file ({"<path relative to DIR>|<cell>|<line>|<code>": "tp" | "fp"}), precision per rule and overall.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, verdictsFile] = process.argv.slice(2);
if (!dir) { console.error('usage: triage.mjs DIR [verdicts.json]'); process.exit(2); }
const cli = path.join(path.dirname(new URL(import.meta.url).pathname), '../../dist/cli.js');
// One check per repository (each immediate subfolder), with --root there so its own dependency files pick the
// Keras version, as a user running check in that repository would get.
// `check` names files relative to its root: each finding's file is resolved against the folder it was run in.
const findings = [];
for (const sub of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(dir, d.name))) {
  let out = '';
  try {
    out = execFileSync('node', [cli, 'check', '--format', 'json', '--exit-zero', '--root', sub, sub], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) { out = error.stdout ?? ''; }
  for (const l of out.split('\n').filter(Boolean)) {
    const f = JSON.parse(l);
    findings.push({ ...f, file: path.resolve(sub, f.file) });
  }
}

/** Source lines of a file, or of one notebook cell (1-based cell numbers over all cells, as check prints them). */
function linesOf(file, cell) {
  const text = readFileSync(file, 'utf8');
  if (cell === undefined) return text.split(/\r\n|\r|\n/);
  const nb = JSON.parse(text);
  const c = nb.cells?.[cell - 1];
  const src = Array.isArray(c?.source) ? c.source.join('') : String(c?.source ?? '');
  return src.split(/\r\n|\r|\n/);
}

const verdicts = verdictsFile ? JSON.parse(readFileSync(verdictsFile, 'utf8')) : {};
const perRule = new Map();
for (const f of findings) {
  const rel = path.relative(dir, path.resolve(f.file));
  const key = `${rel}|${f.cell ?? ''}|${f.line}|${f.code}`;
  console.log(`\n== ${key}\n   ${f.message}`);
  try {
    console.log(`   > ${linesOf(f.file, f.cell)[f.line - 1]?.trim()}`);
    for (const r of f.related ?? []) console.log(`   related ${r.cell === undefined ? '' : `cell ${r.cell} `}line ${r.line}: ${linesOf(f.file, r.cell ?? f.cell)[r.line - 1]?.trim()}  (${r.message})`);
  } catch { /* unreadable: the message still says what was found */ }
  const v = verdicts[key];
  const entry = perRule.get(f.code) ?? { tp: 0, fp: 0, open: 0 };
  if (v === 'tp') entry.tp++; else if (v === 'fp') entry.fp++; else entry.open++;
  perRule.set(f.code, entry);
  if (v) console.log(`   verdict: ${v}`);
}
console.log('\nrule | findings | true | false | untriaged | precision');
let tp = 0; let fp = 0;
for (const [code, e] of [...perRule].sort()) {
  tp += e.tp; fp += e.fp;
  const judged = e.tp + e.fp;
  console.log(`${code} | ${e.tp + e.fp + e.open} | ${e.tp} | ${e.fp} | ${e.open} | ${judged ? (e.tp / judged).toFixed(2) : '-'}`);
}
console.log(`all | ${findings.length} | ${tp} | ${fp} | ${findings.length - tp - fp} | ${tp + fp ? (tp / (tp + fp)).toFixed(2) : '-'}`);
