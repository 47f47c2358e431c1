// Custom activations read through the scanner's tokens: odd but valid spellings of the same function translate to
// the same formula, and text that only looks like code (comments, strings, nested definitions) is never read as code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translateDefinition } from '../../../src/core/custom/definition';

function formulaOf(src: string, offset = src.search(/\b(def|class|lambda)\b/)): string {
  const t = translateDefinition(src, offset);
  assert.ok(t.ok, t.ok ? '' : `${t.reason}\n${src}`);
  return t.mathjs;
}

const SWISH = 'def swish(x, beta=1.0):\n    return x * K.sigmoid(beta * x)\n';
const SWISH_MATH = 'x * (1 / (1 + exp(-(beta * x))))';

test('line continuations, inside and outside brackets, join a statement', () => {
  assert.equal(formulaOf('def f(x):\n    y = x * \\\n        2\n    return y + \\\n1\n'), 'x * 2 + 1');
  assert.equal(formulaOf('def f(x):\n    return (x *\n            2 +\n    1)\n'), 'x * 2 + 1');
  assert.equal(formulaOf('def swish(x,\n          beta=1.0):\n    return x * K.sigmoid(\n        beta * x)\n'), SWISH_MATH);
});

test('comments anywhere are not code, even when they hold a return', () => {
  const src = 'def f(x):  # return 0\n    # return 1\n    y = x * 2  # y = 0\n    return (y  # the doubled input\n            + 1)  # plus one\n';
  assert.equal(formulaOf(src), 'x * 2 + 1');
});

test('strings holding `return`, `#` or quotes are strings: docstrings are skipped whole', () => {
  const doc = 'def f(x):\n    """Doubles x.\n\n    return 0\n    """\n    return x * 2\n';
  assert.equal(formulaOf(doc), 'x * 2');
  const single = "def f(x):\n    '# not a comment; return 0'\n    return x * 2\n";
  assert.equal(formulaOf(single), 'x * 2');
  const raw = 'def f(x):\n    r"""\\"""return 1"""\n    return x * 2\n';
  assert.equal(formulaOf(raw), 'x * 2');
  const inExpression = translateDefinition("def f(x):\n    return x * 'return 2'\n", 0);
  assert.equal(inExpression.ok, false);
  assert.match(inExpression.ok ? '' : inExpression.reason, /strings are not numbers/);
});

test('a nested def is a statement beyond the translator, and only a class\'s own methods count', () => {
  const nested = translateDefinition('def outer(x):\n    def inner(y):\n        return y * 3\n    return inner(x)\n', 0);
  assert.equal(nested.ok, false);
  assert.match(nested.ok ? '' : nested.reason, /`def inner\(y\):` is beyond the translator/);
  const cls = [
    'class Act(nn.Module):',
    '    def __init__(self, beta=2.0):',
    '        super().__init__()',
    '        def forward(z):',
    '            return z * 0',
    '        self.beta = beta',
    '',
    '    def forward(self, x):',
    '        return x * self.beta',
    '',
    'def forward(x):',
    '    return -x',
    '',
  ].join('\n');
  const t = translateDefinition(cls, 0);
  assert.ok(t.ok, t.ok ? '' : t.reason);
  assert.equal(t.mathjs, 'x * beta');
  assert.deepEqual(t.params, { beta: 2 });
  const docstringOnly = translateDefinition('class Act(nn.Module):\n    """def forward(self, x):\n        return x"""\n', 0);
  assert.equal(docstringOnly.ok, false);
  assert.match(docstringOnly.ok ? '' : docstringOnly.reason, /no `forward` or `call` method/);
});

test('attributes set in `if` blocks of __init__ still give their defaults', () => {
  const src = 'class Act(nn.Module):\n    def __init__(self, beta=1.5, learn=False):\n        super().__init__()\n        if learn:\n            self.beta = nn.Parameter(torch.tensor(beta))\n        else:\n            self.beta = beta\n    def forward(self, x):\n        return x * torch.sigmoid(self.beta * x)\n';
  const t = translateDefinition(src, 0);
  assert.ok(t.ok, t.ok ? '' : t.reason);
  assert.deepEqual(t.params, { beta: 1.5 });
});

