/**
 * Weight and bias initialisers as variances. Facts from torch/nn/init.py and torch/nn/modules/linear.py (1.13) and
 * keras/src/initializers/random_initializers.py (3.x; tf.keras 2 has the same variances): the Keras truncated normals
 * divide the standard deviation by 0.8796..., so their variance is exactly scale / fan.
 */
import type { ParamValue } from '../scan/types';
import { normalCdf, normalPdf } from './quadrature';
import type { BiasInit, WeightInit } from './types';

/** Var(W) for an initialiser and the layer's fans. */
export function weightVariance(init: WeightInit, fanIn: number, fanOut: number): number {
  switch (init.kind) {
    case 'torch-default': return 1 / (3 * fanIn); // kaiming_uniform_(a=sqrt(5)): U(+-1/sqrt(fan_in))
    case 'fixed': return init.variance;
    case 'scaling': {
      const fan = init.mode === 'fan_in' ? fanIn : init.mode === 'fan_out' ? fanOut : init.mode === 'fan_avg' ? (fanIn + fanOut) / 2 : Math.max(fanIn, fanOut);
      return init.scale / fan;
    }
  }
}

/**
 * Mean and variance of each bias value; `uniform` when drawn from a uniform distribution (PyTorch's default), whose
 * shape matters once the bias dominates a vanished signal (tanhshrink ~ x^3/3 sees E[b^6] of a uniform, 0.26x a
 * Gaussian's).
 */
export function biasMoments(bias: BiasInit, fanIn: number): { mean: number; variance: number; uniform?: boolean } {
  switch (bias.kind) {
    case 'torch-default': return { mean: 0, variance: 1 / (3 * fanIn), uniform: true };
    case 'constant': return { mean: bias.value, variance: 0 };
    case 'fixed': return { mean: 0, variance: bias.variance };
    case 'none': return { mean: 0, variance: 0 };
  }
}

/** A recognised initialiser: how weights are drawn, and how reports name it. */
export interface KnownInit {
  readonly init: WeightInit;
  readonly label: string;
}

export const TORCH_DEFAULT: KnownInit = { init: { kind: 'torch-default' }, label: 'kaiming_uniform_(a=sqrt(5))' };
export const KERAS_DEFAULT: KnownInit = { init: { kind: 'scaling', scale: 1, mode: 'fan_avg' }, label: 'glorot_uniform' };

type Args = Readonly<Record<string, ParamValue>>;

const num = (v: ParamValue | undefined, dflt: number): number | undefined => (v === undefined ? dflt : typeof v === 'number' ? v : undefined);

/** torch.nn.init.calculate_gain squared; undefined for names it does not know. */
export function torchGainSquared(nonlinearity: string, param?: number): number | undefined {
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d': case 'conv_transpose1d': case 'conv_transpose2d': case 'conv_transpose3d': case 'sigmoid': return 1;
    case 'tanh': return 25 / 9;
    case 'relu': return 2;
    case 'leaky_relu': { const a = param ?? 0.01; return 2 / (1 + a * a); }
    case 'selu': return 9 / 16;
    default: return undefined;
  }
}

/** Variance of N(0, std^2) cut to [a, b] (absolute bounds, as torch.nn.init.trunc_normal_ takes them). */
export function truncatedVariance(std: number, a: number, b: number): number {
  const pdf = normalPdf;
  const cdf = normalCdf;
  const al = a / std;
  const be = b / std;
  const z = cdf(be) - cdf(al);
  if (!(z > 0)) return 0;
  const t1 = (al * pdf(al) - be * pdf(be)) / z;
  const t2 = (pdf(al) - pdf(be)) / z;
  return std * std * (1 + t1 - t2 * t2);
}

/**
 * A `torch.nn.init.*` call on a weight (function name with or without the trailing underscore, keyword or positional
 * arguments already matched to names). Undefined when the variance cannot be known (nonzero mean, identity inits).
 */
export function torchWeightInit(fn: string, args: Args): KnownInit | undefined {
  const name = fn.replace(/_$/, '');
  switch (name) {
    case 'kaiming_normal': case 'kaiming_uniform': {
      const a = num(args.a, 0);
      const mode = args.mode ?? 'fan_in';
      const nonlinearity = args.nonlinearity ?? 'leaky_relu';
      if (a === undefined || (mode !== 'fan_in' && mode !== 'fan_out') || typeof nonlinearity !== 'string') return undefined;
      const g2 = torchGainSquared(nonlinearity, a);
      if (g2 === undefined) return undefined;
      return { init: { kind: 'scaling', scale: g2, mode }, label: `${fn}(${nonlinearity === 'leaky_relu' ? `a=${a}` : `nonlinearity='${nonlinearity}'`}${mode === 'fan_out' ? ", mode='fan_out'" : ''})` };
    }
    case 'xavier_normal': case 'xavier_uniform': {
      const gain = num(args.gain, 1);
      if (gain === undefined) return undefined;
      return { init: { kind: 'scaling', scale: gain * gain, mode: 'fan_avg' }, label: gain === 1 ? `${fn}` : `${fn}(gain=${round(gain)})` };
    }
    case 'orthogonal': {
      const gain = num(args.gain, 1);
      if (gain === undefined) return undefined;
      return { init: { kind: 'scaling', scale: gain * gain, mode: 'fan_max' }, label: gain === 1 ? fn : `${fn}(gain=${round(gain)})` };
    }
    case 'normal': {
      const mean = num(args.mean, 0);
      const std = num(args.std, 1);
      if (mean !== 0 || std === undefined) return undefined;
      return { init: { kind: 'fixed', variance: std * std }, label: `${fn}(std=${std})` };
    }
    case 'trunc_normal': {
      const mean = num(args.mean, 0);
      const std = num(args.std, 1);
      const a = num(args.a, -2);
      const b = num(args.b, 2);
      if (mean !== 0 || std === undefined || a === undefined || b === undefined) return undefined;
      return { init: { kind: 'fixed', variance: truncatedVariance(std, a, b) }, label: `${fn}(std=${std})` };
    }
    case 'uniform': {
      const a = num(args.a, 0);
      const b = num(args.b, 1);
      if (a === undefined || b === undefined || a !== -b) return undefined;
      return { init: { kind: 'fixed', variance: (b - a) ** 2 / 12 }, label: `${fn}(${a}, ${b})` };
    }
    case 'zeros': return { init: { kind: 'fixed', variance: 0 }, label: fn };
    default: return undefined;
  }
}

