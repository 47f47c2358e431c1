// Runs in the webview. Pure view arithmetic: fitting y to the visible curves, zooming and panning.
import type { CurveData, CurveInfo } from '../../shared/protocol';

/** Visible ranges; no `y` means "fit y to what is visible". */
export interface View {
  readonly x: readonly [number, number];
  readonly y?: readonly [number, number];
}

export const DEFAULT_VIEW: View = { x: [-5, 5] };

/** The y range that shows every visible curve (f, and f' when shown), with a margin. */
export function visibleYRange(
  model: { xs: readonly number[]; curves: readonly CurveInfo[]; data: ReadonlyMap<string, CurveData>; showDerivative: boolean },
  x: readonly [number, number],
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const consider = (arr: readonly (number | null)[] | undefined) => {
    if (!arr) return;
    for (let i = 0; i < model.xs.length; i++) {
      const xv = model.xs[i];
      if (xv < x[0] || xv > x[1]) continue;
      const v = arr[i];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  for (const c of model.curves) {
    const d = model.data.get(c.id);
    consider(d?.ys);
    if (model.showDerivative) consider(d?.dys);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/** Zooms a range by `factor` (<1 zooms in) keeping `anchor` fixed on screen. */
export function zoomRange(r: readonly [number, number], factor: number, anchor: number): [number, number] {
  const min = anchor - (anchor - r[0]) * factor;
  const max = anchor + (r[1] - anchor) * factor;
  return max - min > 1e-9 ? [min, max] : [r[0], r[1]];
}

/** Shifts a range by a fraction of its width. */
export function panRange(r: readonly [number, number], fraction: number): [number, number] {
  const d = (r[1] - r[0]) * fraction;
  return [r[0] + d, r[1] + d];
}

/**
 * The sampling range to ask the host for, or undefined when the current samples still serve:
 * resample when the view leaves the sampled range or is much narrower than it (detail lost).
 */
export function neededRange(view: readonly [number, number], sampled: { min: number; max: number }, limit: number): [number, number] | undefined {
  const w = view[1] - view[0];
  const inside = view[0] >= sampled.min && view[1] <= sampled.max;
  const detailed = sampled.max - sampled.min <= w * 12;
  if (inside && detailed) return undefined;
  const min = Math.max(-limit, view[0] - w);
  const max = Math.min(limit, view[1] + w);
  return min < max ? [min, max] : undefined;
}
