/** Smooth unbounded activations: gelu, silu, mish, softplus, squareplus, sparse_plus, exponential, linear. */
import { K2, K3, SRC, fns, inplace, kerasDoc, keras2Doc, num, since, tfDoc, tfName, torchApis, torchDoc } from '../build';
import type { ActivationEntry } from '../types';

const SIGMOID_TEX = '\\sigma(x) = \\frac{1}{1 + e^{-x}}';

export const gelu: ActivationEntry = {
  name: 'gelu', aliases: [], title: 'GELU', plotRange: [-4, 4],
  summary: 'Gaussian error linear unit: x weighted by the standard normal CDF, x·Φ(x). The default of BERT and GPT-style transformers.',
  formulas: {
    default: {
      expr: '0.5 * x * (1 + erf(x / sqrt(2)))', derivative: '0.5 * (1 + erf(x / sqrt(2))) + x * exp(-x^2 / 2) / sqrt(2 * pi)',
      tex: 'x\\,\\Phi(x) = \\tfrac{x}{2}\\left(1 + \\operatorname{erf}\\left(\\tfrac{x}{\\sqrt{2}}\\right)\\right)', derivativeTex: '\\Phi(x) + x\\,\\varphi(x)',
    },
    tanh: {
      expr: '0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))',
      derivative: '0.5 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))) + 0.5 * x * (1 - tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))^2) * sqrt(2 / pi) * (1 + 3 * 0.044715 * x^2)',
      tex: '\\tfrac{x}{2}\\left(1 + \\tanh\\left(\\sqrt{2/\\pi}\\,(x + 0.044715\\,x^{3})\\right)\\right)',
      derivativeTex: '\\tfrac12(1 + t) + \\tfrac{x}{2}(1 - t^{2})\\sqrt{2/\\pi}\\,(1 + 0.134145\\,x^{2}),\\ t = \\tanh(\\cdot)',
    },
  },
  selectFormula: (m) => (m.approximate === 'tanh' || m.approximate === true ? 'tanh' : 'default'),
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, apis: torchApis({ module: 'GELU', moduleArgs: ['approximate'], fn: 'gelu', fnArgs: ['approximate'] }),
      params: [{ name: 'approximate', default: 'none', type: 'string', math: 'approximate', choices: ['none', 'tanh'], doc: "'none' for the exact erf form, 'tanh' for the tanh approximation." }],
      notes: ['`approximate` exists since PyTorch 1.12.'],
    },
    {
      framework: 'keras', keras: K3, strings: ['gelu'], forms: ['function', 'string', 'reference'], source: SRC.keras3, apis: fns(['keras.activations.gelu'], ['x', 'approximate']),
      params: [{ name: 'approximate', default: false, type: 'boolean', math: 'approximate', doc: 'Use the tanh approximation.' }],
    },
    {
      framework: 'keras', keras: K3, forms: ['function'], source: SRC.keras3Ops, apis: fns(['keras.ops.gelu'], ['x', 'approximate']),
      params: [{ name: 'approximate', default: true, type: 'boolean', math: 'approximate', doc: 'Use the tanh approximation; note keras.ops.gelu defaults to True, keras.activations.gelu to False.' }],
    },
    {
      framework: 'keras', keras: K2, strings: ['gelu'], source: SRC.keras2, apis: fns(['keras.activations.gelu'], ['x', 'approximate']),
      params: [{ name: 'approximate', default: false, type: 'boolean', math: 'approximate', doc: 'Use the tanh approximation.' }],
    },
    {
      framework: 'tf', source: SRC.tf, apis: fns(['tf.nn.gelu'], ['features', 'approximate', 'name']),
      params: [{ name: 'approximate', default: false, type: 'boolean', math: 'approximate', doc: 'Use the tanh approximation.' }, tfName],
    },
  ],
  guidance: {
    hover: { advice: 'Exact and tanh forms differ by 5e-4: use the pretrained one.' },
    hidden: true, outputs: [],
    tips: ['Smooth and slightly non-monotonic: a small negative dip (minimum about -0.17 near x = -0.75).'],
    pitfalls: ['Exact and tanh forms differ by up to about 5e-4; match the form a pretrained model was trained with.'],
    qa: [
      { q: 'What is GELU, and where does 0.044715 come from?', a: 'GELU(x) = x·P(X ≤ x) for X ~ N(0,1) = 0.5x(1 + erf(x/√2)). The tanh form approximates erf(x/√2) by tanh(√(2/π)(x + 0.044715x³)); the constant makes the cubic term of the series match.' },
    ],
  },
  docs: { torch: torchDoc('GELU'), keras: kerasDoc('gelu'), keras2: keras2Doc('gelu'), tf: tfDoc('nn/gelu') },
};

