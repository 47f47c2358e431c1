/** ReLU and its piecewise-linear relatives: relu, leaky_relu, prelu, rrelu, relu6. */
import { FUNCTION_FORMS, K2, K3, LAYER_FORMS, SRC, fns, inplace, kerasDoc, kerasLayerDoc, keras2Doc, layer, num, tfDoc, tfName, torchApis, torchDoc } from '../build';
import type { ActivationEntry } from '../types';

const DYING_RELU = 'Dying ReLU: units whose pre-activation stays negative get zero gradient and stop learning; a high learning rate makes it likelier. LeakyReLU, ELU or GELU keep a gradient there.';

export const relu: ActivationEntry = {
  name: 'relu', aliases: [], title: 'ReLU', plotRange: [-4, 4],
  summary: 'Rectified linear unit: passes positive inputs through and zeroes the rest.',
  formulas: {
    default: { expr: 'max(x, 0)', tex: '\\max(0, x)', derivative: 'x > 0 ? 1 : 0', derivativeTex: '\\begin{cases}1 & x > 0\\\\0 & x < 0\\end{cases}' },
    // Keras' relu(x, negative_slope, max_value, threshold): x above the threshold (clipped at max_value), slope below it.
    general: {
      expr: '(x > t ? min(x, m) : 0) + s * min(x - t, 0)',
      tex: '\\begin{cases}\\min(x, m) & x > t\\\\ s\\,(x - t) & x \\le t\\end{cases}',
      derivative: 'x > t ? (x < m ? 1 : 0) : s',
      derivativeTex: '\\begin{cases}1 & t < x < m\\\\0 & x > m\\\\ s & x < t\\end{cases}',
    },
  },
  selectFormula: (m) => (m.s === 0 && m.t === 0 && m.m === Infinity ? 'default' : 'general'),
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, params: [inplace], formula: 'default',
      apis: torchApis({ module: 'ReLU', moduleArgs: ['inplace'], fn: 'relu', fnArgs: ['inplace'], fnInplace: true, torchFn: 'relu', torchInplace: true, method: 'relu', methodInplace: true }),
    },
    {
      framework: 'keras', keras: K3, forms: FUNCTION_FORMS, strings: ['relu'], source: SRC.keras3,
      apis: [...fns(['keras.activations.relu'], ['x', 'negative_slope', 'max_value', 'threshold'])],
      params: [
        num('negative_slope', 0, 's', 'Slope below the threshold.'),
        num('max_value', null, 'm', 'Largest output (None: unbounded).', { noneValue: Infinity }),
        num('threshold', 0, 't', 'Inputs at or below it are damped (multiplied by negative_slope after the shift).'),
      ],
    },
    { framework: 'keras', keras: K3, forms: ['function'], source: SRC.keras3Ops, apis: fns(['keras.ops.relu'], ['x']), params: [], fixed: { s: 0, m: Infinity, t: 0 } },
    {
      framework: 'keras', keras: K3, forms: LAYER_FORMS, source: SRC.keras3Layers,
      apis: [layer('keras.layers.ReLU', ['max_value', 'negative_slope', 'threshold'])],
      params: [
        num('max_value', null, 'm', 'Largest output (None: unbounded); must be >= 0.', { noneValue: Infinity, min: 0 }),
        num('negative_slope', 0, 's', 'Slope below the threshold; must be >= 0.', { min: 0 }),
        num('threshold', 0, 't', 'Threshold below which the slope applies; must be >= 0.', { min: 0 }),
      ],
    },
    {
      framework: 'keras', keras: K2, forms: FUNCTION_FORMS, strings: ['relu'], source: SRC.keras2,
      apis: fns(['keras.activations.relu', 'keras.backend.relu'], ['x', 'alpha', 'max_value', 'threshold']),
      params: [
        num('alpha', 0, 's', 'Slope below the threshold (Keras 3 renamed it negative_slope).'),
        num('max_value', null, 'm', 'Largest output (None: unbounded).', { noneValue: Infinity }),
        num('threshold', 0, 't', 'Threshold below which the slope applies.'),
      ],
    },
    {
      framework: 'keras', keras: K2, forms: [...LAYER_FORMS, 'string'], strings: ['ReLU'], source: SRC.keras2Layers,
      apis: [layer('keras.layers.ReLU', ['max_value', 'negative_slope', 'threshold'])],
      params: [
        num('max_value', null, 'm', 'Largest output (None: unbounded); must be >= 0.', { noneValue: Infinity, min: 0 }),
        num('negative_slope', 0, 's', 'Slope below the threshold; must be >= 0.', { min: 0 }),
        num('threshold', 0, 't', 'Threshold below which the slope applies; must be >= 0.', { min: 0 }),
      ],
    },
    { framework: 'tf', source: SRC.tf, apis: fns(['tf.nn.relu'], ['features', 'name']), params: [tfName], fixed: { s: 0, m: Infinity, t: 0 } },
  ],
  guidance: {
    hover: { use: 'hidden layers, outputs ≥ 0', advice: 'Try LeakyReLU or GELU if units die.' },
    hidden: true, outputs: ['positive-regression'],
    tips: ['The default for hidden layers: cheap, non-saturating for x > 0, sparse activations.', 'Pair with He (Kaiming) initialisation.'],
    pitfalls: [DYING_RELU, 'As the output of a regression head it can get stuck at 0 and cannot produce negative targets.'],
    qa: [
      { q: 'Why is ReLU non-linear if each half is linear?', a: 'Linearity needs f(a+b) = f(a)+f(b) everywhere; relu(1) + relu(-1) = 1 but relu(0) = 0. The kink at 0 lets stacks of ReLU layers build any piecewise-linear function, which a composition of linear maps cannot.' },
      { q: 'Why ReLU instead of sigmoid or tanh in hidden layers?', a: 'Its gradient is exactly 1 for every positive input, so it does not saturate and deep stacks train faster (Krizhevsky et al.). Sigmoid and tanh gradients shrink towards 0 away from the origin.' },
      { q: 'Is ReLU a squashing function?', a: 'No: squashing functions (sigmoid, tanh) map the whole line into a bounded interval; ReLU is unbounded above.' },
    ],
  },
  docs: { torch: torchDoc('ReLU'), keras: kerasDoc('relu'), keras2: keras2Doc('relu'), tf: tfDoc('nn/relu') },
};

