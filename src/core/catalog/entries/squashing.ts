/** Bounded (squashing) activations and their hard versions: sigmoid, hard_sigmoid, tanh, hardtanh, softsign, logsigmoid, sparse_sigmoid. */
import { K2, K3, SRC, fns, inplace, kerasDoc, keras2Doc, num, since, tfDoc, tfName, torchApis, torchDoc } from '../build';
import type { ActivationEntry } from '../types';

const VANISHING = 'Saturates: |f\'| is tiny away from 0, and stacks of these layers multiply the small factors, so gradients vanish in deep stacks.';
const DEPRECATED_F = (name: string): string => `torch.nn.functional.${name} is deprecated and warns; use torch.${name}.`;

export const sigmoid: ActivationEntry = {
  name: 'sigmoid', aliases: ['logistic', 'expit'], title: 'Sigmoid', plotRange: [-8, 8],
  summary: 'The logistic function 1/(1 + e^-x): squashes any input into (0, 1).',
  formulas: {
    default: {
      expr: 'sigmoid(x)', derivative: 'sigmoid(x) * sigmoid(-x)', symbolic: '1 / (1 + exp(-x))',
      tex: '\\sigma(x) = \\frac{1}{1 + e^{-x}}', derivativeTex: '\\sigma(x)\\,(1 - \\sigma(x))',
    },
  },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, params: [],
      apis: torchApis({
        module: 'Sigmoid', fn: 'sigmoid', fnDeprecated: DEPRECATED_F('sigmoid'), torchFn: 'sigmoid', torchInplace: true, torchArgs: [], method: 'sigmoid', methodInplace: true, methodArgs: [],
        extra: fns(['torch.special.expit'], ['input']),
      }),
    },
    { framework: 'keras', keras: K3, strings: ['sigmoid'], source: SRC.keras3, params: [], apis: fns(['keras.activations.sigmoid', 'keras.ops.sigmoid'], ['x']) },
    { framework: 'keras', keras: K2, strings: ['sigmoid'], source: SRC.keras2, params: [], apis: fns(['keras.activations.sigmoid', 'keras.backend.sigmoid'], ['x']) },
    { framework: 'tf', source: SRC.tf, params: [tfName], apis: fns(['tf.math.sigmoid', 'tf.nn.sigmoid', 'tf.sigmoid'], ['x', 'name']) },
  ],
  guidance: {
    hover: { advice: 'f′ ≤ 0.25, so gradients vanish through stacks of it.' },
    hidden: false, outputs: ['binary', 'multi-label'],
    tips: ['The output for binary and multi-label classification (one independent probability per class).', 'Prefer logits plus BCEWithLogitsLoss / from_logits=True for numerical stability.'],
    pitfalls: [VANISHING + ' Its gradient is at most 0.25, so n stacked sigmoids scale gradients by at most 0.25^n.', 'Outputs are not zero-centred (always positive).'],
    qa: [
      { q: 'How are sigmoid and softmax related?', a: 'Sigmoid is the two-class softmax: softmax([x, 0])[0] = e^x/(e^x + 1) = σ(x). That is also why σ\' = σ(1 − σ).' },
      { q: 'Sigmoid or softmax for multi-label classification?', a: 'Sigmoid: each label gets its own probability and several can be on. Softmax makes classes compete and sum to 1, which suits exactly one label per input.' },
      { q: 'Why is sigmoid called a squashing function?', a: 'It maps the whole real line into the bounded interval (0, 1); tanh does the same into (−1, 1).' },
    ],
  },
  docs: { torch: torchDoc('Sigmoid'), keras: kerasDoc('sigmoid'), keras2: keras2Doc('sigmoid'), tf: tfDoc('math/sigmoid') },
};

