/**
 * Qualified API names -> canonical activation, kind and positional parameter names, for the scanner.
 * Built from the catalog entries, so names live in one place.
 */
import { inKerasRange } from './keras';
import { ENTRIES } from './registry';
import type { ActivationEntry, ApiInfo, ApiName, Variant } from './types';

interface Row {
  readonly entry: ActivationEntry;
  readonly variant: Variant;
  readonly api: ApiName;
}

let table: Map<string, Row[]> | undefined;

function build(): Map<string, Row[]> {
  const t = new Map<string, Row[]>();
  for (const entry of ENTRIES) {
    for (const variant of entry.variants) {
      for (const api of variant.apis) {
        const rows = t.get(api.qualified) ?? [];
        rows.push({ entry, variant, api });
        t.set(api.qualified, rows);
      }
    }
  }
  return t;
}

/** Prefix rewrites from equivalent import paths to the catalog's spelling; the flag is the Keras major it implies. */
const PREFIXES: readonly (readonly [string, string, (2 | 3)?])[] = [
  ['tensorflow.keras.', 'keras.'],
  ['tf.keras.', 'keras.'],
  ['tf_keras.', 'keras.', 2],
  ['keras.src.', 'keras.', 3],
  ['keras._tf_keras.keras.', 'keras.', 2],
  ['tensorflow.', 'tf.'],
  ['tf.compat.v2.', 'tf.'],
  ['tf.compat.v1.', 'tf.'],
  ['torch.nn.modules.activation.', 'torch.nn.'],
  ['keras.layers.activation.', 'keras.layers.', 2],
  ['keras.layers.advanced_activations.', 'keras.layers.', 2],
  ['keras.layers.activations.', 'keras.layers.', 3],
];

/** Rewrites a dotted name to the catalog's spelling and reports the Keras major the path implies. */
export function normaliseQualified(qualified: string): { readonly name: string; readonly kerasMajor?: 2 | 3 } {
  let name = qualified.trim();
  let kerasMajor: 2 | 3 | undefined;
  for (let changed = true; changed;) {
    changed = false;
    for (const [from, to, major] of PREFIXES) {
      if (name.startsWith(from)) {
        name = to + name.slice(from.length);
        kerasMajor ??= major;
        changed = true;
      }
    }
  }
  if (name.startsWith('keras.ops.nn.')) name = `keras.ops.${name.slice('keras.ops.nn.'.length)}`;
  return kerasMajor ? { name, kerasMajor } : { name };
}

/**
 * What a fully qualified name refers to, e.g. `torch.nn.functional.leaky_relu` ->
 * `{ name: 'leaky_relu', kind: 'function', positional: ['input', 'negative_slope', 'inplace'] }`.
 * Keras names that exist in both majors (`keras.layers.LeakyReLU`) use `kerasVersion`, else the major the path
 * implies (`tf_keras` is 2), else Keras 3. Undefined when the name is not an activation.
 */
export function lookupApi(qualified: string, kerasVersion?: string | number): ApiInfo | undefined {
  table ??= build();
  const { name, kerasMajor } = normaliseQualified(qualified);
  const rows = table.get(name);
  if (!rows?.length) return undefined;
  const version = kerasVersion ?? kerasMajor ?? 3;
  // A name that only exists in the other Keras major still resolves (the diagnostics decide what to say).
  const row = rows.find((r) => r.variant.framework !== 'keras' || inKerasRange(r.variant.keras, version)) ?? rows[0];
  if (!row) return undefined;
  const { entry, variant, api } = row;
  return {
    name: entry.name,
    framework: variant.framework,
    kind: api.kind,
    qualified: name,
    positional: api.positional,
    inplace: api.inplace ?? false,
    ...(api.deprecated ? { deprecated: api.deprecated } : {}),
    ...(variant.framework === 'keras' && kerasMajor ? { kerasMajor } : {}),
  };
}

/** Every qualified name the catalog knows (for completions and tests). */
export function allQualifiedNames(): readonly string[] {
  table ??= build();
  return [...table.keys()].sort();
}
