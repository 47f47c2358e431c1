// The canonical fix and its variants, checked as exact text: add chains, Sequential lists, functional chains,
// Activation layers, Keras 2 vs 3 parameter names, and imports added at most once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, checkCells, checkPython, type Finding } from '../../../src/core/rules';
import { buildGraph } from '../../../src/core/model';
import { parsePython } from '../../../src/core/scan';
import { predictModels } from '../../../src/core/signal';
import { resolveVersions } from '../../../src/core/versions';

const K3 = { versions: resolveVersions([], { keras: '3' }) };
const K2 = { versions: resolveVersions([], { keras: '2' }) };

function only(text: string, code: string, options = K3): Finding {
  const hits = checkPython(text, options).findings.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `expected one ${code}, got ${hits.length}`);
  return hits[0];
}

function preferred(text: string, code: string, options = K3): string {
  const f = only(text, code, options);
  const fix = f.fixes.find((x) => x.preferred);
  assert.ok(fix, 'no preferred fix');
  return applyEdits(text, fix.edits);
}

describe('invalid-activation-string fixes', () => {
  const chain = [
    'from keras.models import Sequential',
    'from keras.layers import Dense',
    '',
    'model = Sequential()',
    "model.add(Dense(90, activation='LeakyReLU'))  # hidden",
    "model.add(Dense(1, activation='sigmoid'))",
    '',
  ].join('\n');

  it('Keras 3: Dense(90) then LeakyReLU(negative_slope=0.3), LeakyReLU added to the existing import', () => {
    assert.equal(preferred(chain, 'invalid-activation-string'), [
      'from keras.models import Sequential',
      'from keras.layers import Dense, LeakyReLU',
      '',
      'model = Sequential()',
      'model.add(Dense(90))  # hidden',
      'model.add(LeakyReLU(negative_slope=0.3))',
      "model.add(Dense(1, activation='sigmoid'))",
      '',
    ].join('\n'));
  });

  it('the alternatives: the valid string (saying its slope is 0.2)', () => {
    const f = only(chain, 'invalid-activation-string');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /Keras 3 assumed/);
    const titles = f.fixes.map((x) => x.title);
    assert.deepEqual(titles, ['Replace with a layer: LeakyReLU(negative_slope=0.3)', "Replace with 'leaky_relu' (its slope is 0.2; the LeakyReLU layer's default is 0.3)"]);
    assert.equal(applyEdits(chain, f.fixes[1].edits), chain.replace("'LeakyReLU'", "'leaky_relu'"));
  });

  it('tf.keras 2 names the slope alpha (and accepts the class string, so only a typo is flagged there)', () => {
    const typo = chain.replace("'LeakyReLU'", "'leakyrelu'").replace(/from keras/g, 'from tensorflow.keras');
    const f = only(typo, 'invalid-activation-string', K2);
    assert.deepEqual(f.fixes.map((x) => x.title)[0], "Replace with 'leaky_relu' (its slope is 0.2; the LeakyReLU layer's default is 0.3)");
    assert.equal(checkPython(chain, K2).findings.filter((x) => x.code === 'invalid-activation-string').length, 0);
    const cls = chain.replace("'LeakyReLU'", "'PReLU'");
    assert.equal(checkPython(cls, K2).findings.length, 0);
    const elu = "from tensorflow.keras import layers\nm = layers.Dense(4, activation='Elu')\n";
    assert.match(only(elu, 'invalid-activation-string', K2).fixes[0].title, /'elu'/);
  });

  it('a typo gets the closest valid name', () => {
    const text = "from keras import layers\nlayer = layers.Dense(8, activation='rellu')\n";
    const f = only(text, 'invalid-activation-string');
    assert.equal(f.fixes[0].title, "Replace with 'relu' (closest valid name)");
    assert.equal(applyEdits(text, f.fixes[0].edits), text.replace('rellu', 'relu'));
  });

  it('a Sequential list on several lines gets the layer as the next entry, same indentation, module prefix reused', () => {
    const text = [
      'from keras import layers, models',
      'model = models.Sequential([',
      "    layers.Dense(64, activation='LeakyReLU'),",
      "    layers.Dense(1, activation='sigmoid'),",
      '])',
      '',
    ].join('\n');
    assert.equal(preferred(text, 'invalid-activation-string'), [
      'from keras import layers, models',
      'model = models.Sequential([',
      '    layers.Dense(64),',
      '    layers.LeakyReLU(negative_slope=0.3),',
      "    layers.Dense(1, activation='sigmoid'),",
      '])',
      '',
    ].join('\n'));
  });

  it('a one-line list gets `, LeakyReLU(...)` after the entry', () => {
    const text = "import keras\nm = keras.Sequential([keras.layers.Dense(4, activation='LeakyReLU'), keras.layers.Dense(1)])\n";
    assert.equal(preferred(text, 'invalid-activation-string'),
      'import keras\nm = keras.Sequential([keras.layers.Dense(4), keras.layers.LeakyReLU(negative_slope=0.3), keras.layers.Dense(1)])\n');
  });

  it('the functional API gets x = LeakyReLU(...)(x) on the next line', () => {
    const text = [
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      'inputs = keras.Input(shape=(4,))',
      'def block(inputs):',
      "    x = layers.Dense(32, activation='LeakyReLU')(inputs)",
      '    return x',
      '',
    ].join('\n');
    assert.equal(preferred(text, 'invalid-activation-string'), [
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      'inputs = keras.Input(shape=(4,))',
      'def block(inputs):',
      '    x = layers.Dense(32)(inputs)',
      '    x = layers.LeakyReLU(negative_slope=0.3)(x)',
      '    return x',
      '',
    ].join('\n'));
  });

  it("Activation('LeakyReLU') becomes the layer in place; tf.keras 2 spells alpha", () => {
    const text = "from tensorflow.keras.layers import Activation, Dense\nfrom tensorflow.keras.models import Sequential\nm = Sequential([Dense(4), Activation('leakyrelu')])\n";
    const f = only(text, 'invalid-activation-string', K2);
    assert.equal(f.fixes[0].title, "Replace with 'leaky_relu' (its slope is 0.2; the LeakyReLU layer's default is 0.3)");
    const k3 = only(text.replace("'leakyrelu'", "'LeakyReLU'"), 'invalid-activation-string');
    assert.equal(applyEdits(text.replace("'leakyrelu'", "'LeakyReLU'"), k3.fixes[0].edits),
      'from tensorflow.keras.layers import Activation, Dense, LeakyReLU\nfrom tensorflow.keras.models import Sequential\nm = Sequential([Dense(4), LeakyReLU(negative_slope=0.3)])\n');
  });

  it('imports at most once: an existing LeakyReLU import is reused, a missing one is added as one line', () => {
    const imported = "from keras.layers import Dense, LeakyReLU\nfrom keras import Sequential\nm = Sequential()\nm.add(Dense(4, activation='LeakyReLU'))\n";
    const fixed = preferred(imported, 'invalid-activation-string');
    assert.equal(fixed.match(/LeakyReLU/g)?.length, 2);
    assert.ok(fixed.includes('m.add(LeakyReLU(negative_slope=0.3))'));
    // Two mistakes fixed one after the other: the second fix reuses the import the first one added.
    const two = "from keras.layers import Dense\nfrom keras import Sequential\nm = Sequential()\nm.add(Dense(4, activation='LeakyReLU'))\nm.add(Dense(4, activation='LeakyReLU'))\n";
    let text = two;
    for (let i = 0; i < 2; i++) {
      const f = checkPython(text, K3).findings.find((x) => x.code === 'invalid-activation-string');
      assert.ok(f);
      text = applyEdits(text, f.fixes[0].edits);
    }
    assert.equal(text.match(/import .*LeakyReLU/g)?.length, 1, text);
    assert.equal(text.match(/m\.add\(LeakyReLU\(negative_slope=0\.3\)\)/g)?.length, 2, text);
    // In a notebook the import sits in another cell: the fixed cell gets one import line of its own.
    const cells = [{ index: 0, text: 'from keras.layers import Dense\nfrom keras import Sequential' }, { index: 1, text: "m = Sequential()\nm.add(Dense(4, activation='LeakyReLU'))" }];
    const f = checkCells(cells, K3).findings[0];
    assert.equal(applyEdits(cells[1].text, f.fixes[0].edits), "from keras.layers import LeakyReLU\nm = Sequential()\nm.add(Dense(4))\nm.add(LeakyReLU(negative_slope=0.3))");
  });

  it('comments and indentation around the call survive', () => {
    const text = "from keras import layers\nfrom keras import Sequential\nif True:\n    m = Sequential()\n    m.add(layers.Dense(4,  # units\n                       activation='LeakyReLU'))  # note\n";
    const fixed = preferred(text, 'invalid-activation-string');
    assert.ok(fixed.includes('# units') && fixed.includes('# note'), fixed);
    assert.ok(fixed.endsWith("  # note\n    m.add(layers.LeakyReLU(negative_slope=0.3))\n"), fixed);
  });
});

