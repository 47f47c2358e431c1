// A document's next version is read on from the model reader's state where the last edit began (resume.ts): the
// model read that way is exactly the model read from scratch, shared objects and token streams included.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzePython, DEFAULT_ANALYSIS_OPTIONS, PythonDocument, type Analysis } from '../../../src/core/analysis';
import type { TokenStream } from '../../../src/core/python/tokenizer';
import { parsePython, type ParsedSource } from '../../../src/core/scan';
import { readModel } from '../../../src/core/rules/model';
import { prng } from '../prng';
import { modelFile } from '../modelFile';

const root = path.join(__dirname, '../../../..');
const dirs = ['test/fixtures/rules', 'bench/corpus', 'test/fixtures/incremental'].map((d) => path.join(root, d));
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).sort().map((f) => ({ name: f, text: readFileSync(path.join(d, f), 'utf8') })));

/**
 * The model as plain data: every object once, in the order first met, and `#n` for each later meeting, so layers and
 * sequences shared in one model must be shared in the other. Getters of class instances (a layer's arguments, a
 * placement's kind and indent) are read; caches are not (a layer's argument list, a name memo: filled when asked). A token
 * stream must be the parse's own and is written as `ts`.
 */
function plain(info: unknown, parsed: ParsedSource): string {
  const seen = new Map<object, number>();
  const streams = new Set<TokenStream>(parsed.units.map((u) => u.ts));
  const units = new Map<object, number>(parsed.units.map((u, i) => [u, i]));
  const usages = new Map<object, string>(parsed.units.flatMap((u, i) => u.usages.map((x, k) => [x, `usage ${i}:${k}`] as const)));
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
    if ('kind' in v && 'start' in v && 'match' in v && 'count' in v) {
      assert.ok(streams.has(v as TokenStream), 'a layer or placement reads a token stream that is not its parse\'s');
      return 'ts';
    }
    // The parse's own parts are named, not written out (their caches fill as questions are asked).
    if (v === parsed.scope) return 'scope';
    if (units.has(v)) return `unit ${units.get(v)}`;
    if ('form' in v && 'framework' in v && 'written' in v) {
      assert.ok(usages.has(v), 'a layer holds a usage that is not its parse\'s');
      return usages.get(v);
    }
    const id = seen.get(v);
    if (id !== undefined) return `#${id}`;
    seen.set(v, seen.size);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Map) return { map: [...v].map(([k, x]) => [walk(k), walk(x)]) };
    if (v instanceof Set) return { set: [...v].map(walk) };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (k !== 'argList' && k !== 'memo') out[k] = walk((v as Record<string, unknown>)[k]);
    for (let proto = Object.getPrototypeOf(v); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const k of Object.getOwnPropertyNames(proto)) {
        if (Object.getOwnPropertyDescriptor(proto, k)?.get && !(k in out)) out[k] = walk((v as Record<string, unknown>)[k]);
      }
    }
    return out;
  };
  return JSON.stringify(walk(info));
}

const model = (parsed: ParsedSource): string => {
  const info = readModel(parsed);
  return plain(info, parsed);
};

/** Typed text: widths, activations, losses, lines, and statements that bind what later statements read. */
const TYPED = ['1', '64', '0', "'softmax'", "activation='sigmoid'", ', ', '\n', '# ', '(', ')', "loss='mae'", 'nn.Sigmoid()', 'nn.BCELoss()',
  'model = keras.Sequential([layers.Dense(1)])\n', 'x = layers.Dense(8)(x)\n', 'model.add(layers.Dense(2, activation="softmax"))\n',
  'criterion = nn.CrossEntropyLoss()\n', 'layers = []\n', 'for _ in range(3):\n    blocks.append(nn.Linear(4, 4))\n', 'outputs = model(x)\n'];

test('a document read on from its last edit gives the model read from scratch, every edit, near and far', () => {
  const random = prng(20261130);
  let edits = 0;
  let resumed = 0;
  for (const file of [...files, { name: 'long.py', text: modelFile(root, 3_000) }]) {
    const doc = new PythonDocument(file.text, DEFAULT_ANALYSIS_OPTIONS);
    let text = file.text;
    let at = 0;
    for (let i = 0; i < 30; i++) {
      // Mostly typing where the last edit was; now and then somewhere else (before or after it).
      if (i % 6 === 0) at = Math.floor(random() * (text.length + 1));
      else at = Math.min(text.length, Math.max(0, at + Math.floor(random() * 40) - 10));
      const deleted = random() < 0.4 ? Math.min(text.length - at, Math.floor(random() * 6)) : 0;
      const inserted = random() < 0.85 ? TYPED[Math.floor(random() * TYPED.length)] : '';
      text = text.slice(0, at) + inserted + text.slice(at + deleted);
      const analysis = doc.edit(text, [{ offset: at, deleted, inserted }]);
      // Every few edits are not read: the next read resumes after several edits.
      if (i % 4 === 3) continue;
      void analysis.findings;
      if (doc.modelReadFrom > 0) resumed++;
      const got = model(analysis.parsed);
      const fresh = parsePython(text);
      assert.equal(got, model(fresh), `${file.name}: edit ${i} at ${at} (-${deleted} +${JSON.stringify(inserted)})`);
      assert.equal(JSON.stringify(analysis.graph), JSON.stringify(analyzePython(text, DEFAULT_ANALYSIS_OPTIONS).graph), `${file.name}: graph after edit ${i}`);
      edits++;
    }
  }
  console.log(`model resume differential: ${files.length + 1} files, ${edits} edits read, ${resumed} read on from a checkpoint`);
  // Many typed edits leave a bracket or a string open, or reach the file's first statements: those read it all;
  // and a checkpoint is kept at the second edit in a place.
  assert.ok(resumed >= edits / 8, `${resumed} of ${edits} reads resumed`);
});

