// Property: in generated notebooks (models, losses and slips spread over cells in any order), every fix of every
// finding edits only cells the notebook has, at positions taken from that cell's own text, and every cell still
// parses as Python after the fix (CPython's parser, in one batch at the end).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../../src/core/python/lineIndex';
import { applyFixToCells, checkCells } from '../../../src/core/rules';
import { resolveVersions } from '../../../src/core/versions';
import { cpythonParse } from '../rules/pyparse';
import { check, counts } from './budget';

const IMPORTS = [
  'import keras\nfrom keras import layers, losses, Sequential',
  'from keras import layers, losses\nfrom keras.models import Sequential',
  'import torch\nfrom torch import nn\nimport torch.nn.functional as F',
];
const KERAS_ACT = ["activation='relu'", "activation='sigmoid'", "activation='softmax'", "activation='Relu'", "activation='LeakyReLU'", 'activation=None', ''];
const KERAS_LOSS = ["'categorical_crossentropy'", "'binary_crossentropy'", "'mse'", "'poisson'", "'kld'", 'losses.CategoricalCrossentropy()', 'losses.BinaryCrossentropy(from_logits=True)', 'losses.CategoricalCrossentropy(\n    from_logits=False)'];
const TORCH_OUT = ['nn.Sigmoid()', 'nn.Softmax(dim=1)', 'nn.LogSoftmax(dim=1)', 'nn.ReLU()', 'nn.Softmax()'];
const TORCH_LOSS = ['nn.BCELoss()', 'nn.BCEWithLogitsLoss()', 'nn.CrossEntropyLoss()', 'nn.NLLLoss()', 'nn.MSELoss()'];

const dense = (units: number, act: string): string => `layers.Dense(${units}${act ? `, ${act}` : ''})`;

/** One fragment of a notebook: a statement or a few, valid Python on their own. */
const fragment = fc.oneof(
  fc.tuple(fc.constantFrom(...KERAS_ACT), fc.integer({ min: 1, max: 12 }), fc.constantFrom(...KERAS_ACT)).map(([a, n, b]) => `model = Sequential([\n    ${dense(32, a)},\n    ${dense(n, b)},\n])`),
  fc.tuple(fc.constantFrom(...KERAS_ACT), fc.integer({ min: 1, max: 12 }), fc.constantFrom(...KERAS_ACT), fc.boolean()).map(([a, n, b, act]) => `model = Sequential()\nmodel.add(${dense(16, a)})\nmodel.add(${dense(n, b)})${act ? "\nmodel.add(layers.Activation('softmax'))" : ''}`),
  fc.constantFrom(...KERAS_LOSS).map((l) => `model.compile(loss=${l}, optimizer='adam')`),
  fc.tuple(fc.integer({ min: 1, max: 10 }), fc.constantFrom(...TORCH_OUT)).map(([n, o]) => `net = nn.Sequential(nn.Linear(4, ${n}), ${o})`),
  fc.constantFrom(...TORCH_LOSS).map((l) => `criterion = ${l}`),
  fc.constantFrom('y = F.softmax(x)', 'loss = F.nll_loss(F.softmax(out, dim=1), y)', 'p = torch.sigmoid(torch.sigmoid(z))', "h = layers.Dense(2, activation='Relu')(h)"),
  fc.constantFrom('# a comment', '', 'x = 1', '%matplotlib inline', 'def f(x):\n    return x'),
);

const notebook = fc.record({
  imports: fc.subarray(IMPORTS, { minLength: 1 }),
  body: fc.array(fragment, { minLength: 1, maxLength: 7 }),
  // Where the fragments are cut into cells, and the gaps markdown cells leave in the indexes.
  cuts: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  gaps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 10, maxLength: 10 }),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
});

describe('fuzz: notebook fixes stay in their cell', () => {
  const K3 = { versions: resolveVersions([], { keras: '3' }) };
  const fixed: string[] = [];
  const origins: string[] = [];
  let fixes = 0;

  it('every fix of every generated notebook edits its own cells at their own positions', () => {
    check('notebook fixes', notebook, 800, ({ imports, body, cuts, gaps, eol }) => {
      const parts = [...imports, ...body];
      const texts: string[] = [];
      parts.forEach((p, i) => { if (i === 0 || cuts[i % cuts.length]) texts.push(p); else texts[texts.length - 1] += `\n${p}`; });
      let index = 0;
      const cells = texts.map((t, i) => ({ index: (index += 1 + gaps[i % gaps.length]), text: `${t}\n`.replace(/\n/g, eol) }));
      const texts0 = new Map(cells.map((c) => [c.index, c.text]));
      for (const f of checkCells(cells, K3).findings) {
        assert.ok(f.cell !== undefined && texts0.has(f.cell), 'finding in a cell of the notebook');
        for (const x of f.fixes) {
          fixes++;
          for (const e of x.edits) {
            assert.ok(e.cell !== undefined && texts0.has(e.cell), `edit of "${x.title}" names cell ${String(e.cell)}`);
            const lines = new LineIndex(texts0.get(e.cell) as string);
            assert.equal(lines.offsetAt(e.line, e.col), e.start, `edit of "${x.title}": line/col from its cell's text`);
            assert.equal(lines.offsetAt(e.endLine, e.endCol), e.end);
          }
          const out = applyFixToCells(cells, x, f.cell);
          for (const [i, text] of out) {
            if (text === texts0.get(i)) continue;
            fixed.push(text.replace(/%matplotlib inline/g, ''));
            origins.push(`${x.title} in ${JSON.stringify(cells)}`);
          }
        }
      }
    });
    assert.ok(fixes > 100, `only ${fixes} fixes were generated`);
  });

  it('every fixed cell parses (CPython)', (t) => {
    const errors = cpythonParse(fixed);
    if (!errors) { t.diagnostic('python3 missing: parse check not run'); return; }
    const bad = errors.map((e, i) => (e ? `${e}: ${origins[i]}\n${fixed[i]}` : '')).filter(Boolean);
    assert.deepEqual(bad.slice(0, 3), []);
    t.diagnostic(`${counts.get('notebook fixes')} notebooks, ${fixes} fixes applied, ${fixed.length} cells re-parsed, ${bad.length} failures`);
  });
});