const leakyTex = { tex: '\\begin{cases}x & x > 0\\\\ s\\,x & x \\le 0\\end{cases}', derivativeTex: '\\begin{cases}1 & x > 0\\\\ s & x < 0\\end{cases}' };

export const leakyRelu: ActivationEntry = {
  name: 'leaky_relu', aliases: ['leakyrelu'], title: 'Leaky ReLU', plotRange: [-4, 4],
  summary: 'ReLU with a small slope for negative inputs, so no unit loses its gradient entirely.',
  formulas: { default: { expr: 'x > 0 ? x : s * x', derivative: 'x > 0 ? 1 : s', ...leakyTex } },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules,
      apis: torchApis({ module: 'LeakyReLU', moduleArgs: ['negative_slope', 'inplace'], fn: 'leaky_relu', fnArgs: ['negative_slope', 'inplace'], fnInplace: true }),
      params: [num('negative_slope', 0.01, 's', 'Slope for negative inputs.'), inplace],
    },
    {
      framework: 'keras', keras: K3, forms: LAYER_FORMS, source: SRC.keras3Layers,
      apis: [layer('keras.layers.LeakyReLU', ['negative_slope'])],
      params: [num('negative_slope', 0.3, 's', 'Slope for negative inputs; must be >= 0. Note: the layer default (0.3) differs from the function and string default (0.2).', { min: 0, deprecatedAliases: ['alpha'] })],
      notes: ['`alpha=` still works but warns: "Argument `alpha` is deprecated. Use `negative_slope` instead."'], hoverNote: '`alpha=` still works but warns: use `negative_slope`.',
    },
    {
      framework: 'keras', keras: K3, forms: FUNCTION_FORMS, strings: ['leaky_relu'], source: SRC.keras3,
      apis: fns(['keras.activations.leaky_relu', 'keras.ops.leaky_relu'], ['x', 'negative_slope']),
      params: [num('negative_slope', 0.2, 's', 'Slope for negative inputs.')],
    },
    {
      framework: 'keras', keras: K2, forms: [...LAYER_FORMS, 'string'], strings: ['LeakyReLU'], source: SRC.keras2Layers,
      apis: [layer('keras.layers.LeakyReLU', ['alpha'])],
      params: [num('alpha', 0.3, 's', 'Slope for negative inputs; `negative_slope=` is a TypeError in tf.keras.', { min: 0 })],
      notes: ["The string 'LeakyReLU' builds this layer with its defaults (slope 0.3); Keras 3 rejects it."], hoverNote: "The string 'LeakyReLU' builds this layer (slope 0.3); Keras 3 rejects it.",
    },
    {
      framework: 'keras', keras: K2, forms: FUNCTION_FORMS, strings: ['leaky_relu'], source: SRC.keras2,
      apis: [], params: [num('alpha', 0.2, 's', 'Slope for negative inputs (the string resolves to tf.nn.leaky_relu).')],
    },
    {
      framework: 'tf', source: SRC.tf, apis: fns(['tf.nn.leaky_relu'], ['features', 'alpha', 'name']),
      params: [num('alpha', 0.2, 's', 'Slope for negative inputs.'), tfName],
    },
  ],
  guidance: {
    hover: { advice: 'Default slope: 0.01 in PyTorch, 0.2 Keras function, 0.3 Keras layer.' },
    hidden: true, outputs: [],
    tips: ['Use when ReLU units die; 0.01 to 0.3 are common slopes.', 'Kaiming init: pass nonlinearity="leaky_relu" and a=slope.'],
    pitfalls: ['The default slope differs: 0.01 in PyTorch, 0.2 for the Keras function and string, 0.3 for the Keras layer.', 'tf.keras calls the slope `alpha`; Keras 3 calls it `negative_slope` and deprecates `alpha`.'],
    qa: [{ q: "Why does activation='LeakyReLU' fail?", a: "Keras 3 resolves strings only among activation functions, case-sensitively; use 'leaky_relu' (slope 0.2) or a separate LeakyReLU layer (slope 0.3)." }],
  },
  docs: { torch: torchDoc('LeakyReLU'), keras: kerasLayerDoc('leaky_relu'), keras2: 'https://www.tensorflow.org/versions/r2.15/api_docs/python/tf/keras/layers/LeakyReLU', tf: tfDoc('nn/leaky_relu') },
};

