import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanCells, scanPython, type Usage } from '../../../src/core/scan';

/** The one usage found in `code`, checked to be alone. */
function only(code: string): Usage {
  const { usages } = scanPython(code);
  assert.equal(usages.length, 1, `expected one usage in:\n${code}\nfound ${JSON.stringify(usages.map((u) => u.name))}`);
  return usages[0];
}

/** 0-based column of `needle` on the last line of `code`. */
function colOf(code: string, needle: string): number {
  const last = code.split('\n').pop()!;
  const col = last.indexOf(needle);
  assert.ok(col >= 0);
  return col;
}

test('a string usage points at its string literal and keeps the raw text', () => {
  const code = 'from keras import layers\nlayers.Dense(64, activation="relu")';
  const u = only(code);
  assert.deepEqual([u.form, u.name, u.framework, u.line, u.col, u.valid, u.raw], ['string', 'relu', 'keras', 1, colOf(code, '"relu"'), true, 'relu']);
  assert.equal(u.end - u.start, '"relu"'.length);
});

test('invalid Keras strings are reported with valid false and their text as written', () => {
  for (const raw of ['LeakyReLU', 'leakyrelu', 'Relu', 'softmax ', 'leaky-relu']) {
    const u = only(`import keras\nkeras.layers.Dense(4, activation='${raw}')`);
    assert.deepEqual([u.name, u.valid, u.raw], [raw, false, raw]);
  }
});

test('aliases of valid Keras strings resolve to the canonical name', () => {
  assert.equal(only("import keras\nkeras.layers.Dense(4, activation='swish')").name, 'silu');
  assert.equal(only("import keras\nkeras.layers.Dense(4, activation='hard_swish')").name, 'hardswish');
});

test('a layer call points at the start of the call and maps positional parameters', () => {
  const code = 'import torch.nn as nn\nblock = nn.LeakyReLU(0.2, True)';
  const u = only(code);
  assert.deepEqual([u.form, u.name, u.line, u.col], ['layer', 'leaky_relu', 1, colOf(code, 'nn.LeakyReLU')]);
  assert.deepEqual(u.params, { negative_slope: 0.2, inplace: true });
  assert.equal(u.written, 'nn.LeakyReLU');
  assert.equal(u.qualified, 'torch.nn.LeakyReLU');
});

test('keyword parameters are read as literal values', () => {
  const u = only('from tensorflow.keras import layers\nlayers.LeakyReLU(negative_slope=0.1)');
  assert.deepEqual([u.name, u.framework, u.form, u.params], ['leaky_relu', 'keras', 'layer', { negative_slope: 0.1 }]);
});

test('functional calls skip the input and read the rest; in-place spellings give inplace true', () => {
  const u = only('import torch.nn.functional as F\ny = F.leaky_relu(x, 0.1)');
  assert.deepEqual([u.form, u.params], ['function', { negative_slope: 0.1 }]);
  assert.deepEqual(only('from torch.nn import functional as F\nF.relu_(x)').params, { inplace: true });
});

test('a reference points at the start of the expression and records its keyword', () => {
  const code = 'import tensorflow as tf\ntf.keras.layers.Dense(3, activation=tf.nn.relu)';
  const u = only(code);
  assert.deepEqual([u.form, u.name, u.framework, u.col, u.keyword], ['reference', 'relu', 'tf', colOf(code, 'tf.nn.relu'), 'activation']);
});

test('partial(nn.GELU, approximate=...) gives the reference its parameters', () => {
  const u = only("import torch.nn as nn\nfrom functools import partial\nact = partial(nn.GELU, approximate='tanh')");
  assert.deepEqual([u.form, u.name, u.params], ['reference', 'gelu', { approximate: 'tanh' }]);
});

test('a tensor method points at the method name', () => {
  const code = 'import torch\ny = x.log_softmax(1)';
  const u = only(code);
  assert.deepEqual([u.form, u.name, u.col, u.params], ['method', 'log_softmax', colOf(code, 'log_softmax'), { dim: 1 }]);
  assert.deepEqual(only('import torch\nx.sigmoid_()').params, { inplace: true });
});

