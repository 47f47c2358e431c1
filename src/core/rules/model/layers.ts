/** Classifies framework layer classes and reads one layer call into a LayerNode. */
import { callClose, partEnd, type CallArg } from '../../python/callArgs';
import { literalValue, NOT_LITERAL } from '../../python/literal';
import { isChar, Tok, tokenIs, type TokenStream } from '../../python/tokenizer';
import { lookupApi } from '../../catalog/apiNames';
import { KERAS_POSITIONAL_ACTIVATION } from '../../scan/callees';
import type { Framework, Usage } from '../../scan/types';
import { usageStartingAt } from './resolve';
import type { ActivationArg, LayerKind, LayerNode, Placement } from './types';

const KERAS_DENSE = new Set(['Dense', 'EinsumDense']);
const KERAS_CONV = /^(?:Conv[123]D(?:Transpose)?|SeparableConv[12]D|DepthwiseConv[12]D)$/;
const NORM = /^(?:BatchNormalization|LayerNormalization|GroupNormalization|UnitNormalization|BatchNorm[123]d|LayerNorm|GroupNorm|InstanceNorm[123]d|RMSNorm|LocalResponseNorm|SyncBatchNorm)$/;
const DROPOUT = /^(?:Dropout|SpatialDropout[123]D|GaussianDropout|GaussianNoise|Dropout[123]d|FeatureAlphaDropout)$/;
const SHAPE = /^(?:Flatten|Reshape|Permute|RepeatVector|Unflatten)$/;
const TORCH_CONV = /^(?:Conv[123]d|ConvTranspose[123]d|LazyConv[123]d)$/;

/** Layer kinds by resolved class: a file names the same few classes thousands of times. Bounded. */
const KINDS_LIMIT = 4096;
const kinds = new Map<string, LayerClass | undefined>();

/** A layer class: its kind, framework, resolved name, last name (`Dense`) and the position of its activation argument (Keras). */
export interface LayerClass {
  readonly kind: LayerKind;
  readonly qualified: string;
  readonly framework: Framework;
  readonly last: string;
  readonly activationPosition: number | undefined;
}

/** What kind of layer a resolved class is; undefined for things that are not layers (Input, helpers). */
export function layerKind(qualified: string): LayerClass | undefined {
  const known = kinds.get(qualified);
  if (known !== undefined || kinds.has(qualified)) return known;
  const kind = layerKindUncached(qualified);
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  const value = kind && { kind: kind.kind, framework: kind.framework, qualified, last, activationPosition: KERAS_POSITIONAL_ACTIVATION[last]?.[0] };
  if (kinds.size >= KINDS_LIMIT) kinds.clear();
  kinds.set(qualified, value);
  return value;
}

/** Whether `readLayer` reads a call of the resolved class as a layer (it returns a node). */
export function isLayerClass(qualified: string): boolean {
  return layerKind(qualified) !== undefined;
}

function layerKindUncached(qualified: string): { kind: LayerKind; framework: Framework } | undefined {
  const framework: Framework | undefined = qualified.startsWith('torch.') ? 'torch' : qualified.startsWith('keras.') ? 'keras' : undefined;
  if (!framework) return undefined;
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  if (last === 'Input' || last === 'InputLayer') return undefined;
  const api = lookupApi(qualified);
  if (api && api.kind === 'layer') return { kind: 'activation', framework };
  if (qualified === 'keras.layers.Activation') return { kind: 'activation', framework };
  if (framework === 'keras' && !qualified.startsWith('keras.layers.')) return undefined;
  if (framework === 'torch' && !qualified.startsWith('torch.nn.') ) return undefined;
  if (framework === 'torch' && qualified.split('.').length !== 3) return undefined;
  if (KERAS_DENSE.has(last) || last === 'Linear' || last === 'LazyLinear') return { kind: 'dense', framework };
  if (KERAS_CONV.test(last) || TORCH_CONV.test(last)) return { kind: 'conv', framework };
  if (last === 'AlphaDropout') return { kind: 'alpha-dropout', framework };
  if (NORM.test(last)) return { kind: 'norm', framework };
  if (DROPOUT.test(last)) return { kind: 'dropout', framework };
  if (SHAPE.test(last)) return { kind: 'shape', framework };
  if (!/^[A-Z]/.test(last)) return undefined; // functions such as keras.layers.add are not layers in a chain
  return { kind: 'other', framework };
}

