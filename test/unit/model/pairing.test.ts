// Flow-aware pairing: notebooks in cell order, functions, related places, and staying silent when unsure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Flow } from '../../../src/core/model/flow';
import { applyEdits, checkCells, checkPython } from '../../../src/core/rules';
import { parsePython } from '../../../src/core/scan';

const KERAS_IMPORTS = 'from tensorflow import keras\nfrom tensorflow.keras import layers\n';

describe('reaching definitions', () => {
  const text = [
    'model = a()',            // 0
    'if c:',                  // 1
    '    model = b()',        // 2
    'use(model)',             // 3
    'def f():',               // 4
    '    model = d()',        // 5
    '    return model',       // 6
    'def g():',               // 7
    '    return model',       // 8
    'with ctx() as h:',       // 9
    '    net = e()',          // 10
    'use(net)',               // 11
    'for x in y:',            // 12
    '    use(out)',           // 13
    '    out = k(x)',         // 14
    'self_check = 1',         // 15
  ].join('\n');
  const parsed = parsePython(text);
  const flow = new Flow(parsed);
  const ts = parsed.units[0].ts;
  const at = (line: number, name: string): { unit: number; tok: number } => {
    const offset = text.split('\n').slice(0, line).join('\n').length + (line ? 1 : 0) + text.split('\n')[line].indexOf(name);
    for (let t = 0; t < ts.count; t++) if (ts.start[t] === offset) return { unit: 0, tok: t };
    throw new Error(`no token ${name} on line ${line}`);
  };
  const valueText = (r: ReturnType<Flow['reach']>): string => (r.kind === 'binding' && r.binding.value ? text.slice(ts.start[r.binding.value.from], ts.end[r.binding.value.to - 1]) : r.kind);

  it('a binding in a branch makes the use ambiguous', () => assert.equal(flow.reach('model', at(3, 'model')).kind, 'ambiguous'));
  it('a function sees its own local', () => assert.equal(valueText(flow.reach('model', at(6, 'model'))), 'd()'));
  it('a function reading a global bound twice is ambiguous', () => assert.equal(flow.reach('model', at(8, 'model')).kind, 'ambiguous'));
  it('a with body always runs', () => assert.equal(valueText(flow.reach('net', at(11, 'net'))), 'e()'));
  it('a binding later in the same loop reaches the next iteration', () => assert.equal(flow.reach('out', at(13, 'out')).kind, 'ambiguous'));
});

describe('pairing models with losses', () => {
  it('pairs each notebook compile with the model bound before it, and carries the loss cell as related', () => {
    const cells = [
      { index: 0, text: KERAS_IMPORTS },
      { index: 1, text: "model = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(1, activation='sigmoid')])\nmodel.compile(loss='binary_crossentropy')\n" },
      { index: 3, text: "model = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(1, activation='sigmoid')])\n" },
      { index: 4, text: "model.compile(optimizer='adam', loss='mae')\n" },
      { index: 5, text: "model = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(1)])\nmodel.compile(loss='mae')\n" },
    ];
    const findings = checkCells(cells).findings;
    assert.deepEqual(findings.map((f) => `${f.cell}:${f.line}:${f.code}`), ['3:0:regression-output-activation']);
    const f = findings[0];
    assert.match(f.message, /^layers\.Dense \(cell 4, line 1\) is trained with 'mae' \(cell 5, line 1, `model\.compile`\)/);
    assert.deepEqual(f.related?.map((r) => [r.cell, r.line, r.col]), [[4, 0, 37]]);
  });

  it('a model built and compiled inside a function is not paired with another cell', () => {
    const cells = [
      { index: 0, text: KERAS_IMPORTS },
      { index: 1, text: "def get_model():\n    model = keras.Sequential([layers.Dense(4, activation='relu'), layers.Dense(1)])\n    model.compile(loss='mse')\n    return model\n" },
      { index: 2, text: "model = keras.Sequential([layers.Dense(4, activation='relu'), layers.Dense(1)])\nmodel.compile(loss='mse')\n" },
      { index: 3, text: "clf = keras.Sequential([layers.Dense(4, activation='relu'), layers.Dense(1, activation='sigmoid')])\nclf.compile(loss='binary_crossentropy')\n" },
    ];
    assert.deepEqual(checkCells(cells).findings.map((f) => f.code), []);
  });

  it('PyTorch: names the activation, the loss and the model call, each as a related place', () => {
    const text = [
      'import torch.nn as nn',
      'net = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))',
      'criterion = nn.CrossEntropyLoss()',
      'def evaluate(x, y):',
      '    out = net(x)',
      '    return criterion(out, y)',
    ].join('\n');
    const [f] = checkPython(text).findings;
    assert.equal(f.code, 'softmax-before-cross-entropy');
    assert.match(f.message, /^nn\.Softmax \(line 2\) reaches CrossEntropyLoss \(line 3\) through `net\(x\)` at line 5\./);
    assert.deepEqual(f.related?.map((r) => `${r.line}:${r.col} ${r.message}`), [
      '2:12 CrossEntropyLoss: the loss this output reaches',
      '4:10 the model call whose output the loss receives',
      '5:21 the prediction CrossEntropyLoss receives',
    ]);
  });

  it('a criterion passed in as a parameter, or a model from outside, is not paired', () => {
    const text = [
      'import torch',
      'import torch.nn as nn',
      'net = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))',
      'def train(criterion, x, y):',
      '    return criterion(net(x), y)',
      'other = torch.load("m.pt")',
      'loss = nn.CrossEntropyLoss()(other(x), y)',
    ].join('\n');
    assert.deepEqual(checkPython(text).findings.map((f) => f.code), []);
  });
});

describe('whole fixes', () => {
  const base = [
    'import torch.nn as nn',
    'net = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())',
    'train_criterion = nn.BCELoss()',
    'eval_criterion = nn.BCELoss()',
    'def train(x, y):',
    '    return train_criterion(net(x), y)',
    'def evaluate(x, y):',
    '    out = net(x)',
  ];
  it('sigmoid-bce renames every criterion the output reaches, training and evaluation alike, in one fix', () => {
    const text = [...base, '    return eval_criterion(out, y)', ''].join('\n');
    const f = checkPython(text).findings.find((x) => x.code === 'sigmoid-bce');
    assert.ok(f);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.equal((fixed.match(/BCEWithLogitsLoss/g) ?? []).length, 2);
    assert.ok(fixed.includes('nn.Sequential(nn.Linear(4, 1))'));
    assert.deepEqual(checkPython(fixed).findings.filter((x) => x.code === 'sigmoid-bce'), []);
  });

  it('is not offered when the prediction is thresholded as a probability', () => {
    const text = [...base, '    accuracy = ((out > 0.5).float() == y).mean()', '    return eval_criterion(out, y), accuracy', ''].join('\n');
    const f = checkPython(text).findings.find((x) => x.code === 'sigmoid-bce');
    assert.ok(f);
    assert.deepEqual(f.fixes, []);
  });
});
