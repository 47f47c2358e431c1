// Runs in the webview. The accessible alternative to the chart: f and f' of every curve at round
// x values across the visible range.
import type { CurveData, CurveInfo } from '../../shared/protocol';
import { el, fmt } from '../dom';
import { ticks } from './exportPlot';

/** Nearest sample index to x on an even grid. */
function nearest(xs: readonly number[], x: number): number {
  if (xs.length < 2) return 0;
  const i = Math.round(((x - xs[0]) / (xs[xs.length - 1] - xs[0])) * (xs.length - 1));
  return Math.max(0, Math.min(xs.length - 1, i));
}

/** Rebuilds the table for the visible x range (about 20 rows). */
export function renderValuesTable(root: HTMLElement, xs: readonly number[], curves: readonly CurveInfo[], data: ReadonlyMap<string, CurveData>, x: readonly [number, number]): void {
  const head = el('tr', {}, el('th', { scope: 'col' }, 'x'));
  for (const c of curves) head.append(el('th', { scope: 'col' }, `${c.label} f(x)`), el('th', { scope: 'col' }, `${c.label} f′(x)`));
  const body = el('tbody');
  for (const t of ticks(x[0], x[1], 20)) {
    const i = nearest(xs, t);
    const row = el('tr', {}, el('th', { scope: 'row' }, fmt(xs[i])));
    for (const c of curves) {
      const d = data.get(c.id);
      row.append(el('td', {}, fmt(d?.ys[i])), el('td', {}, fmt(d?.dys[i])));
    }
    body.append(row);
  }
  root.replaceChildren(el('table', { class: 'values' }, el('caption', {}, 'Sampled values in the visible range'), el('thead', {}, head), body));
}
