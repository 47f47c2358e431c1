import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parsePython, scanPython } from '../../../src/core/scan';
import { IncrementalScan } from '../../../src/core/scan/incremental';
import { tokenFacts } from '../../../src/core/python/tokenFacts';
import { Tok } from '../../../src/core/python/tokenizer';
import { Names } from '../../../src/core/rules/model/names';
import { unitLines } from '../../../src/core/scan/unitLines';
import { prng } from '../prng';

const dirs = ['test/fixtures/scan', 'bench/corpus'].map((d) => path.join(__dirname, '../../../..', d));
const sources = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).map((f) => readFileSync(path.join(d, f), 'utf8')));


/** A token stream as plain arrays, to compare an incremental stream with a full one. */
function tokensOf(parsed: ReturnType<typeof parsePython>): unknown {
  const ts = parsed.units[0].ts;
  return { count: ts.count, kind: [...ts.kind], start: [...ts.start], end: [...ts.end], match: [...ts.match], indent: [...ts.indent], openAtEnd: ts.openAtEnd };
}

/** A unit's line index (the spliced one after an edit) as its line starts. */
function linesOf(parsed: ReturnType<typeof parsePython>): number[] {
  const lines = unitLines(parsed.units[0]);
  return Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
}

const SNIPPETS = ['x', ' ', '\n', '(', ')', "'", '"""', '#', '\\', 'nn.ReLU()', "activation='relu'", 'import torch.nn as nn\n', 'F.gelu(x)', 'def f(x):\n    return x\n', '.relu()', ':', ','];

/** A random typing edit of `text`: a few characters deleted, a snippet inserted, or both; and the text after it. */
function typingEdit(random: () => number, text: string): { offset: number; deleted: number; inserted: string; next: string } {
  const offset = Math.floor(random() * (text.length + 1));
  const deleted = random() < 0.4 ? Math.min(text.length - offset, Math.floor(random() * 6)) : 0;
  const inserted = random() < 0.8 ? SNIPPETS[Math.floor(random() * SNIPPETS.length)] : '';
  return { offset, deleted, inserted, next: text.slice(0, offset) + inserted + text.slice(offset + deleted) };
}