export const silu: ActivationEntry = {
  name: 'silu', aliases: ['swish'], title: 'SiLU (Swish)', plotRange: [-5, 4],
  summary: 'Sigmoid-weighted linear unit x·σ(x), also called swish: smooth, non-monotonic, unbounded above.',
  formulas: {
    default: {
      expr: 'x * sigmoid(b * x)', derivative: 'sigmoid(b * x) + b * x * sigmoid(b * x) * sigmoid(-b * x)', symbolic: 'x / (1 + exp(-b * x))',
      tex: `x\\,\\sigma(\\beta x),\\ ${SIGMOID_TEX}`, derivativeTex: '\\sigma(\\beta x)\\left(1 + \\beta x\\,(1 - \\sigma(\\beta x))\\right)',
    },
  },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [inplace], fixed: { b: 1 }, apis: torchApis({ module: 'SiLU', moduleArgs: ['inplace'], fn: 'silu', fnArgs: ['inplace'] }) },
    { framework: 'keras', keras: K3, strings: ['silu', 'swish'], source: SRC.keras3, params: [], fixed: { b: 1 }, apis: fns(['keras.activations.silu', 'keras.activations.swish', 'keras.ops.silu', 'keras.ops.swish'], ['x']) },
    { framework: 'keras', keras: K2, strings: ['swish', 'silu'], source: SRC.keras2, params: [], fixed: { b: 1 }, apis: fns(['keras.activations.swish'], ['x']) },
    {
      framework: 'tf', source: SRC.tf, apis: fns(['tf.nn.silu', 'tf.nn.swish'], ['features', 'beta']),
      params: [num('beta', 1, 'b', 'Scale of the sigmoid\'s input.')],
    },
  ],
  guidance: {
    hover: { advice: 'Used in EfficientNet; minimum about -0.278 near x = -1.278.' },
    hidden: true, outputs: [],
    tips: ['Used in EfficientNet and many modern CNNs; minimum about -0.278 near x = -1.278.'], pitfalls: [],
    qa: [{ q: 'Is a non-monotonic activation a problem?', a: 'Not in practice: the dip is small and confined to moderate negative inputs; SiLU, GELU and Mish often train as well as or better than ReLU. It does mean two inputs can map to the same output.' }],
  },
  docs: { torch: torchDoc('SiLU'), keras: kerasDoc('silu'), keras2: keras2Doc('swish'), tf: tfDoc('nn/silu') },
};

export const mish: ActivationEntry = {
  name: 'mish', aliases: [], title: 'Mish', plotRange: [-5, 4],
  summary: 'x·tanh(softplus(x)): smooth, non-monotonic, similar to SiLU with a deeper dip.',
  formulas: {
    default: {
      expr: 'x * tanh(softplus(x))', derivative: 'tanh(softplus(x)) + x * sigmoid(x) * (1 - tanh(softplus(x))^2)', symbolic: 'x * tanh(log(1 + exp(x)))',
      tex: 'x\\tanh\\left(\\ln(1 + e^{x})\\right)', derivativeTex: '\\tanh(\\operatorname{sp}(x)) + x\\,\\sigma(x)\\operatorname{sech}^{2}(\\operatorname{sp}(x))',
    },
  },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [inplace], apis: torchApis({ module: 'Mish', moduleArgs: ['inplace'], fn: 'mish', fnArgs: ['inplace'] }) },
    { framework: 'keras', keras: K3, strings: ['mish'], source: SRC.keras3, params: [], apis: fns(['keras.activations.mish'], ['x']) },
    { framework: 'keras', keras: { from: '2.13', to: '2.99' }, strings: ['mish'], source: SRC.keras2, params: [], apis: fns(['keras.activations.mish'], ['x']) },
  ],
  guidance: { hover: { advice: 'Costlier than ReLU or SiLU.' }, hidden: true, outputs: [], tips: ['Used in YOLOv4; minimum about -0.309 near x = -1.19.'], pitfalls: ['Costlier than ReLU or SiLU.'], qa: [] },
  docs: { torch: torchDoc('Mish'), keras: kerasDoc('mish'), keras2: keras2Doc('mish') },
};

