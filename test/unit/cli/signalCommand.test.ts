// `activation-lens signal` through runCli, on files written to a temporary folder.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
  return { code, out, err };
}

const TANH_STACK = `import torch.nn as nn

net = nn.Sequential(
${Array.from({ length: 20 }, (_, i) => `    nn.Linear(256, 256),\n${i < 19 ? '    nn.Tanh(),\n' : ''}`).join('')})
`;

const KERAS_HE = `from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Dense(512, activation="relu", kernel_initializer="he_normal", input_shape=(512,)),
    layers.Dense(512, activation="relu", kernel_initializer="he_normal"),
    layers.Dense(512, activation="relu", kernel_initializer="he_normal"),
    layers.Dense(10),
])
`;

const UNKNOWN = `import torch.nn as nn

rnn = nn.Sequential(
    nn.Linear(64, 64),
    nn.ReLU(),
    nn.LSTM(64, 64),
    nn.Linear(64, 10),
)
`;

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'activation-lens-signal-'));
  writeFileSync(path.join(dir, 'tanh.py'), TANH_STACK);
  writeFileSync(path.join(dir, 'keras_he.py'), KERAS_HE);
  writeFileSync(path.join(dir, 'rnn.py'), UNKNOWN);
  const nb = { cells: [{ cell_type: 'markdown', source: '# t' }, { cell_type: 'code', source: TANH_STACK }] };
  writeFileSync(path.join(dir, 'train.ipynb'), JSON.stringify(nb));
  return dir;
}

describe('activation-lens signal', () => {
  it('JSON Lines: one object per model, one layer entry per leaf module in execution order', async () => {
    const r = await run(project(), 'signal', '--format', 'json', 'tanh.py');
    assert.equal(r.code, 0);
    assert.equal(r.out.length, 1);
    const m = JSON.parse(r.out[0]);
    assert.deepEqual(Object.keys(m), ['file', 'line', 'name', 'framework', 'layers', 'verdict']);
    assert.equal(m.file, 'tanh.py');
    assert.equal(m.line, 3);
    assert.equal(m.name, 'net');
    assert.equal(m.framework, 'torch');
    assert.equal(m.layers.length, 39);
    assert.deepEqual(Object.keys(m.layers[0]), ['line', 'kind', 'name', 'fanIn', 'fanOut', 'init', 'mean', 'std', 'grad']);
    assert.deepEqual(m.layers.slice(0, 2).map((l: { kind: string; name: string; line: number }) => [l.kind, l.name, l.line]), [['linear', 'nn.Linear', 4], ['activation', 'nn.Tanh', 5]]);
    assert.equal(m.layers[0].fanIn, 256);
    assert.equal(m.layers[0].init, 'kaiming_uniform_(a=sqrt(5))');
    assert.equal(m.layers[1].init, null);
    // PyTorch default on N(0, 1) inputs: Var = 1/3 + 1/(3 * 256); tensor.std() over the 256 units loses the spread
    // of their mean, the bias variance / 256.
    assert.ok(Math.abs(m.layers[0].std - Math.sqrt(1 / 3 + 1 / 768 - 1 / 768 / 256)) < 1e-7, String(m.layers[0].std));
    assert.equal(m.layers[38].grad, 1);
    assert.ok(m.layers[0].grad < 1e-3);
    assert.equal(m.verdict, 'vanishing');
  });

  it('Keras defaults and kernel_initializer: he_normal with ReLU is stable', async () => {
    const r = await run(project(), 'signal', '--format', 'json', 'keras_he.py');
    const m = JSON.parse(r.out[0]);
    assert.equal(m.framework, 'keras');
    assert.deepEqual(m.layers.map((l: { init: string }) => l.init), ['he_normal', 'he_normal', 'he_normal', 'glorot_uniform']);
    assert.equal(m.verdict, 'stable');
  });

  it('an unknown layer ends the prediction: numbers become null there and the reason is given', async () => {
    const r = await run(project(), 'signal', '--format', 'json', 'rnn.py');
    const m = JSON.parse(r.out[0]);
    assert.equal(m.verdict, 'unknown');
    assert.equal(m.layers.length, 4);
    assert.equal(typeof m.layers[1].std, 'number');
    assert.equal(m.layers[2].std, null);
    assert.equal(m.layers[3].std, null);
    assert.match(m.reason, /nn\.LSTM/);
    const text = await run(project(), 'signal', 'rnn.py');
    assert.match(text.out[0], /stops at nn\.LSTM \(line 6\): unknown/);
    assert.match(text.out[0], /stopped: .*nn\.LSTM/);
  });

  it('notebooks give the cell number as people count it; text output has the verdict line', async () => {
    const r = await run(project(), 'signal', '--format', 'json', 'train.ipynb');
    const m = JSON.parse(r.out[0]);
    assert.equal(m.cell, 2);
    assert.equal(m.line, 3);
    const text = await run(project(), 'signal', 'train.ipynb');
    assert.match(text.out[0], /^train\.ipynb:cell 2:3 {2}net \(torch\) {2}20 layers · activations [\d.]+ → [\d.e-]+ · first-layer gradient [\d.e-]+ of the last: vanishing/);
  });

  it('usage errors and unreadable input', async () => {
    assert.equal((await run(project(), 'signal')).code, 2);
    assert.equal((await run(project(), 'signal', '--format', 'sarif', 'tanh.py')).code, 2);
    assert.equal((await run(project(), 'signal', 'missing.py')).code, 1);
  });
});
