// Formulas typed in the panel (and custom activations, which reuse the same path) are bounded: the symbolic
// derivative skips mathjs' unbounded simplification and has a size cap, past which f' is numeric and the hover
// says so; functions are called with the number of arguments they take.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileUserFormula } from '../../../src/core/maths';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown } from '../../../src/core/hover';
import { scanPython } from '../../../src/core/scan';

function compiled(text: string) {
  const r = compileUserFormula(text);
  if ('error' in r) assert.fail(`${text}: ${r.error}`);
  return r;
}

const central = (f: (x: number) => number, x: number): number => (f(x + 1e-6) - f(x - 1e-6)) / 2e-6;

describe('formula compilation is bounded', () => {
  it('x^x^x^x^x^x^x^x^x^x^x^x keeps an exact symbolic derivative (simplifying it took 4 to 18 s, then gave up)', () => {
    const r = compiled('x^x^x^x^x^x^x^x^x^x^x^x');
    assert.equal(r.dfSource, 'symbolic');
    for (const x of [1.05, 1.1]) assert.ok(Math.abs(r.df(x) - central(r.f, x)) <= 1e-4 * Math.max(1, Math.abs(r.df(x))), `f'(${x})`);
  });

  it('a derivative past the size cap falls back to a central difference and says why', () => {
    const product = Array.from({ length: 120 }, (_, i) => `sin(${i + 1} * x)`).join(' * ');
    const r = compiled(product.slice(0, 499).replace(/ \* [^*]*$/, ''));
    assert.equal(r.dfSource, 'numeric');
    assert.match(r.dfNote ?? '', /more than \d+ parts, so f′ is computed numerically/);
  });

  it('wrong argument counts are rejected with the count each function takes', () => {
    const cases: [string, RegExp][] = [
      ['sin(x, x, x)', /sin takes 1 argument, not 3/], ['max()', /max takes 1 to 16 arguments, not 0/], ['min()', /min takes/],
      ['pow(x)', /pow takes 2 arguments, not 1/], ['exp()', /exp takes 1 argument, not 0/], ['log(x, 2, 3)', /log takes 1 to 2 arguments, not 3/],
    ];
    for (const [text, why] of cases) {
      const r = compileUserFormula(text);
      assert.ok('error' in r, `${text} should be rejected`);
      assert.match(r.error, why, text);
    }
    assert.ok(!('error' in compileUserFormula('log(x, 2) + max(x, 0) + atan2(x, 1)')));
  });

  it('a custom def returning a power tower: the hover says how f′ was found', () => {
    const src = 'def tower(x):\n    return x ** x ** x ** x ** x ** x ** x ** x\n\nfrom keras import layers\nlayers.Dense(4, activation=tower)\n';
    const u = scanPython(src).usages.find((x) => x.form === 'custom');
    assert.ok(u);
    assert.match(hoverMarkdown(u, catalogPort, DEFAULT_OPTIONS, src) ?? '', /f′ is its symbolic derivative/);
    const cond = 'def step(x):\n    return x if x > 0 else 0.1 * x\n\nfrom keras import layers\nlayers.Dense(4, activation=step)\n';
    const v = scanPython(cond).usages.find((x) => x.form === 'custom');
    assert.ok(v);
    assert.match(hoverMarkdown(v, catalogPort, DEFAULT_OPTIONS, cond) ?? '', /computed numerically/);
  });
});
