// Flow-aware pairing: notebooks in cell order, functions, related places, and staying silent when unsure.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Flow } from '../../../src/core/model/flow';
import { applyEdits, checkCells, checkPython } from '../../../src/core/rules';
import { parsePython } from '../../../src/core/scan';
import { Tok, tokenText } from '../../../src/core/python/tokenizer';

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

describe('bindings read on first question', () => {
  // Flow reads a scope's bindings when first asked (a class with every method in it): the answers must not depend
  // on which scope is asked first.
  const answers = (flow: Flow, points: { unit: number; tok: number; name: string }[]): string[] =>
    points.map((p) => JSON.stringify([flow.reach(p.name, p), flow.reach(`self.${p.name}`, p), flow.statement(p)?.scope]));
  const dir = path.join(process.cwd(), 'test/fixtures/rules');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py'))) {
    it(`${file}: every name's reaching binding is the same asked alone, forwards, backwards or after every scope's body`, () => {
      const parsed = parsePython(readFileSync(path.join(dir, file), 'utf8'));
      const points: { unit: number; tok: number; name: string }[] = [];
      parsed.units.forEach((u, unit) => { for (let tok = 0; tok < u.ts.count; tok++) if (u.ts.kind[tok] === Tok.Name) points.push({ unit, tok, name: tokenText(u.ts, tok) }); });
      // Each question first on a flow of its own: what a scope holds when nothing else was read before it.
      const alone = points.flatMap((p) => answers(new Flow(parsed), [p]));
      const forwards = answers(new Flow(parsed), points);
      const backwards = answers(new Flow(parsed), [...points].reverse()).reverse();
      const late = new Flow(parsed);
      const bodies = late.scopes.map((s) => s.body.map((p) => p.tok).join(','));
      assert.deepEqual(forwards, alone);
      assert.deepEqual(backwards, alone);
      assert.deepEqual(answers(late, points), alone);
      assert.deepEqual(new Flow(parsed).scopes.map((s) => s.body.map((p) => p.tok).join(',')), bodies);
    });
  }

  it("a method's self.x is the one __init__ binds, asked before anything else is read", () => {
    const text = 'class Net:\n    def __init__(self):\n        self.out = a()\n    def forward(self, x):\n        return self.out(x)\n';
    const parsed = parsePython(text);
    const ts = parsed.units[0].ts;
    let use = -1;
    for (let t = 0; t < ts.count; t++) if (tokenText(ts, t) === 'self' && ts.start[t] > text.indexOf('return')) { use = t; break; }
    const r = new Flow(parsed).reach('self.out', { unit: 0, tok: use });
    assert.equal(r.kind === 'binding' && r.binding.value ? text.slice(ts.start[r.binding.value.from], ts.end[r.binding.value.to - 1]) : r.kind, 'a()');
  });
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

  it('pairs each output of a notebook functional model with its own loss, through a shared layer', () => {
    const cells = [
      { index: 0, text: KERAS_IMPORTS },
      { index: 1, text: "inp = keras.Input(shape=(8,))\nshared = layers.Dense(16, activation='relu')\nh = shared(inp)\nprob = layers.Dense(1, activation='sigmoid', name='prob')(h)\nvalue = layers.Dense(1, name='value')(h)\n" },
      { index: 2, text: "model = keras.Model(inp, [prob, value])\n" },
      { index: 3, text: "model.compile(loss={'value': 'mse', 'prob': 'binary_crossentropy'})\n" },
      { index: 4, text: "model.compile(loss={'value': 'binary_crossentropy', 'prob': 'mse'})\n" },
    ];
    const findings = checkCells(cells).findings;
    assert.deepEqual(findings.map((f) => `${f.cell}:${f.line}:${f.code}`).sort(), ['1:3:regression-output-activation', '1:4:logits-mismatch']);
    assert.match(findings.find((f) => f.code === 'logits-mismatch')!.message, /\(cell 5, line 1, `model\.compile` for output 'value'\)/);
  });

  it('pairs a subclassed Keras model defined in one cell and compiled in another, through what call returns', () => {
    const cells = [
      { index: 0, text: 'import tensorflow as tf\n' + KERAS_IMPORTS },
      { index: 1, text: "class Tagger(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.h = layers.Dense(32, activation='relu')\n        self.out = layers.Dense(5)\n    def call(self, x):\n        return tf.nn.softmax(self.out(self.h(x)))\n" },
      { index: 2, text: "tagger = Tagger()\ntagger.compile(optimizer='adam', loss='binary_crossentropy')\n" },
      { index: 3, text: "tagger = keras.Sequential([layers.Dense(5, activation='sigmoid')])\ntagger.compile(optimizer='adam', loss='binary_crossentropy')\n" },
    ];
    const findings = checkCells(cells).findings;
    assert.deepEqual(findings.map((f) => `${f.cell}:${f.line}:${f.code}`), ['1:6:output-loss-mismatch']);
    assert.match(findings[0].message, /^tf\.nn\.softmax \(cell 2, line 7\) is trained with 'binary_crossentropy' \(cell 3, line 2, `tagger\.compile`\)/);
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

  it('rewrites the thresholds on the output it sees, in training and evaluation, as one fix', () => {
    const text = [
      'import torch',
      ...base,
      '    accuracy = ((out > 0.5).float() == y).mean()',
      '    hits = (out.round() == y).sum() + (torch.round(out) == y).sum()',
      '    pred = out.detach().cpu().numpy()',
      '    labels = pred >= 0.5',
      '    return eval_criterion(out, y), accuracy, hits, labels',
      'def predict(x):',
      '    return torch.where(net(x) > 0.5, 1, 0)',
      '',
    ].join('\n');
    const f = checkPython(text).findings.find((x) => x.code === 'sigmoid-bce');
    assert.ok(f);
    assert.equal(f.fixes.length, 1);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.includes('accuracy = ((torch.sigmoid(out) > 0.5).float() == y).mean()'), fixed);
    assert.ok(fixed.includes('hits = (torch.sigmoid(out).round() == y).sum() + (torch.round(torch.sigmoid(out)) == y).sum()'), fixed);
    assert.ok(fixed.includes('pred = torch.sigmoid(out).detach().cpu().numpy()'), fixed);
    assert.ok(fixed.includes('labels = pred >= 0.5'), fixed);
    assert.ok(fixed.includes('return torch.where(torch.sigmoid(net(x)) > 0.5, 1, 0)'), fixed);
    assert.ok(fixed.includes('return eval_criterion(out, y)'), fixed);
    assert.equal((fixed.match(/BCEWithLogitsLoss/g) ?? []).length, 2);
    assert.deepEqual(checkPython(fixed).findings.filter((x) => x.code === 'sigmoid-bce'), []);
  });

  it('without `import torch`, a threshold reads the method form', () => {
    const text = [...base, '    correct = (out > 0.5).sum()', '    return eval_criterion(out, y), correct', ''].join('\n');
    const f = checkPython(text).findings.find((x) => x.code === 'sigmoid-bce');
    assert.ok(f?.fixes[0]);
    assert.ok(applyEdits(text, f.fixes[0].edits).includes('correct = (out.sigmoid() > 0.5).sum()'));
  });

  it('follows thresholds into later notebook cells', () => {
    const cells = [
      { index: 0, text: 'import torch\nimport torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\ncriterion = nn.BCELoss()\n' },
      { index: 1, text: 'out = net(x)\nloss = criterion(out, y)\n' },
      { index: 2, text: 'print(((out > 0.5) == y).float().mean())\n' },
    ];
    const f = checkCells(cells).findings.find((x) => x.code === 'sigmoid-bce');
    assert.ok(f?.fixes[0]);
    assert.deepEqual(f.fixes[0].edits.map((e) => [e.cell, e.newText]), [[0, ''], [0, 'BCEWithLogitsLoss'], [2, 'torch.sigmoid(out)']]);
  });

  it('is not offered when a thresholded name may hold something else', () => {
    const text = [...base, '    if flip:', '        out = 1 - out', '    accuracy = ((out > 0.5).float() == y).mean()', '    return eval_criterion(net(x), y), accuracy', ''].join('\n');
    const f = checkPython(text).findings.find((x) => x.code === 'sigmoid-bce');
    assert.ok(f);
    assert.deepEqual(f.fixes, []);
  });
});

