// Fuzz: one custom activation written in many valid spellings (indentation, line ends, comments, docstrings holding
// `return`, decorators, parameters over several lines, `\` and bracket continuations, `;`, code around it)
// translates to the same formula, parameters and curve as its plain spelling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { translateDefinition } from '../../../src/core/custom/definition';
import { check, counts } from './budget';

interface Body { readonly params: string; readonly locals: readonly (readonly [string, string])[]; readonly ret: string }

const BODIES: readonly Body[] = [
  { params: 'x, beta=1.0', locals: [['s', 'K.sigmoid(beta * x)']], ret: 'x * s' },
  { params: 'z, a=0.1', locals: [], ret: 'torch.where(z > 0, z, a * z)' },
  { params: 'x', locals: [['sp', 'tf.math.log(1 + tf.exp(x))'], ['t', 'tf.tanh(sp)']], ret: 'x * t' },
  { params: 'x, alpha=1.67, scale=1.05', locals: [], ret: 'scale * (x if x > 0 else alpha * (tf.exp(x) - 1))' },
  { params: 'x, lo=-1, hi=1', locals: [['y', 'x * 2']], ret: 'torch.clamp(y, min=lo, max=hi) + x ** 2' },
];

const spelling = fc.record({
  body: fc.constantFrom(...BODIES),
  indent: fc.constantFrom('    ', '  ', '\t', '        '),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  comment: fc.constantFrom('', '  # return 0', '\t# x = 1; return x'),
  docstring: fc.constantFrom('none', 'one line', 'holding return'),
  decorators: fc.subarray(['@torch.jit.script', '@functools.lru_cache(maxsize=None)', '@register("def g(x): return 0")']),
  paramsOnLines: fc.boolean(),
  ret: fc.constantFrom('plain', 'backslash', 'parens'),
  semicolons: fc.boolean(),
  before: fc.constantFrom('', 'import torch', 'x = """\ndef f(x):\n    return 0\n"""'),
  after: fc.constantFrom('', 'print(f(1))', 'def g(y):\n    return 0', '  \n# return 3'),
});

/** The source, and the offsets a translation may start from: the `def`, and the first decorator above it. */
function spell(s: typeof spelling extends fc.Arbitrary<infer T> ? T : never): { text: string; offsets: number[] } {
  const { body, indent: ind, comment } = s;
  const lines: string[] = [];
  if (s.before) lines.push(...s.before.split('\n'));
  lines.push(...s.decorators);
  const defLine = lines.length;
  if (s.paramsOnLines) lines.push('def f(', ...body.params.split(', ').map((p) => `${ind}${ind}${p},${comment}`), `):${comment}`);
  else lines.push(`def f(${body.params}):${comment}`);
  if (s.docstring === 'one line') lines.push(`${ind}'''Doc # not a comment.'''`);
  if (s.docstring === 'holding return') lines.push(`${ind}"""Doc.`, '', `${ind}return 0`, `${ind}"""${comment}`);
  const assigns = body.locals.map(([n, v]) => `${n} = ${v}`);
  if (s.semicolons && assigns.length) lines.push(`${ind}${assigns.join('; ')}${comment}`);
  else lines.push(...assigns.map((a) => `${ind}${a}${comment}`));
  if (s.ret === 'plain') lines.push(`${ind}return ${body.ret}${comment}`);
  if (s.ret === 'backslash') lines.push(`${ind}return \\`, `${ind}${ind}${body.ret}${comment}`);
  if (s.ret === 'parens') lines.push(`${ind}return (${comment}`, `${ind}${ind}${body.ret}${comment}`, `${ind})${comment}`);
  if (s.after) lines.push(...s.after.split('\n'));
  const text = `${lines.join(s.eol)}${s.eol}`;
  const offsetOf = (line: number): number => lines.slice(0, line).reduce((n, l) => n + l.length + s.eol.length, 0);
  return { text, offsets: [offsetOf(defLine), offsetOf(defLine - s.decorators.length)] };
}

function plain(body: Body): string {
  return `def f(${body.params}):\n${body.locals.map(([n, v]) => `    ${n} = ${v}\n`).join('')}    return ${body.ret}\n`;
}

describe('fuzz: custom activations in odd spellings', () => {
  it('every spelling translates to the plain spelling\'s formula, parameters and curve', (t) => {
    check('custom spellings', spelling, 1500, (s) => {
      const want = translateDefinition(plain(s.body), 0);
      assert.ok(want.ok, want.ok ? '' : want.reason);
      const { text, offsets } = spell(s);
      for (const at of offsets) {
        const got = translateDefinition(text, at);
        assert.ok(got.ok, `${got.ok ? '' : got.reason}\n${JSON.stringify(text)}`);
        assert.equal(got.mathjs, want.mathjs, JSON.stringify(text));
        assert.deepEqual(got.params, want.params);
        for (const x of [-2, -0.5, 0, 0.7, 3]) assert.equal(got.evaluate(x), want.evaluate(x));
      }
    });
    t.diagnostic(`${counts.get('custom spellings')} inputs, 0 failures`);
  });
});
