// Residual additions in a PyTorch forward reach the graph and the prediction: x = x + self.block(x) adds the
// block's input back, so a deep ReLU residual stack keeps its gradient where the plain stack would not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../../src/core/model';
import { parsePython } from '../../../src/core/scan';
import { predictModels, type ModelSignal } from '../../../src/core/signal';

function model(code: string): ModelSignal {
  const parsed = parsePython(code);
  const m = predictModels(parsed, buildGraph(parsed)).find((x) => x.model.name === 'Net');
  assert.ok(m);
  return m;
}

const NET = (forward: string): string => `import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Linear(64, 256)
        self.block1 = nn.Sequential(nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 256))
        self.block2 = nn.Sequential(nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 256))
        self.head = nn.Linear(256, 10)

    def forward(self, x):
${forward}
`;

describe('residual additions', () => {
  it('x = x + self.block(x), x += ..., and block(x) + x add back the output of the layer before the statement', () => {
    const m = model(NET('        x = self.stem(x)\n        x = x + self.block1(x)\n        x += self.block2(x)\n        return self.head(x)'));
    const kinds = m.model.layers.map((l) => (l.kind === 'add' ? `add<${l.residualFrom}` : l.kind));
    assert.deepEqual(kinds, ['linear', 'activation', 'linear', 'activation', 'linear', 'add<0', 'activation', 'linear', 'activation', 'linear', 'add<5', 'linear']);
    const adds = m.layers.flatMap((l) => (l.kind === 'add' ? [l.from] : []));
    assert.deepEqual(adds, [0, 5]);
    assert.equal(m.prediction.stopped, undefined);
    // Each addition sums two independent parts: its output variance is the sum of the skip's and the branch's
    // (to within the few-units correction of tensor.std(), a fraction of a percent at 256 units).
    const [stem, , , , branch, add] = m.prediction.layers;
    const sum = stem.std ** 2 + branch.std ** 2;
    assert.ok(Math.abs(add.std ** 2 - sum) < 2e-3 * sum, `${add.std ** 2} vs ${sum}`);
    // The gradient at the stem output is the sum over both paths: larger than through the branch alone.
    assert.ok((stem.grad ?? 0) > (add.grad ?? 0));
    const flipped = model(NET('        x = self.stem(x)\n        x = self.block1(x) + x\n        return self.head(x)'));
    assert.deepEqual(flipped.layers.flatMap((l) => (l.kind === 'add' ? [l.from] : [])), [0]);
  });

  it('the input itself can be added back; forwards with other variables are read as before, with no addition', () => {
    const input = model(NET('        x = x + self.block1(self.stem(x))\n        return self.head(x)'));
    assert.deepEqual(input.model.layers.flatMap((l) => (l.kind === 'add' ? [l.residualFrom] : [])), [-1]);
    const other = model(NET('        h = self.stem(x)\n        h = h + self.block1(h)\n        return self.head(h)'));
    assert.equal(other.model.layers.some((l) => l.kind === 'add'), false);
  });
});

describe('Keras residual additions', () => {
  const code = (merge: string): string => `import keras
from keras import layers

inputs = keras.Input(shape=(128,))
x = layers.Dense(128, activation="relu")(inputs)
h = layers.Dense(128, activation="relu")(x)
h = layers.Dense(128)(h)
${merge}
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
`;

  it('layers.Add()([x, h]) and layers.add([h, x]) add back the layer x came from; the prediction sums both parts', () => {
    for (const merge of ['x = layers.Add()([x, h])', 'x = layers.add([h, x])']) {
      const parsed = parsePython(code(merge));
      const m = predictModels(parsed, buildGraph(parsed)).find((s) => s.model.name === 'model');
      assert.ok(m, merge);
      assert.deepEqual(m.model.layers.map((l) => (l.kind === 'add' ? `add<${l.residualFrom}` : l.kind)), ['linear', 'linear', 'linear', 'add<0', 'linear'], merge);
      assert.equal(m.layers[0].kind === 'linear' && m.layers[0].fanIn, 128);
      const [skip, , branch, add] = m.prediction.layers;
      const sum = skip.std ** 2 + branch.std ** 2 + 2 * skip.mean * branch.mean;
      assert.ok(Math.abs(add.std ** 2 + add.mean ** 2 - sum - skip.mean ** 2 - branch.mean ** 2) < 0.01 * sum, merge);
      assert.equal(m.prediction.stopped, undefined, merge);
    }
  });

  it('an addition of two tensors from different chains is not read as a residual', () => {
    const parsed = parsePython(code('x = layers.Add()([x, keras.Input(shape=(128,))])'));
    const graph = buildGraph(parsed);
    assert.equal(graph.models.some((m) => m.layers.some((l) => l.kind === 'add')), false);
  });
});
