// The model graph: models, layers in execution order, widths, kernels, initialisers and source ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphFromInfo, graphOfCells, graphOfPython, modelOfSequence, type ModelGraph } from '../../../src/core/model';
import { readModel } from '../../../src/core/rules/model';
import { parsePython } from '../../../src/core/scan';

const TORCH = `import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, bias=False)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(in_features=400, out_features=10)
        self.drop = nn.Dropout(p=0.3)
        nn.init.kaiming_normal_(self.conv.weight, nonlinearity='relu')

    def forward(self, x):
        x = self.pool(F.relu(self.conv(x)))
        x = self.drop(x)
        return F.log_softmax(self.fc(x), dim=1)

seq = nn.Sequential(nn.Linear(4, 8), nn.LeakyReLU(0.2), nn.Flatten(), nn.Conv1d(8, 4, kernel_size=(5,)))
`;

const KERAS = `from tensorflow import keras
from tensorflow.keras import layers, initializers

model = keras.Sequential([
    layers.Dense(64, activation='relu', input_shape=(20,), kernel_initializer='he_normal'),
    layers.Dropout(0.5),
    layers.Conv2D(8, 3, kernel_initializer=initializers.GlorotNormal(seed=1)),
    layers.GlobalAveragePooling2D(),
    layers.Dense(1, activation='sigmoid', use_bias=False),
])
other = keras.Sequential()
other.add(layers.Dense(32, input_dim=5))
other.add(layers.Activation('tanh'))
`;

function summary(m: ModelGraph): string[] {
  return m.layers.map((l) => [l.kind, l.activation?.name ?? '-', l.width ?? '-', l.inFeatures ?? '-', l.kernelSize?.join('x') ?? '-', l.initializer ?? '-', l.bias ?? '-', l.rate ?? '-'].join(' '));
}

