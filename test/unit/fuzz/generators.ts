// Shared generators for the fuzz suites: Python-looking text built from real fragments and hostile characters.
import fc from 'fast-check';

/** Characters that break naive parsers: every line terminator, brackets, quotes, backticks, controls, non-ASCII. */
export const NASTY = ['\r', '\n', '\r\n', '\u2028', '\u2029', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x85', '\0', '\t', '`', '```', '\\', "'", '"', '"""', '(', ')', '[', ']', '{', '}', '#', ':', ';', ',', '=', '**', '.', '$(', '<img src=x>', '[a](https://evil.example/)', '![i](https://evil.example/p.png)', 'é', '𝑥', '\u202e', '\ufeff'];

const FRAGMENTS = [
  'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', 'from torch import nn', 'import keras',
  'from keras import layers', 'import tensorflow as tf', 'from tensorflow.keras import layers as L',
  'x = nn.ReLU()', 'y = F.softmax(x)', 'z = torch.sigmoid(h)', 'h = x.tanh()', "d = layers.Dense(4, activation='Relu')",
  "d = layers.Dense(4, activation='relu')", 'a = nn.LeakyReLU(0.2, True)', "m = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(3, activation='sigmoid')])",
  "m.compile(loss='categorical_crossentropy')", 'crit = nn.BCELoss()', 'net = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())',
  'def act(x):\n    return x * torch.sigmoid(x)', 'layers.Dense(2, activation=act)', 'g = lambda v: v * 2', 'class M(nn.Module):\n    def forward(self, x):\n        return F.relu(x)',
  'if True:\n    pass', 'try:\n    F = None\nexcept ImportError:\n    pass', '# comment', '"""doc"""', "s = 'text'", 'f(', ')', '@decorator',
];

/** Python-like text: real fragments, joined by any line end, with hostile characters spliced in. */
export const pythonish: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), { maxLength: 24 })
  .chain((parts) => fc.constantFrom('\n', '\r\n', '\r', ' ', '').map((sep) => parts.join(sep)));

/** Short text full of hostile characters, for names and strings in code. */
export const hostileText: fc.Arbitrary<string> = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 6 }), fc.constantFrom('relu', 'Relu', 'gelu', 'leaky_relu')), { maxLength: 8 }).map((p) => p.join(''));
