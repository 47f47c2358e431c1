/**
 * Writes, as JSON, what the scanner finds in the files named on stdin (one path a line), and the catalog's API
 * names, for `reference.py` to compare with its CPython-`ast` reference. Built and run by `detection.mjs`.
 */
import { readFileSync } from 'node:fs';
import { allQualifiedNames, lookupApi } from '../../src/core/catalog/apiNames';
import { readNotebook, scanNotebook, scanPython } from '../../src/core/scan';

const files = readFileSync(0, 'utf8').split('\n').filter(Boolean);
const api: Record<string, [string, string]> = {};
for (const q of allQualifiedNames()) {
  const info = lookupApi(q);
  if (info && info.kind !== 'method') api[q] = [info.name, info.kind];
}
const out: Record<string, unknown[]> = {};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const notebook = file.endsWith('.ipynb');
  const result = notebook ? scanNotebook(text) : scanPython(text);
  // Cell texts as the scanner saw them (magics blanked), so the reference parses exactly the same code.
  const cells = notebook ? readNotebook(text).cells.map((c) => ({ index: c.index, text: c.text })) : undefined;
  out[file] = [cells, result.usages.map((u) => ({ cell: u.cell ?? null, line: u.line, col: u.col, form: u.form, name: u.name, framework: u.framework, valid: u.valid ?? null }))];
}
process.stdout.write(JSON.stringify({ api, files: out }));
