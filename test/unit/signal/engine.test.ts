// The signal engine's maths against closed forms: quadrature, initialiser variances and the mean-field fixed points.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  KERAS_DEFAULT, TORCH_DEFAULT, gaussHermite, gaussLegendre, kerasWeightInit, maxOfNormals, predictSignal, short, torchWeightInit, truncatedVariance,
  verdictLine, weightVariance, type SignalLayer, type WeightInit,
} from '../../../src/core/signal';

const close = (a: number, b: number, rel = 1e-6): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-300);

function mlp(act: string, depth: number, width: number, init: WeightInit, extra: (i: number) => SignalLayer[] = () => []): SignalLayer[] {
  const layers: SignalLayer[] = [];
  for (let i = 0; i < depth; i++) {
    layers.push({ kind: 'linear', name: 'nn.Linear', line: i, fanIn: width, fanOut: width, init, initLabel: 'x', bias: { kind: 'constant', value: 0 } });
    if (i < depth - 1) layers.push(...extra(i), { kind: 'activation', name: act, activation: { name: act, framework: 'torch' } });
  }
  return layers;
}

describe('quadrature', () => {
  it('Gauss–Hermite integrates the normal moments exactly', () => {
    const r = gaussHermite(20);
    const m = (k: number): number => r.x.reduce((s, x, i) => s + r.w[i] * x ** k, 0);
    assert.ok(close(m(0), 1, 1e-12) && Math.abs(m(1)) < 1e-12 && close(m(2), 1, 1e-10) && close(m(4), 3, 1e-10) && close(m(8), 105, 1e-9));
  });
  it('Gauss–Legendre integrates the uniform(-1, 1) moments exactly', () => {
    const r = gaussLegendre(12);
    const m = (k: number): number => r.x.reduce((s, x, i) => s + r.w[i] * x ** k, 0);
    assert.ok(close(m(0), 1, 1e-12) && Math.abs(m(1)) < 1e-12 && close(m(2), 1 / 3, 1e-12) && close(m(6), 1 / 7, 1e-12));
  });
  it("a PyTorch uniform bias that dominates a vanished signal is integrated as uniform: tanhshrink ~ x^3/3 sees E[b^6] of a uniform", () => {
    // Weights of variance 0: every value is its unit's bias b ~ U(+-1/sqrt(fan_in)); tanhshrink(b) ~ b^3/3.
    const layers: SignalLayer[] = [
      { kind: 'linear', name: 'nn.Linear', fanIn: 256, fanOut: 256, init: { kind: 'fixed', variance: 0 }, initLabel: 'zeros', bias: { kind: 'torch-default' } },
      { kind: 'activation', name: 'tanhshrink', activation: { name: 'tanhshrink', framework: 'torch' } },
    ];
    const a = 1 / 16;
    const uniform = Math.sqrt(a ** 6 / 7) / 3; // sqrt(E[b^6]) / 3 for b ~ U(-a, a)
    const std = predictSignal(layers).layers[1].std;
    assert.ok(close(std, uniform, 0.02), `${std} vs ${uniform} (a Gaussian bias would give ${Math.sqrt(15 * (a * a / 3) ** 3) / 3})`);
  });
  it('the maximum of 2 standard normals has mean 1/sqrt(pi)', () => {
    const r = maxOfNormals(2);
    const mean = r.x.reduce((s, x, i) => s + r.w[i] * x, 0);
    assert.ok(close(mean, 1 / Math.sqrt(Math.PI), 1e-5), String(mean));
  });
});

