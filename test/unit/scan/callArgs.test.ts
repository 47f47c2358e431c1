// Call arguments (python/callArgs.ts, read by the scanner and the model reader alike), and the layer widths the
// module reader reads from them in place, against a plain reference written from the definition: on real files,
// and on broken code whose brackets do not balance.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { callArgs, callClose, firstArgument, topLevelParts, type CallArg } from '../../../src/core/python/callArgs';
import { Tok, tokenIs, tokenText, tokenize, type TokenStream } from '../../../src/core/python/tokenizer';
import { literalValue } from '../../../src/core/python/literal';
import { argument, layerKind, torchUnits, type LayerClass } from '../../../src/core/rules/model/layers';
import { prng } from '../prng';

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? pythonFiles(p) : f.endsWith('.py') ? [p] : [];
  });
}

/**
 * The definition, one token at a time: a part ends at a comma outside nested brackets or at the close; a nested
 * bracket that runs past the close (broken code) ends the list without its last part; empty parts are left out.
 */
function reference(ts: TokenStream, open: number): CallArg[] {
  const close = callClose(ts, open);
  const parts: { from: number; to: number }[] = [];
  let from = open + 1;
  for (let t = open + 1; t <= close; t++) {
    if (t < close && ts.kind[t] === Tok.Open && ts.match[t] > t) {
      t = ts.match[t];
      if (t >= close) return parts.map((p) => argOf(ts, p.from, p.to));
      continue;
    }
    if (t === close || (ts.kind[t] === Tok.Op && tokenIs(ts, t, ','))) {
      if (t > from) parts.push({ from, to: t });
      from = t + 1;
    }
  }
  return parts.map((p) => argOf(ts, p.from, p.to));
}

function argOf(ts: TokenStream, from: number, to: number): CallArg {
  if (to - from >= 3 && ts.kind[from] === Tok.Name && tokenIs(ts, from + 1, '=')) return { keyword: tokenText(ts, from), from: from + 2, to };
  if (tokenIs(ts, from, '*') || tokenIs(ts, from, '**')) return { from: from + 1, to, star: true };
  return { from, to };
}

/** PyTorch layer classes whose width the module reader reads in place (`torchUnits`), and where its argument sits. */
const WIDTHS: readonly { kind: LayerClass; keyword: string; position: number }[] = [
  ['torch.nn.Linear', 'out_features', 1], ['torch.nn.LazyLinear', 'out_features', 0],
  ['torch.nn.Conv2d', 'out_channels', 1], ['torch.nn.LazyConv1d', 'out_channels', 0],
].map(([name, keyword, position]) => ({ kind: layerKind(name as string)!, keyword: keyword as string, position: position as number }));

/** A layer's literal width from the reference arguments: the argument `argument` picks, when it is a number. */
function referenceWidth(ts: TokenStream, args: readonly CallArg[], keyword: string, position: number): number | undefined {
  const found = argument(args, keyword, position);
  const v = found && literalValue(ts, found.arg.from, found.arg.to);
  return typeof v === 'number' ? v : undefined;
}

/** An argument's own keys and values as a plain object (undefined stays undefined). */
function plain<T extends object | undefined>(value: T): T {
  return value === undefined ? value : (Object.fromEntries(Object.entries(value)) as T);
}

/** Compares the readers with the reference at every opening bracket of the text; returns how many calls were compared. */
function compareAll(ts: TokenStream): number {
  let compared = 0;
  for (let t = 0; t < ts.count; t++) {
    if (ts.kind[t] !== Tok.Open) continue;
    const expected = reference(ts, t);
    // Compared as plain objects (the readers make class instances): the same keys and values.
    assert.deepEqual(callArgs(ts, t).map(plain), expected, `arguments at ${ts.start[t]} of ${JSON.stringify(ts.text.slice(ts.start[t], ts.start[t] + 40))}`);
    assert.deepEqual(plain(firstArgument(ts, t)), expected[0]);
    assert.deepEqual(topLevelParts(ts, t + 1, callClose(ts, t)).map((p) => ({ from: p.from, to: p.to })), expected.map((a) => ({ from: a.from - (a.keyword ? 2 : a.star ? 1 : 0), to: a.to })));
    for (const w of WIDTHS) assert.equal(torchUnits(w.kind, ts, t), referenceWidth(ts, expected, w.keyword, w.position), `${w.kind.last} width at ${ts.start[t]}`);
    compared++;
  }
  return compared;
}

describe('call arguments', () => {
  it('match the definition on every call of the fixture and corpus files', () => {
    const root = path.resolve(__dirname, '../../../..');
    let compared = 0;
    for (const file of [...pythonFiles(path.join(root, 'test/fixtures')), ...pythonFiles(path.join(root, 'bench/corpus'))]) {
      compared += compareAll(tokenize(readFileSync(file, 'utf8')));
    }
    assert.ok(compared > 1000, `only ${compared} calls compared`);
  });

  it('match the definition on broken code (unbalanced brackets, empty parts, stars and keywords)', () => {
    const pieces = ['f', '(', ')', '[', ']', '{', '}', ',', ',', 'x', '=', '1', '*', '**', 'a.b', ' ', '\n', 'k=', "'s'", ':', 'out_features=', 'out_channels=', '64', '2.5', '-'];
    const random = prng(11);
    for (let n = 0; n < 2000; n++) {
      let text = 'f(';
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      compareAll(tokenize(text));
    }
  });
});