export const softplus: ActivationEntry = {
  name: 'softplus', aliases: [], title: 'Softplus', plotRange: [-5, 5],
  summary: 'A smooth ReLU, log(1 + e^x); always positive.',
  formulas: {
    default: {
      expr: 'softplus(x)', derivative: 'sigmoid(x)', symbolic: 'log(1 + exp(x))',
      tex: '\\ln(1 + e^{x})', derivativeTex: SIGMOID_TEX,
    },
    // PyTorch: (1/beta)·log(1 + exp(beta·x)), reverting to x once beta·x exceeds threshold.
    torch: {
      expr: 'b * x > th ? x : log1p(exp(b * x)) / b', derivative: 'b * x > th ? 1 : sigmoid(b * x)', symbolic: 'log(1 + exp(b * x)) / b',
      tex: '\\begin{cases}\\tfrac{1}{\\beta}\\ln(1 + e^{\\beta x}) & \\beta x \\le \\text{threshold}\\\\ x & \\text{otherwise}\\end{cases}',
      derivativeTex: '\\begin{cases}\\sigma(\\beta x) & \\beta x \\le \\text{threshold}\\\\ 1 & \\text{otherwise}\\end{cases}',
    },
  },
  variants: [
    {
      framework: 'torch', formula: 'torch', source: SRC.torchModules, apis: torchApis({ module: 'Softplus', moduleArgs: ['beta', 'threshold'], fn: 'softplus', fnArgs: ['beta', 'threshold'] }),
      params: [num('beta', 1, 'b', 'Sharpness: larger beta is closer to ReLU.', { min: 0, minExclusive: true }), num('threshold', 20, 'th', 'Above beta·x > threshold the function is exactly x (for numerical stability).')],
    },
    { framework: 'keras', strings: ['softplus'], source: SRC.keras3, params: [], apis: fns(['keras.activations.softplus', 'keras.ops.softplus', 'keras.backend.softplus'], ['x']) },
    { framework: 'tf', source: SRC.tf, params: [tfName], apis: fns(['tf.nn.softplus', 'tf.math.softplus'], ['features', 'name']) },
  ],
  guidance: {
    hover: { use: 'hidden layers, outputs > 0', advice: 'beta and threshold exist only in PyTorch.' },
    hidden: true, outputs: ['positive-regression'],
    tips: ['A good output for strictly positive targets (rates, variances, scales).'],
    pitfalls: ['beta and threshold exist only in PyTorch; Keras and TF softplus take no parameters.'], qa: [],
  },
  docs: { torch: torchDoc('Softplus'), keras: kerasDoc('softplus'), keras2: keras2Doc('softplus'), tf: tfDoc('math/softplus') },
};

export const squareplus: ActivationEntry = {
  name: 'squareplus', aliases: [], title: 'Squareplus', plotRange: [-5, 5],
  summary: 'An algebraic softplus, (x + √(x² + b))/2, cheap to compute (Barron, 2021).',
  formulas: {
    default: {
      expr: 'x >= 0 ? (x + sqrt(x^2 + b)) / 2 : b / (2 * (sqrt(x^2 + b) - x))', derivative: '0.5 * (1 + x / sqrt(x^2 + b))', symbolic: '(x + sqrt(x^2 + b)) / 2',
      tex: '\\frac{x + \\sqrt{x^{2} + b}}{2}', derivativeTex: '\\frac12\\left(1 + \\frac{x}{\\sqrt{x^{2} + b}}\\right)',
    },
  },
  variants: [
    { framework: 'keras', keras: since('3.7'), strings: ['squareplus'], source: SRC.keras3, params: [num('b', 4, 'b', 'Smoothness near 0; must be >= 0 (b = 0 gives ReLU).', { min: 0 })], apis: fns(['keras.activations.squareplus', 'keras.ops.squareplus'], ['x', 'b']) },
  ],
  guidance: { hover: { use: 'hidden layers, outputs > 0', advice: 'Behaves like softplus without exp or log.' }, hidden: true, outputs: ['positive-regression'], tips: ['Behaves like softplus without exp or log.'], pitfalls: [], qa: [] },
  docs: { keras: kerasDoc('squareplus') },
};

