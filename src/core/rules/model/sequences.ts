/**
 * Reads layer sequences: Keras `Sequential([...])` lists, `model.add(...)` chains and functional chains
 * (`x = Dense(...)(x)`), and PyTorch `nn.Sequential(...)`. Modules' forward methods are read in modules.ts.
 */
import { callArgs, callClose, firstArgument, KEYWORD, makeArg, partEnd, partKind, POSITIONAL, soleArgument, STAR, type CallArg } from '../../python/callArgs';
import { literalValue } from '../../python/literal';
import { isChar, Tok, tokenIs, tokenText, type TokenStream } from '../../python/tokenizer';
import type { ScanUnit } from '../../scan';
import { isCallAt, OTHER, readLayer, type CallLayer } from './layers';
import { AddPlacement, CallPlace, cloneSequence, Construction, FunctionalPlacement, ListPlacement, noLayers, OtherLayer, ReadSequence, Tensor } from './records';
import type { Candidates } from './candidates';
import type { BuiltEntry } from './built';
import type { Names } from './names';
import { dottedEndsWith, skipDotted } from './resolve';
import type { Framework } from '../../scan/types';
import type { LayerNode, ModelOutput, Placement, Sequence, Writable } from './types';
import { stringValue } from '../../python/literal';
import { statementKeyword } from '../../python/statements';

const SEQUENTIAL = new Set(['keras.Sequential', 'keras.models.Sequential', 'torch.nn.Sequential']);
const MODEL = new Set(['keras.Model', 'keras.models.Model']);
const KERAS_INPUTS = new Set(['keras.Input', 'keras.InputLayer', 'keras.layers.Input', 'keras.layers.InputLayer']);

export interface SequenceReader {
  readonly sequences: Sequence[];
  /** Sequences by model variable (`model`, `self.net`), in the order they were last assigned. */
  readonly byName: Map<string, Sequence>;
  /** Functional chains: tensor variable -> the sequence and its length when the variable was assigned. */
  readonly tensors: Map<string, { seq: Sequence; length: number }>;
  /** Model constructions by the call's unit and offset, in order (their `unit:offset` keys are made when first asked). */
  readonly built: BuiltEntry[];
  /** Keras layer objects bound to a name (`shared = layers.Dense(64)`), applied later as `y = shared(x)`. */
  readonly layerVars: Map<string, CallLayer>;
  /** `inputs = keras.Input(shape=(784,))`, and `model.add(keras.Input(...))`: features by variable or model name. */
  readonly inputs: Map<string, number>;
  /** Python lists of layers built by appends (`layers = []`, `layers.append(nn.Linear(8, 8))`), for `nn.Sequential(*layers)`. */
  readonly lists: Map<string, { layers: LayerNode[]; valid: boolean }>;
  /** Open compound statements around the current one: `for _ in range(N)` loops repeat their appends N times. */
  readonly blocks: { indent: number; unit: number; repeat: number | undefined; variable?: string; appends: { list: string; node: LayerNode }[] }[];
  /** The layers of the Sequential being read, before they are copied at their final length (empty between calls). */
  readonly items: Gathered;
}

export function newReader(): SequenceReader {
  return { sequences: [], byName: new Map(), tensors: new Map(), built: [], layerVars: new Map(), inputs: new Map(), lists: new Map(), blocks: [], items: { list: [], count: 0 } };
}

/**
 * `keras.Input(shape=(784,))`, `Input((28, 28, 1))`, `InputLayer(input_shape=(64,))`, `batch_shape=(None, 64)`
 * between tokens [from, to): the last dimension (features, or channels as Keras puts them last); undefined when it
 * is not such a call or the dimension is not a literal.
 */
function kerasInputWidth(names: Names, from: number, to: number): number | undefined {
  const { ts } = names;
  const callee = names.dottedAt(from);
  if (!callee || !isCallAt(ts, callee.next) || ts.match[callee.next] !== to - 1) return undefined;
  const qualified = names.qualifiedAt(from);
  if (!qualified || !KERAS_INPUTS.has(qualified)) return undefined;
  const args = callArgs(ts, callee.next);
  const arg = args.find((a) => a.keyword === 'shape' || a.keyword === 'input_shape' || a.keyword === 'batch_shape') ?? (args[0] && !args[0].keyword ? args[0] : undefined);
  if (!arg) return undefined;
  const v = literalValue(ts, arg.from, arg.to);
  const last = Array.isArray(v) ? v[v.length - 1] : undefined;
  return typeof last === 'number' && Number.isInteger(last) && last > 0 ? last : undefined;
}