describe('other fixes', () => {
  it('leaky-relu-alpha renames the keyword for the targeted version', () => {
    const k3 = 'from keras import layers\nl = layers.LeakyReLU(alpha=0.1)\n';
    assert.equal(preferred(k3, 'leaky-relu-alpha'), k3.replace('alpha', 'negative_slope'));
    const k2 = 'from tensorflow.keras import layers\nl = layers.LeakyReLU(negative_slope=0.1)\n';
    assert.equal(only(k2, 'leaky-relu-alpha', K2).severity, 'error');
    assert.equal(preferred(k2, 'leaky-relu-alpha', K2), k2.replace('negative_slope', 'alpha'));
    assert.equal(checkPython(k2).findings.length, 0, 'negative_slope is right in Keras 3');
  });

  it('softmax-without-dim adds dim=1, deprecated F.sigmoid becomes torch.sigmoid', () => {
    const text = 'import torch\nimport torch.nn.functional as F\ny = F.softmax(x)\nz = F.sigmoid(x)\n';
    assert.equal(preferred(text, 'softmax-without-dim'), text.replace('F.softmax(x)', 'F.softmax(x, dim=1)'));
    assert.equal(preferred(text, 'deprecated-activation-api'), text.replace('F.sigmoid', 'torch.sigmoid'));
    const noTorch = 'from torch.nn import functional as F\nz = F.tanh(x)\n';
    assert.equal(preferred(noTorch, 'deprecated-activation-api'), 'import torch\nfrom torch.nn import functional as F\nz = torch.tanh(x)\n');
  });

  it('softmax-before-cross-entropy removes the softmax from forward; sigmoid-bce swaps the loss in the same edit set', () => {
    const module = [
      'import torch.nn as nn',
      'class M(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc = nn.Linear(4, 3)',
      '    def forward(self, x):',
      '        x = self.fc(x)',
      '        x = nn.functional.softmax(x, dim=1)',
      '        return x',
      'loss = nn.CrossEntropyLoss()',
      'value = loss(M()(inputs), targets)',
      '',
    ].join('\n');
    assert.equal(preferred(module, 'softmax-before-cross-entropy'), module.replace('        x = nn.functional.softmax(x, dim=1)\n', ''));
    const seq = 'from torch import nn\nnet = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\ncrit = nn.BCELoss()\nvalue = crit(net(x), y)\n';
    assert.equal(preferred(seq, 'sigmoid-bce'), 'from torch import nn\nnet = nn.Sequential(nn.Linear(4, 1))\ncrit = nn.BCEWithLogitsLoss()\nvalue = crit(net(x), y)\n');
  });

  it('notebook cells: a model in one cell, its compile in another; findings carry the cell', () => {
    const cells = [
      { index: 0, text: 'import keras\nfrom keras import layers' },
      { index: 2, text: "model = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(3, activation='sigmoid')])" },
      { index: 3, text: "model.compile(loss='categorical_crossentropy')\nlayers.Dense(2, activation='Relu')" },
    ];
    const found = checkCells(cells, K3).findings.map((f) => [f.cell, f.line, f.code]);
    assert.deepEqual(found, [[2, 0, 'output-loss-mismatch'], [3, 1, 'invalid-activation-string']]);
  });

  it('settings turn rules off or change their severity; ignore comments silence one line', () => {
    const text = "from keras import layers\na = layers.Dense(2, activation='Relu')\nb = layers.Dense(2, activation='Tanh')  # activation-lens: ignore\n";
    assert.equal(checkPython(text, { ...K3, rules: { 'invalid-activation-string': 'off' } }).findings.length, 0);
    const warned = checkPython(text, { ...K3, rules: { 'invalid-activation-string': 'warning' } }).findings;
    assert.deepEqual(warned.map((f) => [f.line, f.severity]), [[1, 'warning']]);
    const inString = "from keras import layers\na = layers.Dense(2, activation='Relu'); s = '# activation-lens: ignore'\n";
    assert.equal(checkPython(inString, K3).findings.length, 1, 'a directive inside a string is not a comment');
  });

  it('never throws on broken or binary input', () => {
    for (const text of ['model.add(Dense(', "x = layers.Dense(2, activation='Relu'", '\0\0binary', 'class M(nn.Module:\n  def forward(self', '']) {
      assert.doesNotThrow(() => checkPython(text, K3));
    }
  });
});

