import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCells, analyzePython, DEFAULT_ANALYSIS_OPTIONS } from '../../../src/core/analysis';
import { cellViews, definitionSource, documentView, usageAt } from '../../../src/core/scan/documentAnalysis';

test('usageAt finds the usage under the cursor, and the layer call around an argument', () => {
  const text = 'import torch.nn as nn\nact = nn.LeakyReLU(0.2, True)\nx = 1\n';
  const analysis = documentView(analyzePython(text, DEFAULT_ANALYSIS_OPTIONS));
  const at = (s: string, delta = 0): string | undefined => usageAt(analysis, text.indexOf(s) + delta)?.name;
  assert.equal(at('nn.LeakyReLU', 4), 'leaky_relu');
  assert.equal(at('0.2'), 'leaky_relu');
  assert.equal(at('x = 1'), undefined);
  assert.equal(at('import'), undefined);
});

test('notebook cells are analysed together: imports in one cell apply to the next, positions stay per cell', () => {
  const cells = [
    { index: 0, text: 'import torch.nn.functional as F\ndef swish(x, beta=1.0):\n    return x * F.sigmoid(beta * x)\n' },
    { index: 2, text: 'from tensorflow.keras import layers\nd = layers.Dense(8, activation=swish)\ny = F.relu(h)\n' },
  ];
  const byCell = cellViews(analyzeCells(cells, DEFAULT_ANALYSIS_OPTIONS));
  const second = byCell.get(2);
  assert.ok(second);
  const relu = second.usages.find((u) => u.name === 'relu');
  assert.equal(relu?.line, 2);
  assert.equal(relu?.cell, 2);
  assert.equal(cells[1].text.slice(relu?.start, relu?.end), 'F.relu');
  const custom = second.usages.find((u) => u.form === 'custom');
  assert.ok(custom);
  // The definition lives in cell 0: its text is found there.
  assert.equal(definitionSource(second, custom), cells[0].text);
});