/** A layer call or any other expression in a layer slot: unknown items keep their place so adjacency stays honest. */
function itemLayer(unitIndex: number, unit: ScanUnit, names: Names, from: number, to: number, placement: Placement): LayerNode | undefined {
  const { ts } = unit;
  const callee = names.dottedAt(from);
  if (callee && isCallAt(ts, callee.next) && ts.match[callee.next] === to - 1) {
    const qualified = names.qualifiedAt(from);
    if (qualified) {
      const layer = readLayer(unitIndex, ts, unit.usages, qualified, callee.text, from, callee.next, placement);
      if (layer) return layer;
      if (/\.Input$|\.InputLayer$/.test(qualified)) return undefined;
    }
  }
  return new OtherLayer(unitIndex, ts, 'keras', '', tokenText(ts, from), from, ts.start[from], ts.end[to - 1], placement, undefined, undefined);
}

/**
 * A layer `itemLayer` just made, given the framework of the sequence it joins (and the input width a first layer
 * takes from `keras.Input`). The node is new and not yet seen by anyone, so it is completed in place, not copied.
 */
function placed(layer: LayerNode, framework: Framework, inputWidth: number | undefined): LayerNode {
  const node = layer as Writable<LayerNode>;
  node.framework = framework;
  if (inputWidth !== undefined) node.inputWidth = inputWidth;
  return node;
}

/** Items of a list `[a, b]` (token range of the brackets) or the positional arguments of a call. */
function listItems(ts: TokenStream, open: number): CallArg[] {
  return callArgs(ts, open).filter((a) => !a.keyword && !a.star);
}

function readSequentialCall(reader: SequenceReader, unitIndex: number, unit: ScanUnit, names: Names, qualified: string, open: number, name: string | undefined): void {
  const { ts } = unit;
  const framework = qualified.startsWith('torch') ? 'torch' : 'keras';
  const close = ts.match[open] > open ? ts.match[open] : open;
  const first = open - (callStartOffset(ts, open));
  const at = new CallPlace(unitIndex, ts.start[first], ts.end[close]);
  // The items: the call's arguments but keywords (torch), or the positional items of its list of layers (keras),
  // walked in place (a list of arguments and its filtered copy per Sequential were a fifth of what a read allocated).
  let listOpen = open;
  if (framework === 'keras') {
    const list = layersArgument(ts, open);
    if (!list) listOpen = -1;
    else if (ts.kind[list.from] === Tok.Open && tokenIs(ts, list.from, '[') && ts.match[list.from] === list.to - 1) listOpen = list.from;
    else return; // a list built elsewhere: we cannot read its layers
  }
  // The layers are gathered in the reader's one list and copied at their final length: a list grown by push from
  // empty takes room for 17 layers, and a Sequential has three or four. (The list is reused by count, not emptied:
  // V8 gives an array set to length 0 new room at its next push.)
  const layers = reader.items;
  layers.count = 0;
  if (listOpen >= 0) {
    const listClose = callClose(ts, listOpen);
    let inputWidth: number | undefined;
    for (let f = listOpen + 1; ;) {
      const to = partEnd(ts, f, listClose);
      if (to < 0) break;
      const kind = to > f ? partKind(ts, f, to) : KEYWORD;
      if (kind === POSITIONAL || (kind === STAR && framework === 'torch')) {
        inputWidth = readItem(reader, layers, framework, unitIndex, unit, names, kind === STAR ? f + 1 : f, to, kind === STAR, inputWidth);
      }
      if (to === listClose) break;
      f = to + 1;
    }
  }
  const own = layers.list.slice(0, layers.count);
  const seq = new ReadSequence(framework, 'sequential', own, true, name, at, undefined, undefined);
  reader.sequences.push(seq);
  reader.built.push(new Construction(unitIndex, at.start, seq));
  if (name) reader.byName.set(name, seq);
}