describe('the "Convert to a layer with parameters" refactoring', () => {
  it('is offered on valid strings with parameters worth setting, keeps what the string meant, and parses', () => {
    const text = "from keras import layers, models\nm = models.Sequential([\n    layers.Dense(8, activation='leaky_relu'),\n    layers.Dense(8, activation='tanh'),\n])\n";
    const result = checkPython(text, K3);
    assert.equal(result.findings.length, 0);
    const at = text.indexOf("'leaky_relu'") + 3;
    const [r] = result.refactorsAt(at, at);
    assert.equal(r.fix.title, 'Convert to a layer with parameters: LeakyReLU(negative_slope=0.2)');
    assert.equal(applyEdits(text, r.fix.edits), "from keras import layers, models\nm = models.Sequential([\n    layers.Dense(8),\n    layers.LeakyReLU(negative_slope=0.2),\n    layers.Dense(8, activation='tanh'),\n])\n");
    const tanh = text.indexOf("'tanh'") + 2;
    assert.deepEqual(result.refactorsAt(tanh, tanh), [], 'tanh has no parameters to set');
    assert.equal(checkPython(text, K2).refactorsAt(at, at)[0].fix.title, 'Convert to a layer with parameters: LeakyReLU(alpha=0.2)');
  });
});

describe('vanishing-signal fix', () => {
  const dense = (init: string): string => `    layers.Dense(256, activation='relu'${init}),`;
  const model = (init: string): string => [
    'from tensorflow import keras',
    'from tensorflow.keras import layers',
    '',
    'model = keras.Sequential([',
    `    layers.Dense(256, activation='relu', input_shape=(256,)${init}),`,
    ...Array.from({ length: 24 }, () => dense(init)),
    '    layers.Dense(10),',
    '])',
    '',
  ].join('\n');

  it("a Keras ReLU stack with glorot_uniform: one fix adds kernel_initializer='he_normal' to every ReLU layer, and then it is stable", () => {
    const f = only(model(''), 'vanishing-signal');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /^26 layers · activations .* first-layer gradient \de-\d+ of the last: vanishing\. At initialisation/);
    const fixed = preferred(model(''), 'vanishing-signal');
    assert.equal(fixed, model(", kernel_initializer='he_normal'"));
    assert.equal(checkPython(fixed, K3).findings.filter((x) => x.code.endsWith('-signal')).length, 0);
  });

  it('thresholds are options: a laxer vanishing threshold silences it', () => {
    const hits = checkPython(model(''), { ...K3, signalThresholds: { vanishing: 1e-12, exploding: 1e3 } }).findings.filter((x) => x.code === 'vanishing-signal');
    assert.equal(hits.length, 0);
  });
});

