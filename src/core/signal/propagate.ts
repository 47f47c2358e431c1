/**
 * Mean-field prediction of the signal through a model at initialisation (Poole et al. 2016; Schoenholz et al. 2017):
 * wide layers, i.i.d. N(0, 1) inputs, independent weights, an i.i.d. N(0, 1) gradient at the last output.
 *
 * Each layer's output is described by three moments over units and inputs: the mean, the second moment q = E[x^2]
 * and the cross moment q12 = E[x_a x_b] of one unit for two different inputs (or two positions of one channel),
 * which BatchNorm (per-feature variance q - q12) and pooling need. After a dense or conv layer the pre-activations
 * are Gaussian, h = m + sqrt(c) U + sqrt(v - c) E (U shared by the unit, E per input); activations are kept as
 * functions of that Gaussian, so expectations are exact quadratures (Gauss–Hermite), never samples.
 * Gradients: mean squares multiply by fan_out Var(W) through weights and by E[phi'(h)^2] through activations
 * (gradient independence), and add over the branches of residual additions.
 */
import { compileActivation, computeProperties, getActivation } from '../catalog';
import { biasMoments, weightVariance } from './init';
import { gaussHermite, gaussLegendre, maxOfNormals, type Rule } from './quadrature';
import type { ActivationSpec, LayerSignal, SignalLayer, SignalPrediction, SignalThresholds } from './types';
import { verdictFor } from './verdict';

interface Moments {
  readonly mean: number;
  readonly q: number;
  readonly q12: number;
}

/**
 * Values = chain(m + sqrt(c - ub) U + sqrt(3 ub) B + sqrt(v - c) E), U ~ N(0, 1), B ~ uniform(-1, 1) (a uniform bias,
 * shared by the unit like U), E by `rule`.
 */
interface Latent {
  readonly m: number;
  readonly v: number;
  readonly c: number;
  /** Variance of the uniform part of the shared term (0: the shared term is Gaussian). */
  readonly ub: number;
  readonly rule: Rule;
  readonly chain: readonly ((x: number) => number)[];
  /** The activations of the chain, to ask the catalog whether they are monotone (only when max pooling needs it). */
  readonly specs: readonly ActivationSpec[];
  /** The last activation of the chain (to recompute its gradient factor when max pooling reroutes the gradient). */
  readonly last?: { readonly record: number; readonly df: (x: number) => number };
}

interface Record {
  readonly moments: Moments;
  /** Mean-square gradient factor from this layer's output to its input. */
  back: number;
  /** Residual source, when this layer is an addition. */
  readonly from?: number;
  /** Output of an activation (own layer or fused), for the verdict line. */
  readonly activated: boolean;
  readonly weight: boolean;
}

const NODES_1D = 100;
const NODES_U = 20;
const NODES_E = 40;
/** A uniform bias above this share of the variance is integrated as uniform (below it a Gaussian is as good). */
const UNIFORM_SHARE = 0.1;
const NODES_B = 8;
const NODES_U_WITH_B = 8;
/** Mehler's series is used up to this correlation c / v (its tail is below rho^terms of the variance). */
const MEHLER_MAX_RHO = 0.5;
const MEHLER_TERMS = 40;

const INPUT: Moments = { mean: 0, q: 1, q12: 0 };

function gaussian(m: number, v: number, c: number, ub = 0): Latent {
  const vv = Math.max(v, 0);
  const cc = Math.min(Math.max(c, 0), vv);
  return { m, v: vv, c: cc, ub: Math.min(Math.max(ub, 0), cc), rule: gaussHermite(NODES_E), chain: [], specs: [] };
}

/** The Gaussian with the same moments (used after layers whose output is not a function of a Gaussian). */
function gaussianise(mo: Moments): Latent {
  return gaussian(mo.mean, mo.q - mo.mean * mo.mean, mo.q12 - mo.mean * mo.mean);
}

function apply(chain: readonly ((x: number) => number)[], h: number): number {
  let x = h;
  for (const f of chain) x = f(x);
  return x;
}