/**
 * The list argument of a Keras `Sequential(...)` call: `layers=` wherever it is, else the first argument when it is
 * not a keyword one. Walked in place (`callArgs(ts, open)` and a search of it, without the list).
 */
function layersArgument(ts: TokenStream, open: number): CallArg | undefined {
  const close = callClose(ts, open);
  let first = -1;
  let firstEnd = -1;
  let index = 0;
  for (let f = open + 1; ;) {
    const end = partEnd(ts, f, close);
    if (end < 0) break;
    if (end > f) {
      const kind = partKind(ts, f, end);
      if (kind === KEYWORD && tokenIs(ts, f, 'layers')) return makeArg(ts, f, end);
      if (index === 0 && kind !== KEYWORD) { first = f; firstEnd = end; }
      index++;
    }
    if (end === close) break;
    f = end + 1;
  }
  return first < 0 ? undefined : makeArg(ts, first, firstEnd);
}

/**
 * One item of a Sequential, tokens [from, to) (after the `*` of a starred one), added to `layers`. Returns the input
 * width a leading `keras.Input` declares, which the first layer takes, as known after this item.
 */
function readItem(reader: SequenceReader, layers: Gathered, framework: Framework, unitIndex: number, unit: ScanUnit, names: Names, from: number, to: number, star: boolean, inputWidth: number | undefined): number | undefined {
  const { ts } = unit;
  // `*blocks` keeps its place: the layers of a list built by appends when the reader followed it, else one unknown item.
  if (star) {
    const built = to - from === 1 && ts.kind[from] === Tok.Name ? reader.lists.get(tokenText(ts, from)) : undefined;
    if (built && built.valid) { for (const l of built.layers) gather(layers, l); return inputWidth; }
  }
  if (framework === 'keras' && !layers.count) inputWidth ??= kerasInputWidth(names, from, to);
  const layer = itemLayer(unitIndex, unit, names, from, to, new ListPlacement(ts.start[from], ts.end[to - 1]));
  if (layer) gather(layers, placed(layer, framework, !layers.count ? inputWidth : undefined));
  return inputWidth;
}

/** Layers gathered for one Sequential: the first `count` of `list` (later entries are stale). */
interface Gathered {
  readonly list: LayerNode[];
  count: number;
}

function gather(g: Gathered, layer: LayerNode): void {
  if (g.count < g.list.length) g.list[g.count] = layer;
  else g.list.push(layer);
  g.count++;
}

/** How many tokens the dotted callee before `(` at `open` spans (`nn.Sequential` is 3). */
function callStartOffset(ts: TokenStream, open: number): number {
  let i = open - 1;
  while (i >= 2 && tokenIs(ts, i - 1, '.') && ts.kind[i - 2] === Tok.Name) i -= 2;
  return open - i;
}

/** The assignment target at the start of a statement (`model`, `self.model`) and the token after its `=`. */
export function assignmentTarget(names: Names, t: number): { name: string; value: number } | undefined {
  return names.assignmentAt(t);
}

