// Runs in the extension host; no vscode import, so tests and benchmarks use it in plain Node.
// Samples compiled curves on the panel's grid and computes the zones and the Gaussian statistics.
import { gridOf, type CurveAnalysis, type SampleRange, type Zone } from '../../shared/protocol';

/** f and f' of one curve with its parameters bound. */
export interface CurveFunctions {
  f(x: number): number;
  df(x: number): number;
}

/** The sigma grid of the output-statistics chart. */
export const SIGMAS: readonly number[] = Array.from({ length: 30 }, (_, i) => Number((0.1 * (i + 1)).toFixed(2)));

/** |f'| below this fraction of its peak counts as saturated (the catalog's 10% threshold). */
const SATURATION = 0.1;
/** |f'| at or below this is a dead zone (exactly flat, like ReLU below 0). */
const DEAD = 1e-12;

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Seven significant digits: more than a chart, readout or table shows, and under half the JSON of
 * full doubles, which the first page load parses and every slider step carries.
 */
function compact(v: number): number | null {
  if (!Number.isFinite(v)) return null;
  return v === 0 ? 0 : Number(v.toPrecision(7));
}

/** Evaluates safely: a throwing or non-numeric result becomes NaN. */
function safe(fn: (x: number) => number, x: number): number {
  try {
    const v = fn(x);
    return typeof v === 'number' ? v : NaN;
  } catch {
    return NaN;
  }
}

/** f and f' on the range's grid, and the zones found from f'. */
export function sampleCurve(fn: CurveFunctions, range: SampleRange): { ys: (number | null)[]; dys: (number | null)[]; zones: Zone[] } {
  const xs = gridOf(range);
  const ys = new Array<number | null>(xs.length);
  const dys = new Array<number | null>(xs.length);
  for (let i = 0; i < xs.length; i++) {
    ys[i] = compact(safe(fn.f, xs[i]));
    dys[i] = compact(safe(fn.df, xs[i]));
  }
  return { ys, dys, zones: findZones(xs, dys) };
}

/**
 * Runs of the grid where f' is exactly 0 (dead) or below 10% of its largest magnitude on the grid
 * (saturated). Each zone reaches halfway to the neighbouring samples so adjacent zones touch.
 */
export function findZones(xs: readonly number[], dys: readonly (number | null)[]): Zone[] {
  let peak = 0;
  for (const d of dys) if (d !== null && Math.abs(d) > peak) peak = Math.abs(d);
  if (!(peak > 0)) return [];
  const kindAt = (i: number): Zone['kind'] | undefined => {
    const d = dys[i];
    if (d === null) return undefined;
    const a = Math.abs(d);
    return a <= DEAD ? 'dead' : a < SATURATION * peak ? 'saturated' : undefined;
  };
  const zones: Zone[] = [];
  const half = xs.length > 1 ? (xs[1] - xs[0]) / 2 : 0;
  let start = -1;
  let kind: Zone['kind'] | undefined;
  for (let i = 0; i <= xs.length; i++) {
    const k = i < xs.length ? kindAt(i) : undefined;
    if (k === kind) continue;
    // A single isolated sample (a kink passing through 0) is not a zone.
    if (kind && i - start > 1) zones.push({ kind, from: Math.max(xs[0], xs[start] - half), to: Math.min(xs[xs.length - 1], xs[i - 1] + half) });
    kind = k;
    start = i;
  }
  return mergeUnderflow(zones);
}

/**
 * A "dead" run reached by a gradual decay (tanh's f' rounding to 0 far out) is saturation that
 * underflowed, not a dead zone: dead zones are entered abruptly (ReLU, hardtanh).
 */