test('decorators on functions and methods are passed over', () => {
  const src = '@torch.jit.script\n@some.decorator(name="def g(x): return 0")\ndef f(x):\n    return x * 2\n';
  assert.equal(formulaOf(src, src.indexOf('\ndef') + 1), 'x * 2');
  assert.equal(formulaOf(src, 0), 'x * 2');
  const cls = 'class Act(nn.Module):\n    @torch.no_grad()\n    def forward(self, x):\n        return x * 2\n\n    @staticmethod\n    def helper(x):\n        return 0\n';
  assert.equal(formulaOf(cls), 'x * 2');
  assert.equal(formulaOf('async def f(x):\n    return x * 2\n'), 'x * 2');
});

test('tabs, CRLF and lone CR line ends read like spaces and LF', () => {
  assert.equal(formulaOf(SWISH.replace(/ {4}/g, '\t')), SWISH_MATH);
  assert.equal(formulaOf(SWISH.replace(/\n/g, '\r\n')), SWISH_MATH);
  assert.equal(formulaOf(SWISH.replace(/\n/g, '\r')), SWISH_MATH);
  const cls = 'class Scaled(nn.Module):\n\tdef __init__(self, beta=2.0):\n\t\tself.beta = beta\n\t\tself.act = nn.Sigmoid()\n\n\tdef forward(self, x):\n\t\treturn x * self.act(self.beta * x)\n';
  for (const text of [cls, cls.replace(/\n/g, '\r\n')]) {
    const t = translateDefinition(text, 0);
    assert.ok(t.ok, t.ok ? '' : t.reason);
    assert.equal(t.mathjs, 'x * (1 / (1 + exp(-(beta * x))))');
    assert.deepEqual(t.params, { beta: 2 });
  }
});

test('bodies on the header line, `;` between statements, annotations and keyword-only parameters', () => {
  assert.equal(formulaOf('def f(x): y = x * 2; return y + 1\nprint(f(1))\n'), 'x * 2 + 1');
  const t = translateDefinition('def f(x: torch.Tensor, /, beta: float = 2.0, *, gamma: Dict[str, int] = 3, **kw) -> torch.Tensor:\n    return x * beta + gamma\n', 0);
  assert.ok(t.ok, t.ok ? '' : t.reason);
  assert.deepEqual(t.params, { beta: 2, gamma: 3 });
  assert.equal(t.mathjs, 'x * beta + gamma');
});

test('a lambda ends at its call\'s comma or bracket, wherever the line breaks', () => {
  const src = 'model.add(layers.Dense(4, activation=lambda z, a=0.1: torch.where(z > 0, z, a * z), name="d"))\n';
  const t = translateDefinition(src, src.indexOf('lambda'));
  assert.ok(t.ok, t.ok ? '' : t.reason);
  assert.equal(t.evaluate(-2), -0.2);
  assert.equal(formulaOf('acts = {"swish": lambda x: x * K.sigmoid(x)}  # lambda y: 0\n'), 'x * (1 / (1 + exp(-x)))');
  assert.equal(formulaOf('act = (lambda x:\n       x * 2)\n', 0), 'x * 2');
});

test('what is not a definition, or is cut short, is said plainly', () => {
  for (const src of ['x = 1\n', 'def\n', 'def f x:\n    return x\n', 'class A(nn.Module)\n', 'act = lambda: 0\n', 'def f(x):\n', 'class A:\n    pass\n']) {
    const t = translateDefinition(src, 0);
    assert.equal(t.ok, false, src);
    assert.ok(!t.ok && t.reason.length > 0 && t.reason.length < 200, src);
  }
});
