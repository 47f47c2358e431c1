/** Exponential linear units and thresholds: elu, selu, celu, threshold, thresholded_relu. */
import { K2, K3, LAYER_FORMS, SRC, fns, inplace, kerasDoc, kerasLayerDoc, keras2Doc, layer, num, since, tfDoc, tfName, torchApis, torchDoc } from '../build';
import type { ActivationEntry } from '../types';

/** SELU constants exactly as PyTorch's docstring gives them (Keras rounds them to 8 digits in its docs only). */
const SELU_ALPHA = 1.6732632423543772; // 1.6732632423543772848170429916717 to double precision
const SELU_SCALE = 1.0507009873554805; // 1.0507009873554804934193349852946 to double precision

export const elu: ActivationEntry = {
  name: 'elu', aliases: [], title: 'ELU', plotRange: [-5, 4],
  summary: 'Exponential linear unit: identity for x > 0, a smooth exponential approach to -alpha below.',
  formulas: {
    default: {
      expr: 'x > 0 ? x : a * expm1(x)', derivative: 'x > 0 ? 1 : a * exp(x)', symbolic: 'a * (exp(x) - 1)',
      tex: '\\begin{cases}x & x > 0\\\\ \\alpha\\,(e^{x} - 1) & x \\le 0\\end{cases}', derivativeTex: '\\begin{cases}1 & x > 0\\\\ \\alpha\\,e^{x} & x < 0\\end{cases}',
    },
  },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, params: [num('alpha', 1, 'a', 'Value ELU saturates to for very negative inputs (as -alpha).'), inplace],
      apis: torchApis({ module: 'ELU', moduleArgs: ['alpha', 'inplace'], fn: 'elu', fnArgs: ['alpha', 'inplace'], fnInplace: true }),
    },
    {
      framework: 'keras', keras: K3, source: SRC.keras3, strings: ['elu'], params: [num('alpha', 1, 'a', 'Saturation value for negative inputs (as -alpha).')],
      apis: [...fns(['keras.activations.elu', 'keras.ops.elu'], ['x', 'alpha']), layer('keras.layers.ELU', ['alpha'])],
    },
    {
      framework: 'keras', keras: K2, source: SRC.keras2, strings: ['elu', 'ELU'], params: [num('alpha', 1, 'a', 'Saturation value for negative inputs (as -alpha).')],
      apis: [...fns(['keras.activations.elu', 'keras.backend.elu'], ['x', 'alpha']), layer('keras.layers.ELU', ['alpha'])],
    },
    { framework: 'tf', source: SRC.tf, params: [tfName], fixed: { a: 1 }, apis: fns(['tf.nn.elu'], ['features', 'name']) },
  ],
  guidance: {
    hover: { advice: 'exp costs more than max; f′ jumps at 0 unless alpha = 1.' },
    hidden: true, outputs: [],
    tips: ['Negative outputs push mean activations towards zero, which can speed up learning (Clevert et al., 2016).'],
    pitfalls: ['exp is costlier than max; the derivative at 0 jumps unless alpha = 1.'], qa: [],
  },
  docs: { torch: torchDoc('ELU'), keras: kerasDoc('elu'), keras2: keras2Doc('elu'), tf: tfDoc('nn/elu') },
};

export const selu: ActivationEntry = {
  name: 'selu', aliases: [], title: 'SELU', plotRange: [-5, 4],
  summary: 'Scaled ELU with fixed constants chosen so activations self-normalise to mean 0 and variance 1.',
  formulas: {
    default: {
      expr: 'scale * (x > 0 ? x : alpha * expm1(x))', derivative: 'x > 0 ? scale : scale * alpha * exp(x)', symbolic: 'scale * alpha * (exp(x) - 1)',
      tex: '\\lambda\\begin{cases}x & x > 0\\\\ \\alpha\\,(e^{x} - 1) & x \\le 0\\end{cases},\\ \\alpha \\approx 1.6733,\\ \\lambda \\approx 1.0507',
      derivativeTex: '\\begin{cases}\\lambda & x > 0\\\\ \\lambda\\alpha\\,e^{x} & x < 0\\end{cases}',
    },
  },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, params: [inplace], fixed: { alpha: SELU_ALPHA, scale: SELU_SCALE },
      apis: torchApis({ module: 'SELU', moduleArgs: ['inplace'], fn: 'selu', fnArgs: ['inplace'], fnInplace: true, torchFn: 'selu', torchInplace: true }),
      notes: ["For self-normalising nets initialise with kaiming_normal_(..., nonlinearity='linear'), not 'selu' (PyTorch docs)."], hoverNote: "Initialise with nonlinearity='linear', not 'selu' (PyTorch docs).",
    },
    { framework: 'keras', strings: ['selu'], source: SRC.keras3, params: [], fixed: { alpha: SELU_ALPHA, scale: SELU_SCALE }, apis: fns(['keras.activations.selu', 'keras.ops.selu'], ['x']) },
    { framework: 'tf', source: SRC.tf, params: [tfName], fixed: { alpha: SELU_ALPHA, scale: SELU_SCALE }, apis: fns(['tf.nn.selu'], ['features', 'name']) },
  ],
  guidance: {
    hover: { advice: 'Other initialisers, BatchNorm, Dropout or skips break it.' },
    hidden: true, outputs: [],
    tips: ['Use LeCun normal initialisation and AlphaDropout (not Dropout); works best in plain feed-forward stacks.'],
    pitfalls: ['Self-normalisation breaks with other initialisers, BatchNorm, ordinary Dropout or residual connections.'],
    qa: [],
  },
  docs: { torch: torchDoc('SELU'), keras: kerasDoc('selu'), keras2: keras2Doc('selu'), tf: tfDoc('nn/selu') },
};

