/** Classifies framework layer classes and reads one layer call into a LayerNode. */
import { callArgs, callClose, KEYWORD, makeArg, partEnd, partKind, STAR, type CallArg } from '../../python/callArgs';
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

/** Where the last `findArgument` found its argument: the part's last token + 1, the value's first token, its index. */
let foundEnd = -1;
let foundValue = -1;
let foundIndex = -1;

/**
 * The first token of the part that `argument(callArgs(ts, open), keyword, position)` finds, or -1, the arguments
 * walked in place (`foundEnd`, `foundValue` and `foundIndex` say the rest): the reader reads a few arguments of every
 * layer and most layers keep no list of them (a list and an object per argument were most of what a read allocated).
 */
function findArgument(ts: TokenStream, open: number, keyword: string, position?: number): number {
  const close = callClose(ts, open);
  let index = 0;
  // As `argument`: a keyword or star argument at or before the position means the position names no parameter for sure.
  let blocked = position === undefined;
  let found = -1;
  for (let f = open + 1; ;) {
    const end = partEnd(ts, f, close);
    if (end < 0) break;
    if (end > f) {
      const kind = partKind(ts, f, end);
      if (kind === KEYWORD) {
        if (tokenIs(ts, f, keyword)) {
          foundEnd = end;
          foundValue = f + 2;
          foundIndex = index;
          return f;
        }
        if (position !== undefined && index <= position) blocked = true;
      } else if (kind === STAR) {
        if (position !== undefined && index <= position) blocked = true;
      } else if (index === position) {
        found = f;
        foundEnd = end;
        foundValue = f;
        foundIndex = index;
      }
      index++;
    }
    if (end === close) break;
    f = end + 1;
  }
  return blocked ? -1 : found;
}