function mergeUnderflow(zones: Zone[]): Zone[] {
  const out: Zone[] = [];
  for (let i = 0; i < zones.length; i++) {
    const z = zones[i];
    const touches = (o: Zone | undefined) => o !== undefined && o.kind === 'saturated' && (Math.abs(o.to - z.from) < 1e-9 || Math.abs(o.from - z.to) < 1e-9);
    if (z.kind === 'dead' && (touches(out[out.length - 1]) || touches(zones[i + 1]))) {
      const prev = out[out.length - 1];
      if (touches(prev)) out[out.length - 1] = { kind: 'saturated', from: prev.from, to: z.to };
      else out.push({ kind: 'saturated', from: z.from, to: z.to });
      continue;
    }
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'saturated' && z.kind === 'saturated' && Math.abs(prev.to - z.from) < 1e-9) out[out.length - 1] = { kind: 'saturated', from: prev.from, to: z.to };
    else out.push(z);
  }
  return out;
}

/**
 * Quadrature nodes for x ~ N(0, 1): Simpson's rule on [-8, 8] with standard normal weights.
 * z = 0 is a node between two even panels, so kinks and jumps at 0 (ReLU, SELU) keep high accuracy.
 */
const Z_NODES = 193;
const NODES: readonly { z: number; w: number }[] = (() => {
  const out: { z: number; w: number }[] = [];
  const h = 16 / (Z_NODES - 1);
  let total = 0;
  for (let i = 0; i < Z_NODES; i++) {
    const z = -8 + i * h;
    const simpson = i === 0 || i === Z_NODES - 1 ? 1 : i % 2 === 1 ? 4 : 2;
    const w = Math.exp(-0.5 * z * z) * simpson;
    total += w;
    // z = 0 ends one Simpson panel and starts the next: take each side's limit there, so a jump
    // at 0 (ReLU's f', Heaviside-like formulas) is integrated exactly instead of by its value at 0.
    if (Math.abs(z) < h / 2) out.push({ z: -1e-9, w: w / 2 }, { z: 1e-9, w: w / 2 });
    else out.push({ z, w });
  }
  return out.map((n) => ({ z: n.z, w: n.w / total }));
})();

/** E[g(x)] for x ~ N(0, sigma^2); null when g is not finite somewhere that matters. */
export function gaussianMean(g: (x: number) => number, sigma: number): number | null {
  let acc = 0;
  for (const { z, w } of NODES) {
    const v = safe(g, sigma * z);
    if (!Number.isFinite(v)) {
      if (w < 1e-15) continue;
      return null;
    }
    acc += w * v;
  }
  return acc;
}

/** Mean and variance of f(x) for x ~ N(0, sigma^2), in one pass over the nodes. */
export function outputStats(fn: CurveFunctions, sigma: number): { mean: number | null; variance: number | null } {
  let m1 = 0;
  let m2 = 0;
  for (const { z, w } of NODES) {
    const v = safe(fn.f, sigma * z);
    if (!Number.isFinite(v)) {
      if (w < 1e-15) continue;
      return { mean: null, variance: null };
    }
    m1 += w * v;
    m2 += w * v * v;
  }
  return { mean: m1, variance: Math.max(0, m2 - m1 * m1) };
}

/** Mean and variance of f over the whole sigma grid (depends on the parameters only, so callers cache it). */
export function statsCurve(fn: CurveFunctions, sigmas: readonly number[] = SIGMAS): { means: (number | null)[]; variances: (number | null)[] } {
  const means: (number | null)[] = [];
  const variances: (number | null)[] = [];
  for (const s of sigmas) {
    const st = outputStats(fn, s);
    means.push(st.mean);
    variances.push(st.variance);
  }
  return { means, variances };
}

/** Everything the depth and statistics views show for one curve. */
export function analyseCurve(id: string, fn: CurveFunctions, sigma: number, x0: number, curve: { means: (number | null)[]; variances: (number | null)[] } = statsCurve(fn)): CurveAnalysis {
  const at = outputStats(fn, sigma);
  const { means, variances } = curve;
  return {
    id,
    gradAt: finiteOrNull(safe(fn.df, x0)),
    meanAbsGrad: gaussianMean((x) => Math.abs(fn.df(x)), sigma),
    mean: at.mean,
    variance: at.variance,
    means,
    variances,
  };
}
