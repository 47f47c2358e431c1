/** A small, self-contained SVG plot of an activation f and its derivative f', for hovers. */
import { paletteFor, type ThemeKind } from './palette';
import type { Zone } from './zones';

/** A shaded interval of x (see zones.ts). Ends may be infinite. */
export type PlotZone = Zone;

interface PlotSpec {
  readonly f: (x: number) => number;
  readonly df?: (x: number) => number;
  readonly xMin?: number;
  readonly xMax?: number;
  readonly zones?: readonly PlotZone[];
  /** Width in CSS pixels; height is 3/5 of it. */
  readonly width: number;
  readonly theme?: ThemeKind;
  /** Accessible title inside the image. */
  readonly title?: string;
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Short number text for tick labels: 5, -0.25, 1.2e+3. */
function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000 || a < 0.01) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

function safe(fn: (x: number) => number, x: number): number {
  try {
    const y = fn(x);
    return typeof y === 'number' && Number.isFinite(y) ? y : NaN;
  } catch {
    return NaN;
  }
}

/** Picks a y range that shows the interesting part: tails that blow up (exp) are clipped to the x span. */
function yRange(values: readonly number[], span: number): [number, number] {
  const finite = values.filter((v) => !Number.isNaN(v));
  if (finite.length === 0) return [-1, 1];
  let lo = Math.max(Math.min(0, ...finite), -span);
  let hi = Math.min(Math.max(0, ...finite), span);
  if (hi - lo < 1) {
    const mid = (hi + lo) / 2;
    lo = Math.min(lo, mid - 0.5);
    hi = Math.max(hi, mid + 0.5);
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/**
 * Whether fn jumps between a and b (a step of a piecewise derivative) rather than rising steeply: halving the
 * interval keeps the full jump for a step, while a continuous curve's jump shrinks with the interval.
 */
function isStep(fn: (x: number) => number, a: number, b: number, ya: number, yb: number): boolean {
  const jump = Math.abs(yb - ya);
  for (let i = 0; i < 14; i++) {
    const m = (a + b) / 2;
    const ym = safe(fn, m);
    if (Number.isNaN(ym)) return true;
    if (Math.abs(ym - ya) > Math.abs(yb - ym)) { b = m; yb = ym; } else { a = m; ya = ym; }
  }
  return Math.abs(yb - ya) > jump * 0.5;
}

/** Path data for samples; breaks at gaps and at steps, so a jump is not drawn as a vertical line. */
function pathData(fn: (x: number) => number, xs: readonly number[], ys: readonly number[], sx: (x: number) => number, sy: (y: number) => number, lo: number, hi: number): string {
  const parts: string[] = [];
  let drawing = false;
  const visible = (hi - lo) * 0.04;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (Number.isNaN(y)) {
      drawing = false;
      continue;
    }
    const clamped = Math.min(hi, Math.max(lo, y));
    if (drawing && Math.abs(y - ys[i - 1]) > visible && isStep(fn, xs[i - 1], xs[i], ys[i - 1], y)) drawing = false;
    parts.push(`${drawing ? 'L' : 'M'}${sx(xs[i]).toFixed(1)} ${sy(clamped).toFixed(1)}`);
    drawing = true;
  }
  return parts.join('');
}

/** Renders the plot as an SVG document string (ASCII, standalone, no scripts, no external references). */
export function renderPlotSvg(spec: PlotSpec): string {
  const p = paletteFor(spec.theme);
  const width = Math.round(Math.min(800, Math.max(80, spec.width)));
  const height = Math.round(width * 0.6);
  const xMin = spec.xMin ?? -5;
  const xMax = spec.xMax ?? 5;
  const margin = { left: 30, right: 8, top: 16, bottom: 16 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const n = Math.max(40, Math.min(400, Math.round(plotW)));
  const xs = Array.from({ length: n + 1 }, (_, i) => xMin + ((xMax - xMin) * i) / n);
  const fy = xs.map((x) => safe(spec.f, x));
  const dy = spec.df ? xs.map((x) => safe(spec.df as (x: number) => number, x)) : [];
  const span = Math.max(Math.abs(xMin), Math.abs(xMax)) * 1.2;
  const [lo, hi] = yRange([...fy, ...dy], span);
  const sx = (x: number): number => margin.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number): number => margin.top + ((hi - y) / (hi - lo)) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="10">`);
  if (spec.title) out.push(`<title>${escapeXml(spec.title)}</title>`);
  out.push(`<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="3" fill="${p.background}" stroke="${p.border}"/>`);
  for (const zone of spec.zones ?? []) {
    const a = Math.max(xMin, Math.min(zone.from, zone.to));
    const b = Math.min(xMax, Math.max(zone.from, zone.to));
    if (!(b > a)) continue;
    const colour = zone.kind === 'dead' ? p.dead : p.saturation;
    out.push(`<rect class="zone-${zone.kind}" x="${sx(a).toFixed(1)}" y="${margin.top}" width="${(sx(b) - sx(a)).toFixed(1)}" height="${plotH}" fill="${colour}" fill-opacity="${p.zoneOpacity}"/>`);
  }
  const zeroY = sy(0);
  const zeroX = sx(0);
  if (lo < 0 && hi > 0) out.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${zeroY.toFixed(1)}" y2="${zeroY.toFixed(1)}" stroke="${p.axis}" stroke-width="1"/>`);
  if (xMin < 0 && xMax > 0) out.push(`<line x1="${zeroX.toFixed(1)}" x2="${zeroX.toFixed(1)}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="${p.axis}" stroke-width="1"/>`);
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="${p.grid}"/>`);
  const label = (x: number, y: number, text: string, anchor: string): string =>
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" fill="${p.text}" text-anchor="${anchor}">${escapeXml(text)}</text>`;
  out.push(label(margin.left, height - 4, formatTick(xMin), 'start'));
  out.push(label(width - margin.right, height - 4, formatTick(xMax), 'end'));
  if (xMin < 0 && xMax > 0) out.push(label(zeroX, height - 4, '0', 'middle'));
  out.push(label(margin.left - 3, margin.top + 8, formatTick(hi), 'end'));
  out.push(label(margin.left - 3, height - margin.bottom, formatTick(lo), 'end'));
  if (dy.length) {
    out.push(`<path class="df" d="${pathData(spec.df as (x: number) => number, xs, dy, sx, sy, lo, hi)}" fill="none" stroke="${p.df}" stroke-width="${p.strokeWidth}" stroke-dasharray="5 3" stroke-linejoin="round"/>`);
  }
  out.push(`<path class="f" d="${pathData(spec.f, xs, fy, sx, sy, lo, hi)}" fill="none" stroke="${p.f}" stroke-width="${p.strokeWidth}" stroke-linejoin="round"/>`);
  // Legend: line samples match the curves' colour and dash, so the plot reads without colour too.
  const lx = margin.left + 6;
  out.push(`<line x1="${lx}" x2="${lx + 14}" y1="9" y2="9" stroke="${p.f}" stroke-width="${p.strokeWidth}"/>`);
  out.push(label(lx + 17, 12, 'f(x)', 'start'));
  if (dy.length) {
    out.push(`<line x1="${lx + 46}" x2="${lx + 60}" y1="9" y2="9" stroke="${p.df}" stroke-width="${p.strokeWidth}" stroke-dasharray="4 2"/>`);
    out.push(label(lx + 63, 12, "f'(x)", 'start'));
  }
  const kinds = new Set((spec.zones ?? []).map((z) => z.kind));
  let kx = lx + 100;
  for (const kind of ['dead', 'saturated'] as const) {
    if (!kinds.has(kind)) continue;
    out.push(`<rect x="${kx}" y="4" width="10" height="9" fill="${kind === 'dead' ? p.dead : p.saturation}" fill-opacity="${Math.min(1, p.zoneOpacity * 2.5)}"/>`);
    out.push(label(kx + 13, 12, kind === 'dead' ? "f'=0" : 'saturated', 'start'));
    kx += kind === 'dead' ? 44 : 62;
  }
  out.push('</svg>');
  return out.join('');
}