export const prelu: ActivationEntry = {
  name: 'prelu', aliases: [], title: 'PReLU', plotRange: [-4, 4],
  summary: 'Leaky ReLU whose negative slope is learned (plotted at its initial value).',
  formulas: { default: { expr: 'x >= 0 ? x : a * x', derivative: 'x > 0 ? 1 : a', tex: '\\begin{cases}x & x \\ge 0\\\\ a\\,x & x < 0\\end{cases}', derivativeTex: '\\begin{cases}1 & x > 0\\\\ a & x < 0\\end{cases}' } },
  variants: [
    {
      framework: 'torch', forms: LAYER_FORMS, source: SRC.torchModules, apis: torchApis({ module: 'PReLU', moduleArgs: ['num_parameters', 'init', 'device', 'dtype'] }),
      params: [
        { name: 'num_parameters', default: 1, type: 'integer', min: 1, doc: 'Number of learned slopes: 1 (shared) or the channel count (dim 1).' },
        num('init', 0.25, 'a', 'Initial slope for negative inputs.'),
        { name: 'device', default: null, type: 'any', doc: 'Device of the weight.' },
        { name: 'dtype', default: null, type: 'any', doc: 'Dtype of the weight.' },
      ],
      notes: ['Weight decay should not be used when learning the slope.'],
    },
    {
      framework: 'torch', forms: ['function', 'method'], source: SRC.torchF, fixed: { a: 0.25 },
      apis: torchApis({ fn: 'prelu', fnArgs: ['weight'], torchFn: 'prelu', method: 'prelu' }),
      params: [{ name: 'weight', type: 'any', doc: 'The slope tensor; plotted at the layer default 0.25.' }],
    },
    {
      framework: 'keras', source: SRC.keras3Layers, fixed: { a: 0 }, forms: LAYER_FORMS,
      apis: [layer('keras.layers.PReLU', ['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'])],
      params: [
        { name: 'alpha_initializer', default: 'Zeros', type: 'any', doc: 'Initialiser of the slopes: zeros, so PReLU starts as a plain ReLU.' },
        { name: 'alpha_regularizer', default: null, type: 'any', doc: 'Regulariser of the slopes.' },
        { name: 'alpha_constraint', default: null, type: 'any', doc: 'Constraint on the slopes.' },
        { name: 'shared_axes', default: null, type: 'any', doc: 'Axes sharing one slope; by default one slope per element of input_shape[1:].' },
      ],
    },
    {
      framework: 'keras', keras: K2, forms: ['string'], strings: ['PReLU'], source: SRC.keras2, fixed: { a: 0 }, apis: [], params: [],
      notes: ["tf.keras builds a PReLU layer with default arguments for the string 'PReLU'; Keras 3 rejects it."], hoverNote: "The string 'PReLU' builds a default PReLU layer; Keras 3 rejects it.",
    },
  ],
  guidance: {
    hover: { advice: 'Starts at 0.25 shared in PyTorch, at 0 per element in Keras.' },
    hidden: true, outputs: [],
    tips: ['Learns how leaky to be; useful in deep CNNs (He et al., 2015).'],
    pitfalls: ['PyTorch starts the slope at 0.25 with one shared parameter; Keras starts at 0 (a plain ReLU) with one slope per element.'],
    qa: [],
  },
  docs: { torch: torchDoc('PReLU'), keras: kerasLayerDoc('prelu'), keras2: 'https://www.tensorflow.org/versions/r2.15/api_docs/python/tf/keras/layers/PReLU' },
};

