/**
 * Shaded zones of a plot, in one place for the hover and the panel: where f' is exactly 0 (dead) or below
 * SATURATION of its peak (saturated). The hover reads them from the computed properties (exact boundaries on
 * the whole line); the panel finds them on its sample grid (every slider step, no property scan).
 */
import type { ActivationProperties } from '../catalog/types';
import type { Zone } from '../../shared/protocol';

export type { Zone } from '../../shared/protocol';

/** |f'| below this fraction of its peak counts as saturated (the catalog's `saturation.tenPercent`). */
export const SATURATION = 0.1;
/** |f'| at or below this on a grid is a dead zone (exactly flat, like ReLU below 0). */
const DEAD = 1e-12;

/** From computed properties: dead zones, then saturated tails that are not already dead. Ends may be infinite. */
export function zonesOf(p: ActivationProperties | undefined): Zone[] {
  if (!p) return [];
  const zones: Zone[] = p.deadZones.map(([from, to]) => ({ from, to, kind: 'dead' as const }));
  const { below, above } = p.saturation.tenPercent;
  const inDead = (x: number): boolean => p.deadZones.some(([a, b]) => x >= a && x <= b);
  if (below !== undefined && !inDead(below - 1e-6)) zones.push({ from: -Infinity, to: below, kind: 'saturated' });
  if (above !== undefined && !inDead(above + 1e-6)) zones.push({ from: above, to: Infinity, kind: 'saturated' });
  return zones;
}

/**
 * Runs of the grid where f' is exactly 0 (dead) or below SATURATION of its largest magnitude on the grid
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
