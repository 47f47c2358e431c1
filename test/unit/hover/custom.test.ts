import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translateDefinition } from '../../../src/core/custom/definition';
import { hover, images, links, svgOf, usageOn } from './helpers';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

test('def swish(x, beta=1.0): return x * K.sigmoid(beta * x) becomes a mathjs formula with its default', () => {
  const src = 'def swish(x, beta=1.0):\n    return x * K.sigmoid(beta * x)\n';
  const t = translateDefinition(src, 0);
  assert.ok(t.ok);
  assert.equal(t.mathjs, 'x * (1 / (1 + exp(-(beta * x))))');
  assert.deepEqual(t.params, { beta: 1 });
  assert.ok(Math.abs(t.evaluate(1.5) - 1.5 * sigmoid(1.5)) < 1e-12);
});

test('lambdas, locals, conditionals and method calls translate', () => {
  const lam = translateDefinition('act = lambda z, a=0.1: torch.where(z > 0, z, a * z)\n', 6);
  assert.ok(lam.ok);
  assert.equal(lam.evaluate(-2), -0.2);
  assert.equal(lam.evaluate(3), 3);
  const local = translateDefinition('def mish(x):\n    sp = tf.math.log(1 + tf.exp(x))  # softplus\n    return x * tf.tanh(sp)\n', 0);
  assert.ok(local.ok);
  assert.ok(Math.abs(local.evaluate(1) - Math.tanh(Math.log(1 + Math.E))) < 1e-12);
  const method = translateDefinition('def f(x):\n    """Doc."""\n    return x.sigmoid() * 2 if x.abs() < 1 else x ** 2\n', 0);
  assert.ok(method.ok);
  assert.equal(method.evaluate(3), 9);
  assert.ok(Math.abs(method.evaluate(0.5) - 2 * sigmoid(0.5)) < 1e-12);
});

test('an nn.Module subclass whose forward returns an expression uses the attributes set in __init__', () => {
  const src = 'class Scaled(nn.Module):\n    def __init__(self, beta=2.0):\n        super().__init__()\n        self.beta = beta\n        self.act = nn.Sigmoid()\n\n    def forward(self, x):\n        return x * self.act(self.beta * x)\n';
  const t = translateDefinition(src, 0);
  assert.ok(t.ok, t.ok ? '' : t.reason);
  assert.deepEqual(t.params, { beta: 2 });
  assert.ok(Math.abs(t.evaluate(1) - sigmoid(2)) < 1e-12);
});

test('bodies beyond the translator are reported with a reason, never guessed', () => {
  const loop = translateDefinition('def odd(x):\n    for _ in range(3):\n        x = x + 1\n    return x\n', 0);
  assert.equal(loop.ok, false);
  assert.match(loop.ok ? '' : loop.reason, /beyond the translator/);
  const unknown = translateDefinition('def g(x):\n    return my_magic(x)\n', 0);
  assert.equal(unknown.ok, false);
  assert.match(unknown.ok ? '' : unknown.reason, /my_magic/);
  const broken = translateDefinition('def h(x:\n', 0);
  assert.equal(broken.ok, false);
});

test('the hover of a user-defined activation shows the translated formula and its curve', () => {
  const md = hover(usageOn('dense_custom', 'custom'));
  assert.ok(md.startsWith('**swish** · user\\-defined activation \\(Keras\\)'), md.slice(0, 200));
  assert.ok(md.includes('f(x) = `x * (1 / (1 + exp(-(beta * x))))`'), md);
  const imgs = images(md);
  assert.equal(imgs.length, 1);
  assert.match(svgOf(imgs[0].uri), /<path class="f"/);
  const plot = links(md).find((l) => l.command === 'activationLens.showPlot');
  assert.deepEqual(plot?.args, [{ name: 'swish', framework: 'keras', params: { beta: 1 }, formula: 'x * (1 / (1 + exp(-(beta * x))))' }]);
});

test('a lambda passed as the activation gets its own hover', () => {
  const md = hover(usageOn('dense_lambda', 'custom'));
  assert.ok(md.includes('f(x) = `x * (1 / (1 + exp(-x)))`'), md.slice(0, 300));
});

test('a body beyond the translator gets one honest line and no curve', () => {
  const md = hover(usageOn('dense_odd', 'custom'));
  assert.match(md, /beyond the formula translator/);
  assert.equal(images(md).length, 0);
});

test('translated formulas keep Python precedence when functions are expanded', () => {
  const t = translateDefinition('def f(x):\n    return tf.nn.silu(x + 1) - -x ** 2\n', 0);
  assert.ok(t.ok);
  assert.equal(t.mathjs, '((x + 1) / (1 + exp(-(x + 1)))) - -x ^ 2');
  const x = 0.7;
  assert.ok(Math.abs(t.evaluate(x) - ((x + 1) * sigmoid(x + 1) + x ** 2)) < 1e-12);
});
