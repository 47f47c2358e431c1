// Keras cannot be installed here, so these tests pin the catalog to the Keras sources, citing file and version.
// Each reference function below is a direct transcription of the cited source, independent of the catalog's mathjs text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileActivation, isValidKerasString, listActivations, resolveParams, validKerasStrings, variantsFor } from '../../../src/core/catalog';
import reference from '../../fixtures/reference/torch-activations.json';

const XS = [-1e4, -50, -6, -3.5, -3, -2.5, -2, -1.5, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 6, 50, 1e4];
const closeTo = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 + 1e-6 * Math.abs(b);

function matches(name: string, params: Record<string, number | boolean | null>, version: string, ref: (x: number) => number, ctx = {}): void {
  const { f, resolved } = compileActivation(name, 'keras', params, version, ctx);
  assert.deepEqual(resolved.errors, []);
  for (const x of XS) assert.ok(closeTo(f(x), ref(x)), `${name}(${x}) = ${f(x)}, Keras source gives ${ref(x)}`);
}

/** Entries PyTorch does not provide; each is pinned below (the torch fixture covers the rest). */
const KERAS_PINNED = ['exponential', 'linear', 'sparse_plus', 'sparse_sigmoid', 'sparsemax', 'squareplus', 'thresholded_relu'];

describe('Keras-only activations are pinned to the Keras sources', () => {
  it('every catalog entry has a reference: the PyTorch fixture or a Keras-pinned test here', () => {
    const torchCovered = new Set((reference.cases as { name: string }[]).map((c) => c.name));
    const unreferenced = listActivations().map((e) => e.name).filter((n) => !torchCovered.has(n) && !KERAS_PINNED.includes(n));
    assert.deepEqual(unreferenced, []);
    for (const n of KERAS_PINNED) assert.ok(listActivations().some((e) => e.name === n && variantsFor(e, 'torch').length === 0), `${n} is Keras-only`);
  });

  it('exponential is exp(x) (keras/src/activations/activations.py 3.16.0: `return ops.exp(x)`)', () => {
    matches('exponential', {}, '3', (x) => Math.exp(x));
  });
  it('linear returns x unmodified (keras/src/activations/activations.py 3.16.0; tf_keras/activations.py 2.21.0)', () => {
    matches('linear', {}, '3', (x) => x);
    matches('linear', {}, '2', (x) => x);
  });
  it('sparse_plus: 0 for x <= -1, (x + 1)^2 / 4 for x < 1, else x (keras/src/backend/tensorflow/nn.py 3.16.0)', () => {
    matches('sparse_plus', {}, '3.8', (x) => (x <= -1 ? 0 : x < 1 ? 0.25 * (x + 1) ** 2 : x));
  });
  it('sparse_sigmoid: 0, (x + 1)/2, 1 with breakpoints ±1 (keras/src/backend/numpy/nn.py 3.16.0), since 3.10', () => {
    matches('sparse_sigmoid', {}, '3.10', (x) => (x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1)));
    assert.equal(isValidKerasString('sparse_sigmoid', '3.9'), false);
  });
  it('squareplus(x, b=4) = (x + sqrt(x^2 + b)) / 2 (keras/src/backend/tensorflow/nn.py 3.16.0)', () => {
    matches('squareplus', {}, '3', (x) => (x + Math.sqrt(x * x + 4)) / 2);
    matches('squareplus', { b: 1 }, '3', (x) => (x + Math.sqrt(x * x + 1)) / 2);
    assert.equal(resolveParams('squareplus', 'keras', {}, '3.7').params.b, 4);
  });
  it('sparsemax(x, axis=-1): along logit 0 of [x, 0, 0] it is max(x - tau, 0) (keras/src/backend/numpy/nn.py 3.16.0)', () => {
    // Direct sort-based sparsemax of a 3-vector, as the numpy backend implements it.
    const sparsemax3 = (z: number[]): number => {
      const s = [...z].sort((a, b) => b - a);
      let cum = 0;
      let k = 0;
      let tau = 0;
      s.forEach((v, i) => { cum += v; if (1 + (i + 1) * v > cum) { k = i + 1; tau = (cum - 1) / k; } });
      void k;
      return Math.max((z[0] as number) - tau, 0);
    };
    matches('sparsemax', { logits: 3 }, '3.8', (x) => sparsemax3([x, 0, 0]));
  });
  it('ThresholdedReLU(theta=1.0): x if x > theta else 0 (tf_keras/layers/activation/thresholded_relu.py 2.21.0)', () => {
    matches('thresholded_relu', {}, '2', (x) => (x > 1 ? x : 0), { form: 'layer' });
    matches('thresholded_relu', { theta: 0.5 }, '2', (x) => (x > 0.5 ? x : 0), { form: 'layer' });
    assert.ok(isValidKerasString('ThresholdedReLU', '2.15'));
    assert.equal(isValidKerasString('ThresholdedReLU', '3.0'), false);
  });
});