/**
 * Expectations over the latent Gaussian of y = phi(chain(h)) and of phi'(chain(h))^2 (phi = identity when absent):
 * returns the moments of y and E[phi'^2]. `pairs` false skips the shared part U (c treated as 0, q12 = mean^2).
 */
/** Moments of the output, E[phi'^2] for the backward pass, and gamma: the relative variance over units of a unit's
 * batch second moment, E[y_a^2 y_b^2] / E[y^2]^2 - 1, which sets the finite-width drift. */
interface Expectations { moments: Moments; dsq: number; gamma: number }

function expect(l: Latent, pairs: boolean, phi?: (x: number) => number, dphi?: (x: number) => number): Expectations {
  const rho = l.v > 0 ? l.c / l.v : 0;
  if (pairs && l.c > 0 && rho > MEHLER_MAX_RHO || l.rule !== gaussHermite(NODES_E) || uniformPart(l) > 0) return expect2d(l, pairs, phi, dphi);
  return expectMehler(l, pairs ? rho : 0, phi, dphi);
}

/**
 * One-dimensional quadrature over N(m, v); the cross moment by Mehler's formula,
 * E[y(X) y(Y)] = sum_k rho^k a_k^2 / k! with a_k = E[y(m + sqrt(v) z) He_k(z)] and rho = c / v, which converges
 * geometrically for the small correlations met after normalisation or small biases.
 */
function expectMehler(l: Latent, rho: number, phi?: (x: number) => number, dphi?: (x: number) => number): Expectations {
  const r = gaussHermite(NODES_1D);
  const sd = Math.sqrt(l.v);
  const terms = rho > 0 ? MEHLER_TERMS : 0;
  const a = new Float64Array(terms + 1);
  const b = new Float64Array(terms + 1);
  let q = 0;
  let dsq = 0;
  for (let j = 0; j < r.x.length; j++) {
    const z = r.x[j];
    const x = apply(l.chain, l.m + sd * z);
    const y = phi ? phi(x) : x;
    const w = r.w[j];
    q += w * y * y;
    if (dphi) { const d = dphi(x); dsq += w * d * d; }
    // Probabilists' Hermite polynomials: He_0 = 1, He_1 = z, He_{k+1} = z He_k - k He_{k-1}.
    let h0 = 1;
    let h1 = z;
    const y2 = y * y;
    a[0] += w * y;
    if (terms >= 1) { a[1] += w * y * z; b[1] += w * y2 * z; }
    for (let k = 1; k < terms; k++) {
      const h2 = z * h1 - k * h0;
      a[k + 1] += w * y * h2;
      b[k + 1] += w * y2 * h2;
      h0 = h1;
      h1 = h2;
    }
  }
  const mean = a[0];
  let q12 = mean * mean;
  let pair4 = 0;
  let rk = 1;
  let fact = 1;
  for (let k = 1; k <= terms; k++) {
    rk *= rho;
    fact *= k;
    q12 += (rk * a[k] * a[k]) / fact;
    pair4 += (rk * b[k] * b[k]) / fact;
  }
  return { moments: { mean, q, q12 }, dsq, gamma: q > 0 ? pair4 / (q * q) : 0 };
}

/** The uniform bias variance when it is a large enough share of the values' variance to be integrated as uniform. */
function uniformPart(l: Latent): number {
  return l.ub > UNIFORM_SHARE * l.v ? l.ub : 0;
}

/** Nodes and weights for the shared term: sqrt(c - ub) U + sqrt(3 ub) B as a product rule, or sqrt(c) U. */
function sharedRule(l: Latent): Rule {
  const ub = uniformPart(l);
  if (!ub) {
    const g = gaussHermite(NODES_U);
    return { x: g.x.map((x) => x * Math.sqrt(l.c)), w: g.w };
  }
  const g = gaussHermite(NODES_U_WITH_B);
  const b = gaussLegendre(NODES_B);
  const sdU = Math.sqrt(Math.max(l.c - ub, 0));
  const half = Math.sqrt(3 * ub);
  const x = new Float64Array(g.x.length * b.x.length);
  const w = new Float64Array(x.length);
  for (let i = 0; i < g.x.length; i++) {
    for (let k = 0; k < b.x.length; k++) {
      x[i * b.x.length + k] = sdU * g.x[i] + half * b.x[k];
      w[i * b.x.length + k] = g.w[i] * b.w[k];
    }
  }
  return { x, w };
}

