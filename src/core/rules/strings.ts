/** `invalid-activation-string` and `transformer-activation-string`, and the "Convert to a layer" refactoring. */
import { closestNames } from '../catalog/names';
import { resolveParams } from '../catalog/params';
import { isValidKerasString, kerasStringTarget, validKerasStrings } from '../catalog/keras';
import { lookupApi } from '../catalog/apiNames';
import { canonicalOfLooseName } from '../scan/activationStrings';
import type { Usage } from '../scan';
import { assumedKeras, kerasLabel } from '../versions/types';
import type { RuleContext } from './context';
import { usagesOf } from './context';
import { layerFix, pyLiteral } from './layerFix';
import type { LayerNode } from './model';
import type { Fix } from './types';

/**
 * The layer whose activation a usage gives (the `activation=` string or an `Activation('...')` layer; the last one
 * read), for the `wanted` usages or every one.
 */
function layersByUsage(ctx: RuleContext, wanted?: ReadonlySet<Usage>): Map<Usage, LayerNode> {
  const map = new Map<Usage, LayerNode>();
  const sequences = ctx.model.sequences;
  for (let s = 0; s < sequences.length; s++) {
    const layers = sequences[s].layers;
    for (let i = 0; i < layers.length; i++) {
      const usage = layers[i].activation?.usage;
      if (usage && (!wanted || wanted.has(usage))) map.set(usage, layers[i]);
    }
  }
  return map;
}

/** The string Keras accepts for an activation in that version (`leaky_relu`), preferring the canonical spelling. */
function validStringFor(name: string, version: string): string | undefined {
  if (isValidKerasString(name, version) && kerasStringTarget(name, version)?.entry.name === name) return name;
  return validKerasStrings(version).find((s) => kerasStringTarget(s, version)?.entry.name === name && /^[a-z_0-9]+$/.test(s));
}

/** "its slope is 0.2" for strings whose parameters differ from the layer's. */
function stringNote(name: string, s: string, version: string): string {
  if (name !== 'leaky_relu') return '';
  try {
    const r = resolveParams(name, 'keras', {}, version, { form: 'string', raw: s });
    const slope = Object.entries(r.params).find(([k]) => k === 'negative_slope' || k === 'alpha');
    return slope ? ` (its slope is ${pyLiteral(slope[1])}; the LeakyReLU layer's default is 0.3)` : '';
  } catch {
    return '';
  }
}

/** Layer-class spellings people pass as strings (`'LeakyReLU'`): they mean the layer with its defaults. */
const CLASS_STRING = /^[A-Z][A-Za-z0-9]*$/;

/** What a check concludes about one invalid string, whatever the usage: the same few strings recur. */
interface StringVerdict {
  readonly intended: string | undefined;
  readonly isClass: boolean;
  readonly target: string | undefined;
  readonly layerName: string | undefined;
  /** The "Replace with" fix's title, when there is a target. */
  readonly title: string | undefined;
  readonly message: string;
}

function stringVerdict(ctx: RuleContext, raw: string): StringVerdict {
  const version = ctx.versions.keras;
  const intended = canonicalOfLooseName(raw);
  const suggestions = intended ? [intended] : closestNames(raw, 3);
  const isClass = CLASS_STRING.test(raw) && intended !== undefined && lookupApi(`keras.layers.${raw}`, version) !== undefined;
  let target: string | undefined;
  for (const name of suggestions) {
    const s = validStringFor(name, version);
    if (s) { target = s; break; }
  }
  const layerName = intended ?? suggestions[0];
  const title = target ? `Replace with '${target}'${stringNote(layerName ?? target, target, version)}${intended ? '' : ' (closest valid name)'}` : undefined;
  const why = isClass
    ? `'${raw}' is a layer class name, not an activation function: ${kerasLabel(ctx.versions)} looks activation strings up case-sensitively among functions and raises ValueError when the layer is built`
    : `'${raw}' is not an activation ${kerasLabel(ctx.versions)} knows (strings are exact and case-sensitive), so building the layer raises ValueError`;
  const hint = target ? `; use '${target}'${intended ? '' : '?'}` : '';
  return { intended, isClass, target, layerName, title, message: `${why}${hint}. ${assumedKeras(ctx.versions)}.` };
}