describe('initialisers', () => {
  it('PyTorch default Linear: Var(W) = 1/(3 fan_in); Keras glorot_uniform: 2/(fan_in + fan_out)', () => {
    assert.ok(close(weightVariance(TORCH_DEFAULT.init, 300, 10), 1 / 900));
    assert.ok(close(weightVariance(KERAS_DEFAULT.init, 300, 100), 2 / 400));
  });
  it('kaiming with relu, leaky_relu(0.2) and the default nonlinearity; xavier with gain; orthogonal', () => {
    assert.ok(close(weightVariance(torchWeightInit('kaiming_normal_', { nonlinearity: 'relu' })!.init, 100, 7), 0.02));
    assert.ok(close(weightVariance(torchWeightInit('kaiming_uniform_', {})!.init, 100, 7), 0.02));
    assert.ok(close(weightVariance(torchWeightInit('kaiming_normal_', { a: 0.2, nonlinearity: 'leaky_relu' })!.init, 100, 7), 2 / 1.04 / 100));
    assert.ok(close(weightVariance(torchWeightInit('kaiming_normal_', { mode: 'fan_out', nonlinearity: 'relu' })!.init, 100, 50), 0.04));
    assert.ok(close(weightVariance(torchWeightInit('xavier_uniform_', { gain: 2 })!.init, 100, 300), 4 * 2 / 400));
    assert.ok(close(weightVariance(torchWeightInit('orthogonal_', {})!.init, 100, 300), 1 / 300));
  });
  it('Keras truncated normals keep scale/fan; TruncatedNormal(stddev) loses 22.6% of the variance at 2 sigma', () => {
    assert.ok(close(weightVariance(kerasWeightInit('he_normal')!.init, 50, 9), 2 / 50));
    assert.ok(close(weightVariance(kerasWeightInit('HeNormal')!.init, 50, 9), 2 / 50));
    assert.ok(close(weightVariance(kerasWeightInit('lecun_normal')!.init, 50, 9), 1 / 50));
    assert.ok(close(truncatedVariance(1, -2, 2), 0.7737413, 1e-5));
    assert.ok(close(weightVariance(kerasWeightInit('TruncatedNormal', { stddev: 0.1 })!.init, 1, 1), 0.007737413, 1e-5));
  });
  it('initialisers whose variance the code does not fix are not guessed', () => {
    assert.equal(torchWeightInit('normal_', { mean: 1 }), undefined);
    assert.equal(torchWeightInit('eye_', {}), undefined);
    assert.equal(torchWeightInit('kaiming_normal_', { nonlinearity: 'softmax' }), undefined);
    assert.equal(kerasWeightInit('Identity'), undefined);
  });
});

