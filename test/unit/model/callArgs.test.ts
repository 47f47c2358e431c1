// The structure reader's own argument lists (rules/model/args.ts) must read every call exactly as the scanner's
// callArgs does: on real files, and on broken code whose brackets do not balance.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { callArgs as scannerArgs } from '../../../src/core/python/callArgs';
import { Tok, tokenize, type TokenStream } from '../../../src/core/python/tokenizer';
import { callArgs, firstArgument } from '../../../src/core/rules/model/args';
import { prng } from '../prng';

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? pythonFiles(p) : f.endsWith('.py') ? [p] : [];
  });
}

/** Compares both readers at every opening bracket of the text; returns how many calls were compared. */
function compareAll(ts: TokenStream): number {
  let compared = 0;
  for (let t = 0; t < ts.count; t++) {
    if (ts.kind[t] !== Tok.Open) continue;
    const expected = scannerArgs(ts, t);
    assert.deepEqual(callArgs(ts, t), expected, `arguments at ${ts.start[t]} of ${JSON.stringify(ts.text.slice(ts.start[t], ts.start[t] + 40))}`);
    assert.deepEqual(firstArgument(ts, t), expected[0]);
    compared++;
  }
  return compared;
}

describe('structure reader call arguments', () => {
  it('match the scanner on every call of the fixture and corpus files', () => {
    const root = path.resolve(__dirname, '../../../..');
    let compared = 0;
    for (const file of [...pythonFiles(path.join(root, 'test/fixtures')), ...pythonFiles(path.join(root, 'bench/corpus'))]) {
      compared += compareAll(tokenize(readFileSync(file, 'utf8')));
    }
    assert.ok(compared > 1000, `only ${compared} calls compared`);
  });

  it('match the scanner on broken code (unbalanced brackets, empty parts, stars and keywords)', () => {
    const pieces = ['f', '(', ')', '[', ']', '{', '}', ',', ',', 'x', '=', '1', '*', '**', 'a.b', ' ', '\n', 'k=', "'s'", ':'];
    const random = prng(11);
    for (let n = 0; n < 2000; n++) {
      let text = 'f(';
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      compareAll(tokenize(text));
    }
  });
});