test('re-analysis after an edit equals a full scan of the edited text', () => {
  const random = prng(42);
  let edits = 0;
  for (const source of sources) {
    const scan = new IncrementalScan(source);
    let text = source;
    for (let i = 0; i < 60; i++) {
      const { offset, deleted, inserted, next } = typingEdit(random, text);
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

/** Applies one replacement both ways; full usages as (name, form, valid) and whether the update stayed incremental. */
function judged(source: string, offset: number, deleted: number, inserted: string): { incremental: unknown; full: unknown; stayed: boolean; region: number } {
  const scan = new IncrementalScan(source);
  const next = source.slice(0, offset) + inserted + source.slice(offset + deleted);
  const brief = (u: { name: string; form: string; valid?: boolean; line: number }) => `${u.line}:${u.name}:${u.form}:${u.valid ?? '-'}`;
  const incremental = scan.update(next, [{ offset, deleted, inserted }]).usages.map(brief);
  return { incremental, full: scanPython(next).usages.map(brief), stayed: scan.lastWasIncremental, region: scan.lastRegionLength };
}

test('a docstring typed into a wrapper\'s body cuts the def short: calls of it elsewhere lose their verdict, as in a full scan', () => {
  // The case the differential test found (a usage `string` one way and unjudged the other), minimised.
  const source = caseSource('wrapper_body.py');
  const { incremental, full } = judged(source, source.indexOf('layers.BatchNormalization') + 2, 0, '"""Module docstring."""\n');
  assert.deepEqual(full, ['20:relu:dynamic:-', '21:relu:dynamic:-']);
  assert.deepEqual(incremental, full);
});

test('a line at column 0 between lines of a wrapper that never name its activation still ends the wrapper', () => {
  const source = caseSource('wrapper_body.py');
  const { incremental, full } = judged(source, source.indexOf('    x = x * 2'), 0, 'pass\n');
  assert.deepEqual(full, ['20:relu:dynamic:-', '21:relu:dynamic:-']);
  assert.deepEqual(incremental, full);
});

test('an edit that leaves a wrapper doing the same stays incremental, and calls keep their verdicts', () => {
  const source = caseSource('wrapper_body.py');
  // The line next to the one passing the activation on: the wrapper is read again and does the same.
  const { incremental, full, stayed } = judged(source, source.indexOf('x + 1') + 4, 1, '2');
  assert.deepEqual(full, ['19:relu:string:true', '20:Relu:string:false']);
  assert.deepEqual(incremental, full);
  assert.equal(stayed, true);
});

test('x = layers.Dense(16)(x) outside any wrapper binds nothing: the edit stays incremental', () => {
  const source = caseSource('wrapper_body.py');
  const { incremental, full, stayed } = judged(source, source.indexOf('Dense(8)') + 6, 1, '16');
  assert.deepEqual(incremental, full);
  assert.equal(stayed, true);
});

test('F = torch.nn.functional typed inside a function binds F though a later top-level line unbinds torch', () => {
  const source = caseSource('rebound_module.py');
  const { incremental, full } = judged(source, source.indexOf('None'), 'None'.length, 'torch.nn.functional');
  assert.deepEqual(full, ['7:relu:function:-']);
  assert.deepEqual(incremental, full);
});

/** Edits people make to real files: header comments, aliases rebound in try:, layers and activations changed. */
const REAL_EDITS = [
  '# ', '#', '\n', '\n\n', '"""Module docstring."""\n', '# Copyright 2024\n', 'try:\n    F = None\nexcept ImportError:\n    pass\n',
  'F = None', 'F = torch.nn.functional', '    F = torch.nn.functional\n', 'nn = None\n', 'import torch.nn.functional as F\n',
  "activation='softmax'", 'nn.Sigmoid()', 'F.relu(x)', 'torch.sigmoid(out)', '0.2', 'x = F.gelu(x)\n', ', ', 'lambda x: x\n',
  'class Net(nn.Module):\n    def forward(self, x):\n        return F.silu(x)\n', '    ', '\t', '\r\n', '(', ']', "'''", '\\\n',
];

test('differential: incremental equals full (usages, notes, tokens and line starts) over random edits of real-looking files', () => {
  const random = prng(20261129);
  const more = ['test/fixtures/rules', 'test/fixtures/workspace', 'test/demo'].map((d) => path.join(__dirname, '../../../..', d));
  const files = [...sources, ...readdirSync(caseDir).filter((f) => f.endsWith('.py')).map(caseSource),
    ...more.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).map((f) => readFileSync(path.join(d, f), 'utf8')))];
  let edits = 0;
  let incremental = 0;
  let failures = 0;
  for (const source of files) {
    let scan = new IncrementalScan(source);
    let text = source;
    for (let i = 0; i < 80; i++) {
      // Every tenth edit starts again from the file as written, so broken brackets do not pile up.
      if (i % 10 === 0) { scan = new IncrementalScan(source); text = source; }
      // Half the edits land in the first lines, where headers and imports are.
      const span = random() < 0.5 ? Math.min(text.length, 400) : text.length;
      const offset = Math.floor(random() * (span + 1));
      const deleted = random() < 0.5 ? Math.min(text.length - offset, Math.floor(random() * 12)) : 0;
      const inserted = random() < 0.85 ? REAL_EDITS[Math.floor(random() * REAL_EDITS.length)] : '';
      const next = text.slice(0, offset) + inserted + text.slice(offset + deleted);
      const got = scan.update(next, [{ offset, deleted, inserted }]);
      if (scan.lastWasIncremental) incremental++;
      const full = parsePython(next);
      const same = JSON.stringify(got.usages) === JSON.stringify(full.units[0].usages)
        && JSON.stringify(got.notes) === JSON.stringify(full.units[0].notes)
        && JSON.stringify(tokensOf(scan.parsed)) === JSON.stringify(tokensOf(full))
        && JSON.stringify(linesOf(scan.parsed)) === JSON.stringify(linesOf(full));
      if (!same) {
        failures++;
        assert.deepEqual({ usages: got.usages, tokens: tokensOf(scan.parsed), lines: linesOf(scan.parsed) }, { usages: full.units[0].usages, tokens: tokensOf(full), lines: linesOf(full) }, `edit ${i} at ${offset} (-${deleted} +${JSON.stringify(inserted)})`);
      }
      text = next;
      edits++;
    }
  }
  console.log(`incremental differential: ${files.length} files, ${edits} edits (${incremental} took the incremental path), ${failures} failures`);
  assert.equal(failures, 0);
  assert.ok(edits >= 1000 && incremental >= 200, `${incremental} of ${edits} edits took the incremental path`);
});

test('a width typed over in a top-level x = layers.Dense(...)(x) stays incremental; rebinding a top-level alias does not', () => {
  const source = 'from tensorflow.keras import layers\nimport torch\nF = None\n\nx = layers.Dense(32, activation="relu")(inputs)\ny = F.relu(x)\n';
  const scan = new IncrementalScan(source);
  const at = source.indexOf('32');
  const widened = source.slice(0, at) + '64' + source.slice(at + 2);
  assert.deepEqual(scan.update(widened, [{ offset: at, deleted: 2, inserted: '64' }]).usages, scanPython(widened).usages);
  assert.equal(scan.lastWasIncremental, true);
  const none = widened.indexOf('None');
  const aliased = widened.slice(0, none) + 'torch.nn.functional' + widened.slice(none + 4);
  const usages = scan.update(aliased, [{ offset: none, deleted: 4, inserted: 'torch.nn.functional' }]).usages;
  assert.equal(scan.lastWasIncremental, false);
  assert.deepEqual(usages, scanPython(aliased).usages);
  assert.deepEqual(usages.map((u) => u.name), ['relu', 'relu']);
});

test('files whose lines end in lone CRs or a mix of line ends stay incremental and equal to a full scan', () => {
  for (const eol of ['\r', '\r\n', '\n']) {
    const lines = ['import torch.nn as nn', 'import torch.nn.functional as F', '', 'def f(x):', '    y = F.relu(x)', '    z = F.gelu(y)', '    return nn.Tanh()(z)', ''];
    const source = lines.join(eol).replace('F.gelu(y)', `F.gelu(y)${eol === '\r' ? '\r\n' : '\r'}    w = F.silu(z)`);
    const at = source.indexOf('gelu');
    const { incremental, full, stayed, region } = judged(source, at, 'gelu'.length, 'elu');
    const name = eol === '\r' ? 'CR' : eol === '\n' ? 'LF' : 'CRLF';
    assert.deepEqual(incremental, full);
    assert.ok((full as string[]).includes('5:elu:function:-'), `${name}: ${String(full)}`);
    assert.equal(stayed, true);
    // The edited statement and one on each side, not the whole file.
    assert.ok(region < source.length / 2, `${name}: ${region} of ${source.length} characters tokenized again`);
  }
});

test('the line index after an edit is spliced, and equals a new index of the text, for every kind of line end', () => {
  for (const eol of ['\r', '\r\n', '\n']) {
    const source = ['import torch.nn.functional as F', '', 'def f(x):', '    y = F.relu(x)', '    z = F.gelu(y)', '    return z', ''].join(eol);
    for (const inserted of ['', 'w = 1', `${eol}    w = 1`, '\r', '\n', '\r\n']) {
      const scan = new IncrementalScan(source);
      const at = source.indexOf('z = F');
      const next = source.slice(0, at) + inserted + source.slice(at + 1);
      scan.update(next, [{ offset: at, deleted: 1, inserted }]);
      assert.deepEqual(linesOf(scan.parsed), linesOf(parsePython(next)), `${JSON.stringify(eol)} +${JSON.stringify(inserted)}`);
    }
  }
});

/** Star imports: any capitalised name may resolve through them, so the facts are judged against their modules too. */
const STAR_SOURCE = `from torch.nn import *
from tensorflow.keras.layers import *
import torch.nn.functional as F

class Net(Module):
    def __init__(self):
        super().__init__()
        self.body = Sequential(Linear(8, 8), ReLU(), Linear(8, 2), Softmax(dim=1))

    def forward(self, x):
        return F.gelu(self.body(x))

head = Dense(4, activation='relu')
act = LeakyReLU(0.2)
`;

test('name verdicts, spans, texts and resolutions carried by an edit are those a fresh judgment of the new text gives; the edited region is judged again', () => {
  const random = prng(7);
  let carried = 0;
  let resolved = 0;
  let edits = 0;
  let underStar = 0;
  for (const source of [...sources, STAR_SOURCE]) {
    const scan = new IncrementalScan(source);
    let text = source;
    for (let i = 0; i < 30; i++) {
      // Judge every name of the current version, as the model reader does, so each edit has verdicts to carry.
      const before = scan.parsed;
      const judge = new Names(before.units[0].ts, before.scope);
      for (let t = 0; t < before.units[0].ts.count; t++) {
        if (before.units[0].ts.kind[t] !== Tok.Name) continue;
        judge.mayQualify(t);
        judge.qualifiedAt(t);
        judge.dottedAt(t);
      }
      const { offset, deleted, inserted, next } = typingEdit(random, text);
      text = next;
      scan.update(text, [{ offset, deleted, inserted }]);
      const after = scan.parsed;
      const ts = after.units[0].ts;
      const tables = [after.scope.aliases, after.scope.locals, after.scope.starModules];
      const facts = tokenFacts(ts, tables);
      assert.ok(facts, 'a document kept current keeps its names\' facts');
      const marks = facts.marks;
      const fresh = parsePython(text);
      const truth = new Names(fresh.units[0].ts, fresh.scope);
      // A text parsed once (no later version to carry them to) records none.
      assert.equal(tokenFacts(fresh.units[0].ts, [fresh.scope.aliases, fresh.scope.locals, fresh.scope.starModules]), undefined);
      for (let t = 0; t < ts.count; t++) {
        if (marks[t]) {
          carried++;
          assert.equal(marks[t] === 1, truth.mayQualify(t), `edit ${i} at ${offset}: token ${t} '${ts.text.slice(ts.start[t], ts.end[t])}'`);
        }
        if (facts.resolved[t]) {
          resolved++;
          if (after.scope.starModules.length) underStar++;
          assert.equal(facts.values[facts.resolved[t]], truth.qualifiedAt(t), `edit ${i} at ${offset}: the name at token ${t}`);
        }
        if (facts.span[t]) {
          const name = truth.dottedAt(t)!;
          assert.equal(t + facts.span[t], name.next, `edit ${i} at ${offset}: the span of the name at token ${t}`);
          assert.equal(facts.values[facts.text[t]], name.text, `edit ${i} at ${offset}: the text of the name at token ${t}`);
        }
      }
      if (scan.lastWasIncremental) {
        // The region's tokens are new: none of them carries a verdict.
        const first = ts.start.findIndex((s) => s >= offset);
        if (first >= 0 && ts.kind[first] === Tok.Name) {
          assert.equal(marks[first], 0, `edit ${i}: the edited token was judged before it was read`);
          assert.equal(facts.resolved[first] + facts.span[first], 0, `edit ${i}: the edited token was read before it was read again`);
        }
        edits++;
      }
    }
  }
  assert.ok(edits > 100 && carried > 10_000 && resolved > 10_000 && underStar > 20, `${edits} incremental edits, ${carried} verdicts and ${resolved} resolutions carried (${underStar} under a star import)`);
});
