// The catalog's public API: lookups, parameter resolution, qualified names for the scanner, close matches.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CatalogError, allQualifiedNames, closestNames, compileActivation, findActivation, getActivation, listActivations, lookupApi, resolveParams, sample,
} from '../../../src/core/catalog';

const CANONICAL = ['relu', 'leaky_relu', 'prelu', 'elu', 'selu', 'celu', 'gelu', 'silu', 'mish', 'sigmoid', 'hard_sigmoid', 'tanh', 'hardtanh', 'relu6',
  'softmax', 'log_softmax', 'softplus', 'softsign', 'hardswish', 'exponential', 'linear', 'threshold', 'rrelu', 'glu', 'logsigmoid', 'tanhshrink',
  'softshrink', 'hardshrink', 'softmin', 'thresholded_relu', 'squareplus', 'sparse_plus', 'sparsemax', 'sparse_sigmoid'];

describe('catalog entries', () => {
  it('has exactly the scanner\'s canonical names', () => {
    assert.deepEqual(listActivations().map((e) => e.name).sort(), [...CANONICAL].sort());
  });
  it('resolves aliases: swish -> silu, hard_swish and hard_silu -> hardswish', () => {
    assert.equal(getActivation('swish')?.name, 'silu');
    assert.equal(getActivation('hard_swish')?.name, 'hardswish');
    assert.equal(getActivation('Hard-SiLU')?.name, 'hardswish');
    assert.equal(getActivation('nope'), undefined);
  });
  it('finds class names, Keras strings and qualified names', () => {
    assert.equal(findActivation('LeakyReLU')?.name, 'leaky_relu');
    assert.equal(findActivation('Hardsigmoid')?.name, 'hard_sigmoid');
    assert.equal(findActivation('log_sigmoid')?.name, 'logsigmoid');
    assert.equal(findActivation('torch.nn.functional.gelu')?.name, 'gelu');
    assert.equal(findActivation('relu_')?.name, 'relu');
  });
  it('every entry has a default formula, TeX, guidance and at least one docs link', () => {
    for (const e of listActivations()) {
      assert.ok(e.formulas.default?.tex && e.formulas.default.derivativeTex, e.name);
      assert.ok(Object.keys(e.docs).length > 0, `${e.name} docs`);
      assert.ok(e.variants.every((v) => v.source.length > 0), `${e.name} sources`);
    }
  });
  it('answers the questions practitioners ask (guidance Q&A)', () => {
    const qa = (name: string): string => JSON.stringify(getActivation(name)?.guidance.qa ?? []);
    assert.match(qa('relu'), /non-linear/);
    assert.match(qa('relu'), /squashing/);
    assert.match(qa('gelu'), /0\.044715/);
    assert.match(qa('sigmoid'), /two-class softmax/);
    assert.match(qa('sigmoid'), /multi-label/);
    assert.match(qa('tanh'), /squashing/);
    assert.match(JSON.stringify(getActivation('relu')?.guidance.pitfalls), /Dying ReLU/);
    assert.match(JSON.stringify(getActivation('selu')?.guidance), /LeCun normal/);
    assert.match(JSON.stringify(getActivation('sigmoid')?.guidance.pitfalls), /0\.25\^n/);
    assert.deepEqual(getActivation('softmax')?.guidance.outputs, ['multi-class']);
    assert.deepEqual(getActivation('sigmoid')?.guidance.outputs, ['binary', 'multi-label']);
  });

  it('vector activations say how they are plotted', () => {
    for (const n of ['softmax', 'log_softmax', 'softmin', 'glu', 'sparsemax']) assert.ok(getActivation(n)?.vector?.along, n);
  });
});