test('a version read after later edits is read in full, and equals a fresh read', () => {
  const text = modelFile(root, 3_000);
  const at = text.indexOf('Dense(', text.length >> 1) + 'Dense('.length;
  const doc = new PythonDocument(text, DEFAULT_ANALYSIS_OPTIONS);
  let current = text;
  const edit = (digit: string): Analysis => {
    current = current.slice(0, at) + digit + current.slice(at + 1);
    return doc.edit(current, [{ offset: at, deleted: 1, inserted: digit }]);
  };
  // The second edit at one place keeps a checkpoint; the third reads on from it.
  void edit('0').findings;
  void edit('1').findings;
  const older = edit('2');
  const olderText = current;
  void edit('3').findings;
  assert.ok(doc.modelReadFrom > 0, 'the newest version resumed');
  void older.findings;
  assert.equal(doc.modelReadFrom, 0, 'an older version is read in full');
  assert.equal(model(older.parsed), model(parsePython(olderText)));
  assert.equal(JSON.stringify(older.findings), JSON.stringify(analyzePython(olderText, DEFAULT_ANALYSIS_OPTIONS).findings));
  // Typing where the last edit was goes on from the same checkpoint, close before the edit.
  void edit('4').findings;
  const from = doc.modelReadFrom;
  const ts = doc.analysis.parsed.units[0].ts;
  assert.ok(from > 0 && ts.start[from] <= at && at - ts.start[from] < 2_000, `read on from offset ${ts.start[from]}, the edit at ${at}`);
});

test('a lone edit keeps nothing; an edit before the checkpoint, or one that adds an import, reads the whole file again', () => {
  const text = modelFile(root, 3_000);
  const at = text.indexOf('Dense(', text.length >> 1) + 'Dense('.length;
  const doc = new PythonDocument(text, DEFAULT_ANALYSIS_OPTIONS);
  let current = text;
  const replace = (offset: number, deleted: number, inserted: string): ParsedSource => {
    current = current.slice(0, offset) + inserted + current.slice(offset + deleted);
    const analysis = doc.edit(current, [{ offset, deleted, inserted }]);
    void analysis.findings;
    return analysis.parsed;
  };
  replace(at, 1, '5');
  assert.equal(doc.modelReadFrom, 0, 'a lone edit keeps nothing');
  replace(at, 1, '6');
  assert.equal(doc.modelReadFrom, 0, 'the second edit at the place keeps a checkpoint');
  replace(at, 1, '7');
  assert.ok(doc.modelReadFrom > 0, 'the third reads on from it');
  // Near the top: the checkpoint in the middle is past it.
  const early = current.indexOf('Dense(') + 'Dense('.length;
  const top = replace(early, 0, '1');
  assert.equal(doc.modelReadFrom, 0);
  assert.equal(model(top), model(parsePython(current)));
  // Typing there goes on from a checkpoint before it.
  replace(early, 1, '2');
  replace(early, 1, '3');
  assert.ok(doc.modelReadFrom > 0 && doc.analysis.parsed.units[0].ts.start[doc.modelReadFrom] <= early);
  // An import: the scan reads the file again, and so does the model reader.
  const imports = replace(0, 0, 'import torch.nn as nn\n');
  assert.equal(doc.modelReadFrom, 0);
  assert.equal(model(imports), model(parsePython(current)));
});

test('call sites are taken from the version before and re-read around the edit: findings equal a fresh check', () => {
  const text = readFileSync(path.join(root, 'test/fixtures/rules/torch_params_bad.py'), 'utf8');
  const random = prng(7);
  const doc = new PythonDocument(text, DEFAULT_ANALYSIS_OPTIONS);
  void doc.analysis.findings;
  let current = text;
  const typed = ['x', '1', ' ', '\n', 'loss_fn', 'fit(', ')', 'criterion(out, y)\n', '    loss = loss_fn(net(x), y)\n'];
  let compared = 0;
  for (let i = 0; i < 120; i++) {
    // Two edits in three type over a digit (a width, an index), with a digit or with `1, 2` (two more tokens, so the
    // call sites after the edit move): the statements stay; the third edit is anything.
    const digits = [...current.matchAll(/\d/g)];
    const typing = i % 3 !== 2 && digits.length > 0;
    const at = typing ? digits[Math.floor(random() * digits.length)].index! : Math.floor(random() * (current.length + 1));
    const deleted = typing ? 1 : random() < 0.3 ? Math.min(current.length - at, 1 + Math.floor(random() * 3)) : 0;
    const inserted = typing ? (random() < 0.5 ? String(Math.floor(random() * 10)) : '1, 2') : typed[Math.floor(random() * typed.length)];
    current = current.slice(0, at) + inserted + current.slice(at + deleted);
    const got = doc.edit(current, [{ offset: at, deleted, inserted }]).findings;
    assert.equal(JSON.stringify(got), JSON.stringify(analyzePython(current, DEFAULT_ANALYSIS_OPTIONS).findings), `edit ${i} at ${at} (-${deleted} +${JSON.stringify(inserted)})`);
    compared++;
  }
  assert.equal(compared, 120);
  // An edit the scan cannot splice (a bracket left open) reads everything: typing after it is full scans until it closes.
  assert.ok(doc.splicedCallSites >= 30, `${doc.splicedCallSites} of 120 versions spliced their call sites`);
});