/** Reads one statement (starting at token t) for sequences, add chains and functional chains. */
export function readStatement(reader: SequenceReader, unitIndex: number, unit: ScanUnit, names: Names, t: number, end: number, candidates: Candidates): void {
  const { ts } = unit;
  if (readListStatement(reader, unitIndex, unit, names, t, end)) return;
  const assigned = assignmentTarget(names, t);
  // Sequential(...) anywhere in the statement.
  for (let k = 0; k < candidates.count; k++) {
    if (!candidates.resolvable[k]) continue;
    const i = candidates.tokens[k];
    // Only a call is worth its name's text.
    const next = skipDotted(ts, i);
    if (isCallAt(ts, next)) {
      const qualified = names.qualifiedAt(i);
      if (qualified && SEQUENTIAL.has(qualified)) {
        readSequentialCall(reader, unitIndex, unit, names, qualified, next, assigned && assigned.value === i ? assigned.name : undefined);
      } else if (qualified && MODEL.has(qualified) && assigned && assigned.value === i) {
        readModel(reader, ts, next, assigned.name, unitIndex, ts.start[i]);
      }
    }
  }
  const statementStart = ts.start[t];
  const statementEndOffset = ts.end[end - 1] ?? ts.start[end];
  // model.add(Layer(...))
  const receiver = dottedEndsWith(ts, t, 'add') ? names.dottedAt(t) : undefined;
  if (receiver && isCallAt(ts, receiver.next) && ts.match[receiver.next] === end - 1) {
    const name = receiver.text.slice(0, -4);
    const arg = soleArgument(ts, receiver.next);
    if (!arg || arg.keyword) return;
    const width = kerasInputWidth(names, arg.from, arg.to);
    if (width !== undefined && !reader.byName.get(name)?.layers.length) reader.inputs.set(name, width);
    const layer = itemLayer(unitIndex, unit, names, arg.from, arg.to, new AddPlacement(ts, name, statementStart, statementEndOffset));
    if (!layer) return;
    let seq = reader.byName.get(name);
    if (!seq) {
      seq = new ReadSequence(layer.framework, 'add', noLayers(), true, name, undefined, undefined, undefined);
      reader.sequences.push(seq);
      reader.byName.set(name, seq);
    }
    const inputWidth = seq.layers.length ? undefined : reader.inputs.get(name);
    seq.layers.push(placed(layer, seq.framework, inputWidth));
    return;
  }
  // x = Layer(...)(x), or x = shared(x) for a layer object bound earlier
  if (!assigned || assigned.name.includes('.')) return;
  // Any other assignment rebinds the name: a chain through it is no longer ours to follow.
  const rebound = reader.tensors.get(assigned.name);
  reader.tensors.delete(assigned.name);
  reader.layerVars.delete(assigned.name);
  reader.inputs.delete(assigned.name);
  const declared = kerasInputWidth(names, assigned.value, end);
  if (declared !== undefined) { reader.inputs.set(assigned.name, declared); return; }
  const callee = names.dottedAt(assigned.value);
  if (!callee || !isCallAt(ts, callee.next)) return;
  const close = ts.match[callee.next];
  if (close < 0) return;
  if (readResidual(reader, names, unitIndex, callee, close, end, assigned.name, rebound)) return;
  let layer: CallLayer | undefined;
  let inputOpen: number;
  const shared = callee.text.includes('.') ? undefined : reader.layerVars.get(callee.text);
  if (shared && close === end - 1) {
    // The same layer object applied again: its node (and weights) are shared between the chains that use it.
    layer = shared;
    inputOpen = callee.next;
  } else {
    const qualified = names.qualifiedAt(assigned.value);
    if (!qualified || !qualified.startsWith('keras.layers.')) return;
    if (close === end - 1) {
      // `shared = layers.Dense(64)`: a layer object, applied later.
      const node = readLayer(unitIndex, ts, unit.usages, qualified, callee.text, assigned.value, callee.next, OTHER);
      if (node) reader.layerVars.set(assigned.name, node);
      return;
    }
    if (!isCallAt(ts, close + 1) || ts.match[close + 1] !== end - 1) return;
    const placement: Placement = new FunctionalPlacement(ts, assigned.name, statementStart, statementEndOffset);
    layer = readLayer(unitIndex, ts, unit.usages, qualified, callee.text, assigned.value, callee.next, placement);
    inputOpen = close + 1;
  }
  if (!layer) return;
  const first = firstArgument(ts, inputOpen);
  const input = first && !first.keyword && first.to - first.from === 1 && ts.kind[first.from] === Tok.Name ? tokenText(ts, first.from) : undefined;
  const from = input === assigned.name ? rebound : input ? reader.tensors.get(input) : undefined;
  let seq: Sequence;
  if (from && from.seq.layers.length === from.length) seq = from.seq;
  else {
    // A new chain, or a branch off an earlier tensor: copy the layers that led to it.
    seq = new ReadSequence('keras', 'functional', from ? from.seq.layers.slice(0, from.length) : noLayers(), true, undefined, undefined, undefined, undefined);
    reader.sequences.push(seq);
  }
  const inputWidth = !seq.layers.length && input ? reader.inputs.get(input) : undefined;
  seq.layers.push(inputWidth !== undefined ? layer.copy(layer.placement, inputWidth) : layer);
  reader.tensors.set(assigned.name, new Tensor(seq, seq.layers.length));
}

