/** Shaded plot zones from computed properties: where f' is exactly 0 (dead) or below 10% of its peak. */
import type { ActivationProperties } from '../catalog/types';
import type { PlotZone } from '../plot/svgPlot';

/** Dead zones, then saturated tails that are not already dead. */
export function zonesOf(p: ActivationProperties | undefined): PlotZone[] {
  if (!p) return [];
  const zones: PlotZone[] = p.deadZones.map(([from, to]) => ({ from, to, kind: 'dead' as const }));
  const { below, above } = p.saturation.tenPercent;
  const inDead = (x: number): boolean => p.deadZones.some(([a, b]) => x >= a && x <= b);
  if (below !== undefined && !inDead(below - 1e-6)) zones.push({ from: -Infinity, to: below, kind: 'saturation' });
  if (above !== undefined && !inDead(above + 1e-6)) zones.push({ from: above, to: Infinity, kind: 'saturation' });
  return zones;
}