describe('model graph', () => {
  it('reads a PyTorch module in forward order, with init calls, kernels, rates and bias flags', () => {
    const g = graphOfPython(TORCH);
    const net = g.models.find((m) => m.name === 'Net');
    assert.ok(net);
    assert.equal(net.source, 'torch-module');
    assert.equal(net.ordered, true);
    assert.deepEqual(summary(net), [
      'conv linear 16 3 3x3 kaiming_normal false -',
      'activation relu - - - - - -',
      'pool - - - - - - -',
      'dropout - - - - - - 0.3',
      'linear linear 10 400 - - - -',
      'activation log_softmax - - - - - -',
    ]);
    assert.equal(net.range.line, 3);
    assert.equal(net.layers[0].appliedAt?.line, 13);
    assert.equal(net.layers[5].activation?.params?.dim, 1);
  });

  it('reads the arguments of a layer copied into a forward or a chain (a one-layer Sequential attribute, the first layer after keras.Input)', () => {
    const g = graphOfPython(`import torch.nn as nn
from tensorflow import keras
from tensorflow.keras import layers

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(8, 8, bias=False))
        self.head = nn.Sequential(nn.Linear(8, 3, bias=False))

    def forward(self, x):
        x = x + self.fc(x)
        return self.head(x)

inputs = keras.Input(shape=(20,))
x = layers.Dense(16, use_bias=False)(inputs)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
`);
    const block = g.models.find((m) => m.name === 'Block');
    assert.ok(block);
    assert.deepEqual(block.layers.map((l) => [l.kind, l.width, l.inFeatures, l.bias, l.residualFrom]), [['linear', 8, 8, false, undefined], ['add', undefined, undefined, undefined, -1], ['linear', 3, 8, false, undefined]]);
    assert.equal(block.layers[2].appliedAt?.line, 12);
    const model = g.models.find((m) => m.name === 'model');
    assert.ok(model);
    assert.deepEqual(model.layers.map((l) => [l.width, l.inFeatures, l.bias]), [[16, 20, false], [1, undefined, undefined]]);
  });

  it('reads nn.Sequential with parameters of activation layers and tuple kernel sizes', () => {
    const seq = graphOfPython(TORCH).models.find((m) => m.name === 'seq');
    assert.ok(seq);
    assert.equal(seq.source, 'torch-sequential');
    assert.deepEqual(summary(seq), ['linear linear 8 4 - - - -', 'activation leaky_relu - - - - - -', 'flatten - - - - - - -', 'conv linear 4 8 5 - - -']);
    assert.equal(seq.layers[1].activation?.params?.negative_slope, 0.2);
    assert.deepEqual([seq.range.line, seq.range.col], [17, 6]);
  });

  it('reads Keras Sequential lists and add chains, with initialiser objects and input widths', () => {
    const g = graphOfPython(KERAS);
    const model = g.models.find((m) => m.name === 'model');
    const other = g.models.find((m) => m.name === 'other');
    assert.ok(model && other);
    assert.equal(model.source, 'keras-sequential');
    assert.deepEqual(summary(model), [
      'linear relu 64 20 - he_normal - -',
      'dropout - - - - - - 0.5',
      'conv linear 8 - 3x3 glorot_normal - -',
      'pool - - - - - - -',
      'linear sigmoid 1 - - - false -',
    ]);
    assert.equal(model.layers[0].activation?.range?.line, 4);
    assert.equal(other.source, 'keras-add');
    assert.deepEqual(summary(other), ['linear linear 32 5 - - - -', 'activation tanh - - - - - -']);
  });

  it('gives notebook cells their cell index in every range', () => {
    const g = graphOfCells([{ index: 0, text: 'import torch.nn as nn\n' }, { index: 2, text: 'net = nn.Sequential(nn.Linear(2, 3), nn.Tanh())\n' }]);
    assert.equal(g.models.length, 1);
    assert.equal(g.models[0].range.cell, 2);
    assert.equal(g.models[0].layers[1].range.cell, 2);
  });

  it('is plain data (survives JSON) and never throws on broken code', () => {
    const g = graphOfPython(TORCH);
    assert.deepEqual(JSON.parse(JSON.stringify(g)), g);
    for (const text of ['class A(nn.Module):\n    def forward(self', 'nn.Sequential(nn.Linear(', '\0\0']) assert.ok(Array.isArray(graphOfPython(text).models));
  });
});

describe('nn.ModuleList', () => {
  const text = `import torch
import torch.nn as nn
import torch.nn.functional as F

class Deep(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(64, 64) for _ in range(3)])
        self.head = nn.Linear(64, 10)

    def forward(self, x):
        for block in self.blocks:
            x = torch.tanh(block(x))
        return self.head(x)

class Indexed(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(8, 8), nn.Linear(8, 1)])

    def forward(self, x):
        return torch.sigmoid(self.layers[1](F.relu(self.layers[0](x))))

class Named(nn.Module):
    def __init__(self):
        super().__init__()
        self.heads = nn.ModuleDict({'hidden': nn.Linear(8, 8), 'out': nn.Linear(8, 3)})

    def forward(self, x):
        return F.softmax(self.heads['out'](torch.relu(self.heads['hidden'](x))), dim=1)

class Varying(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(dims[i], dims[i + 1]) for i in range(3)])
        self.many = nn.ModuleList([nn.Linear(4, 4) for _ in range(n)])

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        for block in self.many:
            x = block(x)
        return x

class Branchy(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4)])

    def forward(self, x):
        for block in self.blocks:
            if x.sum() > 0:
                x = block(x)
        return x
`;
  const models = graphOfPython(text).models;
  const summary = (name: string): string => {
    const m = models.find((x) => x.name === name);
    return m ? `${m.ordered} ${m.layers.map((l) => `${l.written}${l.width ?? ''}`).join(' ')}` : 'none';
  };
  it('unrolls a loop over a list built by a comprehension of literal length, one pass per element', () => {
    assert.equal(summary('Deep'), 'true nn.Linear64 torch.tanh nn.Linear64 torch.tanh nn.Linear64 torch.tanh nn.Linear10');
  });
  it('reads elements called by literal index', () => assert.equal(summary('Indexed'), 'true nn.Linear8 F.relu nn.Linear1 torch.sigmoid'));
  it('reads nn.ModuleDict entries called by literal key', () => assert.equal(summary('Named'), 'true nn.Linear8 torch.relu nn.Linear3 F.softmax'));
  it('does not unroll lists whose elements or length the code does not state, nor loops with branches', () => {
    assert.equal(models.find((x) => x.name === 'Varying')?.ordered ?? false, false);
    assert.equal(models.find((x) => x.name === 'Branchy')?.ordered ?? false, false);
  });
});

