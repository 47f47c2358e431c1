/**
 * Vector activations: softmax, log_softmax, softmin, glu, sparsemax. Each is described along one variable:
 * x is logit 0 of a vector whose other `logits - 1` entries are held at 0 (glu: x is the gate half, the value half is `a`).
 */
import { K2, K3, LAYER_FORMS, SRC, fns, kerasAxis, kerasDoc, keras2Doc, layer, logits, since, tfAxis, tfDoc, tfName, torchApis, torchDim, torchDoc, torchDtype } from '../build';
import type { ActivationEntry, Variant, VectorView } from '../types';

const ALONG_LOGIT: VectorView = {
  along: 'x is logit 0 and the other entries of the vector (`logits` − 1 of them) are held at 0',
  description: 'Maps a whole vector of logits to a probability distribution; the curve shows one output as its own logit varies.',
  hover: 'Maps logits to probabilities; plotted along logit 0, the others held at 0.',
};
/** nn.<Module>(dim) takes no dtype; F.<fn>(input, dim, _stacklevel, dtype), torch.<fn> and Tensor.<fn> do. */
function torchSoftmaxFamily(module: string, fn: string, tensorForms: boolean, notes: readonly string[] = []): Variant[] {
  return [
    { framework: 'torch', forms: LAYER_FORMS, source: SRC.torchModules, params: [torchDim, logits], apis: torchApis({ module, moduleArgs: ['dim'] }), notes },
    {
      framework: 'torch', source: SRC.torchF, params: [torchDim, torchDtype, logits], notes,
      apis: torchApis({
        fn, fnArgs: ['dim', '_stacklevel', 'dtype'],
        ...(tensorForms ? { torchFn: fn, torchArgs: ['dim', 'dtype'], method: fn, methodArgs: ['dim', 'dtype'], extra: fns([`torch.special.${fn}`], ['input', 'dim']) } : {}),
      }),
    },
  ];
}

const ACROSS = 'softmax along one logit is σ(x − ln(n − 1)): with two logits it is exactly the sigmoid.';

export const softmax: ActivationEntry = {
  name: 'softmax', aliases: [], title: 'Softmax', plotRange: [-8, 8], vector: ALONG_LOGIT,
  summary: 'exp(x_i)/Σ_j exp(x_j): turns a vector of logits into probabilities that sum to 1.',
  formulas: {
    default: {
      expr: 'sigmoid(x - log(n - 1))', derivative: 'sigmoid(x - log(n - 1)) * sigmoid(log(n - 1) - x)', symbolic: 'exp(x) / (exp(x) + n - 1)',
      tex: '\\operatorname{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}', derivativeTex: '\\frac{\\partial s_i}{\\partial x_j} = s_i(\\delta_{ij} - s_j)',
    },
  },
  variants: [
    ...torchSoftmaxFamily('Softmax', 'softmax', true, [
      'Without dim PyTorch warns and guesses: for a 3-D (N, L, C) input it normalises over the batch.',
      'nn.Softmax does not work with NLLLoss (use LogSoftmax) nor in front of CrossEntropyLoss (which applies log-softmax itself).',
    ]),
    { framework: 'torch', forms: LAYER_FORMS, source: SRC.torchModules, params: [logits], apis: [layer('torch.nn.Softmax2d', [])], notes: ['Softmax over the channel dimension (-3) of 3-D or 4-D inputs.'] },
    {
      framework: 'keras', keras: K3, strings: ['softmax'], source: SRC.keras3, params: [kerasAxis, logits],
      apis: [...fns(['keras.activations.softmax', 'keras.ops.softmax'], ['x', 'axis']), layer('keras.layers.Softmax', ['axis'])],
      notes: ['Keras >= 3.1 warns when the axis has size 1: the output is always 1.'],
    },
    {
      framework: 'keras', keras: K2, strings: ['softmax', 'Softmax'], source: SRC.keras2, params: [kerasAxis, logits],
      apis: [...fns(['keras.activations.softmax', 'keras.backend.softmax'], ['x', 'axis']), layer('keras.layers.Softmax', ['axis'])],
    },
    { framework: 'tf', source: SRC.tf, params: [tfAxis, tfName, logits], apis: fns(['tf.nn.softmax', 'tf.math.softmax'], ['logits', 'axis', 'name']) },
  ],
  guidance: {
    hover: { advice: 'Twice with CrossEntropyLoss or a from_logits=True loss.' },
    hidden: false, outputs: ['multi-class'],
    tips: ['The output for single-label multi-class classification; train on logits (CrossEntropyLoss, from_logits=True) and apply softmax at inference.', ACROSS],
    pitfalls: [
      'Softmax before CrossEntropyLoss (or a from_logits=True loss) applies it twice: the loss cannot go below log(1 + (C−1)/e).',
      'On a size-1 axis (Dense(1, activation="softmax")) the output is always 1; use a sigmoid.',
      'Not for multi-label problems: classes compete; use a sigmoid per class.',
    ],
    qa: [{ q: 'How are sigmoid and softmax related?', a: 'With two logits [x, 0], softmax(...)[0] = 1/(1 + e^{−x}) = σ(x): sigmoid is the two-class softmax.' }],
  },
  docs: { torch: torchDoc('Softmax'), keras: kerasDoc('softmax'), keras2: keras2Doc('softmax'), tf: tfDoc('nn/softmax') },
};

