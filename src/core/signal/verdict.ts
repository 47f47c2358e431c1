/** The verdict on a prediction and the one line the editor and the command line show for it. */
import type { SignalLayer, SignalPrediction, SignalThresholds, Verdict } from './types';

export function verdictFor(firstGrad: number | undefined, stopped: boolean, t: SignalThresholds): Verdict {
  if (stopped || firstGrad === undefined || Number.isNaN(firstGrad)) return 'unknown';
  if (firstGrad < t.vanishing) return 'vanishing';
  if (firstGrad > t.exploding) return 'exploding';
  return 'stable';
}

/** 2 significant digits: 1, 0.02, 0.0031, 3e-5, 1.2e+4. */
export function short(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 0.001 && a < 1000) return String(Number(x.toPrecision(2)));
  return x.toExponential(a >= 1 ? 1 : 0).replace(/\.0e/, 'e');
}

/**
 * "12 layers · activations 1.0 → 0.02 · first-layer gradient 3e-5 of the last: vanishing": layers are weight layers;
 * activations are the std of the first and last activated outputs (any outputs when nothing is activated).
 */
export function verdictLine(layers: readonly SignalLayer[], p: SignalPrediction): string {
  if (p.stopped && p.layers.length === 0) {
    // Nothing predicted: a layer count and "stops at" would read as a model of 0 layers; say why instead.
    const l = layers[p.stopped.index];
    const why = p.stopped.reason.replace(/,? so (?:the prediction|it) stops here$/, '');
    return `unknown: ${why}${l?.line !== undefined ? ` (line ${l.line + 1})` : ''}`;
  }
  const depth = layers.filter((l) => l.kind === 'linear' || l.kind === 'conv').length;
  const parts = [`${depth} layer${depth === 1 ? '' : 's'}`];
  const activated = p.layers.filter((s) => {
    const l = layers[s.index];
    return l.kind === 'activation' || ((l.kind === 'linear' || l.kind === 'conv') && l.activation !== undefined);
  });
  const shown = activated.length >= 2 ? activated : p.layers;
  if (shown.length >= 2) parts.push(`activations ${short(shown[0].std)} → ${short(shown[shown.length - 1].std)}`);
  if (p.stopped) {
    const l = layers[p.stopped.index];
    return `${parts.join(' · ')} · stops at ${l?.name ?? 'a layer'} (line ${(l?.line ?? 0) + 1}): unknown`;
  }
  if (p.firstGrad !== undefined) parts.push(`first-layer gradient ${short(p.firstGrad)} of the last`);
  return `${parts.join(' · ')}: ${p.verdict}`;
}
