// The plot panel's maths: no editor and no DOM, so the extension host, tests and benchmarks share it.
// Samples compiled curves on the panel's grid and computes the zones and the Gaussian statistics.
import { gridOf, type CurveAnalysis, type SampleRange, type Zone } from '../../shared/protocol';
import { findZones } from '../plot/zones';

/** f and f' of one curve with its parameters bound. */
export interface CurveFunctions {
  f(x: number): number;
  df(x: number): number;
}

/** The sigma grid of the output-statistics chart. */
export const SIGMAS: readonly number[] = Array.from({ length: 30 }, (_, i) => Number((0.1 * (i + 1)).toFixed(2)));

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