function literalNumber(ts: TokenStream, arg: CallArg | undefined): number | undefined {
  return arg ? literalNumberIn(ts, arg.from, arg.to) : undefined;
}

/** The number tokens [from, to) spell, when a literal. */
function literalNumberIn(ts: TokenStream, from: number, to: number): number | undefined {
  // Widths are nearly always plain digits: read in place, as literalValue would (it builds and cleans the text).
  if (to - from === 1 && ts.kind[from] === Tok.Number) {
    const digits = plainDigits(ts, from);
    if (digits !== undefined) return digits;
  }
  const v = literalValue(ts, from, to);
  return typeof v === 'number' ? v : undefined;
}

/**
 * `literalNumber(ts, argument(callArgs(ts, open), keyword, position)?.arg)`, the arguments walked in place: the
 * module reader reads the width of every layer attribute and keeps none of its arguments (a list and an object per
 * argument were most of what reading a file of thousands of modules allocated).
 */
function literalArgument(ts: TokenStream, open: number, keyword: string, position: number): number | undefined {
  const close = callClose(ts, open);
  let index = 0;
  let blocked = false;
  let from = -1;
  let to = -1;
  for (let f = open + 1; ;) {
    const end = partEnd(ts, f, close);
    if (end < 0) break;
    if (end > f) {
      // As callArgs reads a part: `name=value`, `*value` or `**value`, or a positional value.
      if (end - f >= 3 && ts.kind[f] === Tok.Name && tokenIs(ts, f + 1, '=')) {
        if (tokenIs(ts, f, keyword)) return literalNumberIn(ts, f + 2, end);
        if (index <= position) blocked = true;
      } else if (tokenIs(ts, f, '*') || tokenIs(ts, f, '**')) {
        if (index <= position) blocked = true;
      } else if (index === position) {
        from = f;
        to = end;
      }
      index++;
    }
    if (end === close) break;
    f = end + 1;
  }
  return blocked || from < 0 ? undefined : literalNumberIn(ts, from, to);
}

/** The value of a number token of at most 15 decimal digits (exact in a double), else undefined. */
function plainDigits(ts: TokenStream, t: number): number | undefined {
  const start = ts.start[t];
  const end = ts.end[t];
  if (end - start > 15) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = ts.text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return value;
}

function literalString(ts: TokenStream, arg: CallArg | undefined): string | undefined {
  if (!arg) return undefined;
  const v = literalValue(ts, arg.from, arg.to);
  return v !== NOT_LITERAL && typeof v === 'string' ? v : undefined;
}

/** Argument by keyword, else by position (before any keyword or star). */
export function argument(args: readonly CallArg[], keyword: string, position?: number): { arg: CallArg; index: number } | undefined {
  for (let k = 0; k < args.length; k++) if (args[k].keyword === keyword) return { arg: args[k], index: k };
  if (position === undefined) return undefined;
  for (let i = 0; i <= position && i < args.length; i++) if (args[i].keyword || args[i].star) return undefined;
  return position < args.length ? { arg: args[position], index: position } : undefined;
}

