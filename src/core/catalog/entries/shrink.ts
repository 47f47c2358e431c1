/** Shrinkage and gated-linear activations: tanhshrink, softshrink, hardshrink, hardswish. */
import { SRC, fns, inplace, kerasDoc, num, since, torchApis, torchDoc } from '../build';
import type { ActivationEntry } from '../types';

const BAND_TEX = '\\begin{cases}1 & |x| > \\lambda\\\\0 & |x| < \\lambda\\end{cases}';

export const tanhshrink: ActivationEntry = {
  name: 'tanhshrink', aliases: ['tanh_shrink'], title: 'Tanhshrink', plotRange: [-4, 4],
  summary: 'x − tanh(x): nearly flat around 0, nearly x − sign(x) far away.',
  formulas: { default: { expr: 'x - tanh(x)', derivative: 'tanh(x)^2', symbolic: 'x - tanh(x)', tex: 'x - \\tanh(x)', derivativeTex: '\\tanh^{2}(x)' } },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [], apis: torchApis({ module: 'Tanhshrink', fn: 'tanhshrink' }) },
    { framework: 'keras', keras: since('3.7'), strings: ['tanh_shrink'], source: SRC.keras3, params: [], apis: fns(['keras.activations.tanh_shrink', 'keras.ops.tanh_shrink'], ['x']) },
  ],
  guidance: { hover: { advice: 'Gradient is nearly 0 around x = 0.' }, hidden: false, outputs: [], tips: ['Used in sparse coding (shrinkage) models.'], pitfalls: ['Gradient is nearly 0 around x = 0.'], qa: [] },
  docs: { torch: torchDoc('Tanhshrink'), keras: kerasDoc('tanh_shrink') },
};

export const softshrink: ActivationEntry = {
  name: 'softshrink', aliases: ['soft_shrink'], title: 'Softshrink', plotRange: [-3, 3],
  summary: 'Soft thresholding: moves x towards 0 by lambda and zeroes the band [-lambda, lambda].',
  formulas: {
    default: {
      expr: 'x > l ? x - l : (x < -l ? x + l : 0)', derivative: '(x > l or x < -l) ? 1 : 0',
      tex: '\\begin{cases}x - \\lambda & x > \\lambda\\\\ x + \\lambda & x < -\\lambda\\\\ 0 & \\text{otherwise}\\end{cases}', derivativeTex: BAND_TEX,
    },
  },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [num('lambd', 0.5, 'l', 'Half-width of the zero band; must be >= 0.', { min: 0 })], apis: torchApis({ module: 'Softshrink', moduleArgs: ['lambd'], fn: 'softshrink', fnArgs: ['lambd'] }) },
    { framework: 'keras', keras: since('3.7'), strings: ['soft_shrink'], source: SRC.keras3, params: [num('threshold', 0.5, 'l', 'Half-width of the zero band.')], apis: fns(['keras.activations.soft_shrink', 'keras.ops.soft_shrink'], ['x', 'threshold']) },
  ],
  guidance: { hover: { advice: 'PyTorch calls the parameter lambd, Keras threshold.' }, hidden: false, outputs: [], tips: ['The proximal operator of the L1 norm (ISTA).'], pitfalls: ['PyTorch calls the parameter lambd, Keras threshold.'], qa: [] },
  docs: { torch: torchDoc('Softshrink'), keras: kerasDoc('soft_shrink') },
};

export const hardshrink: ActivationEntry = {
  name: 'hardshrink', aliases: ['hard_shrink'], title: 'Hardshrink', plotRange: [-3, 3],
  summary: 'Hard thresholding: zeroes the band [-lambda, lambda], keeps x outside it.',
  formulas: {
    default: {
      expr: '(x > l or x < -l) ? x : 0', derivative: '(x > l or x < -l) ? 1 : 0',
      tex: '\\begin{cases}x & |x| > \\lambda\\\\ 0 & \\text{otherwise}\\end{cases}', derivativeTex: BAND_TEX,
    },
  },
  variants: [
    {
      framework: 'torch', source: SRC.torchModules, params: [num('lambd', 0.5, 'l', 'Half-width of the zero band; must be >= 0.', { min: 0 })],
      apis: torchApis({ module: 'Hardshrink', moduleArgs: ['lambd'], fn: 'hardshrink', fnArgs: ['lambd'], torchFn: 'hardshrink', method: 'hardshrink' }),
    },
    { framework: 'keras', keras: since('3.7'), strings: ['hard_shrink'], source: SRC.keras3, params: [num('threshold', 0.5, 'l', 'Half-width of the zero band.')], apis: fns(['keras.activations.hard_shrink', 'keras.ops.hard_shrink'], ['x', 'threshold']) },
  ],
  guidance: { hover: { advice: 'Discontinuous at ±lambda; zero gradient inside the band.' }, hidden: false, outputs: [], tips: [], pitfalls: ['Discontinuous at ±lambda; zero gradient inside the band.'], qa: [] },
  docs: { torch: torchDoc('Hardshrink'), keras: kerasDoc('hard_shrink') },
};

export const hardswish: ActivationEntry = {
  name: 'hardswish', aliases: ['hard_swish', 'hard_silu'], title: 'Hardswish (hard SiLU)', plotRange: [-5, 5],
  summary: 'A piecewise version of SiLU, x·relu6(x + 3)/6, from MobileNetV3.',
  formulas: {
    default: {
      expr: 'x <= -3 ? 0 : (x >= 3 ? x : x * (x + 3) / 6)', derivative: 'x < -3 ? 0 : (x > 3 ? 1 : (2 * x + 3) / 6)', symbolic: 'x * (x + 3) / 6',
      tex: '\\begin{cases}0 & x \\le -3\\\\ x(x + 3)/6 & -3 < x < 3\\\\ x & x \\ge 3\\end{cases}', derivativeTex: '\\begin{cases}0 & x < -3\\\\ (2x + 3)/6 & -3 < x < 3\\\\ 1 & x > 3\\end{cases}',
    },
  },
  variants: [
    { framework: 'torch', source: SRC.torchModules, params: [inplace], apis: torchApis({ module: 'Hardswish', moduleArgs: ['inplace'], fn: 'hardswish', fnArgs: ['inplace'] }) },
    {
      framework: 'keras', keras: since('3.1'), strings: ['hard_silu', 'hard_swish'], source: SRC.keras3, params: [],
      apis: fns(['keras.activations.hard_silu', 'keras.activations.hard_swish', 'keras.ops.hard_silu', 'keras.ops.hard_swish'], ['x']),
    },
  ],
  guidance: { hover: { advice: 'Not available in tf.keras 2 or Keras 3.0.' }, hidden: true, outputs: [], tips: ['A cheap SiLU for mobile networks; minimum -0.375 at x = -1.5.'], pitfalls: ['Not available in tf.keras 2 or Keras 3.0.'], qa: [] },
  docs: { torch: torchDoc('Hardswish'), keras: kerasDoc('hard_silu') },
};