test('never a method on self, cls or a module', () => {
  assert.equal(scanPython('import torch\nclass M:\n    def f(self, x):\n        return self.relu(x)').usages.length, 0);
  assert.equal(scanPython('import torch\nimport numpy as np\ny = np.tanh(x)').usages.length, 0);
  assert.equal(scanPython('import torch\ny = model.relu(x)').usages.length, 0);
});

test('a custom activation points at the name and knows where it is defined', () => {
  const code = 'from keras import layers, ops\ndef swish(x):\n    return x\nlayers.Dense(4, activation=swish)';
  const u = scanPython(code).usages.find((x) => x.form === 'custom')!;
  assert.deepEqual([u.name, u.col, u.definitionStart], ['swish', colOf(code, 'swish)'), code.indexOf('def swish')]);
});

test('imports resolve through every spelling', () => {
  const cases: [string, string][] = [
    ['import torch.nn as nn\nnn.ReLU()', 'relu'],
    ['from torch import nn\nnn.ReLU()', 'relu'],
    ['import torch.nn.functional as F\nF.gelu(x)', 'gelu'],
    ['from torch.nn import functional as F\nF.gelu(x)', 'gelu'],
    ['from tensorflow.keras import layers\nlayers.ELU()', 'elu'],
    ['from keras.layers import LeakyReLU as LR\nLR()', 'leaky_relu'],
    ['from keras import backend as K\nK.sigmoid(x)', 'sigmoid'],
    ['from torch.nn import *\nSiLU()', 'silu'],
    ['import torch\ntorch.nn.Mish()', 'mish'],
    ['import tensorflow as tf\ntf.sigmoid(x)', 'sigmoid'],
    ['import keras\nkeras.ops.gelu(x)', 'gelu'],
  ];
  for (const [code, name] of cases) assert.equal(only(code).name, name, code);
});

test('comments, docstrings, other strings and type tests are not usages', () => {
  const code = [
    'import torch.nn as nn',
    '# nn.ReLU()',
    '"""nn.ReLU() in a docstring"""',
    "s = 'nn.ReLU()'",
    'isinstance(m, nn.ReLU)',
    'if type(m) == nn.ReLU: pass',
    'class R(nn.ReLU): pass',
    "nn.init.kaiming_normal_(w, nonlinearity='relu')",
    "g = nn.init.calculate_gain('relu')",
  ].join('\n');
  assert.deepEqual(scanPython(code).usages, []);
});

test('a local definition shadows the framework name it reuses', () => {
  assert.deepEqual(scanPython('from torch.nn.functional import relu\ndef relu(x):\n    return x\nrelu(1)').usages, []);
});

test('in a notebook a custom usage names the cell that defines it', () => {
  const cells = [
    { index: 0, text: 'from keras import layers' },
    { index: 2, text: 'def swish(x):\n    return x' },
    { index: 3, text: 'layers.Dense(4, activation=swish)\nlayers.Dense(4, activation=lambda t: t)' },
  ];
  const customs = scanCells(cells).usages.filter((u) => u.form === 'custom');
  assert.deepEqual(customs.map((u) => [u.name, u.cell, u.definitionCell, u.definitionStart]), [
    ['swish', 3, 2, 0],
    ['lambda', 3, 3, cells[2].text.indexOf('lambda')],
  ]);
});

test("a function from the project's own module passed as an activation is custom, pointing at its name", () => {
  const code = 'import keras\nimport my_acts\nimport numpy as np\ncfg = object()\nkeras.layers.Dense(4, activation=my_acts.swish)\nkeras.layers.Dense(4, activation=np.tanh)\nkeras.layers.Dense(4, activation=cfg.act)';
  const usages = scanPython(code).usages;
  assert.deepEqual(usages.map((u) => [u.name, u.form, u.col, u.qualified]), [['swish', 'custom', colOf(code.split('\n').slice(0, 5).join('\n'), 'swish'), 'my_acts.swish']]);
});
