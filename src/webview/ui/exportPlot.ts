// Runs in the webview. Export of the main chart: PNG from uPlot's canvas with a legend strip,
// SVG rebuilt from the data and the current scales (vector lines, text labels).
import type uPlot from 'uplot';
import type { ChartModel } from './curvePlot';
import type { Theme } from './theme';

/** One legend entry under the exported chart. */
export interface LegendLine {
  readonly text: string;
  readonly colour: string;
}

/** The chart as a PNG data URL, on the theme's background, with the legend drawn below. */
export function chartToPng(u: uPlot, legend: readonly LegendLine[], theme: Theme): string {
  const src = u.ctx.canvas;
  const ratio = src.width / Math.max(1, u.width);
  const lineH = Math.round(18 * ratio);
  const out = document.createElement('canvas');
  out.width = src.width;
  out.height = src.height + lineH * (legend.length + 1);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(src, 0, 0);
  ctx.font = theme.font.replace(/^\d+px/, `${Math.round(12 * ratio)}px`);
  ctx.textBaseline = 'middle';
  legend.forEach((l, i) => {
    const y = src.height + lineH * (i + 1);
    ctx.fillStyle = l.colour;
    ctx.fillRect(10 * ratio, y - 2 * ratio, 18 * ratio, 4 * ratio);
    ctx.fillStyle = theme.foreground;
    ctx.fillText(l.text, 36 * ratio, y);
  });
  return out.toDataURL('image/png');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round tick values covering [min, max]: steps of 1, 2 or 5 times a power of ten. */
export function ticks(min: number, max: number, count = 6): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / count;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

/** The chart as a standalone SVG document (paths clipped to the plotting area). */
export function chartToSvg(model: ChartModel, x: readonly [number, number], y: readonly [number, number], legend: readonly LegendLine[], theme: Theme): string {
  const W = 720;
  const H = 400;
  const m = { l: 60, r: 16, t: 12, b: 36 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const px = (v: number) => m.l + ((v - x[0]) / (x[1] - x[0])) * pw;
  const py = (v: number) => m.t + (1 - (v - y[0]) / (y[1] - y[0])) * ph;
  const parts: string[] = [];
  const legendH = 20 * legend.length + 10;
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + legendH}" viewBox="0 0 ${W} ${H + legendH}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="100%" height="100%" fill="${esc(theme.background)}"/>`);
  parts.push(`<defs><clipPath id="plot"><rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}"/></clipPath></defs>`);
  const curve = model.curves[model.selected];
  for (const z of (curve && model.data.get(curve.id)?.zones) || []) {
    const a = Math.max(m.l, px(z.from));
    const b = Math.min(m.l + pw, px(z.to));
    if (b > a) parts.push(`<rect class="zone-${z.kind}" x="${a.toFixed(1)}" y="${m.t}" width="${(b - a).toFixed(1)}" height="${ph}" fill="${esc(z.kind === 'dead' ? theme.dead : theme.saturated)}"/>`);
  }
  for (const t of ticks(x[0], x[1])) {
    const X = px(t).toFixed(1);
    parts.push(`<line x1="${X}" x2="${X}" y1="${m.t}" y2="${m.t + ph}" stroke="${esc(theme.grid)}"/><text x="${X}" y="${H - 14}" fill="${esc(theme.foreground)}" text-anchor="middle">${t}</text>`);
  }
  for (const t of ticks(y[0], y[1])) {
    const Y = py(t).toFixed(1);
    parts.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${Y}" y2="${Y}" stroke="${esc(theme.grid)}"/><text x="${m.l - 6}" y="${Y}" fill="${esc(theme.foreground)}" text-anchor="end" dominant-baseline="middle">${t}</text>`);
  }
  model.curves.forEach((c, i) => {
    const d = model.data.get(c.id);
    if (!d) return;
    const colour = esc(theme.series(i));
    const path = (ys: readonly (number | null)[]) => {
      let s = '';
      let pen = false;
      for (let k = 0; k < model.xs.length; k++) {
        const v = ys[k];
        if (v === null || !Number.isFinite(v)) {
          pen = false;
          continue;
        }
        const Y = Math.max(-1e4, Math.min(1e4, py(v)));
        s += `${pen ? 'L' : 'M'}${px(model.xs[k]).toFixed(1)} ${Y.toFixed(1)}`;
        pen = true;
      }
      return s;
    };
    parts.push(`<path class="f" data-curve="${esc(c.id)}" d="${path(d.ys)}" fill="none" stroke="${colour}" stroke-width="2" clip-path="url(#plot)"/>`);
    if (model.showDerivative) parts.push(`<path class="df" data-curve="${esc(c.id)}" d="${path(d.dys)}" fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="6 4" clip-path="url(#plot)"/>`);
  });
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="${esc(theme.foreground)}"/>`);
  legend.forEach((l, i) => {
    const Y = H + 10 + i * 20;
    parts.push(`<rect x="10" y="${Y - 2}" width="18" height="4" fill="${esc(l.colour)}"/><text x="36" y="${Y}" fill="${esc(theme.foreground)}" dominant-baseline="middle">${esc(l.text)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
