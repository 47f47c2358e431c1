// The signal rules memoise verdicts by each model's layer structure (its calls' text and what the code around them
// decides): models whose layer calls read alike but whose initialisers or order differ must keep their own verdicts,
// the same ones the editor's predictions show.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../../src/core/model';
import { checkPython } from '../../../src/core/rules';
import { parsePython } from '../../../src/core/scan';
import { predictModels } from '../../../src/core/signal';

const module = (name: string, init: string, forward = 'return self.fc3(torch.tanh(self.fc2(torch.tanh(self.fc1(x)))))'): string => `
class ${name}(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(256, 256)
        self.fc2 = nn.Linear(256, 256)
        self.fc3 = nn.Linear(256, 10)
${init}
    def forward(self, x):
        ${forward}
`;
const small = '        nn.init.normal_(self.fc1.weight, std=1e-4)\n        nn.init.normal_(self.fc2.weight, std=1e-4)\n';
const large = '        nn.init.normal_(self.fc2.weight, std=10.0)\n        nn.init.normal_(self.fc3.weight, std=10.0)\n';
const CODE = `import torch\nimport torch.nn as nn\n${module('Plain', '')}${module('Small', small)}${module('Large', large)}${
  module('Branching', small, 'if x is None:\n            return x\n        return self.fc3(torch.tanh(self.fc2(torch.tanh(self.fc1(x)))))')}${module('SmallAgain', small)}${module('PlainAgain', '')}`;

const predicted = (code: string, verdicts: string[]): string[] => {
  const parsed = parsePython(code);
  return predictModels(parsed, buildGraph(parsed)).filter((s) => verdicts.includes(s.prediction.verdict)).map((s) => `${s.model.name}:${s.model.range.line}:${s.prediction.verdict}`);
};

describe('signal rules and predictions agree', () => {
  it('models with the same layer calls but other initialisers or order keep their own verdicts', () => {
    const names = new Map(predicted(CODE, ['stable', 'vanishing', 'exploding', 'unknown']).map((s) => [Number(s.split(':')[1]), s.split(':')[0]]));
    const findings = checkPython(CODE).findings.filter((f) => f.code === 'vanishing-signal' || f.code === 'exploding-signal');
    const reported = findings.map((f) => `${names.get(f.line)}:${f.line}:${f.code.replace('-signal', '')}`);
    assert.deepEqual(reported, predicted(CODE, ['vanishing', 'exploding']));
    assert.deepEqual(reported.map((r) => r.split(':')[0]), ['Small', 'Large', 'SmallAgain']);
    // Checked again (verdicts now remembered), and with thresholds that make every predicted model vanish.
    assert.deepEqual(checkPython(CODE).findings.filter((f) => f.code.endsWith('-signal')).length, 3);
    const strict = checkPython(CODE, { signalThresholds: { vanishing: 10, exploding: 1e9 } }).findings.filter((f) => f.code === 'vanishing-signal');
    assert.deepEqual(strict.map((f) => names.get(f.line)), ['Plain', 'Small', 'Large', 'SmallAgain', 'PlainAgain']);
  });

  it('Keras chains with the same layer calls but other input widths keep their own verdicts', () => {
    const chain = (name: string, width: number): string => `
inp_${name} = keras.Input(shape=(${width},))
h = layers.Dense(8, activation='sigmoid')(inp_${name})
h = layers.Dense(8, activation='sigmoid')(h)
out_${name} = layers.Dense(1)(h)
`;
    const code = `from tensorflow import keras\nfrom tensorflow.keras import layers\n${chain('narrow', 4)}${chain('wide', 100000)}`;
    const parsed = parsePython(code);
    const grads = predictModels(parsed, buildGraph(parsed)).map((s) => s.prediction.firstGrad ?? NaN);
    assert.equal(grads.length, 2);
    assert.notEqual(grads[0], grads[1]);
    // A threshold between the two: exactly the model below it is reported, whichever was checked first.
    const signalThresholds = { vanishing: (grads[0] + grads[1]) / 2, exploding: 1e9 };
    const below = grads[0] < grads[1] ? 0 : 1;
    for (const text of [code, code.replace(chain('narrow', 4), '') + chain('narrow', 4)]) {
      const lines = checkPython(text, { signalThresholds }).findings.filter((f) => f.code === 'vanishing-signal').map((f) => text.split('\n')[f.line]);
      assert.deepEqual(lines, [below === 0 ? 'h = layers.Dense(8, activation=\'sigmoid\')(inp_narrow)' : 'h = layers.Dense(8, activation=\'sigmoid\')(inp_wide)']);
    }
  });
});