/**
 * Two-dimensional quadrature over the shared part (U and a uniform bias) and the per-input part E (large
 * correlations, uniform biases that dominate, max pooling).
 */
function expect2d(l: Latent, pairs: boolean, phi?: (x: number) => number, dphi?: (x: number) => number): Expectations {
  const sdE = Math.sqrt(Math.max(l.v - (pairs ? l.c : 0), 0));
  const u = pairs && l.c > 0 ? sharedRule(l) : undefined;
  const e = l.rule;
  let mean = 0;
  let q = 0;
  let q12 = 0;
  let pair4 = 0;
  let dsq = 0;
  const nu = u ? u.x.length : 1;
  for (let i = 0; i < nu; i++) {
    const base = l.m + (u ? u.x[i] : 0);
    const wu = u ? u.w[i] : 1;
    let inner = 0;
    let innerQ = 0;
    let innerD = 0;
    for (let j = 0; j < e.x.length; j++) {
      const x = apply(l.chain, base + sdE * e.x[j]);
      const y = phi ? phi(x) : x;
      const w = e.w[j];
      inner += w * y;
      innerQ += w * y * y;
      if (dphi) { const d = dphi(x); innerD += w * d * d; }
    }
    mean += wu * inner;
    q += wu * innerQ;
    q12 += wu * inner * inner;
    pair4 += wu * innerQ * innerQ;
    dsq += wu * innerD;
  }
  return { moments: { mean, q, q12: u ? q12 : mean * mean }, dsq, gamma: u && q > 0 ? pair4 / (q * q) - 1 : 0 };
}

function isMonotone(a: ActivationSpec): boolean {
  try {
    return computeProperties(a.name, a.framework, a.params ?? {}).monotonic === 'increasing';
  } catch {
    return false;
  }
}

/**
 * What `tensor.std()` gives in expectation over initialisations, for values spread over `n` units that each carry
 * their own offset (variance cU = q12 - mean^2, shared by the unit's values over inputs and positions): the grand
 * mean removes cU / n of the variance, and the square root of a variance estimated from n offsets is biased low by
 * Var(S^2) / (8 E[S^2]^2) with Var(S^2) ~ 2 cU^2 / n (Jensen). Both vanish for wide layers; a 10-unit head whose
 * values are mostly per-unit offsets (after ReLU and max pooling) reads 6% lower.
 */
function sampleStd(mo: Moments, n: number): number {
  const total = Math.max(mo.q - mo.mean * mo.mean, 0);
  if (!(n > 1)) return Math.sqrt(total);
  const cU = Math.min(Math.max(mo.q12 - mo.mean * mo.mean, 0), total);
  const s2 = total - cU / n;
  if (!(s2 > 0)) return Math.sqrt(total);
  return Math.sqrt(s2) * Math.max(1 - (cU * cU) / (4 * n * s2 * s2), 0.5);
}

export const DEFAULT_THRESHOLDS: SignalThresholds = { vanishing: 1e-3, exploding: 1e3 };

type Compiled = { f: (x: number) => number; df: (x: number) => number } | { error: string; vector?: boolean };

/**
 * Compiled activations by name, framework and parameters: compiling a formula costs far more than a prediction,
 * and a model edited width by width asks for the same few activations again. Bounded; oldest forgotten first.
 */
const COMPILED_LIMIT = 256;
const compiled = new Map<string, Compiled>();

function compile(a: ActivationSpec): Compiled {
  const key = `${a.name}\u0000${a.framework}\u0000${JSON.stringify(a.params ?? {})}`;
  const known = compiled.get(key);
  if (known) return known;
  const made = compileUncached(a);
  if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, made);
  return made;
}

