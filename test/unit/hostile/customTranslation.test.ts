// Custom activations are translated without exponential growth: locals are shared when evaluating and the written
// out formula is bounded (a 26-step doubling chain once froze the hover and exhausted the heap); names that are
// JavaScript's object plumbing are rejected; the hover image cache tells two functions with one body apart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_DEFINITION_CHARS, translateDefinition } from '../../../src/core/custom/definition';
import { MAX_FORMULA_CHARS } from '../../../src/core/custom/translate';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown } from '../../../src/core/hover';
import { scanPython } from '../../../src/core/scan';
import { images, svgOf } from '../hover/helpers';

function doublingChain(steps: number): string {
  const lines = ['def blowup(x):', '    a0 = x'];
  for (let i = 1; i <= steps; i++) lines.push(`    a${i} = a${i - 1} + a${i - 1}`);
  lines.push(`    return a${steps}`);
  return `${lines.join('\n')}\n`;
}

describe('custom activation translation is bounded', () => {
  it('a 26-step doubling chain (586 characters) gives up with a reason instead of growing to 2^26 copies', () => {
    const t = translateDefinition(doublingChain(26), 0);
    assert.equal(t.ok, false);
    assert.match(t.ok ? '' : t.reason, new RegExp(`passes ${MAX_FORMULA_CHARS} characters`));
  });

  it('a short chain still translates, and its locals are computed once per x', () => {
    const t = translateDefinition(doublingChain(7), 0);
    assert.ok(t.ok, t.ok ? '' : t.reason);
    assert.equal(t.evaluate(1), 128);
    assert.equal(t.evaluate(-0.5), -64);
    assert.ok(t.mathjs.length <= MAX_FORMULA_CHARS);
  });

  it('a definition is read up to its size budget: a return past it is not read, and the reason says so', () => {
    const filler = (chars: number): string => '    y = x + 1\n'.repeat(Math.ceil(chars / 14));
    const near = translateDefinition(`def f(x):\n${filler(MAX_DEFINITION_CHARS - 200)}    return y * 2\n`, 0);
    assert.ok(near.ok, near.ok ? '' : near.reason);
    assert.equal(near.evaluate(1), 4);
    const past = translateDefinition(`def f(x):\n${filler(MAX_DEFINITION_CHARS + 100)}    return y * 2\n`, 0);
    assert.equal(past.ok, false);
    assert.match(past.ok ? '' : past.reason, /no `return` statement found/);
  });

  it('locals are read in order: a local may rebind the input, and later uses see the new value', () => {
    const t = translateDefinition('def f(x):\n    x = x * 2\n    y = x + 1\n    return y * x\n', 0);
    assert.ok(t.ok, t.ok ? '' : t.reason);
    assert.equal(t.evaluate(3), 42);
    assert.equal(t.mathjs, '(x * 2 + 1) * (x * 2)');
  });

  it('`constructor`, `__proto__` and other object plumbing are not names, parameters or functions', () => {
    for (const src of [
      'def f(x, constructor=1.0):\n    return x * constructor\n',
      'def f(x, __proto__=2.0):\n    return x * __proto__\n',
      'def f(x):\n    return x * constructor\n',
      'def f(x):\n    return x * __proto__\n',
      'def f(x):\n    return constructor(x)\n',
      'def f(x):\n    return x.__proto__(x)\n',
      'def f(x):\n    return toString(x)\n',
      'class A(nn.Module):\n    def __init__(self):\n        self.constructor = 2.0\n    def forward(self, x):\n        return x * self.constructor\n',
    ]) {
      const t = translateDefinition(src, 0);
      assert.equal(t.ok, false, src);
      assert.match(t.ok ? '' : t.reason, /cannot be used in a formula|neither the input nor a parameter|not a function the translator knows/, src);
    }
  });

  it('a parameter named like the formula variable or a function is rejected, not silently merged', () => {
    const t = translateDefinition('def f(z, x=2.0):\n    return z * x\n', 0);
    assert.equal(t.ok, false);
    assert.match(t.ok ? '' : t.reason, /parameter name `x`/);
  });

  it('two functions with the same body get their own hover image (the cache key holds the name)', () => {
    const src = "def alpha(x):\n    return x * 2\n\ndef beta(x):\n    return x * 2\n\nfrom keras import layers\nlayers.Dense(4, activation=alpha)\nlayers.Dense(4, activation=beta)\n";
    const customs = scanPython(src).usages.filter((u) => u.form === 'custom');
    assert.deepEqual(customs.map((u) => u.name), ['alpha', 'beta']);
    const titles = customs.map((u) => {
      const md = hoverMarkdown(u, catalogPort, DEFAULT_OPTIONS, src) ?? '';
      return /<title>([^<]*)<\/title>/.exec(svgOf(images(md)[0].uri))?.[1] ?? '';
    });
    assert.match(titles[0], /alpha\(x\)/);
    assert.match(titles[1], /beta\(x\)/);
  });
});
