// Runs in the webview. The text around the charts: crosshair readout, zones key and the
// analysis summaries (what the charts show, in words and numbers, for screen readers too).
import type { CurveAnalysis, CurveData, CurveInfo } from '../../shared/protocol';
import { el, fmt } from '../dom';
import { fixedPoint } from './analysisPlots';
import type { Theme } from './theme';

/** f and f' of every curve at the crosshair. */
export function renderReadout(root: HTMLElement, idx: number | null, xs: readonly number[], curves: readonly CurveInfo[], data: ReadonlyMap<string, CurveData>, showDerivative: boolean, theme: Theme): void {
  if (idx === null || idx < 0 || idx >= xs.length) {
    root.replaceChildren(el('span', { class: 'muted' }, 'Point at the chart (or focus it and use the arrow keys) to read f and f′.'));
    return;
  }
  const parts: (Node | string)[] = [el('strong', {}, `x = ${fmt(xs[idx])}`)];
  curves.forEach((c, i) => {
    const d = data.get(c.id);
    const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = theme.series(i);
    const text = `${c.label}: f = ${fmt(d?.ys[idx])}${showDerivative ? `, f′ = ${fmt(d?.dys[idx])}` : ''}`;
    parts.push(' ', el('span', { class: 'readout-item' }, swatch, `${text};`));
  });
  root.replaceChildren(...parts);
}

/** Explains the shading of the selected curve. */
export function renderZonesKey(root: HTMLElement, curve: CurveInfo | undefined, data: ReadonlyMap<string, CurveData>): void {
  const zones = curve ? (data.get(curve.id)?.zones ?? []) : [];
  if (!curve || !zones.length) {
    root.replaceChildren();
    return;
  }
  const kinds = new Set(zones.map((z) => z.kind));
  const items: (Node | string)[] = [`Shaded for ${curve.label}: `];
  if (kinds.has('dead')) items.push(el('span', { class: 'key key-dead' }, 'dead zone (f′ = 0)'), ' ');
  if (kinds.has('saturated')) items.push(el('span', { class: 'key key-saturated' }, 'saturation (|f′| below 10% of its peak)'));
  items.push('. Click a curve’s name to shade its zones instead.');
  root.replaceChildren(...items);
}

/** How much gradient is left after 10 and 50 layers, per curve. */
export function renderDepthSummary(root: HTMLElement, curves: readonly CurveInfo[], analysis: readonly CurveAnalysis[], x0: number, sigma: number): void {
  const list = el('ul', {});
  for (const c of curves) {
    const a = analysis.find((x) => x.id === c.id);
    if (!a) continue;
    const at = (g: number | null, n: number) => (g === null ? '–' : fmt(Math.pow(Math.abs(g), n), 3));
    list.append(el('li', {}, `${c.label}: |f′(${fmt(x0)})| = ${fmt(a.gradAt, 3)}, after 10 layers ${at(a.gradAt, 10)}, after 50 ${at(a.gradAt, 50)}; averaged over N(0, ${fmt(sigma)}²): ${at(a.meanAbsGrad, 10)} after 10, ${at(a.meanAbsGrad, 50)} after 50.`));
  }
  root.replaceChildren(list);
}

/** Mean and variance at the chosen sigma, and the fixed point where there is one. */
export function renderStatsSummary(root: HTMLElement, curves: readonly CurveInfo[], sigmas: readonly number[], analysis: readonly CurveAnalysis[], sigma: number): void {
  const list = el('ul', {});
  for (const c of curves) {
    const a = analysis.find((x) => x.id === c.id);
    if (!a) continue;
    const centred = a.mean !== null && Math.abs(a.mean) < 0.05 * Math.max(1, Math.sqrt(a.variance ?? 1)) ? 'zero-centred' : 'not zero-centred';
    const fp = fixedPoint(sigmas, a);
    const fixed = fp ? ` Fixed point: variance = σ² at σ ≈ ${fmt(fp.sigma, 3)} with mean ≈ ${fmt(fp.mean, 2)} (self-normalising).` : '';
    list.append(el('li', { 'data-curve': c.id }, `${c.label}: mean ${fmt(a.mean)}, variance ${fmt(a.variance)} at σ = ${fmt(sigma)} (${centred}).${fixed}`));
  }
  root.replaceChildren(list);
}
