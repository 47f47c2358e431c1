// Computed properties: numerical results checked against known closed forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeProperties, propertiesOf } from '../../../src/core/catalog';

const near = (a: number | undefined, b: number, tol = 1e-6): void => assert.ok(a !== undefined && Math.abs(a - b) <= tol, `${a} ≈ ${b}`);

describe('computed properties', () => {
  it('GELU: minimum about -0.170 at -0.752, smooth, not monotonic, largest slope at sqrt(2)', () => {
    const p = computeProperties('gelu', 'torch');
    near(p.minimum?.value, -0.16997120747990, 1e-9);
    near(p.minimum?.at, -0.7517915, 1e-6);
    assert.equal(p.smooth, true);
    assert.equal(p.monotonic, false);
    near(p.maxGradient.at, Math.SQRT2, 1e-6);
    assert.deepEqual([p.range.min, p.range.minIncluded, p.range.max], [p.minimum?.value, true, Infinity]);
  });

  it('GELU tanh approximation has the same minimum to 4 decimals', () => {
    const exact = computeProperties('gelu', 'torch').minimum;
    const approx = computeProperties('gelu', 'torch', { approximate: 'tanh' }).minimum;
    assert.equal(approx?.value.toFixed(4), exact?.value.toFixed(4));
    near(approx?.at, exact?.at ?? NaN, 1e-2);
  });

  it('sigmoid: range (0, 1), peak slope 0.25 at 0, |f\'| < 10% beyond ±3.64 and < 1% beyond ±5.99', () => {
    const p = computeProperties('sigmoid', 'torch');
    assert.deepEqual(p.range, { min: 0, max: 1, minIncluded: false, maxIncluded: false });
    near(p.maxGradient.value, 0.25, 1e-12);
    near(p.maxGradient.at, 0, 1e-8);
    // sigma' = s(1 - s) = 0.025 where s = (1 - sqrt(1 - 0.1))/2, at x = ln(s / (1 - s)).
    const s10 = (1 - Math.sqrt(1 - 4 * 0.025)) / 2;
    near(p.saturation.tenPercent.above, -Math.log(s10 / (1 - s10)), 1e-8);
    near(p.saturation.tenPercent.below, Math.log(s10 / (1 - s10)), 1e-8);
    const s1 = (1 - Math.sqrt(1 - 4 * 0.0025)) / 2;
    near(p.saturation.onePercent.above, -Math.log(s1 / (1 - s1)), 1e-8);
    assert.equal(p.zeroCentred, false);
  });

  it('tanh: zero-centred, saturates beyond ±atanh(sqrt(0.9)) = ±1.818', () => {
    const p = computeProperties('tanh', 'torch');
    assert.equal(p.zeroCentred, true);
    near(p.saturation.tenPercent.above, Math.atanh(Math.sqrt(0.9)), 1e-8);
    near(p.saturation.onePercent.above, Math.atanh(Math.sqrt(0.99)), 1e-8);
    assert.deepEqual([p.range.min, p.range.max], [-1, 1]);
  });

  it('ReLU: kink at 0, dead zone (-inf, 0], range [0, inf), monotonic', () => {
    const p = computeProperties('relu', 'torch');
    assert.deepEqual(p.kinks, [0]);
    assert.deepEqual(p.deadZones, [[-Infinity, 0]]);
    assert.deepEqual(p.range, { min: 0, max: Infinity, minIncluded: true, maxIncluded: false });
    assert.equal(p.monotonic, 'increasing');
    assert.equal(p.smooth, false);
    assert.equal(p.minimum, undefined);
  });

  it('ReLU6 and Hardtanh: closed ranges and dead zones on both sides', () => {
    const r6 = computeProperties('relu6', 'torch');
    assert.deepEqual(r6.kinks, [0, 6]);
    assert.deepEqual(r6.deadZones, [[-Infinity, 0], [6, Infinity]]);
    const ht = computeProperties('hardtanh', 'torch', { min_val: -2, max_val: 3 });
    assert.deepEqual(ht.range, { min: -2, max: 3, minIncluded: true, maxIncluded: true });
  });

  it('Leaky ReLU: no dead zone, unbounded both ways; only the 10% threshold is crossed (slope 0.01)', () => {
    const p = computeProperties('leaky_relu', 'torch');
    assert.deepEqual(p.deadZones, []);
    assert.deepEqual([p.range.min, p.range.max], [-Infinity, Infinity]);
    assert.equal(p.saturation.tenPercent.below, 0);
    assert.equal(p.saturation.onePercent.below, undefined);
  });

  it('Hardswish: minimum -0.375 at -1.5, kinks at ±3, largest slope 1.5 just below 3', () => {
    const p = computeProperties('hardswish', 'torch');
    assert.deepEqual(p.minimum, { value: -0.375, at: -1.5 });
    assert.deepEqual(p.kinks, [-3, 3]);
    near(p.maxGradient.value, 1.5, 1e-9);
  });

  it('SiLU and Mish minima (-0.2785 at -1.2785; -0.3088 at -1.1924)', () => {
    const silu = computeProperties('silu', 'torch').minimum;
    near(silu?.value, -0.2784645427610738, 1e-9);
    near(silu?.at, (silu?.value ?? NaN) - 1, 1e-7); // at the minimum sigma = 1 + 1/x, so f(x*) = x* + 1 (x* = -1 - W(1/e))
    const mish = computeProperties('mish', 'torch').minimum;
    near(mish?.value, -0.30884, 1e-5);
    near(mish?.at, -1.19243, 1e-5);
  });

  it('SELU: range (-scale*alpha, inf), kink at 0, largest slope scale*alpha just below 0', () => {
    const p = computeProperties('selu', 'torch');
    near(p.range.min, -1.0507009873554805 * 1.6732632423543772, 1e-9);
    assert.equal(p.range.minIncluded, false);
    assert.deepEqual(p.kinks, [0]);
    near(p.maxGradient.value, 1.0507009873554805 * 1.6732632423543772, 1e-9);
  });

  it('ELU with alpha 1 is C1 (smooth), with alpha 2 it has a kink at 0', () => {
    assert.equal(computeProperties('elu', 'torch').smooth, true);
    assert.deepEqual(computeProperties('elu', 'torch', { alpha: 2 }).kinks, [0]);
  });

  it('Hardshrink jumps at ±lambd, Softshrink is continuous with kinks there', () => {
    assert.deepEqual(computeProperties('hardshrink', 'torch', { lambd: 1 }).discontinuities, [-1, 1]);
    const soft = computeProperties('softshrink', 'torch', { lambd: 1 });
    assert.deepEqual([soft.kinks, soft.discontinuities, soft.deadZones], [[-1, 1], [], [[-1, 1]]]);
  });

  it('exponential: unbounded gradient, so no saturation thresholds', () => {
    const p = computeProperties('exponential', 'keras');
    assert.equal(p.maxGradient.value, Infinity);
    assert.deepEqual(p.saturation, { tenPercent: {}, onePercent: {} });
    assert.deepEqual(p.range, { min: 0, max: Infinity, minIncluded: false, maxIncluded: false });
  });

  it('softmax along one logit: with 2 logits it is the sigmoid; with 3 the slope peaks at ln 2', () => {
    const two = computeProperties('softmax', 'torch', { logits: 2 });
    const sig = computeProperties('sigmoid', 'torch');
    near(two.saturation.tenPercent.above, sig.saturation.tenPercent.above ?? NaN, 1e-9);
    near(computeProperties('softmax', 'torch', { logits: 3 }).maxGradient.at, Math.LN2, 1e-7);
    assert.equal(computeProperties('softmin', 'torch').monotonic, 'decreasing');
  });

  it('widens the scan for breakpoints set far out by parameters', () => {
    const p = computeProperties('hardtanh', 'torch', { min_val: -1, max_val: 50 });
    assert.deepEqual([p.kinks, p.range.max, p.range.maxIncluded], [[-1, 50], 50, true]);
    assert.deepEqual(computeProperties('threshold', 'torch', { threshold: 100, value: -5 }).discontinuities, [100]);
  });

  it('works on any function: x^3 is odd, smooth, increasing and unbounded', () => {
    const p = propertiesOf((x) => x ** 3, (x) => 3 * x * x);
    assert.deepEqual([p.zeroCentred, p.smooth, p.monotonic, p.range.min, p.range.max], [true, true, 'increasing', -Infinity, Infinity]);
  });
});