export const logSoftmax: ActivationEntry = {
  name: 'log_softmax', aliases: ['logsoftmax'], title: 'LogSoftmax', plotRange: [-8, 8], vector: ALONG_LOGIT,
  summary: 'log(softmax(x)) computed stably: log-probabilities, the input NLLLoss expects.',
  formulas: {
    default: {
      expr: 'logsigmoid(x - log(n - 1))', derivative: 'sigmoid(log(n - 1) - x)', symbolic: 'x - log(exp(x) + n - 1)',
      tex: 'x_i - \\log\\sum_j e^{x_j}', derivativeTex: '\\frac{\\partial}{\\partial x_j} = \\delta_{ij} - s_j',
    },
  },
  variants: [
    ...torchSoftmaxFamily('LogSoftmax', 'log_softmax', true),
    { framework: 'keras', keras: K3, strings: ['log_softmax'], source: SRC.keras3, params: [kerasAxis, logits], apis: fns(['keras.activations.log_softmax', 'keras.ops.log_softmax'], ['x', 'axis']) },
    { framework: 'keras', keras: K2, strings: ['log_softmax'], source: SRC.keras2, params: [kerasAxis, logits], apis: [] },
    { framework: 'tf', source: SRC.tf, params: [tfAxis, tfName, logits], apis: fns(['tf.nn.log_softmax', 'tf.math.log_softmax'], ['logits', 'axis', 'name']) },
  ],
  guidance: {
    hover: { advice: 'Redundant but harmless before CrossEntropyLoss.' },
    hidden: false, outputs: ['multi-class'],
    tips: ['Pair with NLLLoss; LogSoftmax + NLLLoss equals CrossEntropyLoss on logits.'],
    pitfalls: ['Before CrossEntropyLoss it is redundant but harmless: log_softmax is idempotent.'], qa: [],
  },
  docs: { torch: torchDoc('LogSoftmax'), keras: kerasDoc('log_softmax'), tf: tfDoc('nn/log_softmax') },
};

export const softmin: ActivationEntry = {
  name: 'softmin', aliases: [], title: 'Softmin', plotRange: [-8, 8], vector: ALONG_LOGIT,
  summary: 'softmax(−x): the smallest input gets the largest probability.',
  formulas: {
    default: {
      expr: 'sigmoid(-x - log(n - 1))', derivative: '-sigmoid(-x - log(n - 1)) * sigmoid(x + log(n - 1))', symbolic: 'exp(-x) / (exp(-x) + n - 1)',
      tex: '\\frac{e^{-x_i}}{\\sum_j e^{-x_j}}', derivativeTex: '\\frac{\\partial s_i}{\\partial x_j} = -s_i(\\delta_{ij} - s_j)',
    },
  },
  variants: [
    ...torchSoftmaxFamily('Softmin', 'softmin', false),
  ],
  guidance: { hover: { advice: 'Needs dim, like softmax.' }, hidden: false, outputs: [], tips: ['Soft attention over costs or distances.'], pitfalls: ['Needs dim, like softmax.'], qa: [] },
  docs: { torch: torchDoc('Softmin') },
};