export const hardSigmoid: ActivationEntry = {
  name: 'hard_sigmoid', aliases: ['hardsigmoid'], title: 'Hard sigmoid', plotRange: [-5, 5],
  summary: 'A piecewise-linear sigmoid. PyTorch and Keras 3: x/6 + 1/2 clipped to [0, 1]; tf.keras 2: 0.2x + 0.5 clipped.',
  formulas: {
    default: {
      expr: 'min(max(x / 6 + 0.5, 0), 1)', derivative: '(x > -3 and x < 3) ? 1 / 6 : 0',
      tex: '\\begin{cases}0 & x \\le -3\\\\ x/6 + 1/2 & -3 < x < 3\\\\ 1 & x \\ge 3\\end{cases}', derivativeTex: '\\begin{cases}1/6 & -3 < x < 3\\\\ 0 & |x| > 3\\end{cases}',
    },
    keras2: {
      expr: 'min(max(0.2 * x + 0.5, 0), 1)', derivative: '(x > -2.5 and x < 2.5) ? 0.2 : 0',
      tex: '\\begin{cases}0 & x \\le -2.5\\\\ 0.2x + 0.5 & -2.5 < x < 2.5\\\\ 1 & x \\ge 2.5\\end{cases}', derivativeTex: '\\begin{cases}0.2 & -2.5 < x < 2.5\\\\ 0 & |x| > 2.5\\end{cases}',
    },
  },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [inplace], apis: torchApis({ module: 'Hardsigmoid', moduleArgs: ['inplace'], fn: 'hardsigmoid', fnArgs: ['inplace'] }) },
    {
      framework: 'keras', keras: K3, strings: ['hard_sigmoid'], source: SRC.keras3, params: [], apis: fns(['keras.activations.hard_sigmoid', 'keras.ops.hard_sigmoid'], ['x']),
      notes: ['Keras 3.0 to 3.2 documented 0.2x + 0.5 but computed x/6 + 0.5; the docs were fixed in 3.3.'], hoverNote: 'Keras 3.0–3.2 docs said 0.2x + 0.5; the code computes x/6 + 0.5.',
    },
    {
      framework: 'keras', keras: K2, strings: ['hard_sigmoid'], formula: 'keras2', source: SRC.keras2Backend, params: [], apis: fns(['keras.activations.hard_sigmoid', 'keras.backend.hard_sigmoid'], ['x']),
      notes: ['Migrating to Keras 3 changes this to x/6 + 0.5 (breakpoints ±3 instead of ±2.5): hard_sigmoid(1) goes from 0.7 to 0.667.'], hoverNote: 'Keras 3 changes this to x/6 + 0.5: hard_sigmoid(1) goes 0.7 → 0.667.',
    },
  ],
  guidance: {
    hover: { advice: 'The definition changed between tf.keras 2 and Keras 3.' },
    hidden: false, outputs: ['binary'], tips: ['Used for gates in mobile networks (MobileNetV3) where exp is costly.'],
    pitfalls: ['The definition changed between tf.keras 2 and Keras 3.', 'Zero gradient outside the linear band.'], qa: [],
  },
  docs: { torch: torchDoc('Hardsigmoid'), keras: kerasDoc('hard_sigmoid'), keras2: keras2Doc('hard_sigmoid') },
};

export const tanh: ActivationEntry = {
  name: 'tanh', aliases: [], title: 'Tanh', plotRange: [-4, 4],
  summary: 'Hyperbolic tangent: a zero-centred squashing function into (-1, 1); tanh(x) = 2σ(2x) − 1.',
  formulas: { default: { expr: 'tanh(x)', derivative: '1 - tanh(x)^2', symbolic: 'tanh(x)', tex: '\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}', derivativeTex: '1 - \\tanh^{2}(x)' } },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, params: [],
      apis: torchApis({ module: 'Tanh', fn: 'tanh', fnDeprecated: DEPRECATED_F('tanh'), torchFn: 'tanh', torchInplace: true, torchArgs: [], method: 'tanh', methodInplace: true, methodArgs: [] }),
    },
    { framework: 'keras', keras: K3, strings: ['tanh'], source: SRC.keras3, params: [], apis: fns(['keras.activations.tanh', 'keras.ops.tanh'], ['x']) },
    { framework: 'keras', keras: K2, strings: ['tanh'], source: SRC.keras2, params: [], apis: fns(['keras.activations.tanh', 'keras.backend.tanh'], ['x']) },
    { framework: 'tf', source: SRC.tf, params: [tfName], apis: fns(['tf.math.tanh', 'tf.nn.tanh', 'tf.tanh'], ['x', 'name']) },
  ],
  guidance: {
    hover: { use: 'hidden layers, bounded outputs', advice: 'Saturates: gradients vanish in deep stacks.' },
    hidden: true, outputs: ['bounded-regression'],
    tips: ['Zero-centred, so preferred over sigmoid in hidden layers of small or recurrent networks; use Glorot init (gain 5/3 in PyTorch).'],
    pitfalls: [VANISHING], qa: [{ q: 'Why is tanh called a squashing function?', a: 'It maps the real line into the bounded interval (−1, 1).' }],
  },
  docs: { torch: torchDoc('Tanh'), keras: kerasDoc('tanh'), keras2: keras2Doc('tanh'), tf: tfDoc('math/tanh') },
};

export const hardtanh: ActivationEntry = {
  name: 'hardtanh', aliases: ['hard_tanh'], title: 'Hardtanh', plotRange: [-3, 3],
  summary: 'Clips x to [min_val, max_val] (default [-1, 1]).',
  formulas: {
    default: {
      expr: 'min(max(x, lo), hi)', derivative: '(x > lo and x < hi) ? 1 : 0',
      tex: '\\min(\\max(x, a), b)', derivativeTex: '\\begin{cases}1 & a < x < b\\\\0 & \\text{otherwise}\\end{cases}',
    },
  },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, apis: torchApis({ module: 'Hardtanh', moduleArgs: ['min_val', 'max_val', 'inplace', 'min_value', 'max_value'], fn: 'hardtanh', fnArgs: ['min_val', 'max_val', 'inplace'], fnInplace: true }),
      params: [
        num('min_val', -1, 'lo', 'Lower bound.', { deprecatedAliases: ['min_value'] }),
        num('max_val', 1, 'hi', 'Upper bound.', { deprecatedAliases: ['max_value'] }), inplace,
      ],
    },
    { framework: 'keras', keras: since('3.7'), strings: ['hard_tanh'], source: SRC.keras3, params: [], fixed: { lo: -1, hi: 1 }, apis: fns(['keras.activations.hard_tanh', 'keras.ops.hard_tanh'], ['x']) },
  ],
  guidance: { hover: { advice: 'Zero gradient outside the band; Keras has no bounds.' }, hidden: true, outputs: [], tips: ['A cheap tanh substitute.'], pitfalls: ['Zero gradient outside the band. Keras hard_tanh has no bounds parameters.'], qa: [] },
  docs: { torch: torchDoc('Hardtanh'), keras: kerasDoc('hard_tanh') },
};

