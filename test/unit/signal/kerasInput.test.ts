// keras.Input(shape=...) gives the first layer's fan-in: in a Sequential list, an add chain and a functional chain.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../../src/core/model';
import { parsePython } from '../../../src/core/scan';
import { predictModels, type ModelSignal } from '../../../src/core/signal';

function models(code: string): ModelSignal[] {
  const parsed = parsePython(code);
  return predictModels(parsed, buildGraph(parsed));
}

const HEAD = 'import keras\nfrom keras import layers\n\n';

describe('keras.Input gives the first layer its fan-in', () => {
  it('Sequential([keras.Input(shape=(784,)), Dense(...), ...])', () => {
    const [m] = models(`${HEAD}model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(256, activation="relu"),
    layers.Dense(10),
])
`);
    assert.equal(m.prediction.stopped, undefined);
    assert.deepEqual(m.layers.map((l) => (l.kind === 'linear' ? [l.fanIn, l.fanOut] : l.kind)), [[784, 256], [256, 10]]);
    assert.match(m.summary, /^2 layers · /);
  });

  it('model.add(layers.InputLayer(input_shape=(64,))) and a functional chain from inputs = keras.Input((20,))', () => {
    const [added] = models(`${HEAD}model = keras.Sequential()
model.add(layers.InputLayer(input_shape=(64,)))
model.add(layers.Dense(128, activation="tanh"))
model.add(layers.Dense(1))
`);
    assert.equal(added.layers[0].kind === 'linear' && added.layers[0].fanIn, 64);
    const [functional] = models(`${HEAD}inputs = keras.Input((20,))
x = layers.Dense(32, activation="relu")(inputs)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
`);
    assert.equal(functional.layers[0].kind === 'linear' && functional.layers[0].fanIn, 20);
    assert.equal(functional.prediction.stopped, undefined);
  });

  it('a shape that is not a literal leaves the width unknown, said plainly', () => {
    const [m] = models(`${HEAD}model = keras.Sequential([keras.Input(shape=(n,)), layers.Dense(8)])\n`);
    assert.equal(m.prediction.verdict, 'unknown');
    assert.match(m.summary, /width of layers\.Dense is not a literal/);
  });
});