/** The activation a layer call's argument denotes: a scanner usage, None (linear) or unknown. */
function activationArg(ts: TokenStream, usages: readonly Usage[], found: { arg: CallArg; index: number } | undefined): ActivationArg {
  if (!found) return { name: 'linear' };
  const { arg, index } = found;
  if (arg.to - arg.from === 1 && tokenIs(ts, arg.from, 'None')) return { name: 'linear', arg, argIndex: index };
  const usage = usageStartingAt(usages, ts.start[arg.from], 'string', 'reference');
  if (!usage) return { name: undefined, arg, argIndex: index };
  const name = usage.form === 'string' && usage.valid === false ? undefined : usage.name;
  return { name, usage, arg, argIndex: index };
}

/** The literal output width of a PyTorch layer call (Linear `out_features`, Conv `out_channels`), when given. */
export function torchUnits(kind: LayerClass, ts: TokenStream, open: number): number | undefined {
  const last = kind.last;
  return kind.kind === 'dense' ? literalArgument(ts, open, 'out_features', last === 'LazyLinear' ? 0 : 1)
    : kind.kind === 'conv' ? literalArgument(ts, open, 'out_channels', last.startsWith('Lazy') ? 0 : 1) : undefined;
}

/** Reads the layer call whose callee spans tokens [first, open) and whose `(` is `open`. */
export function readLayer(
  unit: number, ts: TokenStream, usages: readonly Usage[], qualified: string, written: string, first: number, open: number,
  args: readonly CallArg[], placement: Placement,
): LayerNode | undefined {
  const kind = layerKind(qualified);
  if (!kind) return undefined;
  const close = ts.match[open] > open ? ts.match[open] : open;
  const last = kind.last;
  const framework = kind.framework;
  const start = ts.start[first];
  const end = ts.end[close];
  // Each node is made whole in one literal, its optional fields already known: a field added afterwards moved it to a
  // new shape with its fields in a second object (two per module class: the layer and its copy in the forward).
  if (kind.kind === 'activation') {
    let activation: ActivationArg;
    if (last === 'Activation') activation = activationArg(ts, usages, argument(args, 'activation', 0));
    else {
      const usage = usageStartingAt(usages, start, 'layer');
      const name = usage?.name ?? lookupApi(qualified)?.name;
      activation = usage ? { name, usage } : { name };
    }
    return { unit, ts, framework, kind: 'activation', qualified, written, open, start, end, args, placement, activation };
  }
  if (framework === 'torch') {
    const units = torchUnits(kind, ts, open);
    return units === undefined
      ? { unit, ts, framework, kind: kind.kind, qualified, written, open, start, end, args, placement }
      : { unit, ts, framework, kind: kind.kind, qualified, written, open, start, end, args, placement, units };
  }
  if (kind.kind !== 'dense' && kind.kind !== 'conv') return { unit, ts, framework, kind: kind.kind, qualified, written, open, start, end, args, placement };
  const units = literalNumber(ts, argument(args, kind.kind === 'dense' ? 'units' : 'filters', 0)?.arg);
  const kernelInitializer = literalString(ts, argument(args, 'kernel_initializer')?.arg);
  const activation = activationArg(ts, usages, argument(args, 'activation', kind.activationPosition));
  if (units === undefined) {
    return kernelInitializer === undefined
      ? { unit, ts, framework, kind: kind.kind, qualified, written, open, start, end, args, placement, activation }
      : { unit, ts, framework, kind: kind.kind, qualified, written, open, start, end, args, placement, activation, kernelInitializer };
  }
  return kernelInitializer === undefined
    ? { unit, ts, framework, kind: kind.kind, qualified, written, open, start, end, args, placement, activation, units }
    : { unit, ts, framework, kind: kind.kind, qualified, written, open, start, end, args, placement, activation, units, kernelInitializer };
}

/** The placement of a layer whose call no fix rewrites: one shared, never-changed value for the many such layers. */
export const OTHER: Placement = Object.freeze({ kind: 'other' });

/** Whether token t is a plain name `(`: a call we can read. */
export function isCallAt(ts: TokenStream, t: number): boolean {
  return t < ts.count && ts.kind[t] === Tok.Open && isChar(ts, t, 40 /* ( */);
}
