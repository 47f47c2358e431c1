/** "What do other versions and forms do here?": the defaults of every variant of an activation, side by side. */
import type { ActivationEntry, ParamValue, ResolvedParams, Variant } from '../catalog/types';
import type { VersionLine } from './model';

/** Python spelling of a literal: True, None, 'tanh', 0.2. */
export function pyValue(v: ParamValue | undefined): string {
  if (v === undefined) return '?';
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Number(v.toPrecision(6)));
  return String(v);
}

/** `PyTorch`, `Keras 3`, `tf.keras 2`, `Keras ≥ 3.7`, `tf.nn`. */
export function frameworkLabel(v: Pick<Variant, 'framework' | 'keras'>): string {
  if (v.framework === 'torch') return 'PyTorch';
  if (v.framework === 'tf') return 'TensorFlow';
  const from = v.keras?.from;
  if (!from) return 'Keras';
  if (from.startsWith('2')) return from === '2.0' ? 'tf.keras 2' : `tf.keras ≥ ${from}`;
  return from === '3.0' ? 'Keras 3' : `Keras ≥ ${from}`;
}

function shortApi(qualified: string): string {
  const parts = qualified.split('.');
  return parts.length > 1 ? parts.slice(-2).join('.') : qualified;
}

/** How a variant is reached, briefly: `layer`, `'leaky_relu'`, `ops.relu`, or nothing when it covers all forms. */
function reach(v: Variant): string {
  const layer = v.apis.find((a) => a.kind === 'layer');
  const strings = (v.strings ?? []).map((s) => `'${s}'`);
  if (strings.length && !(v.forms?.length === 1 && v.forms[0] === 'layer')) return strings.slice(0, 2).join('/');
  if (layer && v.forms?.includes('layer')) return 'layer';
  if (v.forms && v.forms.length && v.apis.length) return shortApi(v.apis[0].qualified);
  return '';
}

function settings(v: Variant): string {
  const parts = v.params.filter((p) => p.math && !p.plotOnly).map((p) => `${p.name}=${pyValue(p.default)}`);
  for (const [k, value] of Object.entries(v.fixed ?? {})) parts.push(`${k}=${value === Infinity ? '∞' : pyValue(value)} (fixed)`);
  return parts.join(', ');
}

/**
 * One line per variant whose formula parameters differ from another's (defaults or names), the current one
 * marked; empty when every variant agrees, so the hover only speaks of versions when it matters.
 */
export function versionLines(entry: ActivationEntry, resolved: ResolvedParams | undefined, max = 3): VersionLine[] {
  const lines = entry.variants
    .map((v) => ({ label: [frameworkLabel(v), reach(v)].filter(Boolean).join(' '), settings: settings(v), current: v === resolved?.variant, framework: v.framework }))
    .filter((l) => l.settings !== '');
  const distinct = new Set(lines.map((l) => l.settings.replace(/ \(fixed\)/g, '')));
  if (distinct.size < 2) return [];
  // A line whose own variant has nothing to compare (PyTorch relu) needs no version notes.
  const current = lines.find((l) => l.current);
  if (resolved && resolved.variant.framework !== 'keras' && (!current || /^[^,]*\(fixed\)(, [^,]*\(fixed\))*$/.test(current.settings))) return [];
  // Merge variants that say the same thing under the same label.
  const merged: (VersionLine & { framework: string })[] = [];
  for (const l of lines) {
    const same = merged.find((m) => m.label === l.label && m.settings === l.settings);
    if (same) { if (l.current) merged[merged.indexOf(same)] = { ...same, current: true }; continue; }
    merged.push(l);
  }
  // This line first, then the same framework's other forms and versions, then the other frameworks.
  const fw = resolved?.variant.framework;
  const rank = (l: { current: boolean; framework: string }): number => (l.current ? 0 : l.framework === fw ? 1 : 2);
  return merged
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .slice(0, max)
    .map(({ l }) => ({ label: l.label, settings: l.settings, current: l.current }));
}