export const glu: ActivationEntry = {
  name: 'glu', aliases: [], title: 'GLU', plotRange: [-6, 6],
  vector: { along: 'x is the gate entry b; the matching value entry a is held fixed (parameter a)', description: 'Splits the input in halves a and b along an axis and returns a ⊗ σ(b): the output has half the size.', hover: 'a ⊗ σ(b) of the input\'s two halves; plotted along the gate b, a held fixed.' },
  summary: 'Gated linear unit: one half of the input gates the other through a sigmoid.',
  formulas: {
    default: { expr: 'a * sigmoid(x)', derivative: 'a * sigmoid(x) * sigmoid(-x)', symbolic: 'a / (1 + exp(-x))', tex: '\\operatorname{GLU}(a, b) = a \\otimes \\sigma(b)', derivativeTex: '\\frac{\\partial}{\\partial b} = a\\,\\sigma(b)(1 - \\sigma(b))' },
  },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, apis: torchApis({ module: 'GLU', moduleArgs: ['dim'], fn: 'glu', fnArgs: ['dim'] }),
      params: [{ name: 'dim', default: -1, type: 'integer', doc: 'Dimension split in half; its size must be even.' }, { name: 'a', default: 1, type: 'number', math: 'a', plotOnly: true, doc: 'Plot only: the value half held fixed.' }],
    },
    {
      framework: 'keras', keras: since('3.7'), strings: ['glu'], source: SRC.keras3, apis: fns(['keras.activations.glu', 'keras.ops.glu'], ['x', 'axis']),
      params: [kerasAxis, { name: 'a', default: 1, type: 'number', math: 'a', plotOnly: true, doc: 'Plot only: the value half held fixed.' }],
      notes: ["activation='glu' halves the layer's output: Dense(64, activation='glu') outputs 32 features and needs an even size."], hoverNote: "activation='glu' halves the output: Dense(64) gives 32 features.",
    },
  ],
  guidance: { hover: { advice: 'Halves the feature dimension.' }, hidden: true, outputs: [], tips: ['Gated feed-forward blocks (GLU variants such as SwiGLU) in transformers.'], pitfalls: ['Halves the feature dimension.'], qa: [] },
  docs: { torch: torchDoc('GLU'), keras: kerasDoc('glu') },
};

export const sparsemax: ActivationEntry = {
  name: 'sparsemax', aliases: [], title: 'Sparsemax', plotRange: [-3, 3], vector: ALONG_LOGIT,
  summary: 'Euclidean projection of the logits onto the probability simplex: like softmax but with exact zeros.',
  formulas: {
    default: {
      expr: 'x <= -1 / (n - 1) ? 0 : (x >= 1 ? 1 : (x * (n - 1) + 1) / n)', derivative: '(x > -1 / (n - 1) and x < 1) ? (n - 1) / n : 0',
      tex: '\\operatorname{sparsemax}(x)_i = \\max(x_i - \\tau(x), 0),\\ \\textstyle\\sum_i \\max(x_i - \\tau, 0) = 1',
      derivativeTex: '\\frac{\\partial p_i}{\\partial x_j} = \\delta_{ij} - \\frac{1}{|S|}\\ \\text{on the support } S',
    },
  },
  variants: [{ framework: 'keras', keras: since('3.8'), strings: ['sparsemax'], source: SRC.keras3, params: [kerasAxis, logits], apis: fns(['keras.activations.sparsemax', 'keras.ops.sparsemax'], ['x', 'axis']) }],
  guidance: { hover: { advice: 'Zero gradient for logits outside the support.' }, hidden: false, outputs: ['multi-class'], tips: ['Sparse attention and sparse class probabilities (Martins and Astudillo, 2016).'], pitfalls: ['Zero gradient for logits outside the support.'], qa: [] },
  docs: { keras: kerasDoc('sparsemax') },
};

