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
function intervalText([a, b]: readonly [number, number]): string {
  if (a === -Infinity && b === Infinity) return 'every x';
  if (a === -Infinity) return `x < ${fmt(b)}`;
  if (b === Infinity) return `x > ${fmt(a)}`;
  return `${fmt(a)} < x < ${fmt(b)}`;
}

/** Saturation thresholds as short text (`|x| > 3.64` when symmetric), or undefined when f' never fades. */
export function saturationText(s: ActivationProperties['saturation']): string | undefined {
  const side = (t: { below?: number; above?: number }): string | undefined => {
    if (t.below !== undefined && t.above !== undefined && Math.abs(t.below + t.above) < 1e-9) return `|x| > ${fmt(t.above)}`;
    const parts = [...(t.below !== undefined ? [`x < ${fmt(t.below)}`] : []), ...(t.above !== undefined ? [`x > ${fmt(t.above)}`] : [])];
    return parts.length ? parts.join(' and ') : undefined;
  };
  const ten = side(s.tenPercent);
  if (!ten) return undefined;
  const one = side(s.onePercent);
  return `f′ < 10% of peak for ${ten}${one ? `, < 1% for ${one}` : ''}`;
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

/**
 * The properties as short lines for the figure's third column (and its alt text): range, shape, gradient,
 * saturation and dead zones.
 */
export function factLines(p: ActivationProperties): string[] {
  const lines = [
    `range ${rangeText(p.range)}`,
    p.monotonic ? `monotonic (${p.monotonic === 'increasing' ? 'increasing' : 'decreasing'})` : 'not monotonic',
    p.zeroCentred ? 'zero-centred' : 'not zero-centred',
  ];
  if (p.minimum) lines.push(`min ${fmt(p.minimum.value)} at x = ${fmt(p.minimum.at)}`);
  else if (!p.smooth && p.kinks.length) lines.push(`kink at x = ${p.kinks.slice(0, 2).map(fmt).join(', ')}`);
  lines.push(`max |f′| ${fmt(p.maxGradient.value)}`);
  const side = (t: { below?: number; above?: number }): string | undefined => {
    if (t.below !== undefined && t.above !== undefined && Math.abs(t.below + t.above) < 1e-9) return `|x| > ${fmt(t.above)}`;
    const parts = [...(t.below !== undefined ? [`x < ${fmt(t.below)}`] : []), ...(t.above !== undefined ? [`x > ${fmt(t.above)}`] : [])];
    return parts.length ? parts.join(', ') : undefined;
  };
  const ten = side(p.saturation.tenPercent);
  const one = side(p.saturation.onePercent);
  if (ten) lines.push(`f′ < 10% peak: ${ten}`);
  if (one) lines.push(`f′ < 1% peak: ${one}`);
  const zones = p.deadZones.filter(([a, b]) => b > a);
  if (zones.length) lines.push(`f′ = 0: ${zones.slice(0, 2).map(intervalText).join(', ')}`);
  else lines.push('f′ = 0 nowhere');
  return lines;
}