describe('resolveParams', () => {
  it('fills in defaults per framework: LeakyReLU 0.01 / 0.2 / 0.3', () => {
    assert.deepEqual(resolveParams('leaky_relu', 'torch', {}).params, { negative_slope: 0.01, inplace: false });
    assert.deepEqual(resolveParams('leaky_relu', 'tf', {}).params, { alpha: 0.2, name: null });
    assert.equal(resolveParams('leaky_relu', 'keras', {}, '3', { qualified: 'tf.keras.layers.LeakyReLU' }).params.negative_slope, 0.3);
  });
  it('keeps given values and reports type, range and unknown-name problems without throwing', () => {
    assert.equal(resolveParams('elu', 'torch', { alpha: 0.5 }).params.alpha, 0.5);
    assert.match(resolveParams('elu', 'torch', { alpha: 'big' }).errors.join(), /alpha must be a number/);
    assert.match(resolveParams('leaky_relu', 'keras', { negative_slope: -1 }, '3', { form: 'layer' }).errors.join(), />= 0/);
    assert.match(resolveParams('gelu', 'torch', { approximate: 'fast' }).errors.join(), /'none', 'tanh'/);
    assert.match(resolveParams('elu', 'torch', { alfa: 1 }).errors.join(), /did you mean alpha/);
    assert.match(resolveParams('threshold', 'torch', {}).errors.join(), /requires 'threshold'/);
  });
  it('maps parameters into the formula: Keras relu max_value=None means no cap', () => {
    const r = resolveParams('relu', 'keras', { max_value: null }, '3', { raw: 'relu' });
    assert.equal(r.math.m, Infinity);
    assert.equal(compileActivation('relu', 'keras', { max_value: 6 }, '3', { raw: 'relu' }).f(10), 6);
  });
  it('throws CatalogError with suggestions for unknown names and missing frameworks', () => {
    assert.throws(() => resolveParams('leaky_rleu', 'torch', {}), (e: unknown) => e instanceof CatalogError && e.suggestions.includes('leaky_relu'));
    assert.throws(() => resolveParams('softmin', 'keras', {}), /not available in Keras/);
    assert.throws(() => resolveParams('hardswish', 'keras', {}, '3.0'), /not available in Keras 3.0/);
  });
  it('sample returns f and f\' at the requested points', () => {
    const s = sample('relu', 'torch', {}, [-1, 2]);
    assert.deepEqual([s.y, s.dy], [[0, 2], [0, 1]]);
  });
});

describe('lookupApi (for the scanner)', () => {
  it('maps PyTorch classes and functions with positional parameter names', () => {
    assert.deepEqual(lookupApi('torch.nn.LeakyReLU'), { name: 'leaky_relu', framework: 'torch', kind: 'layer', qualified: 'torch.nn.LeakyReLU', positional: ['negative_slope', 'inplace'], inplace: false });
    assert.deepEqual(lookupApi('torch.nn.functional.leaky_relu')?.positional, ['input', 'negative_slope', 'inplace']);
    assert.equal(lookupApi('torch.nn.functional.leaky_relu_')?.inplace, true);
    assert.equal(lookupApi('torch.Tensor.relu')?.kind, 'method');
    assert.match(lookupApi('torch.nn.functional.sigmoid')?.deprecated ?? '', /torch.sigmoid/);
    assert.equal(lookupApi('torch.nn.modules.activation.GELU')?.name, 'gelu');
  });
  it('maps Keras and TensorFlow names, normalising tf.keras / tensorflow / tf_keras prefixes', () => {
    assert.equal(lookupApi('keras.ops.gelu')?.name, 'gelu');
    assert.equal(lookupApi('keras.backend.sigmoid')?.name, 'sigmoid');
    assert.equal(lookupApi('tf.math.sigmoid')?.framework, 'tf');
    assert.equal(lookupApi('tensorflow.nn.leaky_relu')?.name, 'leaky_relu');
    assert.equal(lookupApi('tf.compat.v1.nn.relu6')?.name, 'relu6');
    assert.deepEqual(lookupApi('tf.keras.layers.LeakyReLU', 2)?.positional, ['alpha']);
    assert.deepEqual(lookupApi('keras.layers.LeakyReLU')?.positional, ['negative_slope']);
    assert.equal(lookupApi('tf_keras.layers.LeakyReLU')?.kerasMajor, 2);
    assert.deepEqual(lookupApi('tf_keras.layers.LeakyReLU')?.positional, ['alpha']);
    assert.equal(lookupApi('keras.layers.Dense'), undefined);
  });
  it('every qualified name resolves to its own entry', () => {
    for (const q of allQualifiedNames()) assert.ok(lookupApi(q), q);
  });
});

describe('closestNames', () => {
  it('suggests near misses and nothing for nonsense', () => {
    assert.equal(closestNames('leakyrelu')[0], 'leaky_relu');
    assert.equal(closestNames('sofmax')[0], 'softmax');
    assert.equal(closestNames('gleu')[0], 'gelu', 'a swapped pair of letters counts as one edit');
    assert.deepEqual(closestNames('qwertyuiop'), []);
  });
});
