// The restricted mathjs for user-typed formulas.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileUserFormula, normaliseFormula } from '../../../src/core/maths';
import { withoutIdentities } from '../../../src/core/maths/userFormula';
import { boundedDerivativeInX, parseMath } from '../../../src/core/maths/mathjs';
import { compileToClosure } from '../../../src/core/maths/closure';

function ok(text: string, params: Record<string, number> = {}) {
  const r = compileUserFormula(text, params);
  if ('error' in r) assert.fail(`${text}: ${r.error}`);
  return r;
}

describe('compileUserFormula', () => {
  it('writes TeX for display without mathjs’ identities and extra parentheses, for the same function', () => {
    const r = ok('x * (1 / (1 + exp(-(beta * x))))', { beta: 1 });
    assert.equal(r.tex, ' x\\cdot\\frac{1}{1+\\exp\\left(-\\left(\\beta\\cdot x\\right)\\right)}');
    assert.doesNotMatch(r.derivativeTex ?? '', /(^|[^\d.-])1\\cdot|(^|[^\d.])0\+|\\cdot1(?![\d.])/, r.derivativeTex);
    for (const text of ['x * (1 / (1 + exp(-(beta * x))))', 'x * tanh(log(1 + exp(x)))', 'sqrt(x^2 + 1) - 1', 'abs(x) / (1 + abs(x))', '(x - 0) * 1 + 0 * x + (-x)^2']) {
      const d = boundedDerivativeInX(parseMath(text));
      const [before, after] = [d, withoutIdentities(d)].map((n) => compileToClosure(n, { beta: 1.5 }));
      for (const x of [-2.5, -0.3, 0.7, 3]) assert.equal(after(x), before(x), `${text} at ${x}`);
    }
  });

  it('compiles a formula with a symbolic derivative', () => {
    const r = ok('x * tanh(softplus(x))');
    assert.ok(Math.abs(r.f(1) - 0.8650983882673103) < 1e-12);
    assert.equal(r.dfSource, 'numeric', 'softplus is ours, so mathjs cannot differentiate it');
    const q = ok('x^2 / 2 + a * x', { a: 3 });
    assert.equal(q.dfSource, 'symbolic');
    assert.equal(q.df(2), 5);
  });
  it('falls back to central differences for piecewise formulas', () => {
    const r = ok('x > 0 ? x : 0.1 * x');
    assert.equal(r.dfSource, 'numeric');
    assert.ok(Math.abs(r.df(-2) - 0.1) < 1e-6);
  });
  it('accepts Python spellings', () => {
    assert.equal(normaliseFormula('f(x) = np.exp(x) ** 2'), 'exp(x) ^ 2');
    assert.ok(Math.abs(ok('y = torch.sigmoid(x)').f(0) - 0.5) < 1e-15);
  });
  it('rejects everything outside the allow-list', () => {
    const cases: [string, RegExp][] = [
      ['import({evil: 1})', /not allowed/], ['evaluate("2+2")', /not allowed/], ['parse("x")', /not allowed/],
      ['createUnit("foo")', /not allowed/], ['simplify("x")', /not allowed/], ['derivative("x^2", "x")', /not allowed/],
      ['x = 2', /assignment/], ['g(y) = y', /assignment/], ['a.constructor', /accessor|unknown/], ['[1, 2]', /array/],
      ['"text"', /numbers/], ['{a: 1}', /object/], ['5 cm', /unknown name/], ['y + 1', /unknown name 'y'/], ['x; x', /block|not allowed/],
      ['1:10', /range/], ['cos(x)[1]', /index|not allowed/], ['', /empty/], ['x+'.repeat(300) + 'x', /longer than/],
    ];
    for (const [text, why] of cases) {
      const r = compileUserFormula(text);
      assert.ok('error' in r, `${text} should be rejected`);
      assert.match(r.error, why, text);
    }
  });
  it('limits size and nesting', () => {
    assert.ok('error' in compileUserFormula('('.repeat(60) + 'x' + ')'.repeat(60)));
  });
  it('never throws on evaluation errors: returns NaN', () => {
    const r = ok('sqrt(x)');
    assert.ok(Number.isNaN(r.f(-1)), 'complex results become NaN');
  });
});
