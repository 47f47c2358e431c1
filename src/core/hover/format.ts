/** Number and interval text for hovers: short, with real minus signs and infinity symbols. */
import type { ActivationProperties } from '../catalog/types';

/** 4 significant digits at most, `∞` for infinities, U+2212 for minus. */
export function fmt(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (Number.isNaN(v)) return 'NaN';
  const a = Math.abs(v);
  const text = a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
  return text.replace('-', '−');
}

/** `(0, 1)`, `[0, ∞)` from the catalog's range. */
export function rangeText(r: ActivationProperties['range']): string {
  return `${r.minIncluded ? '[' : '('}${fmt(r.min)}, ${fmt(r.max)}${r.maxIncluded ? ']' : ')'}`;
}

/** `x < 0`, `x > 6`, `−0.5 < x < 0.5` for an interval of x. */
export function intervalText([a, b]: readonly [number, number]): string {
  if (a === -Infinity && b === Infinity) return 'every x';
  if (a === -Infinity) return `x < ${fmt(b)}`;
  if (b === Infinity) return `x > ${fmt(a)}`;
  return `${fmt(a)} < x < ${fmt(b)}`;
}

/** Saturation thresholds as text, or undefined when f' never fades. */
export function saturationText(s: ActivationProperties['saturation']): string | undefined {
  const side = (t: { below?: number; above?: number }): string[] => [
    ...(t.below !== undefined ? [`x < ${fmt(t.below)}`] : []),
    ...(t.above !== undefined ? [`x > ${fmt(t.above)}`] : []),
  ];
  const ten = side(s.tenPercent);
  if (ten.length === 0) return undefined;
  const one = side(s.onePercent);
  return `|f′| < 10% of its peak for ${ten.join(' and ')}${one.length ? ` (< 1% for ${one.join(' and ')})` : ''}`;
}

/** Dead-neuron risk from the dead zones: an unbounded zone can trap a unit for good. */
export function deadRiskText(p: ActivationProperties): string {
  const zones = p.deadZones.filter(([a, b]) => b > a);
  if (zones.length === 0) {
    return p.saturation.tenPercent.below !== undefined || p.saturation.tenPercent.above !== undefined
      ? 'dead-neuron risk low: f′ fades in the tails but never reaches 0'
      : 'no dead-neuron risk: f′ ≠ 0 everywhere';
  }
  const where = zones.map(intervalText).join(', ');
  const unbounded = zones.some(([a, b]) => a === -Infinity || b === Infinity);
  return unbounded ? `dead-neuron risk: f′ = 0 for ${where}; a unit stuck there stops learning` : `f′ = 0 for ${where}`;
}
