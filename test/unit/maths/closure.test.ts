// The closure compiler behind catalog and user formulas.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'mathjs';
import { UnsupportedNodeError, compileToClosure } from '../../../src/core/maths/closure';
import { erf } from '../../../src/core/maths/scalar';

describe('compileToClosure', () => {
  it('evaluates operators, conditionals and functions with parameters baked in', () => {
    const f = compileToClosure(parse('x > t ? a * x^2 : -x / 2 + max(x, -1)'), { t: 1, a: 3 });
    assert.deepEqual([f(2), f(0), f(-4)], [12, 0, 1]);
  });
  it('compares exactly (mathjs compares with a relative tolerance)', () => {
    const f = compileToClosure(parse('x > 3 ? 1 : 0'));
    assert.equal(f(3 + 4e-15), 1);
    assert.equal(f(3), 0);
  });
  it('rejects what it cannot run', () => {
    for (const text of ['evaluate("1")', 'y + 1', '[1, 2]', 'a.b', 'f(x) = x', '"s"']) {
      assert.throws(() => compileToClosure(parse(text)), UnsupportedNodeError, text);
    }
  });
  it('erf agrees with reference values to 1e-15', () => {
    const known: [number, number][] = [[0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [-3, -0.9999779095030014], [4.5, 0.9999999998033839]];
    for (const [x, v] of known) assert.ok(Math.abs(erf(x) - v) <= 1e-15 * Math.abs(v) + 1e-17, `erf(${x}) = ${erf(x)}`);
    assert.equal(erf(0), 0);
    assert.equal(erf(10), 1);
  });
});