describe('layers appended to a list in loops of literal length', () => {
  const text = `import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        for _ in range(3):
            layers.append(nn.Linear(64, 64))
            layers.append(nn.Tanh())
        layers += [nn.Linear(64, 10)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)

def varying(dims, bn):
    layers = []
    for i in range(3):
        layers.append(nn.Linear(dims[i], dims[i + 1]))
    return nn.Sequential(*layers)

def conditional(bn):
    layers = [nn.Linear(4, 4)]
    layers = []
    layers.append(nn.Linear(4, 4))
    if bn:
        layers.append(nn.BatchNorm1d(4))
    return nn.Sequential(*layers)

blocks = [nn.ReLU()]
net = nn.Sequential(nn.Linear(4, 8), *blocks, nn.Linear(8, 2))
`;
  const models = graphOfPython(text).models;
  const layersOf = (m: ModelGraph | undefined): string => m?.layers.map((l) => `${l.written}${l.width ?? ''}`).join(' ') ?? 'none';
  it('repeats a loop body\'s appends once per iteration, in order, and follows the list into nn.Sequential(*layers)', () => {
    const expected = 'nn.Linear64 nn.Tanh nn.Linear64 nn.Tanh nn.Linear64 nn.Tanh nn.Linear10';
    assert.equal(layersOf(models.find((m) => m.name === 'self.body')), expected);
    assert.equal(layersOf(models.find((m) => m.name === 'Net')), expected);
  });
  it('a list whose items use the loop variable, or that is appended to under an if, stays one unknown item', () => {
    const unnamed = models.filter((m) => m.name === undefined && m.source === 'torch-sequential');
    assert.deepEqual(unnamed.map(layersOf), ['layers', 'layers']);
  });
  it('a starred list the reader did not build keeps its place, so the layers around it are not adjacent', () => {
    assert.equal(layersOf(models.find((m) => m.name === 'net')), 'nn.Linear8 blocks nn.Linear2');
  });
});

describe('models asked one by one and the whole graph', () => {
  const source = `from tensorflow import keras
from tensorflow.keras import layers
a = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(1)])
b = keras.Sequential([layers.Dense(4, activation='tanh'), layers.Dense(2, activation='softmax')])
`;
  it('are the same objects whichever is asked first (one model per sequence and version)', () => {
    for (const graphFirst of [true, false]) {
      const parsed = parsePython(source);
      const info = readModel(parsed);
      const sequences = info.sequences.filter((s) => s.layers.length);
      assert.equal(sequences.length, 2);
      const one = graphFirst ? undefined : modelOfSequence(parsed, info, sequences[1]);
      const graph = graphFromInfo(parsed, info);
      assert.equal(graph.models.length, 2);
      assert.equal(modelOfSequence(parsed, info, sequences[0]), graph.models[0], `graph first: ${graphFirst}`);
      assert.equal(modelOfSequence(parsed, info, sequences[1]), graph.models[1], `graph first: ${graphFirst}`);
      if (one) assert.equal(one, graph.models[1]);
    }
  });
});