/** The chain that produced a tensor variable, as it was when the variable was assigned. */
function chainOf(reader: SequenceReader, ts: TokenStream, from: number, to: number): Sequence | undefined {
  if (to - from !== 1 || ts.kind[from] !== Tok.Name) return undefined;
  const tensor = reader.tensors.get(tokenText(ts, from));
  if (!tensor) return undefined;
  return tensor.seq.layers.length === tensor.length ? tensor.seq : cloneSequence(tensor.seq, tensor.seq.layers.slice(0, tensor.length));
}

/** The literal `name='...'` of a layer call, which names a Keras output in `loss={...}`. */
function layerName(node: LayerNode | undefined): string | undefined {
  const arg = node?.args.find((a) => a.keyword === 'name');
  if (!node || !arg || arg.to - arg.from !== 1 || node.ts.kind[arg.from] !== Tok.String) return undefined;
  const v = stringValue(node.ts, arg.from);
  return v === undefined ? undefined : v;
}

/**
 * `y = layers.Add()([x, h])` or `y = layers.add([x, h])` where `h` was computed from `x` along one chain: a residual
 * addition appended to that chain, saying which of its layers' output is added back. Anything else is not read here.
 */
function readResidual(reader: SequenceReader, names: Names, unitIndex: number, callee: { text: string; first: number; next: number }, close: number,
  end: number, target: string, rebound: { seq: Sequence; length: number } | undefined): boolean {
  const { ts } = names;
  const qualified = names.qualifiedAt(callee.first);
  let list: number;
  if (qualified === 'keras.layers.Add' && callArgs(ts, callee.next).length === 0 && isCallAt(ts, close + 1) && ts.match[close + 1] === end - 1) list = close + 1;
  else if (qualified === 'keras.layers.add' && close === end - 1) list = callee.next;
  else return false;
  return addResidual(reader, names, unitIndex, callee, qualified, list, end, target, rebound);
}

/** The residual addition of `readResidual` whose list of two tensors starts at token `list`. */
function addResidual(reader: SequenceReader, names: Names, unitIndex: number, callee: { text: string; first: number; next: number }, qualified: string,
  list: number, end: number, target: string, rebound: { seq: Sequence; length: number } | undefined): boolean {
  const { ts } = names;
  const args = callArgs(ts, list);
  const items = args.length === 1 && !args[0].keyword && tokenIs(ts, args[0].from, '[') && ts.match[args[0].from] === args[0].to - 1 ? listItems(ts, args[0].from) : [];
  if (items.length !== 2 || items.some((a) => a.to - a.from !== 1 || ts.kind[a.from] !== Tok.Name)) return false;
  const tensor = (a: CallArg): { seq: Sequence; length: number } | undefined => {
    const name = tokenText(ts, a.from);
    return name === target ? rebound : reader.tensors.get(name);
  };
  const [a, b] = items.map(tensor);
  if (!a || !b || a.seq !== b.seq || a.length === b.length) return false;
  const [skip, branch] = a.length < b.length ? [a, b] : [b, a];
  if (branch.seq.layers.length !== branch.length) return false;
  const first = callee.next - (callee.text.split('.').length * 2 - 1);
  branch.seq.layers.push(new OtherLayer(unitIndex, ts, 'keras', qualified ?? '', callee.text, callee.next, ts.start[first], ts.end[end - 1], OTHER, skip.length - 1, undefined));
  reader.tensors.set(target, new Tensor(branch.seq, branch.seq.layers.length));
  return true;
}

/**
 * `model = keras.Model(inputs, outputs)`: the sequence that produced `outputs` becomes `model`. Several outputs
 * (`[out1, out2]`, `{'age': a, 'gender': g}`) make a model whose `outputs` list each chain with its key or name;
 * an output we cannot follow is kept as unknown, so positions still line up with a list of losses.
 */
