/**
 * The "replace a string activation with a layer" edit: drop the argument and add the activation layer right after
 * (`model.add(...)`, a `Sequential([...])` entry, or `x = LeakyReLU(...)(x)`), importing the class when needed.
 */
import { getActivation } from '../catalog/registry';
import { resolveParams, variantsFor } from '../catalog/params';
import type { ParamSpec, ParamValue } from '../catalog/types';
import { accessName } from '../fixes/imports';
import { removeArgument } from '../fixes/edits';
import { lineStartBefore } from '../python/lineIndex';
import type { ParsedSource } from '../scan';
import type { TargetVersions } from '../versions/types';
import { lineEndAt, lineIndentAt } from './model/resolve';
import type { LayerNode } from './model/types';
import type { Fix, TextEdit } from './types';
import { MemoOnKey } from '../memoOnKey';

/**
 * Layer classes by `version name`: asked for every string activation of a file (to offer the fix), and the answer
 * depends on the catalog alone. Keys are catalog names (unknown names are not kept) and version settings.
 */
const layerClasses = new Map<string, string | undefined>();

/** The Keras layer class for an activation in that version (`leaky_relu` -> `keras.layers.LeakyReLU`). */
function kerasLayerClass(name: string, version: string): string | undefined {
  const key = `${version} ${name}`;
  if (layerClasses.has(key)) return layerClasses.get(key);
  const found = layerClassUncached(name, version);
  if (getActivation(name) && layerClasses.size < 1024) layerClasses.set(key, found);
  return found;
}

function layerClassUncached(name: string, version: string): string | undefined {
  const entry = getActivation(name);
  if (!entry) return undefined;
  for (const v of variantsFor(entry, 'keras', version)) {
    const api = v.apis.find((a) => a.kind === 'layer' && a.qualified.startsWith('keras.layers.') && a.qualified !== 'keras.layers.Activation');
    if (api) return api.qualified;
  }
  return undefined;
}

/** Python literal text for a parameter value: floats keep a decimal point. */
export function pyLiteral(value: ParamValue, spec?: ParamSpec): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return spec?.type === 'number' && Number.isInteger(value) ? `${value}.0` : String(value);
  return `(${value.map((v) => pyLiteral(v)).join(', ')}${value.length === 1 ? ',' : ''})`;
}

/**
 * Constructor arguments spelled for the version. `fromString` keeps what that string meant (`'leaky_relu'`: slope
 * 0.2), otherwise the layer's own defaults (`LeakyReLU`: 0.3, what tf.keras' `'LeakyReLU'` string built).
 */
const argumentCache = new Map<string, string | undefined>();

function layerArguments(name: string, qualified: string, version: string, fromString?: string): string | undefined {
  const key = `${name}|${qualified}|${version}|${fromString ?? ''}`;
  if (!argumentCache.has(key)) argumentCache.set(key, computeLayerArguments(name, qualified, version, fromString));
  return argumentCache.get(key);
}

function computeLayerArguments(name: string, qualified: string, version: string, fromString?: string): string | undefined {
  try {
    const layer = resolveParams(name, 'keras', {}, version, { form: 'layer', qualified });
    const stringSide = fromString ? resolveParams(name, 'keras', {}, version, { form: 'string', raw: fromString }) : undefined;
    const parts: string[] = [];
    for (const spec of layer.variant.params) {
      if (spec.plotOnly) continue;
      let value = layer.params[spec.name];
      const twin = stringSide && spec.math ? stringSide.variant.params.find((p) => p.math === spec.math) : undefined;
      if (twin && stringSide) value = stringSide.params[twin.name];
      if (value === undefined) continue;
      if (!spec.math && spec.name !== 'axis') continue; // initialisers, regularisers: leave to the user
      parts.push(`${spec.name}=${pyLiteral(value, spec)}`);
    }
    return parts.join(', ');
  } catch {
    return undefined;
  }
}

const usesTfKeras = new MemoOnKey<ParsedSource, boolean>('tfKeras');

/** Where a Keras layer class is imported from when the file has no import to reuse. */
export function fallbackModule(parsed: ParsedSource, versions: TargetVersions): string {
  let usesTf = usesTfKeras.get(parsed);
  if (usesTf === undefined) {
    usesTf = parsed.units.some((u) => u.text.includes('tensorflow.keras') || /\btf\.keras\b/.test(u.text));
    usesTfKeras.set(parsed, usesTf);
  }
  return usesTf || versions.kerasMajor === 2 ? 'tensorflow.keras.layers' : 'keras.layers';
}

/**
 * Edits that replace `layer`'s activation argument with the layer class `qualified` built from `args`, or undefined
 * when the layer's place in the code does not allow adding a layer after it.
 */
function replaceWithLayerEdits(parsed: ParsedSource, versions: TargetVersions, layer: LayerNode, qualified: string, args: string): TextEdit[] | undefined {
  const unit = parsed.units[layer.unit];
  const { ts, text } = unit;
  const access = accessName(ts, parsed.scope, qualified, layer.written, fallbackModule(parsed, versions));
  const build = `${access.expr}(${args})`;
  const edits: TextEdit[] = [];
  if (layer.kind === 'activation') {
    // Activation('LeakyReLU') -> LeakyReLU(negative_slope=0.3), in place.
    edits.push({ start: layer.start, end: layer.end, newText: build });
  } else {
    const act = layer.activation;
    if (!act?.arg || act.argIndex === undefined) return undefined;
    edits.push(...removeArgument(ts, layer.args, act.argIndex));
    const p = layer.placement;
    if (p.kind === 'list') {
      const itemLine = lineStartBefore(text, p.itemStart);
      const ownLine = text.slice(itemLine, p.itemStart).trim() === '';
      const newText = ownLine ? `,\n${lineIndentAt(text, p.itemStart)}${build}` : `, ${build}`;
      edits.push({ start: p.itemEnd, end: p.itemEnd, newText });
    } else if (p.kind === 'add' || p.kind === 'functional') {
      const at = lineEndAt(text, p.statementEnd);
      const line = p.kind === 'add' ? `${p.receiver}.add(${build})` : `${p.target} = ${build}(${p.target})`;
      edits.push({ start: at, end: at, newText: `\n${p.indent}${line}` });
    } else return undefined;
  }
  if (access.edit) edits.unshift(access.edit);
  return edits;
}

/** A complete fix, or undefined when the layer cannot be placed. */
export function layerFix(parsed: ParsedSource, versions: TargetVersions, layer: LayerNode, name: string, title: string, fromString?: string, preferred?: boolean): Fix | undefined {
  const qualified = kerasLayerClass(name, versions.keras);
  if (!qualified) return undefined;
  const args = layerArguments(name, qualified, versions.keras, fromString);
  if (args === undefined) return undefined;
  const edits = replaceWithLayerEdits(parsed, versions, layer, qualified, args);
  if (!edits) return undefined;
  const shown = `${qualified.slice(qualified.lastIndexOf('.') + 1)}(${args})`;
  return { title: title.replace('{layer}', shown), edits, ...(preferred ? { preferred } : {}) };
}