export const sparsePlus: ActivationEntry = {
  name: 'sparse_plus', aliases: ['sparseplus'], title: 'Sparse plus', plotRange: [-3, 3],
  summary: 'A piecewise-quadratic softplus: exactly 0 below -1, exactly x above 1.',
  formulas: {
    default: {
      expr: 'x <= -1 ? 0 : (x >= 1 ? x : 0.25 * (x + 1)^2)', derivative: 'x <= -1 ? 0 : (x >= 1 ? 1 : 0.5 * (x + 1))', symbolic: '0.25 * (x + 1)^2',
      tex: '\\begin{cases}0 & x \\le -1\\\\ \\tfrac14(x + 1)^{2} & -1 < x < 1\\\\ x & x \\ge 1\\end{cases}', derivativeTex: '\\begin{cases}0 & x < -1\\\\ \\tfrac12(x + 1) & -1 < x < 1\\\\ 1 & x > 1\\end{cases}',
    },
  },
  variants: [{ framework: 'keras', keras: since('3.8'), strings: ['sparse_plus'], source: SRC.keras3, params: [], apis: fns(['keras.activations.sparse_plus', 'keras.ops.sparse_plus'], ['x']) }],
  guidance: { hover: { advice: 'Zero gradient below -1.' }, hidden: true, outputs: [], tips: [], pitfalls: ['Zero gradient below -1.'], qa: [] },
  docs: { keras: kerasDoc('sparse_plus') },
};

export const exponential: ActivationEntry = {
  name: 'exponential', aliases: ['exp'], title: 'Exponential', plotRange: [-4, 3],
  summary: 'e^x: positive, and grows without bound.',
  formulas: { default: { expr: 'exp(x)', tex: 'e^{x}', derivativeTex: 'e^{x}' } },
  variants: [{ framework: 'keras', strings: ['exponential'], source: SRC.keras3, params: [], apis: fns(['keras.activations.exponential'], ['x']) }],
  guidance: {
    hover: { use: 'outputs > 0', advice: 'Can overflow; softplus grows only linearly.' },
    hidden: false, outputs: ['positive-regression'],
    tips: ['An output for positive targets such as Poisson rates.'], pitfalls: ['Can overflow; softplus grows only linearly.'], qa: [],
  },
  docs: { keras: kerasDoc('exponential'), keras2: keras2Doc('exponential') },
};

export const linear: ActivationEntry = {
  name: 'linear', aliases: ['identity'], title: 'Linear (identity)', plotRange: [-4, 4],
  summary: 'No activation: returns x. Keras uses it when activation=None.',
  formulas: { default: { expr: 'x', tex: 'x', derivativeTex: '1' } },
  variants: [
    { framework: 'keras', keras: K3, strings: ['linear'], source: SRC.keras3, params: [], apis: fns(['keras.activations.linear'], ['x']) },
    { framework: 'keras', keras: K2, strings: ['linear'], source: SRC.keras2, params: [], apis: fns(['keras.activations.linear'], ['x']) },
  ],
  guidance: {
    hover: { advice: 'Between two Dense layers it adds nothing.' },
    hidden: false, outputs: ['regression'],
    tips: ['The right output for unbounded regression, and for logits fed to a loss with from_logits=True.'],
    pitfalls: ['Between two Dense layers it adds nothing: the two layers collapse into one linear map.'], qa: [],
  },
  docs: { keras: kerasDoc('linear'), keras2: keras2Doc('linear') },
};