function readModel(reader: SequenceReader, ts: TokenStream, open: number, name: string, unit: number, start: number): void {
  const args = callArgs(ts, open);
  const out = args.find((a) => a.keyword === 'outputs') ?? (args[1] && !args[1].keyword ? args[1] : undefined);
  if (!out) return;
  const single = chainOf(reader, ts, out.from, out.to);
  if (single) {
    single.name = name;
    reader.byName.set(name, single);
    reader.built.push(new Construction(unit, start, single));
    return;
  }
  const bracket = ts.kind[out.from] === Tok.Open && ts.match[out.from] === out.to - 1 ? tokenText(ts, out.from) : '';
  if (bracket !== '[' && bracket !== '{' && bracket !== '(') return;
  const outputs: ModelOutput[] = [];
  for (const item of callArgs(ts, out.from)) {
    if (item.star || item.keyword) return;
    if (bracket === '{') {
      const colon = topColon(ts, item.from, item.to);
      if (colon < 0 || colon !== item.from + 1 || ts.kind[item.from] !== Tok.String) return;
      const dictKey = stringValue(ts, item.from);
      if (dictKey === undefined) return;
      const seq = chainOf(reader, ts, colon + 1, item.to);
      outputs.push({ key: dictKey, ...(seq ? { seq, ...(layerName(seq.layers.at(-1)) ? { name: layerName(seq.layers.at(-1)) } : {}) } : {}) });
    } else {
      const seq = chainOf(reader, ts, item.from, item.to);
      const n = layerName(seq?.layers.at(-1));
      outputs.push({ ...(seq ? { seq } : {}), ...(n ? { name: n } : {}) });
    }
  }
  if (!outputs.length) return;
  const model = new ReadSequence('keras', 'functional', noLayers(), true, name, undefined, outputs, bracket === '{' ? 'dict' : 'list');
  reader.byName.set(name, model);
  reader.built.push(new Construction(unit, start, model));
}

/** Token index of a top-level `:` in [from, to), or -1. */
function topColon(ts: TokenStream, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (ts.kind[i] === Tok.Open && ts.match[i] > i) { i = ts.match[i]; continue; }
    if (tokenIs(ts, i, ':')) return i;
  }
  return -1;
}

export const NO_APPENDS: SequenceReader['blocks'][number]['appends'] = [];

/** Whether tokens [from, to) name the variable of an open loop (no closure here: readListStatement runs per statement). */
function usesLoopVariable(reader: SequenceReader, ts: TokenStream, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (ts.kind[i] !== Tok.Name) continue;
    const name = tokenText(ts, i);
    for (const b of reader.blocks) if (b.variable === name) return true;
  }
  return false;
}

/** The block keyword name token t is (`match`/`case` as soft keywords at a statement's start), or ''. */
function compoundKeyword(ts: TokenStream, t: number): string {
  const word = statementKeyword(ts, t);
  return word === 'global' || word === 'nonlocal' ? '' : word;
}

/** Longest literal `range(N)` whose appends are repeated; longer loops leave their lists unknown. */
const MAX_REPEAT = 64;

/** The innermost open `for _ in range(N)` loop, which collects the appends of its body. */
function innermostLoop(reader: SequenceReader): SequenceReader['blocks'][number] | undefined {
  for (let i = reader.blocks.length - 1; i >= 0; i--) if (reader.blocks[i].repeat !== undefined && reader.blocks[i].repeat !== 1) return reader.blocks[i];
  return undefined;
}

/** Closes the blocks a statement at `indent` of `unit` is no longer inside: a loop's appends land N times. */
function closeBlocks(reader: SequenceReader, unit: number, indent: number): void {
  while (reader.blocks.length) {
    const top = reader.blocks[reader.blocks.length - 1];
    if (top.unit === unit && top.indent < indent) return;
    reader.blocks.pop();
    const target = innermostLoop(reader);
    for (let k = 0; k < (top.repeat ?? 0); k++) {
      for (const a of top.appends) {
        if (target) target.appends.push(a);
        else reader.lists.get(a.list)?.layers.push(a.node);
      }
    }
  }
}

