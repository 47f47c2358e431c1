/**
 * Properties computed numerically from the compiled f and f' (never typed in by hand): range, monotonicity,
 * symmetry, kinks, minimum, saturation, dead zones and the largest gradient.
 */
import { SATURATION } from '../plot/zones';
import { compileActivation } from './compile';
import type { UsageContext } from './params';
import type { ActivationProperties, Framework, ParamValue, ResolvedParams } from './types';
import { MemoOnKey } from '../memoOnKey';

/** Half-width of the scan grid and its step; the small offset keeps kinks at round numbers off grid points. */
const BASE_WIDE = 30;
const BASE_STEP = 0.005;
const OFFSET = 0.000123456789;
/** Range attainment and dead zones are judged on [-NEAR, NEAR], before tanh-like functions round to ±1 in doubles. */
const BASE_NEAR = 12;
const FAR = 1e15;

type Fn = (x: number) => number;

/** Bisection for the point where `side` flips from true (at a) to false (at b). */
function boundary(side: (x: number) => boolean, a: number, b: number): number {
  for (let i = 0; i < 80 && Math.abs(b - a) > 1e-13 * Math.max(1, Math.abs(a)); i++) {
    const m = (a + b) / 2;
    if (side(m)) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/** Rounds bisection noise away (2.9999999999998 -> 3). */
function tidy(x: number): number {
  const r = Math.round(x * 1e9) / 1e9;
  return Object.is(r, -0) ? 0 : r;
}

/** Golden-section search for a minimum of g on [a, b]. */
function goldenMin(g: Fn, a: number, b: number): number {
  const k = (Math.sqrt(5) - 1) / 2;
  let c = b - k * (b - a);
  let d = a + k * (b - a);
  for (let i = 0; i < 100 && Math.abs(b - a) > 1e-12; i++) {
    if (g(c) < g(d)) b = d;
    else a = c;
    c = b - k * (b - a);
    d = a + k * (b - a);
  }
  return (a + b) / 2;
}

/** Limit at ±infinity: unbounded when f keeps growing between 1e15 and 1e18; tiny tails snap to 0. */
function limit(f: Fn, sign: 1 | -1): number {
  const v = f(sign * FAR);
  const w = f(sign * FAR * 1e3);
  if (Number.isNaN(v)) return NaN;
  if (!Number.isFinite(v) || Math.abs(w) > 10 * Math.abs(v) + 1) return Math.sign(w || v) * Infinity;
  return Math.abs(v) < 1e-12 ? 0 : Number(v.toPrecision(12));
}

/** Bisection on the sign of g between a and b (g(a) and g(b) of opposite signs). */
function signChange(g: Fn, a: number, b: number): number {
  const ga = Math.sign(g(a));
  return boundary((t) => Math.sign(g(t)) === ga, a, b);
}

/** Finds jumps of g between grid points (kinks when g = f', discontinuities when g = f). */
function jumps(g: Fn, xs: readonly number[], gs: readonly number[], predicted: (i: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = gs[i] as number;
    const b = gs[i + 1] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const jump = Math.abs(b - a - predicted(i));
    const neighbours = Math.max(Math.abs((gs[i] as number) - (gs[i - 1] ?? a)), Math.abs((gs[i + 2] ?? b) - b));
    if (jump > 1e-7 * (1 + Math.abs(a)) && jump > 10 * neighbours) {
      const x = boundary((t) => Math.abs(g(t) - a) < Math.abs(g(t) - b), xs[i] as number, xs[i + 1] as number);
      out.push(tidy(x));
    }
  }
  return out;
}

/** Computes the properties of one activation as a framework defines it (cached per compiled activation). */
export function computeProperties(
  name: string, framework: Framework, params: Readonly<Record<string, ParamValue>> = {},
  kerasVersion?: string | number, ctx: UsageContext = {},
): ActivationProperties {
  const compiled = compileActivation(name, framework, params, kerasVersion, ctx);
  let props = cache.get(compiled);
  if (!props) {
    props = propertiesOf(compiled.f, compiled.df, reachFor(compiled.resolved));
    cache.set(compiled, props);
  }
  return props;
}

/** Keyed by the (cached) compiled activation, so identical requests cost one scan. */
const cache = new MemoOnKey<object, ActivationProperties>('properties');

/**
 * The largest breakpoint the parameters can set (Hardtanh(max_val=50), Threshold(100)), so the scan reaches it.
 * Plot-only knobs (number of logits) do not move breakpoints and are left out.
 */
function reachFor(resolved: ResolvedParams): number {
  const plotOnly = new Set(resolved.variant.params.filter((p) => p.plotOnly && p.math).map((p) => p.math));
  const values = Object.entries(resolved.math).filter(([k, v]) => !plotOnly.has(k) && typeof v === 'number' && Number.isFinite(v)).map(([, v]) => Math.abs(v as number));
  return Math.min(2000, Math.max(0, ...values));
}

/** The properties of any f with derivative df (also used for user formulas); `reach` widens the scan past breakpoints. */
export function propertiesOf(f: Fn, df: Fn, reach = 0): ActivationProperties {
  const scale = Math.max(1, (1.5 * reach) / BASE_WIDE);
  const WIDE = BASE_WIDE * scale;
  const STEP = BASE_STEP * scale;
  const NEAR = Math.max(BASE_NEAR, 1.2 * reach);
  const n = Math.floor((2 * WIDE) / STEP);
  const xs = Array.from({ length: n + 1 }, (_, i) => -WIDE + OFFSET * scale + i * STEP);
  const ys = xs.map(f);
  const ds = xs.map(df);
  const near = (x: number): boolean => Math.abs(x) <= NEAR;

  // Range: grid values near 0, and the limits at ±infinity.
  const lo = limit(f, -1);
  const hi = limit(f, 1);
  let gridMin = Infinity;
  let gridMax = -Infinity;
  let argMin = 0;
  ys.forEach((y, i) => {
    if (!near(xs[i] as number) || Number.isNaN(y)) return;
    if (y < gridMin) { gridMin = y; argMin = i; }
    if (y > gridMax) gridMax = y;
  });
  const limMin = Math.min(lo, hi);
  const limMax = Math.max(lo, hi);
  const range: { min: number; max: number; minIncluded: boolean; maxIncluded: boolean } = {
    min: Math.min(gridMin, limMin), max: Math.max(gridMax, limMax),
    minIncluded: gridMin <= limMin, maxIncluded: gridMax >= limMax,
  };

  const nonNeg = ds.every((d) => !(d < -1e-12));
  const nonPos = ds.every((d) => !(d > 1e-12));
  const constant = ds.every((d) => Math.abs(d) <= 1e-12);
  const monotonic = constant ? false : nonNeg ? 'increasing' : nonPos ? 'decreasing' : false;
  const odd = !constant && xs.every((x, j) => {
    if (Math.abs(x) > NEAR) return true;
    const y = ys[j] as number;
    const s = y + f(-x);
    return Number.isNaN(s) || Math.abs(s) <= 1e-9 * (1 + Math.abs(y));
  });

  const discontinuities = jumps(f, xs, ys, (i) => (((ds[i] as number) + (ds[i + 1] as number)) / 2) * STEP);
  const kinks = jumps(df, xs, ds, () => 0).filter((k) => !discontinuities.some((d) => Math.abs(d - k) < 1e-6));

  // An isolated minimum strictly inside the grid, not a flat stretch and not a limit.
  let minimum: ActivationProperties['minimum'];
  const i = argMin;
  if (range.minIncluded && i > 0 && i < xs.length - 1 && (ys[i - 1] as number) > gridMin && (ys[i + 1] as number) > gridMin && gridMin < limMin) {
    const a = xs[i - 1] as number;
    const b = xs[i + 1] as number;
    const kink = kinks.find((k) => k > a && k < b);
    const at = kink ?? (df(a) < 0 && df(b) > 0 ? tidy(signChange(df, a, b)) : goldenMin(f, a, b));
    minimum = { value: f(at), at };
    range.min = Math.min(range.min, minimum.value);
  }

  // Largest gradient: a plateau (reported where it starts), a smooth peak (refined), or a supremum at ±infinity.
  let peak = 0;
  let peakAt = 0;
  ds.forEach((d, j) => { if (Math.abs(d) > peak) { peak = Math.abs(d); peakAt = j; } });
  const onPeak = (j: number): boolean => Math.abs(ds[j] as number) >= peak * (1 - 1e-9);
  let first = 0;
  while (first < xs.length && !onPeak(first)) first++;
  let maxGradient: ActivationProperties['maxGradient'];
  if (peakAt === xs.length - 1 && !onPeak(xs.length - 2)) {
    const far = Math.abs(df(FAR));
    maxGradient = { value: far > peak * (1 + 1e-9) || !Number.isFinite(far) ? Infinity : Math.max(peak, far), at: Infinity };
  } else if (first === 0) {
    maxGradient = { value: peak, at: -Infinity };
  } else if (first + 1 < xs.length && onPeak(first + 1)) {
    const start = boundary((t) => Math.abs(df(t)) < peak * (1 - 1e-12), xs[first - 1] as number, xs[first] as number);
    maxGradient = { value: peak, at: tidy(start) };
  } else {
    const h = 1e-6;
    const slope = (t: number): number => Math.abs(df(t + h)) - Math.abs(df(t - h));
    const a = xs[first - 1] as number;
    const b = xs[Math.min(first + 1, xs.length - 1)] as number;
    const kink = kinks.find((k) => k > a && k < b);
    if (kink !== undefined) {
      // A one-sided supremum at a kink (SELU's λα at 0-, Hardswish's 1.5 at 3-).
      const side = Math.max(Math.abs(df(kink - 1e-12)), Math.abs(df(kink + 1e-12)), Math.abs(df(kink)));
      maxGradient = { value: Math.max(peak, side), at: kink };
    } else {
      const at = slope(a) > 0 && slope(b) < 0 ? tidy(signChange(slope, a, b)) : (xs[first] as number);
      maxGradient = { value: Math.max(peak, Math.abs(df(at))), at };
    }
  }

  const saturation = { tenPercent: {}, onePercent: {} } as { tenPercent: { below?: number; above?: number }; onePercent: { below?: number; above?: number } };
  if (Number.isFinite(maxGradient.value) && maxGradient.value > 0) {
    for (const [key, level] of [['tenPercent', SATURATION], ['onePercent', 0.01]] as const) {
      const small = (x: number): boolean => Math.abs(df(x)) < level * maxGradient.value;
      const smallAt = (j: number): boolean => Math.abs(ds[j] as number) < level * maxGradient.value;
      let r = xs.length - 1;
      while (r >= 0 && smallAt(r)) r--;
      if (r < xs.length - 1 && r >= 0) saturation[key].above = tidy(boundary((x) => !small(x), xs[r] as number, xs[r + 1] as number));
      let l = 0;
      while (l < xs.length && smallAt(l)) l++;
      if (l > 0 && l < xs.length) saturation[key].below = tidy(boundary((x) => small(x), xs[l - 1] as number, xs[l] as number));
    }
  }

  // Dead zones: runs of exactly zero gradient (at least a few grid steps), open-ended when they reach the edge.
  const deadZones: [number, number][] = [];
  const isDead = (x: number): boolean => df(x) === 0;
  const deadAt = (j: number): boolean => ds[j] === 0;
  for (let j = 0; j < xs.length; j++) {
    if (!near(xs[j] as number) || !deadAt(j)) continue;
    let k = j;
    while (k + 1 < xs.length && near(xs[k + 1] as number) && deadAt(k + 1)) k++;
    if (k - j >= 3) {
      const start = j === 0 || !near(xs[j - 1] as number) ? (isDead(-FAR) ? -Infinity : tidy(xs[j] as number)) : tidy(boundary((x) => !isDead(x), xs[j - 1] as number, xs[j] as number));
      const end = k === xs.length - 1 || !near(xs[k + 1] as number) ? (isDead(FAR) ? Infinity : tidy(xs[k] as number)) : tidy(boundary((x) => isDead(x), xs[k] as number, xs[k + 1] as number));
      deadZones.push([start, end]);
    }
    j = k;
  }

  return {
    range, monotonic, zeroCentred: odd, smooth: kinks.length === 0 && discontinuities.length === 0, kinks, discontinuities,
    ...(minimum ? { minimum } : {}), saturation, deadZones, maxGradient,
  };
}