describe('normalisation fix for a vanishing stack', () => {
  /**
   * A deep stack: `count` hidden layers written as `hidden` (`%` marks where `norm` goes; a Keras first layer also
   * gets `input_shape`), then `last`; `header` holds the imports.
   */
  const stack = (header: string, open: string, close: string, hidden: string, last: string, norm: string, count: number): string => [
    header, '', open,
    ...Array.from({ length: count }, (_, i) => `    ${(i === 0 ? hidden.replace("activation='sigmoid')", "activation='sigmoid', input_shape=(256,))") : hidden).replace('%', norm)}`),
    `    ${last}`, close, '',
  ].join('\n');
  const torch = { open: 'net = nn.Sequential(', close: ')', count: 12, title: 'Add BatchNorm after each of the 12 hidden layers' };
  const keras = { open: 'model = keras.Sequential([', close: '])', count: 15, title: 'Add BatchNormalization after each of the 15 hidden layers' };
  // `header` is the imports before the fix, `fixedHeader` after it (when the fix adds the class to an import).
  const cases: { name: string; title: string; open: string; close: string; count: number; header: string; fixedHeader?: string; hidden: string; last: string; norm: string }[] = [
    { ...torch, name: 'PyTorch through `import torch.nn as nn`', header: 'import torch.nn as nn', hidden: 'nn.Linear(256, 256)%,\n    nn.Tanh(),', last: 'nn.Linear(256, 10),', norm: ', nn.BatchNorm1d(256)' },
    {
      ...torch, name: 'PyTorch classes imported by name: BatchNorm1d joins their import', open: 'net = Sequential(',
      header: 'from torch.nn import Linear, Sequential, Tanh', fixedHeader: 'from torch.nn import Linear, Sequential, Tanh, BatchNorm1d',
      hidden: 'Linear(256, 256)%, Tanh(),', last: 'Linear(256, 10),', norm: ', BatchNorm1d(256)',
    },
    { ...keras, name: 'Keras through `layers.`', header: 'from tensorflow import keras\nfrom tensorflow.keras import layers', hidden: "layers.Dense(256, activation='sigmoid')%,", last: 'layers.Dense(10),', norm: ', layers.BatchNormalization()' },
    {
      // Before, the fix wrote a bare BatchNormalization() that the file never imported (a NameError when run).
      ...keras, name: 'Keras Dense imported by name: BatchNormalization joins its import', open: 'model = Sequential([',
      header: 'from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Dense',
      fixedHeader: 'from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Dense, BatchNormalization',
      hidden: "Dense(256, activation='sigmoid')%,", last: 'Dense(10),', norm: ', BatchNormalization()',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: one fix puts a BatchNorm layer after every hidden layer, and the result is re-read as stable`, () => {
      const before = stack(c.header, c.open, c.close, c.hidden, c.last, '', c.count);
      const f = only(before, 'vanishing-signal');
      const fix = f.fixes.find((x) => x.title === c.title);
      assert.ok(fix, f.fixes.map((x) => x.title).join('; '));
      const fixed = applyEdits(before, fix.edits);
      assert.equal(fixed, stack(c.fixedHeader ?? c.header, c.open, c.close, c.hidden, c.last, c.norm, c.count));
      assert.equal(checkPython(fixed, K3).findings.filter((x) => x.code.endsWith('-signal')).length, 0);
    });
  }
});

describe('selu-init for PyTorch modules', () => {
  const net = (extra: string): string => [
    'import torch.nn as nn',
    '',
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.fc1 = nn.Linear(256, 256)',
    '        self.act = nn.SELU()',
    `        self.fc2 = nn.Linear(256, 10)${extra}`,
    '',
    '    def forward(self, x):',
    '        return self.fc2(self.act(self.fc1(x)))',
    '',
  ].join('\n');
  const LOOP = "\n        for m in self.modules():\n            if isinstance(m, nn.Linear):\n                nn.init.kaiming_normal_(m.weight, nonlinearity='linear')";

  it("SELU after default-initialised Linear layers: one insertion at the end of __init__ draws LeCun normal weights, which the signal prediction then follows", () => {
    const f = only(net(''), 'selu-init');
    assert.match(f.message, /Net leaves its nn\.Linear layers at PyTorch's default/);
    const fixed = preferred(net(''), 'selu-init');
    assert.equal(fixed, net(LOOP));
    assert.equal(checkPython(fixed, K3).findings.filter((x) => x.code === 'selu-init').length, 0);
    const [model] = predictModels(parsePython(fixed), buildGraph(parsePython(fixed))).filter((m) => m.model.name === 'Net');
    assert.deepEqual(model.layers.flatMap((l) => (l.kind === 'linear' ? [l.init] : [])), [{ kind: 'scaling', scale: 1, mode: 'fan_in' }, { kind: 'scaling', scale: 1, mode: 'fan_in' }]);
  });
});