describe('mean-field recursions', () => {
  const he: WeightInit = { kind: 'scaling', scale: 2, mode: 'fan_in' };
  it('ReLU with He initialisation keeps the second moment: every Linear output has variance 2, gradients stay 1 (wide layers)', () => {
    const p = predictSignal(mlp('relu', 30, 1e7, he));
    const linears = p.layers.filter((_, i) => i % 2 === 0);
    for (const l of linears) assert.ok(close(l.std, Math.SQRT2, 1e-3), String(l.std));
    assert.ok(close(p.firstGrad!, 1, 1e-3), String(p.firstGrad));
    assert.equal(p.verdict, 'stable');
  });
  it('ReLU of N(0, s^2): mean s/sqrt(2 pi), std s sqrt(1/2 - 1/(2 pi))', () => {
    const p = predictSignal(mlp('relu', 2, 100, { kind: 'scaling', scale: 1, mode: 'fan_in' }));
    // Gauss–Hermite converges slowly at a kink: within 0.5% here, far inside what the PyTorch comparison allows.
    assert.ok(close(p.layers[1].mean, 1 / Math.sqrt(2 * Math.PI), 5e-3), String(p.layers[1].mean));
    assert.ok(close(p.layers[1].std, Math.sqrt(0.5 - 1 / (2 * Math.PI)), 5e-3), String(p.layers[1].std));
  });
  it('SELU with lecun_normal has the fixed point mean 0, variance 1', () => {
    const lecun: WeightInit = { kind: 'scaling', scale: 1, mode: 'fan_in' };
    const p = predictSignal(mlp('selu', 40, 256, lecun).map((l) => (l.kind === 'activation' ? { ...l, activation: { name: 'selu', framework: 'keras' as const } } : l)));
    const last = p.layers[p.layers.length - 2];
    assert.ok(Math.abs(last.mean) < 5e-3 && close(last.std, 1, 5e-3), `${last.mean} ${last.std}`);
  });
  it('narrower layers drift below the mean-field scale (the expected tensor.std() of one network, not the root of the expected variance)', () => {
    const wide = predictSignal(mlp('relu', 30, 1e7, he));
    const narrow = predictSignal(mlp('relu', 30, 128, he));
    const last = (p: typeof wide): number => p.layers[p.layers.length - 1].std;
    assert.ok(last(narrow) < last(wide) * 0.99 && last(narrow) > last(wide) * 0.8, `${last(narrow)} vs ${last(wide)}`);
  });
  it('a sigmoid stack with the PyTorch default vanishes; each sigmoid passes at most 1/16 of the mean-square gradient', () => {
    const p = predictSignal(mlp('sigmoid', 12, 256, { kind: 'torch-default' }));
    assert.equal(p.verdict, 'vanishing');
    assert.ok(p.firstGrad! < Math.pow(Math.sqrt(1 / 16 / 3), 11));
  });
  it('BatchNorm resets the output to unit variance; Dropout(p) scales the second moment by 1/(1-p)', () => {
    const bn = predictSignal(mlp('tanh', 5, 128, { kind: 'torch-default' }, () => [{ kind: 'norm', name: 'nn.BatchNorm1d', norm: 'batch' }]));
    assert.ok(close(bn.layers[1].std, 1, 1e-4), String(bn.layers[1].std));
    const dr = predictSignal(mlp('relu', 3, 128, he, () => [{ kind: 'dropout', name: 'nn.Dropout', p: 0.5 }]));
    // Linear output variance 2 (He on N(0, 1) inputs), then 2 / (1 - 0.5).
    assert.ok(close(dr.layers[1].std, 2, 1e-3), String(dr.layers[1].std));
  });
  it('an unknown layer ends the prediction there and says why; the verdict is unknown', () => {
    const layers = mlp('relu', 4, 64, he);
    layers.splice(3, 0, { kind: 'other', name: 'nn.LSTM', line: 7 });
    const p = predictSignal(layers);
    assert.equal(p.verdict, 'unknown');
    assert.equal(p.stopped?.index, 3);
    assert.equal(p.layers.length, 3);
    assert.equal(p.layers[0].grad, undefined);
    assert.match(verdictLine(layers, p), /stops at nn\.LSTM \(line 8\): unknown$/);
  });
  it('a final softmax is left out and said so; gradients are relative to the logits', () => {
    const layers: SignalLayer[] = [...mlp('relu', 3, 64, he), { kind: 'activation', name: 'nn.Softmax', activation: { name: 'softmax', framework: 'torch' } }];
    const p = predictSignal(layers);
    assert.equal(p.stopped, undefined);
    assert.equal(p.layers.length, layers.length - 1);
    assert.equal(p.layers[p.layers.length - 1].grad, 1);
    assert.match(p.notes.join(), /final softmax is left out/);
  });
  it('a residual addition adds the branch variances and both gradient paths', () => {
    const fromInput = predictSignal([...mlp('relu', 2, 128, he), { kind: 'add', name: '+', from: -1 }]);
    // 2 (Linear, He) + 1 (the N(0, 1) input).
    assert.ok(close(fromInput.layers[3].std, Math.sqrt(3), 1e-3), String(fromInput.layers[3].std));
    assert.ok(close(fromInput.firstGrad!, 1, 1e-3), String(fromInput.firstGrad));
    // Skip from the first Linear: variances 2 + 2; its gradient gets 1 through the branch (2 x 1/2) plus 1 through the skip.
    const fromFirst = predictSignal([...mlp('relu', 2, 128, he), { kind: 'add', name: '+', from: 0 }]);
    assert.ok(close(fromFirst.layers[3].std, 2, 1e-3), String(fromFirst.layers[3].std));
    assert.ok(close(fromFirst.firstGrad!, Math.SQRT2, 1e-3), String(fromFirst.firstGrad));
  });
  it('the verdict line reads like the issue example', () => {
    const layers = mlp('sigmoid', 12, 256, { kind: 'torch-default' });
    assert.match(verdictLine(layers, predictSignal(layers)), /^12 layers · activations 0\.\d+ → 0\.\d+ · first-layer gradient \de-\d+ of the last: vanishing$/);
    assert.equal(short(3.14e-5), '3e-5');
    assert.equal(short(0.0234), '0.023');
  });
});

describe('output tidiness', () => {
  it('a mean that is zero by symmetry is reported as 0, not quadrature noise', () => {
    const layers: SignalLayer[] = [
      { kind: 'linear', name: 'nn.Linear', fanIn: 64, fanOut: 64, init: { kind: 'torch-default' }, initLabel: 'x', bias: { kind: 'torch-default' } },
      { kind: 'activation', name: 'nn.Tanh', activation: { name: 'tanh', framework: 'torch' } },
    ];
    assert.equal(predictSignal(layers).layers[1].mean, 0);
  });
});

describe('the one-line verdict when nothing could be predicted', () => {
  it('says why instead of counting 0 layers', () => {
    const layers: SignalLayer[] = [
      { kind: 'linear', name: 'layers.Dense', line: 20, fanOut: 64, init: { kind: 'scaling', scale: 1, mode: 'fan_avg' }, initLabel: 'glorot_uniform', bias: { kind: 'constant', value: 0 } },
    ];
    const line = verdictLine(layers, predictSignal(layers));
    assert.equal(line, 'unknown: the width of layers.Dense is not a literal the code states (line 21)');
  });
});