function compileUncached(a: ActivationSpec): Compiled {
  const entry = getActivation(a.name);
  if (!entry) return { error: `the activation '${a.name}' is not in the catalog` };
  if (entry.vector) return { error: `${entry.title} is not elementwise`, vector: true };
  try {
    const c = compileActivation(entry.name, a.framework, a.params ?? {});
    return { f: c.f, df: c.df };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Predicts mean, std and gradient ratio per layer. Never throws on odd input: it stops and says why. */
/**
 * For one spatial dimension of a convolution or pooling: the output size, the mean fraction of a window that falls
 * inside the input (zero padding reads zeros), and how many outputs read each input value on average.
 */
function borders(size: number, k: number, stride: number, pad: number): { out: number; inside: number; readers: number } {
  const out = Math.floor((size + 2 * pad - k) / stride) + 1;
  if (out < 1) return { out: 0, inside: 0, readers: 0 };
  let taps = 0;
  for (let o = 0; o < out; o++) {
    const first = o * stride - pad;
    taps += Math.min(first + k, size) - Math.max(first, 0);
  }
  return { out, inside: taps / (out * k), readers: taps / size };
}

/**
 * Predicts mean, std and gradient ratio per layer. `spatial`: the input's spatial sizes when the code states them
 * (then convolution and pooling borders are exact); otherwise every value is taken as an interior one.
 * Never throws on odd input: it stops and says why.
 */
export function predictSignal(layers: readonly SignalLayer[], thresholds: SignalThresholds = DEFAULT_THRESHOLDS, spatial?: readonly number[]): SignalPrediction {
  let sizes: number[] | undefined = spatial ? [...spatial] : undefined;
  const pairs = true;
  /** Units whose weights are drawn independently in the last weight layer (channels for convolutions). */
  let units = 0;
  const records: Record[] = [];
  /** Independent units (features, channels) behind each record's values, for the few-units correction of std. */
  const unitsAt: number[] = [];
  const notes = new Set<string>();
  let mo: Moments = INPUT;
  let latent: Latent | undefined = gaussian(0, 1, 0);
  let stopped: SignalPrediction['stopped'];

  const stop = (index: number, reason: string): void => { stopped = { index, reason }; };

  /** Applies an activation to the current values; returns false (after stopping) when it cannot. */
  const activate = (index: number, a: ActivationSpec, weightBack: number, weight: boolean): boolean => {
    const c = compile(a);
    if ('error' in c) {
      if (c.vector && index === layers.length - 1) {
        notes.add(`the final ${a.name} is left out (not elementwise): gradients are relative to the logits before it`);
        if (weight) records.push({ moments: mo, back: weightBack, activated: false, weight });
        return true;
      }
      stop(index, `${c.error}, so the prediction stops here`);
      return false;
    }
    const l = latent ?? gaussianise(mo);
    const r = expect(l, pairs, c.f, c.df);
    // Finite width: the layer's scale is an average over `units` independent units, with relative variance
    // gamma / units; a typical network (what one initialisation gives) sits exp(-gamma / (2 units)) below the mean.
    const drift = units > 0 ? Math.exp(-Math.max(r.gamma, 0) / (4 * units)) : 1;
    mo = { mean: r.moments.mean * Math.sqrt(drift), q: r.moments.q * drift, q12: r.moments.q12 * drift };
    const scale = Math.sqrt(drift);
    const chain = drift === 1 ? [...l.chain, c.f] : [...l.chain, c.f, (x: number) => x * scale];
    latent = { ...l, chain, specs: [...l.specs, a], last: { record: index, df: c.df } };
    records.push({ moments: mo, back: weightBack * r.dsq, activated: true, weight });
    return true;
  };

  for (let i = 0; i < layers.length && !stopped; i++) {
    const layer = layers[i];
    switch (layer.kind) {
      case 'linear':
      case 'conv': {
        if (!layer.fanIn || !layer.fanOut) {
          stop(i, `the width of ${layer.name} is not a literal the code states, so the prediction stops here`);
          break;
        }
        const s = weightVariance(layer.init, layer.fanIn, layer.fanOut);
        if (layer.init.kind === 'scaling' && layer.init.mode === 'fan_max') {
          notes.add('orthogonal initialisation: weights taken as independent, of variance gain² / max(fan_in, fan_out) (exact for the layer\'s mean square)');
        }
        const b = biasMoments(layer.bias, layer.fanIn);
        units = layer.fanOut / (layer.kernelArea ?? 1);
        let inside = 1;
        let back = (s * layer.fanOut) / (layer.strideArea ?? 1);
        if (layer.kind === 'conv' && sizes && layer.kernel?.length === sizes.length) {
          // Exact borders: the mean share of each window inside the input, and readers per input value.
          let readers = 1;
          sizes = sizes.map((size, d) => {
            const r = borders(size, layer.kernel![d], layer.stride?.[d] ?? 1, layer.padding?.[d] ?? 0);
            inside *= r.inside;
            readers *= r.readers;
            return r.out;
          });
          back = s * units * readers;
        } else if (layer.kind === 'conv') {
          sizes = undefined;
          notes.add('convolutions: the input size is not stated, so border values are taken as interior ones (zero padding lowers them, unpadded borders get fewer gradient contributions)');
        }
        const v = s * layer.fanIn * mo.q * inside + b.variance;
        const c = s * layer.fanIn * mo.q12 * inside + b.variance;
        mo = { mean: b.mean, q: v + b.mean * b.mean, q12: c + b.mean * b.mean };
        latent = gaussian(b.mean, v, c, b.uniform ? b.variance : 0);
        if (layer.activation) activate(i, layer.activation, back, true);
        else records.push({ moments: mo, back, activated: false, weight: true });
        break;
      }
      case 'activation':
        activate(i, layer.activation, 1, false);
        break;
      case 'norm': {
        const eps = layer.eps ?? 1e-5;
        if (layer.norm === 'batch') {
          const perFeature = Math.max(mo.q - mo.q12, 0);
          mo = { mean: 0, q: perFeature / (perFeature + eps), q12: 0 };
          records.push({ moments: mo, back: 1 / (perFeature + eps), activated: false, weight: false });
        } else {
          const perExample = Math.max(mo.q - mo.mean * mo.mean, 0);
          mo = { mean: 0, q: perExample / (perExample + eps), q12: (mo.q12 - mo.mean * mo.mean) / (perExample + eps) };
          records.push({ moments: mo, back: 1 / (perExample + eps), activated: false, weight: false });
        }
        latent = gaussianise(mo);
        break;
      }
      case 'dropout': {
        const p = layer.p;
        if (!(p >= 0 && p < 1)) { stop(i, `dropout probability ${p} is not in [0, 1), so the prediction stops here`); break; }
        if (layer.alpha) {
          // torch.nn.functional.alpha_dropout: y = a (x m + alpha' (1 - m)) + b, alpha' = -scale * alpha of SELU.
          const ap = -1.0507009873554805 * 1.6732632423543772;
          const keep = 1 - p;
          const a = 1 / Math.sqrt(keep + ap * ap * keep * p);
          const b = -a * p * ap;
          const m1 = keep * mo.mean + p * ap;
          const q = keep * mo.q + p * ap * ap;
          const q12 = keep * keep * mo.q12 + 2 * keep * p * ap * mo.mean + p * p * ap * ap;
          mo = { mean: a * m1 + b, q: a * a * q + 2 * a * b * m1 + b * b, q12: a * a * q12 + 2 * a * b * m1 + b * b };
          records.push({ moments: mo, back: a * a * keep, activated: false, weight: false });
        } else {
          mo = { mean: mo.mean, q: mo.q / (1 - p), q12: mo.q12 };
          records.push({ moments: mo, back: 1 / (1 - p), activated: false, weight: false });
        }
        latent = undefined;
        break;
      }
      case 'pool': {
        const n = layer.window;
        if (!n || n < 1) { stop(i, `the window of ${layer.name} is not a literal the code states, so the prediction stops here`); break; }
        notes.add('pooling: windows taken as non-overlapping, values in a window as one unit seen at different inputs');
        // Inputs past the last whole window (floor mode) get no gradient.
        let covered = 1;
        if (sizes && layer.kernel?.length === sizes.length) {
          sizes = sizes.map((size, d) => {
            const out = Math.floor(size / layer.kernel![d]);
            covered *= size > 0 ? (out * layer.kernel![d]) / size : 1;
            return out;
          });
        } else sizes = undefined;
        if (layer.pool === 'avg') {
          mo = { mean: mo.mean, q: (mo.q + (n - 1) * mo.q12) / n, q12: mo.q12 };
          records.push({ moments: mo, back: covered / (n * n), activated: false, weight: false });
          latent = undefined;
          break;
        }
        let l = latent;
        if (!l || !l.specs.every(isMonotone) || l.rule !== gaussHermite(NODES_E)) {
          if (l) notes.add('max pooling after a non-monotone activation: its inputs are treated as Gaussian');
          l = gaussianise(mo);
        }
        const pooled: Latent = { ...l, rule: maxOfNormals(n) };
        mo = expect(pooled, true).moments;
        // The gradient reaches only the maximum of each window: the last activation's derivative is taken there.
        if (l.last && l.chain.length) {
          const prefix = l.chain.slice(0, -1);
          const df = l.last.df;
          const dsq = expect({ ...pooled, chain: prefix }, true, undefined, df).dsq;
          const rec = records[l.last.record];
          const old = expect({ ...l, chain: prefix }, true, undefined, df).dsq;
          if (old > 0) rec.back *= dsq / old;
        }
        latent = pooled;
        records.push({ moments: mo, back: covered / n, activated: false, weight: false });
        break;
      }
      case 'flatten':
        sizes = undefined;
        records.push({ moments: mo, back: 1, activated: false, weight: false });
        break;
      case 'add': {
        const other = layer.from < 0 ? INPUT : records[layer.from]?.moments;
        if (!other || layer.from >= i) { stop(i, 'the residual addition adds a value the prediction does not know, so it stops here'); break; }
        const cross = 2 * mo.mean * other.mean;
        mo = { mean: mo.mean + other.mean, q: mo.q + other.q + cross, q12: mo.q12 + other.q12 + cross };
        latent = undefined;
        records.push({ moments: mo, back: 1, from: layer.from, activated: false, weight: false });
        break;
      }
      case 'other':
        stop(i, layer.reason ?? `${layer.name} is not a layer the prediction models, so it stops here`);
        break;
    }
    while (unitsAt.length < records.length) unitsAt.push(units);
    if (!stopped && records.length && !Number.isFinite(records[records.length - 1].moments.q)) {
      stop(i, 'the values overflow');
    }
  }

  const n = records.length;
  const grads = new Array<number>(n).fill(0);
  if (!stopped && n > 0) {
    grads[n - 1] = 1;
    for (let i = n - 1; i >= 0; i--) {
      const r = records[i];
      if (i > 0) grads[i - 1] += grads[i] * r.back;
      if (r.from !== undefined && r.from >= 0) grads[r.from] += grads[i];
    }
  }
  const out: LayerSignal[] = records.map((r, index) => {
    const std = sampleStd(r.moments, unitsAt[index] ?? 0);
    // Quadrature leaves ~1e-18 where the mean is exactly 0 by symmetry (tanh of a centred input): show 0.
    return {
      index,
      mean: Math.abs(r.moments.mean) <= 1e-12 * std ? 0 : r.moments.mean,
      std,
      ...(stopped ? {} : { grad: Math.sqrt(grads[index]) }),
    };
  });
  const firstWeight = records.findIndex((r) => r.weight);
  const firstGrad = stopped || firstWeight < 0 ? undefined : out[firstWeight]?.grad;
  return { layers: out, verdict: verdictFor(firstGrad, stopped !== undefined, thresholds), ...(firstGrad === undefined ? {} : { firstGrad }), ...(stopped ? { stopped } : {}), notes: [...notes] };
}
