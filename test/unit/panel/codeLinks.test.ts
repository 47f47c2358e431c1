// Curves plotted from the code follow edits of their usage's parameters (the panel reads the same analysis).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzePython, DEFAULT_ANALYSIS_OPTIONS, resolveOptions } from '../../../src/core/analysis';
import { followEdits, linkOf, sourceInFile, type CodeLink } from '../../../src/extension/panel/codeLinks';
import type { CurveSource } from '../../../src/shared/protocol';

const before = 'import torch.nn as nn\n\nhead = nn.Sequential(nn.Linear(8, 8), nn.LeakyReLU(0.2), nn.Tanh())\n';
const after = before.replace('0.2', '0.5');

test('a curve plotted from nn.LeakyReLU(0.2) takes 0.5 when the code changes; other curves keep their values', () => {
  const uri = 'file:///m.py';
  const usages = analyzePython(before, DEFAULT_ANALYSIS_OPTIONS).usages;
  const leaky = usages.find((u) => u.name === 'leaky_relu')!;
  const tanh = usages.find((u) => u.name === 'tanh')!;
  const curves: { source: CurveSource; values: Record<string, number>; link?: CodeLink }[] = [
    { source: sourceInFile(leaky, undefined), values: { negative_slope: 0.2 }, link: linkOf(uri, leaky) },
    { source: sourceInFile(tanh, undefined), values: {}, link: linkOf(uri, tanh) },
    { source: { kind: 'formula' as const, text: 'x^2' }, values: { a: 1 } },
  ];
  const next = followEdits(curves, uri, analyzePython(after, DEFAULT_ANALYSIS_OPTIONS).usages, undefined);
  assert.ok(next, 'the edit changes a linked curve');
  assert.deepEqual(next.sources[0].kind === 'activation' && next.sources[0].params, { negative_slope: 0.5 });
  assert.equal(next.values[0], undefined, 'the changed curve takes the code values');
  assert.deepEqual(next.values.slice(1), [{}, { a: 1 }], 'the others keep theirs');
  assert.equal(followEdits(curves, uri, usages, undefined), undefined, 'no change, no redraw');
  assert.equal(followEdits(curves, 'file:///other.py', analyzePython(after, DEFAULT_ANALYSIS_OPTIONS).usages, undefined), undefined, 'another file leaves them');
});

test('curves from a Keras file carry the version its analysis targets', () => {
  const text = "from tensorflow.keras import layers\nd = layers.Dense(4, activation='leaky_relu')\n";
  const options = resolveOptions({ setting: { keras: 'auto' }, files: [{ name: 'requirements.txt', text: 'tensorflow==2.15.0\n' }] });
  const analysis = analyzePython(text, options);
  const source = sourceInFile(analysis.usages[0], analysis.versions);
  assert.equal(source.kind === 'activation' && source.kerasVersion, '2');
});
