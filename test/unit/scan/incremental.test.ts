import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { scanPython } from '../../../src/core/scan';
import { IncrementalScan } from '../../../src/core/scan/incremental';

const dirs = ['test/fixtures/scan', 'bench/corpus'].map((d) => path.join(__dirname, '../../../..', d));
const sources = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).map((f) => readFileSync(path.join(d, f), 'utf8')));

/** A small deterministic PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['x', ' ', '\n', '(', ')', "'", '"""', '#', '\\', 'nn.ReLU()', "activation='relu'", 'import torch.nn as nn\n', 'F.gelu(x)', 'def f(x):\n    return x\n', '.relu()', ':', ','];

test('re-analysis after an edit equals a full scan of the edited text', () => {
  const random = prng(42);
  let edits = 0;
  for (const source of sources) {
    const scan = new IncrementalScan(source);
    let text = source;
    for (let i = 0; i < 60; i++) {
      const offset = Math.floor(random() * (text.length + 1));
      const deleted = random() < 0.4 ? Math.min(text.length - offset, Math.floor(random() * 6)) : 0;
      const inserted = random() < 0.8 ? SNIPPETS[Math.floor(random() * SNIPPETS.length)] : '';
      const next = text.slice(0, offset) + inserted + text.slice(offset + deleted);
      const got = scan.update(next, [{ offset, deleted, inserted }]).usages;
      assert.deepEqual(got, scanPython(next).usages, `after edit ${i} at ${offset} (-${deleted} +${JSON.stringify(inserted)})`);
      text = next;
      edits++;
    }
  }
  assert.ok(edits > 100);
});

test('typing inside a function body keeps usages before the edit and shifts those after it', () => {
  const source = 'import torch.nn as nn\nimport torch.nn.functional as F\n\ndef f(x):\n    y = F.relu(x)\n    return y\n\nact = nn.GELU()\n';
  const scan = new IncrementalScan(source);
  const offset = source.indexOf('return y');
  const inserted = 'z = F.silu(y)\n    ';
  const next = source.slice(0, offset) + inserted + source.slice(offset);
  const usages = scan.update(next, [{ offset, deleted: 0, inserted }]).usages;
  assert.deepEqual(usages.map((u) => [u.name, u.line]), [['relu', 4], ['silu', 5], ['gelu', 8]]);
});

test('an edit that makes the text binary gives the same empty result as a full scan', () => {
  const source = 'import torch\ny = x.relu()\n';
  const scan = new IncrementalScan(source);
  const next = source.replace('relu', 're\0lu');
  const offset = source.indexOf('lu');
  assert.deepEqual(scan.update(next, [{ offset, deleted: 0, inserted: '\0' }]), scanPython(next));
});

const caseDir = path.join(__dirname, '../../../..', 'test/fixtures/incremental');
const caseSource = (name: string): string => readFileSync(path.join(caseDir, name), 'utf8');

/** Applies one replacement to `source` both ways and returns [incremental, full] usages as (name, line, col). */
function bothWays(source: string, offset: number, deleted: number, inserted: string): [unknown, unknown] {
  const scan = new IncrementalScan(source);
  const next = source.slice(0, offset) + inserted + source.slice(offset + deleted);
  const brief = (u: { name: string; line: number; col: number }) => [u.name, u.line, u.col];
  return [scan.update(next, [{ offset, deleted, inserted }]).usages.map(brief), scanPython(next).usages.map(brief)];
}

test('deleting a character of a leading comment keeps every usage (edit above the first statement)', () => {
  const source = caseSource('header_comment.py');
  const [incremental, full] = bothWays(source, source.indexOf('Copyright') + 2, 1, '');
  assert.deepEqual(incremental, full);
  assert.deepEqual(full, [['relu', 7, 11], ['gelu', 10, 6]]);
});

test('a new line in a header comment moves relu down a line (edit above the first statement)', () => {
  const source = caseSource('header_comment.py');
  const [incremental, full] = bothWays(source, source.indexOf('\n') + 1, 0, '#\n# Licensed under the MIT licence.\n');
  assert.deepEqual(incremental, full);
  assert.deepEqual(full, [['relu', 9, 11], ['gelu', 12, 6]]);
});

test('deleting a character of the header comment keeps the usages of the first statement', () => {
  const source = caseSource('header_usage.py');
  const [incremental, full] = bothWays(source, source.indexOf('activations'), 1, '');
  assert.deepEqual(full, [['sigmoid', 2, 6], ['tanh', 2, 37], ['relu', 3, 6]]);
  assert.deepEqual(incremental, full);
});

test('a new header line moves the first statement\'s usages down a line', () => {
  const source = caseSource('header_usage.py');
  const [incremental, full] = bothWays(source, source.indexOf('# Run'), 0, '# Licensed under the MIT licence.\n');
  assert.deepEqual(full, [['sigmoid', 3, 6], ['tanh', 3, 37], ['relu', 4, 6]]);
  assert.deepEqual(incremental, full);
});

test('turning a comment header into a docstring above the first statement equals a full scan', () => {
  const source = caseSource('header_comment.py');
  const [incremental, full] = bothWays(source, 0, 0, '"""Heads."""\n');
  assert.deepEqual(incremental, full);
});

test('F = None changed to F = torch.nn.functional inside try: finds the later F.relu(x)', () => {
  const source = caseSource('try_alias.py');
  const at = source.indexOf('None');
  const [incremental, full] = bothWays(source, at, 'None'.length, 'torch.nn.functional');
  assert.deepEqual(full, [['relu', 9, 11]]);
  assert.deepEqual(incremental, full);
});

test('F = torch.nn.functional changed back to F = None inside try: drops F.relu(x)', () => {
  const source = caseSource('try_alias.py').replace('F = None', 'F = torch.nn.functional');
  const at = source.indexOf('torch.nn.functional');
  const [incremental, full] = bothWays(source, at, 'torch.nn.functional'.length, 'None');
  assert.deepEqual(incremental, full);
});