export function invalidActivationString(ctx: RuleContext): void {
  const version = ctx.versions.keras;
  // Per check: whether a string is valid, and the verdict on an invalid one (most files repeat a few strings).
  const valid = new Map<string, boolean>();
  const verdicts = new Map<string, StringVerdict>();
  // The invalid strings first, so the layers are indexed for those usages only (not for every layer of the file).
  const invalid: { usage: Usage; index: number }[] = [];
  const units = ctx.parsed.units;
  for (let index = 0; index < units.length; index++) {
    const usages = units[index].usages;
    for (let i = 0; i < usages.length; i++) {
      const usage = usages[i];
      if (usage.form !== 'string' || usage.framework !== 'keras' || usage.raw === undefined) continue;
      const raw = usage.raw;
      let ok = valid.get(raw);
      if (ok === undefined) valid.set(raw, (ok = isValidKerasString(raw, version)));
      if (!ok) invalid.push({ usage, index });
    }
  }
  if (!invalid.length) return;
  const layers = layersByUsage(ctx, new Set(invalid.map((f) => f.usage)));
  for (const { usage, index } of invalid) {
    const raw = usage.raw!;
    let verdict = verdicts.get(raw);
    if (!verdict) verdicts.set(raw, (verdict = stringVerdict(ctx, raw)));
    const { isClass, target, layerName, title } = verdict;
    const fixes: Fix[] = [];
    const layer = layers.get(usage);
    // Layer classes with parameters worth keeping (LeakyReLU, PReLU, ELU): a layer keeps what tf.keras built.
    if (layer && layerName && (isClass || !target) && LAYER_CLASSES.has(layerName)) {
      const fix = layerFix(ctx.parsed, ctx.versions, layer, layerName, 'Replace with a layer: {layer}');
      if (fix) fixes.push(fix);
    }
    if (target && title) fixes.push({ title, edits: [{ start: usage.start, end: usage.end, newText: quoteLike(usage.written, target) }] });
    if (fixes.length) fixes[0] = { title: fixes[0].title, edits: fixes[0].edits, preferred: true };
    ctx.report({ code: 'invalid-activation-string', unit: index, start: usage.start, end: usage.end, message: verdict.message, fixes });
  }
}

/** Activations whose layer class has parameters worth keeping. */
const LAYER_CLASSES = new Set(['leaky_relu', 'prelu', 'elu', 'thresholded_relu']);

/** Keeps the quote style the user wrote. */
function quoteLike(written: string, value: string): string {
  const m = /^([a-zA-Z]*)(['"])/.exec(written);
  const q = m ? m[2] : "'";
  return `${q}${value}${q}`;
}

export function transformerActivationString(ctx: RuleContext): void {
  for (const { usage, index } of usagesOf(ctx, (u) => u.form === 'string' && u.framework === 'torch' && u.valid === false)) {
    if (usage.raw === undefined) continue;
    const raw = usage.raw;
    const intended = canonicalOfLooseName(raw) ?? closestNames(raw, 1)[0];
    const fixes: Fix[] = [];
    if (intended === 'relu' || intended === 'gelu') {
      fixes.push({ title: `Replace with '${intended}'`, edits: [{ start: usage.start, end: usage.end, newText: quoteLike(usage.written, intended) }], preferred: true });
    } else if (intended) {
      const fn = lookupApi(`torch.nn.functional.${intended}`);
      const alias = [...ctx.parsed.scope.aliases].find(([, target]) => target === 'torch.nn.functional')?.[0]
        ?? [...ctx.parsed.scope.aliases].find(([, target]) => target === 'torch.nn')?.[0]?.concat('.functional')
        ?? ([...ctx.parsed.scope.aliases].some(([local, target]) => local === 'torch' && target === 'torch') ? 'torch.nn.functional' : undefined);
      if (fn && alias) fixes.push({ title: `Pass the function ${alias}.${intended}`, edits: [{ start: usage.start, end: usage.end, newText: `${alias}.${intended}` }], preferred: true });
    }
    const short = usage.qualified?.split('.').pop() ?? 'Transformer';
    ctx.report({
      code: 'transformer-activation-string', unit: index, start: usage.start, end: usage.end, fixes,
      message: `${short} accepts only the strings 'relu' and 'gelu' (or a callable); '${raw}' raises RuntimeError when the layer is built.`,
    });
  }
}

/** Strings whose layer has parameters worth setting. */
const CONVERTIBLE = new Set(['leaky_relu', 'elu', 'relu', 'softmax']);

/** "Convert to a layer with parameters" for valid Keras strings in a place where a layer can follow. */
export function convertRefactors(ctx: RuleContext, unit: number, from: number, to: number): { unit: number; start: number; end: number; fix: Fix }[] {
  const out: { unit: number; start: number; end: number; fix: Fix }[] = [];
  const layers = layersByUsage(ctx);
  for (const { usage, index } of usagesOf(ctx)) {
    if (index !== unit || usage.end < from || usage.start > to) continue;
    if (usage.form !== 'string' || usage.framework !== 'keras' || usage.raw === undefined) continue;
    if (!isValidKerasString(usage.raw, ctx.versions.keras) || !CONVERTIBLE.has(usage.name)) continue;
    const layer = layers.get(usage);
    if (!layer) continue;
    const fix = layerFix(ctx.parsed, ctx.versions, layer, usage.name, 'Convert to a layer with parameters: {layer}', usage.raw);
    if (fix) out.push({ unit: index, start: usage.start, end: usage.end, fix });
  }
  return out;
}
