// The memo the signal predictions share by model structure: equal structures share a value, other ones (even with
// the same call text) do not, and it stays within its bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { StructureMemo } from '../../../src/core/model';
import { readModel } from '../../../src/core/rules/model';
import { parsePython, type ParsedSource } from '../../../src/core/scan';

const CODE = `import torch.nn as nn
a = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
b = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
c = nn.Sequential(nn.Linear(4, 8), nn.Tanh())
d = nn.Sequential(nn.Linear(4, 16), nn.Tanh())
`;

function sequences(code: string): { parsed: ParsedSource; seqs: ReturnType<typeof readModel>['sequences'] } {
  const parsed = parsePython(code);
  return { parsed, seqs: readModel(parsed).sequences.filter((s) => s.layers.length > 0) };
}

describe('StructureMemo', () => {
  it('shares a value between models written alike, and only between them', () => {
    const { parsed, seqs } = sequences(CODE);
    assert.equal(seqs.length, 4);
    const memo = new StructureMemo<string>(100);
    const made: string[] = [];
    const values = seqs.map((s) => memo.get(parsed, s, () => { made.push(s.name ?? ''); return s.name ?? ''; }));
    assert.deepEqual(values, ['a', 'a', 'c', 'd']);
    assert.deepEqual(made, ['a', 'c', 'd']);
  });

  it('forgets the oldest structures past its entry and character bounds', () => {
    const { parsed, seqs } = sequences(CODE);
    let calls = 0;
    const make = (): number => ++calls;
    const two = new StructureMemo<number>(2);
    for (const i of [0, 2, 3, 0]) two.get(parsed, seqs[i], make);
    assert.equal(calls, 4, 'a was forgotten when d came in');
    calls = 0;
    // 20 models written in 25 characters each; room for 16 of them.
    const many = sequences(`import torch.nn as nn\n${Array.from({ length: 20 }, (_, i) => `m${i} = nn.Sequential(nn.Linear(4, ${10 + i}), nn.ReLU())\n`).join('')}`);
    const narrow = new StructureMemo<number>(100, 16 * 26);
    for (const s of many.seqs) narrow.get(many.parsed, s, make);
    narrow.get(many.parsed, many.seqs[19], make);
    assert.equal(calls, 20, 'the newest is kept');
    narrow.get(many.parsed, many.seqs[0], make);
    assert.equal(calls, 21, 'the oldest was forgotten for the characters of the others');
    calls = 0;
    const tiny = new StructureMemo<number>(100, 16);
    for (const i of [0, 0]) tiny.get(parsed, seqs[i], make);
    assert.equal(calls, 2, 'a key longer than a sixteenth of the budget is never stored');
  });
});

describe('StructureMemo and the texts it was given', () => {
  it('keeps no source text alive once the parse is gone (its entries hold copies, not slices of the source)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const memo = new StructureMemo<{ note: string }>(100);
    const remember = (): void => {
      // A text of about 24 MB whose one model is near the start: a slice of it keeps all of it alive in V8.
      const { parsed, seqs } = sequences(CODE + `# ${'x'.repeat(60)}\n`.repeat(400_000));
      const seq = seqs[0];
      const call = parsed.units[0].text.slice(seq.layers[0].start, seq.layers[0].end);
      memo.get(parsed, seq, () => ({ note: `made from ${call}` }));
    };
    gc();
    const before = process.memoryUsage().heapUsed;
    remember();
    gc();
    gc();
    const after = process.memoryUsage().heapUsed;
    assert.ok(after - before < 8_000_000, `${((after - before) / 1e6).toFixed(1)} MB still held after the parse was dropped`);
    assert.equal(memo.get(sequences(CODE).parsed, sequences(CODE).seqs[0], () => ({ note: 'new' })).note, 'made from nn.Linear(4, 8)');
  });
});
