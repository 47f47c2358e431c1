// Initialisers the code sets, followed from the source into the prediction's layers: nn.init calls in __init__,
// through self.apply(fn) and loops over self.modules(), and Keras initialiser objects with arguments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../../src/core/model';
import { parsePython } from '../../../src/core/scan';
import { predictModels, type ModelSignal } from '../../../src/core/signal';

function models(code: string): ModelSignal[] {
  const parsed = parsePython(code);
  return predictModels(parsed, buildGraph(parsed));
}

function weights(m: ModelSignal): { init: unknown; label: string; bias: unknown }[] {
  return m.layers.flatMap((l) => (l.kind === 'linear' || l.kind === 'conv' ? [{ init: l.init, label: l.initLabel, bias: l.bias }] : []));
}

const MODULE = (init: string, extra = ''): string => `import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(256, 256)
        self.fc2 = nn.Linear(256, 10)
${init}
    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))
${extra}`;

describe('initialisers the code sets', () => {
  it("nn.init calls on one layer's weight and bias in __init__, keyword and positional arguments", () => {
    const [m] = models(MODULE(`        nn.init.kaiming_normal_(self.fc1.weight, mode='fan_out', nonlinearity='relu')
        nn.init.zeros_(self.fc1.bias)
        nn.init.normal_(self.fc2.weight, 0.0, 0.02)
        nn.init.constant_(self.fc2.bias, 0.1)
`));
    const [a, b] = weights(m);
    assert.deepEqual(a.init, { kind: 'scaling', scale: 2, mode: 'fan_out' });
    assert.equal(a.label, "kaiming_normal_(nonlinearity='relu', mode='fan_out')");
    assert.deepEqual(a.bias, { kind: 'constant', value: 0 });
    assert.deepEqual(b.init, { kind: 'fixed', variance: 0.02 ** 2 });
    assert.deepEqual(b.bias, { kind: 'constant', value: 0.1 });
    assert.equal(m.prediction.stopped, undefined);
  });

  it('self.apply(self._init_weights): inits under isinstance guards reach the layers of those classes only', () => {
    const [m] = models(MODULE(`        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.Conv2d, nn.Conv1d)):
            nn.init.kaiming_normal_(m.weight, mode='fan_out')
`));
    for (const w of weights(m)) {
      assert.equal((w.init as { kind: string }).kind, 'fixed');
      assert.ok(Math.abs((w.init as { variance: number }).variance - 0.02 ** 2) < 1e-9, 'trunc_normal_ cut at +-2 (100 std) keeps the variance');
      assert.deepEqual(w.bias, { kind: 'constant', value: 0 });
    }
  });

  it('a function of the same file passed to self.apply, and a loop over self.modules()', () => {
    const applied = models(MODULE('        self.apply(init_weights)\n', `
def init_weights(module):
    if isinstance(module, nn.Linear):
        nn.init.xavier_uniform_(module.weight, gain=2.0)
`))[0];
    assert.deepEqual(weights(applied).map((w) => w.init), [{ kind: 'scaling', scale: 4, mode: 'fan_avg' }, { kind: 'scaling', scale: 4, mode: 'fan_avg' }]);
    const looped = models(MODULE(`        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.orthogonal_(m.weight)
`))[0];
    assert.deepEqual(weights(looped).map((w) => w.label), ['orthogonal_', 'orthogonal_']);
  });

  it('a direct init after self.apply wins for its layer', () => {
    const [m] = models(MODULE(`        self.apply(self._init)
        nn.init.kaiming_uniform_(self.fc2.weight, a=0.1)

    def _init(self, m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.05)
`));
    const [a, b] = weights(m);
    assert.deepEqual(a.init, { kind: 'fixed', variance: 0.05 ** 2 });
    assert.deepEqual(b.init, { kind: 'scaling', scale: 2 / 1.01, mode: 'fan_in' });
  });

  it('what cannot be followed for sure stops the prediction instead of assuming the default', () => {
    const unguarded = models(MODULE(`        self.apply(self._init)

    def _init(self, m):
        nn.init.normal_(m.weight, std=0.05)
`))[0];
    assert.equal(unguarded.prediction.verdict, 'unknown');
    assert.match(unguarded.prediction.stopped?.reason ?? '', /nn\.init call \(line 12\) may set the weights of nn\.Linear/);
    const variable = models(MODULE('        nn.init.normal_(self.fc1.weight, std=self.std)\n'))[0];
    assert.match(variable.prediction.stopped?.reason ?? '', /initialiser normal of nn\.Linear has no variance/);
    const conditional = models(MODULE('        if True:\n            nn.init.zeros_(self.fc1.weight)\n'))[0];
    assert.equal(conditional.prediction.verdict, 'unknown');
  });

  it('Keras initialiser objects with arguments', () => {
    const [m] = models(`from tensorflow import keras
from tensorflow.keras import layers, initializers

model = keras.Sequential([
    layers.Dense(256, activation='relu', kernel_initializer=initializers.VarianceScaling(scale=2.0, mode='fan_in'), input_shape=(256,)),
    layers.Dense(256, activation='relu', kernel_initializer=keras.initializers.HeNormal(seed=1)),
    layers.Dense(256, activation='tanh', kernel_initializer=initializers.RandomNormal(stddev=0.02)),
    layers.Dense(10, kernel_initializer=initializers.VarianceScaling(2.0, 'fan_avg')),
])
`);
    assert.deepEqual(weights(m).map((w) => w.init), [
      { kind: 'scaling', scale: 2, mode: 'fan_in' }, { kind: 'scaling', scale: 2, mode: 'fan_in' },
      { kind: 'fixed', variance: 0.02 ** 2 }, { kind: 'scaling', scale: 2, mode: 'fan_avg' },
    ]);
  });

  it('Keras bias_initializer: a named initialiser sets the bias; an object it cannot read stops the prediction', () => {
    const [m] = models(`from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Dense(256, activation='relu', bias_initializer='ones', input_shape=(256,)),
    layers.Dense(256, activation='relu', bias_initializer='zeros'),
    layers.Dense(10),
])
`);
    assert.deepEqual(weights(m).map((w) => w.bias), [{ kind: 'constant', value: 1 }, { kind: 'constant', value: 0 }, { kind: 'constant', value: 0 }]);
    const [object] = models(`from tensorflow import keras
from tensorflow.keras import layers, initializers

model = keras.Sequential([
    layers.Dense(256, activation='relu', bias_initializer=initializers.Constant(0.1), input_shape=(256,)),
    layers.Dense(10),
])
`);
    assert.match(object.prediction.stopped?.reason ?? '', /bias initialiser of layers\.Dense has no variance/);
  });
});