export const rrelu: ActivationEntry = {
  name: 'rrelu', aliases: [], title: 'RReLU', plotRange: [-4, 4],
  summary: 'Randomised leaky ReLU: a random negative slope in training, the mean slope (lower+upper)/2 in evaluation (plotted).',
  formulas: {
    default: {
      expr: 'x >= 0 ? x : (l + u) / 2 * x', derivative: 'x > 0 ? 1 : (l + u) / 2',
      tex: '\\begin{cases}x & x \\ge 0\\\\ \\tfrac{l+u}{2}\\,x & x < 0\\end{cases}', derivativeTex: '\\begin{cases}1 & x > 0\\\\ \\tfrac{l+u}{2} & x < 0\\end{cases}',
    },
  },
  variants: [
    {
      framework: 'torch', forms: LAYER_FORMS, source: SRC.torchModules, apis: torchApis({ module: 'RReLU', moduleArgs: ['lower', 'upper', 'inplace'] }),
      params: [num('lower', 1 / 8, 'l', 'Lower bound of the random slope.'), num('upper', 1 / 3, 'u', 'Upper bound of the random slope.'), inplace],
    },
    {
      framework: 'torch', forms: ['function'], source: SRC.torchF,
      apis: torchApis({ fn: 'rrelu', fnArgs: ['lower', 'upper', 'training', 'inplace'], fnInplace: true, torchFn: 'rrelu', torchInplace: true }),
      params: [
        num('lower', 1 / 8, 'l', 'Lower bound of the random slope.'), num('upper', 1 / 3, 'u', 'Upper bound of the random slope.'),
        { name: 'training', default: false, type: 'boolean', doc: 'Draw random slopes; note the functional default is False (evaluation behaviour).' }, inplace,
      ],
    },
  ],
  guidance: { hover: { advice: 'F.rrelu defaults to training=False: a fixed LeakyReLU.' }, hidden: true, outputs: [], tips: ['A regularising variant of LeakyReLU.'], pitfalls: ['F.rrelu defaults to training=False, so it acts as a fixed LeakyReLU unless told otherwise.'], qa: [] },
  docs: { torch: torchDoc('RReLU') },
};

export const relu6: ActivationEntry = {
  name: 'relu6', aliases: [], title: 'ReLU6', plotRange: [-3, 9],
  summary: 'ReLU capped at 6, robust in low-precision (mobile) networks.',
  formulas: { default: { expr: 'min(max(x, 0), 6)', derivative: '(x > 0 and x < 6) ? 1 : 0', tex: '\\min(\\max(0, x), 6)', derivativeTex: '\\begin{cases}1 & 0 < x < 6\\\\0 & \\text{otherwise}\\end{cases}' } },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [inplace], apis: torchApis({ module: 'ReLU6', moduleArgs: ['inplace'], fn: 'relu6', fnArgs: ['inplace'] }) },
    { framework: 'keras', keras: K3, strings: ['relu6'], source: SRC.keras3, params: [], apis: fns(['keras.activations.relu6', 'keras.ops.relu6'], ['x']) },
    { framework: 'keras', keras: K2, strings: ['relu6'], source: SRC.keras2, params: [], apis: [] },
    { framework: 'tf', source: SRC.tf, params: [tfName], apis: fns(['tf.nn.relu6'], ['features', 'name']) },
  ],
  guidance: { hover: { advice: 'Zero gradient above 6 as well as below 0.' }, hidden: true, outputs: [], tips: ['Used in MobileNet; the cap keeps activations in a fixed-point friendly range.'], pitfalls: ['Zero gradient above 6 as well as below 0.'], qa: [] },
  docs: { torch: torchDoc('ReLU6'), keras: kerasDoc('relu6'), tf: tfDoc('nn/relu6') },
};