/** `literalNumber(ts, argument(callArgs(ts, open), keyword, position)?.arg)`, read in place. */
function literalArgument(ts: TokenStream, open: number, keyword: string, position?: number): number | undefined {
  return findArgument(ts, open, keyword, position) < 0 ? undefined : literalNumberIn(ts, foundValue, foundEnd);
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

/** Argument by keyword, else by position (before any keyword or star). */
export function argument(args: readonly CallArg[], keyword: string, position?: number): { arg: CallArg; index: number } | undefined {
  for (let k = 0; k < args.length; k++) if (args[k].keyword === keyword) return { arg: args[k], index: k };
  if (position === undefined) return undefined;
  for (let i = 0; i <= position && i < args.length; i++) if (args[i].keyword || args[i].star) return undefined;
  return position < args.length ? { arg: args[position], index: position } : undefined;
}

/** `argument(callArgs(ts, open), keyword, position)`, the arguments walked in place: only the argument found is made. */
export function argumentAt(ts: TokenStream, open: number, keyword: string, position?: number): { arg: CallArg; index: number } | undefined {
  const f = findArgument(ts, open, keyword, position);
  return f < 0 ? undefined : { arg: makeArg(ts, f, foundEnd), index: foundIndex };
}

/** The literal string of the call's `keyword` argument, when it is one (read in place). */
function literalStringArgument(ts: TokenStream, open: number, keyword: string): string | undefined {
  if (findArgument(ts, open, keyword) < 0) return undefined;
  const v = literalValue(ts, foundValue, foundEnd);
  return v !== NOT_LITERAL && typeof v === 'string' ? v : undefined;
}

/**
 * The activation a layer call's `activation` argument (by keyword, else at `position`) denotes: a scanner usage, None
 * (linear), unknown, or linear when there is none. The arguments are walked in place.
 */
function activationAt(ts: TokenStream, usages: readonly Usage[], open: number, position: number | undefined): ActivationArg {
  const f = findArgument(ts, open, 'activation', position);
  if (f < 0) return LINEAR;
  const arg = makeArg(ts, f, foundEnd);
  const index = foundIndex;
  if (arg.to - arg.from === 1 && tokenIs(ts, arg.from, 'None')) return new ArgActivation('linear', undefined, arg, index);
  const usage = usageStartingAt(usages, ts.start[arg.from], 'string', 'reference');
  if (!usage) return new ArgActivation(undefined, undefined, arg, index);
  const name = usage.form === 'string' && usage.valid === false ? undefined : usage.name;
  return new ArgActivation(name, usage, arg, index);
}

/**
 * A layer's activation: an argument (`activation='relu'`, with the argument and its index), or an activation layer's
 * own (`nn.ReLU()`, no argument). A class, not an object literal: V8 moves a literal's allocation to the old generation once
 * most of its objects have outlived young collections (as in a check of a large file), and the activations of every
 * later edit's layers then went there: 319 KB per edit of the 10,000-line file after a check of 16,000 modules, dead
 * at the next edit but freed only by a full collection (and keeping what they point to alive until then). A class
 * instance is always made young.
 */
class ArgActivation implements ActivationArg {
  constructor(readonly name: string | undefined, readonly usage: Usage | undefined, readonly arg: CallArg | undefined, readonly argIndex: number | undefined) {}
}

/** The activation of a layer given none: one shared value, never changed (most layers of a file have none). */
const LINEAR: ActivationArg = Object.freeze({ name: 'linear' });

/** The literal output width of a PyTorch layer call (Linear `out_features`, Conv `out_channels`), when given. */
export function torchUnits(kind: LayerClass, ts: TokenStream, open: number): number | undefined {
  const last = kind.last;
  return kind.kind === 'dense' ? literalArgument(ts, open, 'out_features', last === 'LazyLinear' ? 0 : 1)
    : kind.kind === 'conv' ? literalArgument(ts, open, 'out_channels', last.startsWith('Lazy') ? 0 : 1) : undefined;
}

/**
 * A layer read from its call. Its arguments are listed when first asked, then kept: the reader finds the few it reads
 * in place, and a check asks few layers for the list (a list and an object per argument of every layer were the
 * largest share of what reading a file allocated and kept). Every field is set when it is made, so all share one shape.
 */
export class CallLayer implements LayerNode {
  private argList: readonly CallArg[] | undefined = undefined;

  constructor(
    readonly unit: number, readonly ts: TokenStream, public framework: Framework, readonly kind: LayerKind, readonly qualified: string,
    readonly written: string, readonly open: number, readonly start: number, readonly end: number, readonly placement: Placement,
    readonly activation: ActivationArg | undefined, readonly units: number | undefined, readonly kernelInitializer: string | undefined,
    public inputWidth: number | undefined,
  ) {}

  get args(): readonly CallArg[] {
    return (this.argList ??= callArgs(this.ts, this.open));
  }

  /**
   * The same layer placed elsewhere or fed by a `keras.Input` of a given width: a copy, as the node itself may be in
   * other sequences (a layer object applied again, a module's Sequential attribute). `ts`: another version of the
   * stream whose tokens up to this call's are the same (a document's next version read on, resume.ts).
   */
  copy(placement: Placement, inputWidth: number | undefined, ts = this.ts): CallLayer {
    return new CallLayer(this.unit, ts, this.framework, this.kind, this.qualified, this.written, this.open, this.start, this.end, placement,
      this.activation, this.units, this.kernelInitializer, inputWidth);
  }
}

/** `{ ...l, placement }`, for a call layer too (whose arguments a spread would not copy). */
export function withPlacement(l: LayerNode, placement: Placement): LayerNode {
  return l instanceof CallLayer ? l.copy(placement, l.inputWidth) : { ...l, placement };
}

/** A layer of a forward as a residual addition's input: `l` with `residualFrom` (a call layer keeps its arguments). */
export function withResidual(l: LayerNode, residualFrom: number): LayerNode {
  if (!(l instanceof CallLayer)) return { ...l, residualFrom };
  const { unit, ts, framework, kind, qualified, written, open, start, end, args, placement, activation, units, kernelInitializer, inputWidth } = l;
  return { unit, ts, framework, kind, qualified, written, open, start, end, args, placement, activation, units, kernelInitializer, inputWidth, residualFrom };
}

/** Reads the layer call whose callee spans tokens [first, open) and whose `(` is `open`. */
export function readLayer(
  unit: number, ts: TokenStream, usages: readonly Usage[], qualified: string, written: string, first: number, open: number, placement: Placement,
): CallLayer | undefined {
  const kind = layerKind(qualified);
  if (!kind) return undefined;
  const close = ts.match[open] > open ? ts.match[open] : open;
  const last = kind.last;
  const framework = kind.framework;
  const start = ts.start[first];
  const end = ts.end[close];
  if (kind.kind === 'activation') {
    let activation: ActivationArg;
    if (last === 'Activation') activation = activationAt(ts, usages, open, 0);
    else {
      const usage = usageStartingAt(usages, start, 'layer');
      const name = usage?.name ?? lookupApi(qualified)?.name;
      activation = new ArgActivation(name, usage, undefined, undefined);
    }
    return new CallLayer(unit, ts, framework, 'activation', qualified, written, open, start, end, placement, activation, undefined, undefined, undefined);
  }
  if (framework === 'torch') {
    return new CallLayer(unit, ts, framework, kind.kind, qualified, written, open, start, end, placement, undefined, torchUnits(kind, ts, open), undefined, undefined);
  }
  if (kind.kind !== 'dense' && kind.kind !== 'conv') {
    return new CallLayer(unit, ts, framework, kind.kind, qualified, written, open, start, end, placement, undefined, undefined, undefined, undefined);
  }
  const units = literalArgument(ts, open, kind.kind === 'dense' ? 'units' : 'filters', 0);
  const kernelInitializer = literalStringArgument(ts, open, 'kernel_initializer');
  const activation = activationAt(ts, usages, open, kind.activationPosition);
  return new CallLayer(unit, ts, framework, kind.kind, qualified, written, open, start, end, placement, activation, units, kernelInitializer, undefined);
}

/** The placement of a layer whose call no fix rewrites: one shared, never-changed value for the many such layers. */
export const OTHER: Placement = Object.freeze({ kind: 'other' });

/** Whether token t is a plain name `(`: a call we can read. */
export function isCallAt(ts: TokenStream, t: number): boolean {
  return t < ts.count && ts.kind[t] === Tok.Open && isChar(ts, t, 40 /* ( */);
}