/**
 * Lists of layers built by statements: `layers = []`, `layers.append(nn.Linear(8, 8))`, `layers += [nn.ReLU()]`,
 * `layers.extend([...])`, at the top of a function or in `for _ in range(N):` loops (repeated N times). An append
 * under `if`/`while`/another loop, or one that uses the loop variable, makes the list unknown. True when the
 * statement was such a list statement (nothing else to read in it).
 */
function readListStatement(reader: SequenceReader, unitIndex: number, unit: ScanUnit, names: Names, t: number, end: number): boolean {
  const { ts } = unit;
  closeBlocks(reader, unitIndex, ts.indent[t]);
  if (ts.kind[t] !== Tok.Name) return false;
  const word = compoundKeyword(ts, t);
  if (word) {
    let repeat: number | undefined;
    let variable: string | undefined;
    // for NAME in range(N):
    if (word === 'for' && ts.kind[t + 1] === Tok.Name && tokenIs(ts, t + 2, 'in') && tokenIs(ts, t + 3, 'range') && tokenIs(ts, t + 4, '(') && ts.kind[t + 5] === Tok.Number && ts.match[t + 4] === t + 6 && tokenIs(ts, t + 7, ':')) {
      const n = Number(tokenText(ts, t + 5));
      if (Number.isInteger(n) && n >= 0 && n <= MAX_REPEAT) { repeat = n; variable = tokenText(ts, t + 1); }
    }
    // def/class/with/try bodies run once when they run; other bodies may not run, or run an unknown number of times.
    const once = word === 'def' || word === 'class' || word === 'with' || word === 'try' || word === 'async';
    const indent = ts.indent[t];
    const times = repeat ?? (once ? 1 : undefined);
    // A block run once that names no loop variable changes nothing below it (def, class, with, try): not kept.
    if (times === 1 && !variable) return false;
    // Only loops that repeat (see innermostLoop) collect appends; other blocks share one list nothing is added to.
    const appends = times !== undefined && times !== 1 ? [] : NO_APPENDS;
    reader.blocks.push(variable ? { indent, unit: unitIndex, repeat: times, variable, appends } : { indent, unit: unitIndex, repeat: times, appends });
    return false;
  }
  // layers = []
  if (isChar(ts, t + 1, 61 /* = */) && tokenIs(ts, t + 2, '[') && ts.match[t + 2] === t + 3 && t + 4 === end) {
    reader.lists.set(tokenText(ts, t), { layers: [], valid: true });
    return true;
  }
  if (!reader.lists.size) return false;
  const name = tokenText(ts, t);
  const list = reader.lists.get(name);
  if (!list) return false;
  let from = -1;
  let to = -1;
  let single = false;
  if (tokenIs(ts, t + 1, '.') && (tokenIs(ts, t + 2, 'append') || tokenIs(ts, t + 2, 'extend')) && tokenIs(ts, t + 3, '(') && ts.match[t + 3] === end - 1) {
    single = tokenIs(ts, t + 2, 'append');
    from = t + 4;
    to = end - 1;
  } else if (tokenIs(ts, t + 1, '+=')) {
    from = t + 2;
    to = end;
  } else {
    // Any other statement starting with the list's name may change it.
    list.valid = false;
    return false;
  }
  const items = single ? [{ from, to }] : tokenIs(ts, from, '[') && ts.match[from] === to - 1 ? callArgs(ts, from).filter((a) => !a.keyword && !a.star) : undefined;
  const conditional = reader.blocks.some((b) => b.repeat === undefined);
  if (!items || conditional) { list.valid = false; return true; }
  for (const item of items) {
    // An element that uses a loop variable differs from one iteration to the next.
    if (usesLoopVariable(reader, ts, item.from, item.to)) { list.valid = false; return true; }
    const node = itemLayer(unitIndex, unit, names, item.from, item.to, OTHER);
    if (!node) { list.valid = false; return true; }
    const layer = placed(node, 'torch', undefined);
    const loop = innermostLoop(reader);
    if (loop) loop.appends.push({ list: name, node: layer });
    else list.layers.push(layer);
  }
  return true;
}