export const softsign: ActivationEntry = {
  name: 'softsign', aliases: [], title: 'Softsign', plotRange: [-6, 6],
  summary: 'x/(1 + |x|): like tanh but with polynomial tails, so it saturates more slowly.',
  formulas: { default: { expr: 'x / (1 + abs(x))', derivative: '1 / (1 + abs(x))^2', symbolic: 'x / (1 + abs(x))', tex: '\\frac{x}{1 + |x|}', derivativeTex: '\\frac{1}{(1 + |x|)^{2}}' } },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [], apis: torchApis({ module: 'Softsign', fn: 'softsign' }) },
    { framework: 'keras', strings: ['softsign'], source: SRC.keras3, params: [], apis: fns(['keras.activations.softsign', 'keras.ops.softsign', 'keras.backend.softsign'], ['x']) },
    { framework: 'tf', source: SRC.tf, params: [tfName], apis: fns(['tf.nn.softsign', 'tf.math.softsign'], ['features', 'name']) },
  ],
  guidance: { hover: { use: 'hidden layers, bounded outputs' }, hidden: true, outputs: ['bounded-regression'], tips: [], pitfalls: [], qa: [] },
  docs: { torch: torchDoc('Softsign'), keras: kerasDoc('softsign'), keras2: keras2Doc('softsign'), tf: tfDoc('nn/softsign') },
};

export const logsigmoid: ActivationEntry = {
  name: 'logsigmoid', aliases: ['log_sigmoid'], title: 'LogSigmoid', plotRange: [-6, 6],
  summary: 'log σ(x) = −softplus(−x): negative, linear for very negative x.',
  formulas: {
    default: { expr: 'logsigmoid(x)', derivative: 'sigmoid(-x)', symbolic: '-log(1 + exp(-x))', tex: '\\log \\sigma(x) = -\\ln(1 + e^{-x})', derivativeTex: '\\sigma(-x) = 1 - \\sigma(x)' },
  },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [], apis: torchApis({ module: 'LogSigmoid', fn: 'logsigmoid' }) },
    { framework: 'keras', keras: since('3.7'), strings: ['log_sigmoid'], source: SRC.keras3, params: [], apis: fns(['keras.activations.log_sigmoid', 'keras.ops.log_sigmoid'], ['x']) },
    { framework: 'tf', source: SRC.tf, params: [tfName], apis: fns(['tf.math.log_sigmoid'], ['x', 'name']) },
  ],
  guidance: { hover: { advice: 'Binary log-probabilities, safer than log(sigmoid(x)).' }, hidden: false, outputs: [], tips: ['Log-probabilities for binary problems; numerically safer than log(sigmoid(x)).'], pitfalls: [], qa: [] },
  docs: { torch: torchDoc('LogSigmoid'), keras: kerasDoc('log_sigmoid'), tf: tfDoc('math/log_sigmoid') },
};

export const sparseSigmoid: ActivationEntry = {
  name: 'sparse_sigmoid', aliases: [], title: 'Sparse sigmoid', plotRange: [-3, 3],
  summary: 'A piecewise-linear sigmoid reaching exactly 0 and 1: 0 below -1, (x + 1)/2, 1 above 1.',
  formulas: {
    default: {
      expr: 'x <= -1 ? 0 : (x >= 1 ? 1 : 0.5 * (x + 1))', derivative: '(x > -1 and x < 1) ? 0.5 : 0',
      tex: '\\begin{cases}0 & x \\le -1\\\\ \\tfrac12(x + 1) & -1 < x < 1\\\\ 1 & x \\ge 1\\end{cases}', derivativeTex: '\\begin{cases}1/2 & |x| < 1\\\\ 0 & |x| > 1\\end{cases}',
    },
  },
  variants: [{ framework: 'keras', keras: since('3.10'), strings: ['sparse_sigmoid'], source: SRC.keras3, params: [], apis: fns(['keras.activations.sparse_sigmoid', 'keras.ops.sparse_sigmoid'], ['x']) }],
  guidance: { hover: { advice: 'Zero gradient outside (-1, 1).' }, hidden: false, outputs: ['binary'], tips: ['The two-class sparsemax: sparsemax([x, 0])[0].'], pitfalls: ['Zero gradient outside (-1, 1).'], qa: [] },
  docs: { keras: kerasDoc('sparse_sigmoid') },
};

