// Runs in the webview. The two analysis charts: gradient through depth (|f'|^n, log scale) and
// output statistics (mean and variance of f(x), x ~ N(0, sigma^2), against sigma).
import uPlot from 'uplot';
import type { CurveAnalysis, CurveInfo } from '../../shared/protocol';
import type { Theme } from './theme';

/** Layers shown in the depth chart. */
const DEPTH = 50;
/**
 * log10(|g|^n) = n log10|g| for n = 1..DEPTH: the chart plots exponents on a linear axis labelled
 * as powers of ten, which also shows values far below double precision's range (and uPlot's log
 * scale, which stops at 1e-16). Null where g is 0 or unknown (a log scale cannot show 0).
 */
function powers(g: number | null): (number | null)[] {
  const out: (number | null)[] = [];
  const lg = g === null || g === 0 || !Number.isFinite(g) ? null : Math.log10(Math.abs(g));
  for (let n = 1; n <= DEPTH; n++) out.push(lg === null ? null : n * lg);
  return out;
}

/** Axis labels for exponents: 0 -> 1, -3 -> 1e-3. */
function powerLabels(_u: uPlot, splits: number[]): string[] {
  return splits.map((v) => (v === 0 ? '1' : Number.isInteger(v) ? `1e${v}`.replace('-', '−') : ''));
}

function axes(theme: () => Theme, yLabel: string, xLabel: string): uPlot.Axis[] {
  const base = (): uPlot.Axis => ({
    stroke: () => theme().foreground,
    grid: { stroke: () => theme().grid, width: 1 },
    ticks: { stroke: () => theme().grid, width: 1 },
    font: theme().font,
    labelFont: theme().font,
  });
  return [{ ...base(), label: xLabel }, { ...base(), label: yLabel, size: 64 }];
}

function curveSeries(curves: readonly CurveInfo[], theme: () => Theme, solid: string, dashed: string): uPlot.Series[] {
  const s: uPlot.Series[] = [{}];
  curves.forEach((c, i) => {
    // pxAlign 0: no snapping to whole pixels, so the straight lines of the log chart stay straight.
    s.push({ label: `${c.label} ${solid}`, stroke: () => theme().series(i), width: 2, points: { show: false }, pxAlign: 0 });
    s.push({ label: `${c.label} ${dashed}`, stroke: () => theme().series(i), width: 1.5, dash: [6, 4], points: { show: false }, pxAlign: 0 });
  });
  return s;
}

/** Gradient through depth: solid |f'(x0)|^n, dashed (E|f'|)^n over N(0, sigma^2). */
export function depthChart(host: HTMLElement, curves: readonly CurveInfo[], analysis: readonly CurveAnalysis[], theme: () => Theme): uPlot {
  const ns = Array.from({ length: DEPTH }, (_, i) => i + 1);
  const opts: uPlot.Options = {
    width: Math.max(300, host.clientWidth || 600),
    height: 260,
    legend: { show: false },
    scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.floor(Math.min(min, -1)), Math.ceil(Math.max(max, 0.5))] } },
    series: curveSeries(curves, theme, 'at x₀', 'averaged'),
    axes: (() => {
      const [x, y] = axes(theme, '|f′|ⁿ (log scale)', 'layers n');
      return [x, { ...y, values: powerLabels, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }];
    })(),
    cursor: { drag: { x: false, y: false } },
  };
  return new uPlot(opts, depthData(ns, curves, analysis), host);
}

type Column = readonly (number | null)[];

/** uPlot data: the x column, each curve's two columns (solid, dashed) from its analysis, then any `extra` columns. */
function perCurveColumns(xs: readonly number[], curves: readonly CurveInfo[], analysis: readonly CurveAnalysis[], columns: (a: CurveAnalysis | undefined) => [Column, Column], extra: readonly Column[] = []): uPlot.AlignedData {
  const cols: Column[] = [xs];
  for (const c of curves) cols.push(...columns(analysis.find((x) => x.id === c.id)));
  cols.push(...extra);
  return cols as unknown as uPlot.AlignedData;
}

export function depthData(ns: readonly number[], curves: readonly CurveInfo[], analysis: readonly CurveAnalysis[]): uPlot.AlignedData {
  return perCurveColumns(ns, curves, analysis, (a) => [powers(a?.gradAt ?? null), powers(a?.meanAbsGrad ?? null)]);
}

/** Output statistics against sigma: solid mean, dashed variance, dotted sigma^2 (the fixed-point line). */
export function statsChart(host: HTMLElement, curves: readonly CurveInfo[], sigmas: readonly number[], analysis: readonly CurveAnalysis[], theme: () => Theme): uPlot {
  const series = curveSeries(curves, theme, 'mean', 'variance');
  series.push({ label: 'σ²', stroke: () => theme().foreground, width: 1, dash: [2, 4], points: { show: false } });
  const opts: uPlot.Options = {
    width: Math.max(300, host.clientWidth || 600),
    height: 260,
    legend: { show: false },
    scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.min(min, -0.5), Math.min(Math.max(max, 1.5), 10)] } },
    series,
    axes: axes(theme, 'mean, variance of f(x)', 'σ of the input'),
    cursor: { drag: { x: false, y: false } },
  };
  return new uPlot(opts, statsData(curves, sigmas, analysis), host);
}

export function statsData(curves: readonly CurveInfo[], sigmas: readonly number[], analysis: readonly CurveAnalysis[]): uPlot.AlignedData {
  const none = sigmas.map(() => null);
  return perCurveColumns(sigmas, curves, analysis, (a) => [a?.means ?? none, a?.variances ?? none], [sigmas.map((s) => s * s)]);
}

/**
 * Where the variance map has a fixed point: the sigma at which Var f(x) = sigma^2 with the mean
 * near zero (SELU's self-normalising point sits at sigma = 1). Interpolated on the sigma grid.
 */
export function fixedPoint(sigmas: readonly number[], a: CurveAnalysis): { sigma: number; mean: number } | undefined {
  const gap = (i: number) => (a.variances[i] ?? NaN) - sigmas[i] * sigmas[i];
  let allEqual = true;
  for (let i = 0; i < sigmas.length; i++) if (!(Math.abs(gap(i)) < 1e-6)) allEqual = false;
  if (allEqual) return undefined;
  for (let i = 1; i < sigmas.length; i++) {
    const g0 = gap(i - 1);
    const g1 = gap(i);
    if (!Number.isFinite(g0) || !Number.isFinite(g1) || g0 === g1 || Math.sign(g0) === Math.sign(g1)) continue;
    const t = g0 / (g0 - g1);
    const sigma = sigmas[i - 1] + t * (sigmas[i] - sigmas[i - 1]);
    const m0 = a.means[i - 1] ?? NaN;
    const m1 = a.means[i] ?? NaN;
    const mean = m0 + t * (m1 - m0);
    if (Number.isFinite(mean) && Math.abs(mean) < 0.05 * Math.max(1, sigma)) return { sigma, mean };
  }
  return undefined;
}