describe('criteria and models passed as arguments', () => {
  const head = [
    'import torch',
    'import torch.nn as nn',
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.fc = nn.Linear(8, 1)',
    '        self.out = nn.Sigmoid()',
    '    def forward(self, x):',
    '        return self.out(self.fc(x))',
    'def train(model, loader, loss_fn):',
    '    for x, y in loader:',
    '        pred = model(x).squeeze()',
    '        loss = loss_fn(pred, y)',
  ];
  it('follows the model and the criterion from the call site into the function', () => {
    const text = [...head, 'def main():', '    model = Net().to("cpu")', '    criterion = nn.BCELoss()', '    train(model, loader, criterion)', ''].join('\n');
    const [f] = checkPython(text).findings;
    assert.equal(f?.code, 'sigmoid-bce');
    assert.match(f.message, /^nn\.Sigmoid \(line 9\) reaches BCELoss \(line 16\) through `model\(x\)` at line 12\./);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.includes('criterion = nn.BCEWithLogitsLoss()') && fixed.includes('return self.fc(x)'), fixed);
  });

  it('a keyword argument and a criterion built in the call are followed too', () => {
    const text = [...head, 'net = Net()', 'train(net, loader, loss_fn=nn.BCELoss())', ''].join('\n');
    assert.deepEqual(checkPython(text).findings.map((f) => f.code), ['sigmoid-bce']);
  });

  it('follows a notebook call in a later cell into the function an earlier cell defines, and not a call run before it', () => {
    const cells = [
      { index: 0, text: head.join('\n') + '\n' },
      { index: 1, text: 'net = Net()\ntrain(net, loader, nn.BCELoss())\n' },
    ];
    assert.deepEqual(checkCells(cells).findings.map((f) => `${f.cell}:${f.line}:${f.code}`), ['0:8:sigmoid-bce']);
    const early = [{ index: 0, text: 'import torch.nn as nn\ntrain(Net(), loader, nn.MSELoss())\n' }, { index: 1, text: head.join('\n') + '\ntrain(Net(), loader, nn.BCELoss())\n' }];
    assert.deepEqual(checkCells(early).findings.map((f) => f.code), []);
  });

  it('is silent when two call sites pass different criteria or models, or the function escapes', () => {
    const twoLosses = [...head, 'net = Net()', 'train(net, a, nn.BCELoss())', 'train(net, b, nn.MSELoss())', ''].join('\n');
    const twoModels = [...head, 'train(Net(), a, nn.BCELoss())', 'train(other, b, nn.BCELoss())', ''].join('\n');
    const callback = [...head, 'train(Net(), a, nn.BCELoss())', 'run(train)', ''].join('\n');
    const starred = [...head, 'train(*args)', ''].join('\n');
    for (const text of [twoLosses, twoModels, callback, starred]) assert.deepEqual(checkPython(text).findings.map((f) => f.code), [], text);
  });
});