export const celu: ActivationEntry = {
  name: 'celu', aliases: [], title: 'CELU', plotRange: [-5, 4],
  summary: 'Continuously differentiable ELU: alpha scales the exponential\'s input too, so the slope at 0 is 1 for every alpha.',
  formulas: {
    default: {
      expr: 'x > 0 ? x : a * expm1(x / a)', derivative: 'x > 0 ? 1 : exp(x / a)', symbolic: 'a * (exp(x / a) - 1)',
      tex: '\\max(0, x) + \\min\\left(0, \\alpha\\,(e^{x/\\alpha} - 1)\\right)', derivativeTex: '\\begin{cases}1 & x > 0\\\\ e^{x/\\alpha} & x \\le 0\\end{cases}',
    },
  },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, params: [num('alpha', 1, 'a', 'Saturation value for negative inputs (as -alpha); must not be 0.'), inplace],
      apis: torchApis({ module: 'CELU', moduleArgs: ['alpha', 'inplace'], fn: 'celu', fnArgs: ['alpha', 'inplace'], fnInplace: true, torchFn: 'celu', torchInplace: true }),
    },
    {
      framework: 'keras', keras: since('3.7'), strings: ['celu'], source: SRC.keras3, params: [num('alpha', 1, 'a', 'Saturation value for negative inputs (as -alpha).')],
      apis: fns(['keras.activations.celu', 'keras.ops.celu'], ['x', 'alpha']),
    },
  ],
  guidance: { hover: { advice: 'An ELU that stays C1 for any alpha (Barron, 2017).' }, hidden: true, outputs: [], tips: ['An ELU that stays C1 for any alpha (Barron, 2017).'], pitfalls: [], qa: [] },
  docs: { torch: torchDoc('CELU'), keras: kerasDoc('celu') },
};

export const threshold: ActivationEntry = {
  name: 'threshold', aliases: [], title: 'Threshold', plotRange: [-4, 4],
  summary: 'Keeps x above a threshold and replaces everything else by a constant value.',
  formulas: {
    default: {
      expr: 'x > t ? x : v', derivative: 'x > t ? 1 : 0',
      tex: '\\begin{cases}x & x > \\theta\\\\ v & x \\le \\theta\\end{cases}', derivativeTex: '\\begin{cases}1 & x > \\theta\\\\0 & x < \\theta\\end{cases}',
    },
  },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules,
      apis: torchApis({ module: 'Threshold', moduleArgs: ['threshold', 'value', 'inplace'], fn: 'threshold', fnArgs: ['threshold', 'value', 'inplace'], fnInplace: true, torchFn: 'threshold', torchInplace: true }),
      params: [num('threshold', undefined, 't', 'Inputs at or below it are replaced (required).', { plotDefault: 0 }), num('value', undefined, 'v', 'Replacement value (required).', { plotDefault: 0 }), inplace],
    },
    {
      framework: 'keras', keras: since('3.8'), strings: ['threshold'], source: SRC.keras3,
      apis: fns(['keras.activations.threshold', 'keras.ops.threshold'], ['x', 'threshold', 'default_value']),
      params: [num('threshold', undefined, 't', 'Inputs at or below it are replaced (required).', { plotDefault: 0 }), num('default_value', undefined, 'v', 'Replacement value (required).', { plotDefault: 0 })],
      notes: ["activation='threshold' resolves but fails when called: both arguments are required."],
    },
  ],
  guidance: { hover: { advice: 'Zero gradient below the threshold, and a jump there.' }, hidden: false, outputs: [], tips: ['A building block (step-like gating) more than a trainable activation.'], pitfalls: ['Zero gradient below the threshold, and a jump there unless value equals threshold.'], qa: [] },
  docs: { torch: torchDoc('Threshold'), keras: 'https://keras.io/api/ops/nn/#threshold-function' },
};

export const thresholdedRelu: ActivationEntry = {
  name: 'thresholded_relu', aliases: ['thresholdedrelu'], title: 'Thresholded ReLU', plotRange: [-2, 4],
  summary: 'x above theta, 0 elsewhere (tf.keras 2 only; Keras 3: ReLU(threshold=theta) gives the same function).',
  formulas: {
    default: {
      expr: 'x > theta ? x : 0', derivative: 'x > theta ? 1 : 0',
      tex: '\\begin{cases}x & x > \\theta\\\\ 0 & x \\le \\theta\\end{cases}', derivativeTex: '\\begin{cases}1 & x > \\theta\\\\0 & x < \\theta\\end{cases}',
    },
  },
  variants: [
    {
      framework: 'keras', keras: K2, forms: [...LAYER_FORMS, 'string'], strings: ['ThresholdedReLU'], source: SRC.keras2Layers,
      apis: [layer('keras.layers.ThresholdedReLU', ['theta'])], params: [num('theta', 1, 'theta', 'Threshold; must be >= 0.', { min: 0 })],
    },
    {
      framework: 'keras', keras: K3, forms: LAYER_FORMS, source: 'keras-team/keras keras/src/legacy/layers.py (3.16.0): only under keras._legacy', apis: [],
      params: [num('theta', 1, 'theta', 'Threshold.')], notes: ['Not public in Keras 3: use keras.layers.ReLU(threshold=theta).'],
    },
  ],
  guidance: { hover: { advice: 'Discontinuous at theta when theta > 0.' }, hidden: true, outputs: [], tips: ['Keras 3 replacement: keras.layers.ReLU(threshold=theta).'], pitfalls: ['Discontinuous at theta when theta > 0.'], qa: [] },
  docs: { keras2: 'https://www.tensorflow.org/versions/r2.15/api_docs/python/tf/keras/layers/ThresholdedReLU', keras: kerasLayerDoc('relu') },
};