describe('Keras defaults and definitions that differ from PyTorch', () => {
  it('LeakyReLU layer defaults to negative_slope=0.3 and still accepts alpha with a warning (keras/src/layers/activations/leaky_relu.py 3.16.0)', () => {
    const r = resolveParams('leaky_relu', 'keras', { alpha: 0.1 }, '3', { qualified: 'keras.layers.LeakyReLU' });
    assert.equal(r.params.negative_slope, 0.1);
    assert.match(r.warnings.join(), /deprecated/);
    assert.equal(resolveParams('leaky_relu', 'keras', {}, '3', { form: 'layer' }).params.negative_slope, 0.3);
  });
  it("leaky_relu function and 'leaky_relu' string default to 0.2 (keras/src/activations/activations.py 3.16.0)", () => {
    assert.equal(resolveParams('leaky_relu', 'keras', {}, '3', { raw: 'leaky_relu' }).params.negative_slope, 0.2);
    assert.equal(resolveParams('leaky_relu', 'keras', {}, '3', { qualified: 'keras.ops.leaky_relu' }).params.negative_slope, 0.2);
  });
  it("tf.keras: LeakyReLU(alpha=0.3), 'LeakyReLU' string builds that layer, 'leaky_relu' is tf.nn.leaky_relu (alpha=0.2) (tf_keras/activations.py 2.21.0)", () => {
    assert.deepEqual(resolveParams('leaky_relu', 'keras', {}, '2', { raw: 'LeakyReLU' }).params, { alpha: 0.3 });
    assert.deepEqual(resolveParams('leaky_relu', 'keras', {}, '2', { raw: 'leaky_relu' }).params, { alpha: 0.2 });
    assert.match(resolveParams('leaky_relu', 'keras', { negative_slope: 0.1 }, '2', { form: 'layer' }).errors.join(), /unknown parameter 'negative_slope'/);
  });
  it('hard_sigmoid: clip(0.2x + 0.5) in tf.keras 2 (tf_keras/backend.py 2.21.0), x/6 + 0.5 in Keras 3 (activations.py 3.16.0)', () => {
    matches('hard_sigmoid', {}, '2', (x) => Math.min(Math.max(0.2 * x + 0.5, 0), 1));
    matches('hard_sigmoid', {}, '3', (x) => Math.min(Math.max(x / 6 + 0.5, 0), 1));
    assert.equal(compileActivation('hard_sigmoid', 'keras', {}, '2').f(1), 0.7);
    assert.ok(Math.abs(compileActivation('hard_sigmoid', 'keras', {}, '3').f(1) - 2 / 3) < 1e-15);
  });
  it('gelu: activations.gelu approximate=False, ops.gelu approximate=True (keras/src/ops/nn.py 3.16.0)', () => {
    assert.equal(resolveParams('gelu', 'keras', {}, '3', { qualified: 'keras.activations.gelu' }).formula, 'default');
    assert.equal(resolveParams('gelu', 'keras', {}, '3', { qualified: 'keras.ops.gelu' }).formula, 'tanh');
  });
  it('softplus takes no beta/threshold in Keras (activations.py 3.16.0: softplus(x))', () => {
    assert.match(resolveParams('softplus', 'keras', { beta: 2 }, '3').errors.join(), /takes no parameters/);
  });
  it('PReLU starts as a plain ReLU in Keras: alpha_initializer="Zeros" (keras/src/layers/activations/prelu.py 3.16.0)', () => {
    const { f } = compileActivation('prelu', 'keras', {}, '3', { form: 'layer' });
    assert.ok(f(-2) === 0, 'zero slope below 0');
    assert.equal(compileActivation('prelu', 'torch', {}).f(-2), -0.5);
  });
  it('relu(x, negative_slope, max_value, threshold) follows ReLU.static_call (keras/src/activations/activations.py 3.16.0)', () => {
    const keras = (x: number, s: number, m: number | null, t: number): number => {
      const neg = s !== 0 ? Math.max(-x + t, 0) : 0;
      let y = t !== 0 ? x * (x > t ? 1 : 0) : Math.max(x, 0);
      if (m !== null) y = Math.min(Math.max(y, 0), m);
      return y - s * neg;
    };
    matches('relu', { negative_slope: 0.1, max_value: 6, threshold: 1 }, '3', (x) => keras(x, 0.1, 6, 1), { raw: 'relu' });
    matches('relu', { negative_slope: 0.5 }, '3', (x) => keras(x, 0.5, null, 0), { raw: 'relu' });
    matches('relu', { alpha: 0.5 }, '2', (x) => keras(x, 0.5, null, 0), { raw: 'relu' });
  });
  it('selu uses the exact constants (activations.py docs round them to 1.67326324 and 1.05070098)', () => {
    assert.ok(Math.abs(compileActivation('selu', 'keras', {}).f(-1e4) - -1.67326324 * 1.05070098) < 1e-7);
  });
  it('soft_shrink and hard_shrink call the band half-width `threshold` (default 0.5), PyTorch `lambd` (ops/nn.py 3.16.0)', () => {
    assert.deepEqual(resolveParams('softshrink', 'keras', {}, '3.7').params, { threshold: 0.5 });
    assert.deepEqual(resolveParams('hardshrink', 'torch', {}).params, { lambd: 0.5 });
    matches('softshrink', { threshold: 1 }, '3.7', (x) => (x > 1 ? x - 1 : x < -1 ? x + 1 : 0));
  });
});

