/** Keras versions and the `activation=` strings each accepts (case-sensitive, as `activations.get` does). */
import { ENTRIES } from './registry';
import type { ActivationEntry, KerasRange, Variant } from './types';

/** Newest releases the catalog knows: `'2'` means tf.keras 2.15 / tf_keras, `'3'` means Keras 3.16. */
export const LATEST_KERAS: Readonly<Record<2 | 3, string>> = { 2: '2.15', 3: '3.16' };

/** A Keras version as `[major, minor]`; accepts 2, 3, '3', '3.7', '3.7.1'. Unknown input falls back to Keras 3 latest. */
export function parseKerasVersion(version?: string | number): readonly [number, number] {
  const text = version === undefined ? '3' : String(version).trim();
  const m = /^(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return parseKerasVersion(LATEST_KERAS[3]);
  const major = Number(m[1]);
  if (m[2] === undefined) {
    const latest = LATEST_KERAS[major as 2 | 3];
    return latest ? parseKerasVersion(latest) : [major, 0];
  }
  return [major, Number(m[2])];
}

function toPair(v: string): readonly [number, number] {
  const [a, b] = v.split('.').map(Number);
  return [a ?? 0, b ?? 0];
}

function cmp(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Whether a Keras range contains the version (no range: every version). */
export function inKerasRange(range: KerasRange | undefined, version?: string | number): boolean {
  if (!range) return true;
  const v = parseKerasVersion(version);
  if (range.from && cmp(v, toPair(range.from)) < 0) return false;
  if (range.to && cmp(v, toPair(range.to)) > 0) return false;
  return true;
}

/** A Keras string and what it resolves to. */
interface KerasStringTarget {
  readonly entry: ActivationEntry;
  readonly variant: Variant;
}

function stringTable(version?: string | number): Map<string, KerasStringTarget> {
  const table = new Map<string, KerasStringTarget>();
  for (const entry of ENTRIES) {
    for (const variant of entry.variants) {
      if (variant.framework !== 'keras' || !inKerasRange(variant.keras, version)) continue;
      for (const s of variant.strings ?? []) if (!table.has(s)) table.set(s, { entry, variant });
    }
  }
  return table;
}

const tables = new Map<string, Map<string, KerasStringTarget>>();
function cachedTable(version?: string | number): Map<string, KerasStringTarget> {
  const key = parseKerasVersion(version).join('.');
  let t = tables.get(key);
  if (!t) tables.set(key, (t = stringTable(version)));
  return t;
}

/** Every string `activation=` accepts in that Keras version, sorted. */
export function validKerasStrings(version?: string | number): readonly string[] {
  return [...cachedTable(version).keys()].sort();
}

/** Case-sensitive, like Keras: `'LeakyReLU'` is valid in tf.keras 2 but not in Keras 3. */
export function isValidKerasString(s: string, version?: string | number): boolean {
  return cachedTable(version).has(s);
}

/** The entry and variant a Keras string resolves to in that version, or undefined. */
export function kerasStringTarget(s: string, version?: string | number): KerasStringTarget | undefined {
  return cachedTable(version).get(s);
}
