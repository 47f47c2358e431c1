import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../src/core/maths/mathjs';
import { compileToClosure } from '../../../src/core/maths/closure';
import { erf, sigmoid, softplus } from '../../../src/core/maths/scalar';
import { translateDefinition } from '../../../src/core/custom/definition';

test('the kernel stays exact in the tails where the naive forms overflow or underflow', () => {
  assert.ok(sigmoid(-745) > 0, 'e^-745 / (1 + e^-745) is the smallest double, not 0');
  assert.equal(sigmoid(800), 1);
  assert.equal(softplus(1000), 1000);
  assert.ok(Math.abs(softplus(-50) - Math.exp(-50)) < 1e-30);
  // erf(0.5) and erf(2) from the series to 17 digits.
  assert.ok(Math.abs(erf(0.5) - 0.5204998778130465) < 1e-15);
  assert.ok(Math.abs(erf(2) - 0.9953222650189527) < 1e-15);
});

test('catalog, user formulas and custom activations evaluate through the same kernel', () => {
  const custom = translateDefinition('def f(x):\n    return torch.sigmoid(x) + torch.erf(x)\n', 0);
  assert.ok(custom.ok);
  const formula = compileToClosure(parseMath('sigmoid(x) + erf(x)'));
  for (const x of [-745, -30, -0.5, 0, 0.5, 2, 30]) {
    assert.equal(custom.evaluate(x), sigmoid(x) + erf(x), `custom at ${x}`);
    assert.equal(formula(x), sigmoid(x) + erf(x), `formula at ${x}`);
  }
});