describe('valid activation strings per Keras version (keras/src/activations/__init__.py per tag; tf_keras/activations.py 2.21.0)', () => {
  const K30 = 'elu exponential gelu hard_sigmoid leaky_relu linear log_softmax mish relu relu6 selu sigmoid silu softmax softplus softsign swish tanh'.split(' ');
  it('3.0.0 accepts exactly the 3.0 set', () => assert.deepEqual(validKerasStrings('3.0'), [...K30].sort()));
  it('3.1 adds hard_silu and hard_swish', () => assert.deepEqual(validKerasStrings('3.1'), [...K30, 'hard_silu', 'hard_swish'].sort()));
  it('3.7 adds celu glu hard_shrink hard_tanh log_sigmoid soft_shrink squareplus tanh_shrink', () => {
    const added = validKerasStrings('3.7').filter((s) => !validKerasStrings('3.6').includes(s));
    assert.deepEqual(added, 'celu glu hard_shrink hard_tanh log_sigmoid soft_shrink squareplus tanh_shrink'.split(' '));
  });
  it('3.8 adds sparse_plus sparsemax threshold; 3.10 adds sparse_sigmoid', () => {
    assert.deepEqual(validKerasStrings('3.8').filter((s) => !validKerasStrings('3.7').includes(s)), ['sparse_plus', 'sparsemax', 'threshold']);
    assert.deepEqual(validKerasStrings('3.10').filter((s) => !validKerasStrings('3.9').includes(s)), ['sparse_sigmoid']);
  });
  it('Keras 3 rejects layer-class strings and other spellings, case-sensitively', () => {
    for (const s of ['LeakyReLU', 'ReLU', 'PReLU', 'ELU', 'Softmax', 'ThresholdedReLU', 'Sigmoid', 'Tanh', 'GELU', 'leakyrelu', 'leaky-relu']) {
      assert.equal(isValidKerasString(s, '3'), false, s);
    }
  });
  it('tf.keras 2 accepts functions, module globals and the activation layer class names', () => {
    assert.deepEqual(validKerasStrings('2.15'), [
      'ELU', 'LeakyReLU', 'PReLU', 'ReLU', 'Softmax', 'ThresholdedReLU', 'elu', 'exponential', 'gelu', 'hard_sigmoid', 'leaky_relu', 'linear',
      'log_softmax', 'mish', 'relu', 'relu6', 'selu', 'sigmoid', 'silu', 'softmax', 'softplus', 'softsign', 'swish', 'tanh',
    ]);
    assert.equal(isValidKerasString('mish', '2.12'), false, 'mish is listed from 2.13');
    assert.equal(isValidKerasString('hard_silu', '2'), false);
  });
});

describe('tf.nn signatures (tensorflow/tensorflow python/ops/nn_ops.py and nn_impl.py, TF 2.x)', () => {
  it('tf.nn.leaky_relu(features, alpha=0.2, name=None)', () => {
    assert.deepEqual(resolveParams('leaky_relu', 'tf', {}).params, { alpha: 0.2, name: null });
    matches0('leaky_relu', 'tf', {}, (x) => (x > 0 ? x : 0.2 * x));
  });
  it('tf.nn.silu / tf.nn.swish(features, beta=1.0) = x * sigmoid(beta * x)', () => {
    assert.deepEqual(resolveParams('silu', 'tf', {}).params, { beta: 1 });
    matches0('silu', 'tf', { beta: 2 }, (x) => x / (1 + Math.exp(-2 * x)));
  });
});

function matches0(name: string, framework: 'tf', params: Record<string, number>, ref: (x: number) => number): void {
  const { f } = compileActivation(name, framework, params);
  for (const x of XS.filter((v) => Math.abs(v) < 100)) assert.ok(closeTo(f(x), ref(x)), `${name}(${x}) = ${f(x)}, expected ${ref(x)}`);
}