/** A `torch.nn.init.*` call on a bias. */
export function torchBiasInit(fn: string, args: Args): BiasInit | undefined {
  const name = fn.replace(/_$/, '');
  if (name === 'zeros') return { kind: 'constant', value: 0 };
  if (name === 'constant') {
    const v = args.val;
    return typeof v === 'number' ? { kind: 'constant', value: v } : undefined;
  }
  if (name === 'normal' && num(args.mean, 0) === 0) {
    const std = num(args.std, 1);
    return std === undefined ? undefined : { kind: 'fixed', variance: std * std };
  }
  if (name === 'uniform') {
    const a = num(args.a, 0);
    const b = num(args.b, 1);
    return a === undefined || b === undefined || a !== -b ? undefined : { kind: 'fixed', variance: (b - a) ** 2 / 12 };
  }
  return undefined;
}

const KERAS_SCALING: Readonly<Record<string, { scale: number; mode: 'fan_in' | 'fan_avg' }>> = {
  glorotuniform: { scale: 1, mode: 'fan_avg' }, glorotnormal: { scale: 1, mode: 'fan_avg' },
  xavieruniform: { scale: 1, mode: 'fan_avg' }, xaviernormal: { scale: 1, mode: 'fan_avg' },
  henormal: { scale: 2, mode: 'fan_in' }, heuniform: { scale: 2, mode: 'fan_in' },
  lecunnormal: { scale: 1, mode: 'fan_in' }, lecununiform: { scale: 1, mode: 'fan_in' },
  variancescaling: { scale: 1, mode: 'fan_in' },
};

/** A Keras `kernel_initializer` by string or class name (`'he_normal'`, `HeNormal()`, `RandomNormal(stddev=0.02)`). */
export function kerasWeightInit(name: string, args: Args = {}): KnownInit | undefined {
  const key = name.replace(/^.*\./, '').replace(/_/g, '').toLowerCase();
  const label = name.replace(/^.*\./, '');
  const scaling = KERAS_SCALING[key];
  if (scaling) {
    if (key === 'variancescaling') {
      const scale = num(args.scale, 1);
      const mode = args.mode ?? 'fan_in';
      if (scale === undefined || (mode !== 'fan_in' && mode !== 'fan_out' && mode !== 'fan_avg')) return undefined;
      return { init: { kind: 'scaling', scale, mode }, label: `VarianceScaling(scale=${scale}, mode='${mode}')` };
    }
    return { init: { kind: 'scaling', ...scaling }, label };
  }
  switch (key) {
    case 'orthogonal': {
      const gain = num(args.gain, 1);
      return gain === undefined ? undefined : { init: { kind: 'scaling', scale: gain * gain, mode: 'fan_max' }, label };
    }
    case 'randomnormal': {
      const std = num(args.stddev, 0.05);
      return std === undefined || num(args.mean, 0) !== 0 ? undefined : { init: { kind: 'fixed', variance: std * std }, label };
    }
    case 'truncatednormal': {
      const std = num(args.stddev, 0.05);
      return std === undefined || num(args.mean, 0) !== 0 ? undefined : { init: { kind: 'fixed', variance: truncatedVariance(std, -2 * std, 2 * std) }, label };
    }
    case 'randomuniform': {
      const lo = num(args.minval, -0.05);
      const hi = num(args.maxval, 0.05);
      return lo === undefined || hi === undefined || lo !== -hi ? undefined : { init: { kind: 'fixed', variance: (hi - lo) ** 2 / 12 }, label };
    }
    case 'zeros': return { init: { kind: 'fixed', variance: 0 }, label };
    default: return undefined;
  }
}

/** A Keras `bias_initializer` (zeros by default). */
export function kerasBiasInit(name: string, args: Args = {}): BiasInit | undefined {
  const key = name.replace(/^.*\./, '').replace(/_/g, '').toLowerCase();
  if (key === 'zeros') return { kind: 'constant', value: 0 };
  if (key === 'ones') return { kind: 'constant', value: 1 };
  if (key === 'constant') {
    const v = num(args.value, 0);
    return v === undefined ? undefined : { kind: 'constant', value: v };
  }
  const w = kerasWeightInit(name, args);
  return w?.init.kind === 'fixed' ? { kind: 'fixed', variance: w.init.variance } : undefined;
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
