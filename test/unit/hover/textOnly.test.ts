import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown } from '../../../src/core/hover';
import { tableXs } from '../../../src/core/hover/valueTable';
import { scanPython } from '../../../src/core/scan';

const SRC = "import torch.nn as nn\nact = nn.LeakyReLU(0.2)\nfrom tensorflow import keras\nd = keras.layers.Dense(3, activation='rleu')\n";
const usages = scanPython(SRC).usages;
const leaky = usages.find((u) => u.framework === 'torch');
const invalid = usages.find((u) => u.valid === false);

test('without images the hover writes the formula, the properties and a table of values instead of the plot', () => {
  assert.ok(leaky);
  const md = hoverMarkdown(leaky, catalogPort, { ...DEFAULT_OPTIONS, images: false }, SRC) ?? '';
  assert.doesNotMatch(md, /!\[|data:image/);
  assert.match(md, /f\(x\) = `x > 0 \? x : s \* x`/);
  assert.match(md, /\*\*Behaviour:\*\* range/);
  const table = /```text\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';
  const rows = table.split('\n').map((r) => r.trim().split(/\s+/));
  assert.deepEqual(rows[0], ['x', 'f(x)', 'f′(x)']);
  // The slope the code passes (0.2), not PyTorch's default 0.01.
  assert.deepEqual(rows.find((r) => r[0] === '−2'), ['−2', '−0.4', '0.2']);
  assert.deepEqual(rows.find((r) => r[0] === '3'), ['3', '3', '1']);
});

test('the plot section off removes the table too; with images the hover keeps its one image and no table', () => {
  assert.ok(leaky);
  const off = hoverMarkdown(leaky, catalogPort, { ...DEFAULT_OPTIONS, images: false, sections: { ...DEFAULT_OPTIONS.sections, plot: false } }, SRC) ?? '';
  assert.doesNotMatch(off, /```text/);
  const full = hoverMarkdown(leaky, catalogPort, DEFAULT_OPTIONS, SRC) ?? '';
  assert.match(full, /\]\(data:image\/svg\+xml;base64,/);
  assert.doesNotMatch(full, /```text/);
});

test('for other editors the hover has no codicons and no command links; docs are plain https links', () => {
  assert.ok(leaky && invalid);
  for (const u of [leaky, invalid]) {
    const md = hoverMarkdown(u, catalogPort, { ...DEFAULT_OPTIONS, images: false, client: 'lsp' }, SRC) ?? '';
    assert.doesNotMatch(md, /command:|\$\(\w+\)|&nbsp;/);
    assert.match(md, /\]\(https:\/\/[^)\s]+\)/);
  }
  assert.match(hoverMarkdown(invalid, catalogPort, DEFAULT_OPTIONS, SRC) ?? '', /\$\(error\)/);
});

test('table x values are round and cover the plotted interval', () => {
  assert.deepEqual(tableXs(-4, 4), [-4, -3, -2, -1, 0, 1, 2, 3, 4]);
  assert.deepEqual(tableXs(-5, 5), [-4, -2, 0, 2, 4]);
  assert.deepEqual(tableXs(-6, 6), [-6, -4, -2, 0, 2, 4, 6]);
  assert.deepEqual(tableXs(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(tableXs(1, 1), []);
});
