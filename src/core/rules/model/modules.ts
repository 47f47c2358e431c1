/**
 * PyTorch modules: `self.x = nn.Linear(...)` in `__init__` and the order `forward` applies them (and activation
 * functions) in. Calls are ordered by where they close, so `F.relu(self.fc(x))` reads fc, then relu.
 */
import { callArgs, type CallArg } from '../../python/callArgs';
import { stringValue } from '../../python/literal';
import { isChar, Tok, tokenIs, tokenText, type TokenStream } from '../../python/tokenizer';
import type { ScanUnit, Usage } from '../../scan';
import { isCallAt, isLayerClass, OTHER, readLayer, withPlacement, withResidual } from './layers';
import type { Names } from './names';
import { blockStatements, firstUsageFrom, qualifyMemo, sortedUsages, statementEnd, tokenIndexAt } from './resolve';
import { ForwardPlacement } from './placement';
import { assignmentTarget, type SequenceReader } from './sequences';
import { initEvents, NO_INIT_EVENTS, type ClassBody, type InitEvent } from './inits';
import { residualAdds, type ResidualAdd } from './residuals';
import type { Statements } from './statements';
import { attrAt, attrLayer, clearAttrs, ModuleSequence, releaseAttrs, setAttr, type AttrSource } from './attrs';
import type { ActivationArg, InitCall, LayerNode, Sequence, Writable } from './types';
import { statementKeyword } from '../../python/statements';

const BRANCHING = new Set(['if', 'for', 'while', 'try', 'with', 'elif', 'else', 'match']);

/** Whether tokens i..i+2 are `self`, `.` and a name (as `tokenIs` on each, compared in place). */
function isSelfDot(ts: TokenStream, i: number): boolean {
  if (i + 2 >= ts.count || ts.kind[i] !== Tok.Name || ts.kind[i + 2] !== Tok.Name || ts.end[i] - ts.start[i] !== 4) return false;
  const at = ts.start[i];
  const { text } = ts;
  return text.charCodeAt(at) === 115 && text.charCodeAt(at + 1) === 101 && text.charCodeAt(at + 2) === 108 && text.charCodeAt(at + 3) === 102
    && ts.end[i + 1] - ts.start[i + 1] === 1 && text.charCodeAt(ts.start[i + 1]) === 46;
}

/** Whether statement s starts with a branching keyword. */
function isBranching(ts: TokenStream, s: number): boolean {
  return BRANCHING.has(statementKeyword(ts, s));
}

/** A call in the forward: one layer (`layer`) or several (`layers`, a Sequential's), placed where the call closes. */
interface Op {
  layer: LayerNode | undefined;
  layers: readonly LayerNode[] | undefined;
  closeAt: number;
  residual: ResidualAdd | undefined;
  /** `layer(x)` inside `for layer in self.blocks:`: stands for the element of each iteration. */
  element: boolean;
}

/** `for layer in self.blocks:` over an `nn.ModuleList` with a straight body: unrolled, one pass per element. */
interface ListLoop {
  readonly variable: string;
  readonly elements: readonly LayerNode[];
  /** Offsets of the loop body. */
  readonly from: number;
  readonly to: number;
}

/**
 * The ops of the module being read, `OPS[0..count)`: one list of op objects reused from module to module (readModule
 * is not re-entered), as new ones per module (and the list's storage, freed by `length = 0`) were a large share of
 * what a file of many modules allocated. Emptied after each unit, so it keeps no parse alive.
 */
const OPS: Op[] = [];

/** Sets op k of OPS (reusing the object there) and returns k + 1. */
function setOp(k: number, layer: LayerNode | undefined, layers: readonly LayerNode[] | undefined, closeAt: number, residual?: ResidualAdd, element = false): number {
  const o = OPS[k];
  if (o === undefined) OPS[k] = { layer, layers, closeAt, residual, element };
  else { o.layer = layer; o.layers = layers; o.closeAt = closeAt; o.residual = residual; o.element = element; }
  return k + 1;
}

/** The layers of an op, counted. */
function opLength(o: Op): number {
  return o.layer ? 1 : o.layers!.length;
}

const NO_LAYERS: readonly LayerNode[] = Object.freeze([]);


/** The loops of a module without ModuleLists: there are none, and no list is made for them. */
const NO_LOOPS: ListLoop[] = [];

/** Longest ModuleList read from a comprehension (`for _ in range(N)`); longer ones are not unrolled. */
const MAX_REPEAT = 64;

/**
 * `nn.ModuleList([nn.Linear(8, 8), nn.ReLU()])` or `nn.ModuleList([nn.Linear(8, 8) for _ in range(3)])` with a
 * literal count: the layers in order. Items that are not layers keep their place as unknown layers.
 */
function moduleList(unitIndex: number, unit: ScanUnit, names: Names, open: number): LayerNode[] | undefined {
  const { ts } = unit;
  const arg = callArgs(ts, open);
  if (arg.length !== 1 || arg[0].keyword || arg[0].star || !tokenIs(ts, arg[0].from, '[') || ts.match[arg[0].from] !== arg[0].to - 1) return undefined;
  const lb = arg[0].from;
  const rb = arg[0].to - 1;
  const item = (from: number, to: number): LayerNode => {
    const callee = names.dottedAt(from);
    const qualified = callee && isCallAt(ts, callee.next) && ts.match[callee.next] === to - 1 ? names.qualifiedAt(from) : undefined;
    const node = qualified && callee ? readLayer(unitIndex, ts, unit.usages, qualified, callee.text, from, callee.next, OTHER) : undefined;
    return node ?? { unit: unitIndex, ts, framework: 'torch', kind: 'other', qualified: '', written: tokenText(ts, from), open: from, start: ts.start[from], end: ts.end[to - 1], args: [], placement: OTHER };
  };
  // [CALL for NAME in range(N)]
  let forTok = -1;
  for (let i = lb + 1; i < rb; i++) {
    if (ts.kind[i] === Tok.Open && ts.match[i] > i) { i = ts.match[i]; continue; }
    if (tokenIs(ts, i, 'for')) { forTok = i; break; }
  }
  if (forTok >= 0) {
    const r = forTok + 3;
    if (ts.kind[forTok + 1] !== Tok.Name || !tokenIs(ts, forTok + 2, 'in') || !tokenIs(ts, r, 'range') || !isCallAt(ts, r + 1)) return undefined;
    const count = callArgs(ts, r + 1);
    if (ts.match[r + 1] !== rb - 1 || count.length !== 1 || count[0].to - count[0].from !== 1 || ts.kind[count[0].from] !== Tok.Number) return undefined;
    const n = Number(tokenText(ts, count[0].from));
    if (!Number.isInteger(n) || n < 1 || n > MAX_REPEAT) return undefined;
    // The element must not depend on the loop variable (`nn.Linear(dims[i], dims[i + 1])` has other widths each time).
    for (let i = lb + 1; i < forTok; i++) if (ts.kind[i] === Tok.Name && tokenText(ts, i) === tokenText(ts, forTok + 1)) return undefined;
    const node = item(lb + 1, forTok);
    return Array.from({ length: n }, () => node);
  }
  return listItemsOf(ts, lb).map((a) => item(a.from, a.to));
}

/** `nn.ModuleDict({'age': nn.Linear(32, 1), ...})` with literal string keys: the layer of each key. */
function moduleDict(unitIndex: number, unit: ScanUnit, names: Names, open: number): Map<string, LayerNode> | undefined {
  const { ts } = unit;
  const arg = callArgs(ts, open);
  if (arg.length !== 1 || arg[0].keyword || arg[0].star || !tokenIs(ts, arg[0].from, '{') || ts.match[arg[0].from] !== arg[0].to - 1) return undefined;
  const entries = new Map<string, LayerNode>();
  for (const item of callArgs(ts, arg[0].from)) {
    if (item.star || item.keyword || ts.kind[item.from] !== Tok.String || !tokenIs(ts, item.from + 1, ':')) return undefined;
    const key = stringValue(ts, item.from);
    const callee = names.dottedAt(item.from + 2);
    if (key === undefined || !callee || !isCallAt(ts, callee.next) || ts.match[callee.next] !== item.to - 1) continue;
    const qualified = names.qualifiedAt(item.from + 2);
    const node = qualified ? readLayer(unitIndex, ts, unit.usages, qualified, callee.text, item.from + 2, callee.next, OTHER) : undefined;
    if (node) entries.set(key, node);
  }
  return entries;
}

function listItemsOf(ts: TokenStream, open: number): { from: number; to: number }[] {
  return callArgs(ts, open).filter((a) => !a.keyword && !a.star);
}

const KERAS_BASES = new Set(['keras.Model', 'keras.models.Model', 'keras.layers.Layer', 'keras.Layer']);

/** Whether `class X(...)` at token t names a Keras `Model` or `Layer` among its bases. */
function kerasBase(names: Names, t: number): boolean {
  const { ts } = names;
  const open = t + 2;
  if (!tokenIs(ts, open, '(') || ts.match[open] < 0) return false;
  return callArgs(ts, open).some((a) => {
    const base = a.keyword ? undefined : names.dottedAt(a.from);
    const qualified = base && base.next === a.to ? names.qualifiedAt(a.from) : undefined;
    return qualified !== undefined && KERAS_BASES.has(qualified);
  });
}

/**
 * Reads every `class X(...)` whose body has both `__init__` and `forward` (PyTorch), or `__init__` and `call` with a
 * Keras `Model` or `Layer` base (subclassed Keras models and layers).
 */
export function readModules(reader: SequenceReader, unitIndex: number, unit: ScanUnit, names: Names, statements: Statements, classes: readonly number[]): void {
  const { starts, ends } = statements;
  const { ts } = unit;
  // One body object for every class: readModule reads it and keeps nothing of it.
  const cls: Writable<ClassBody> = { starts, ends, from: 0, to: 0 };
  const source: AttrSource = { unitIndex, unit, scope: names.scope, memo: qualifyMemo(names.scope) };
  // The unit's usages by start, looked up once for all its classes (a weak-map lookup per class otherwise).
  const sorted = sortedUsages(unit.usages);
  try {
    for (let c = 0; c < classes.length; c++) {
      const k = classes[c];
      const t = starts[k];
      if (ts.kind[t + 1] !== Tok.Name) continue;
      // The class body is the run of statement starts indented under it; each method's body is a run within it.
      const e = blockEnd(ts, starts, k);
      // The last `def` of each name wins, as in Python.
      let init = -1;
      let forward = -1;
      let call = -1;
      for (let j = k + 1; j < e; j++) {
        const s = starts[j];
        // Most statements are not `def`s: told by their length before any comparison.
        if (ts.end[s] - ts.start[s] !== 3 || ts.kind[s + 1] !== Tok.Name || !ts.text.startsWith('def', ts.start[s])) continue;
        // The method's name told by its length first: one comparison of text per `def`.
        const at = ts.start[s + 1];
        const length = ts.end[s + 1] - at;
        if (length === 8 && ts.text.startsWith('__init__', at)) init = j;
        else if (length === 7 && ts.text.startsWith('forward', at)) forward = j;
        else if (length === 4 && ts.text.startsWith('call', at)) call = j;
      }
      const keras = forward < 0 && call >= 0 && kerasBase(names, t);
      const body = keras ? call : forward;
      if (init < 0 || body < 0) continue;
      cls.from = k + 1;
      cls.to = e;
      const seq = readModule(reader, source, names, sorted, t, cls, init, body, keras ? 'keras' : 'torch');
      if (seq) reader.sequences.push(seq);
    }
  } finally {
    // The shared lists must not keep this parse's layers (and tokens) alive, even when reading failed.
    OPS.length = 0;
    usageCursor = 0;
    releaseAttrs();
  }
}

/**
 * The statements of the block under the header `starts[k]`, as `blockStatements` reads them: `starts[k + 1..end)`,
 * the end returned (a range, not a list: a file of many modules made two lists per class).
 */
function blockEnd(ts: TokenStream, starts: ArrayLike<number>, k: number): number {
  const own = ts.indent[starts[k]];
  let e = k + 1;
  while (e < starts.length && ts.indent[starts[e]] > own) e++;
  return e;
}

/**
 * A module class, its __init__ and its forward (or Keras call), by index in the unit's statement starts.
 */
function readModule(reader: SequenceReader, source: AttrSource, names: Names, sorted: readonly Usage[], classTok: number, cls: ClassBody, initAt: number, forwardAt: number, framework: 'torch' | 'keras'): Sequence | undefined {
  const { unitIndex, unit } = source;
  const { ts } = unit;
  const forward = cls.starts[forwardAt];
  const { starts, ends } = cls;
  const initEnd = blockEnd(ts, starts, initAt);
  // The forward's statements are starts[bodyFrom..bodyTo).
  const bodyFrom = forwardAt + 1;
  const bodyTo = blockEnd(ts, starts, forwardAt);
  // self.attr -> its layers (an nn.Sequential expands to its items); nn.ModuleList attributes -> their elements
  clearAttrs();
  // Made when first needed: most modules have neither.
  let lists: Map<string, readonly LayerNode[]> | undefined;
  let dicts: Map<string, ReadonlyMap<string, LayerNode>> | undefined;
  for (let j = initAt + 1; j < initEnd; j++) {
    const s = starts[j];
    const end = ends[j];
    names.statement(s, end);
    const assigned = assignmentTarget(names, s);
    if (!assigned || !assigned.name.startsWith('self.')) continue;
    // Most files of modules build no model by name (a lookup hashed every attribute's name).
    const seq = reader.byName.size ? reader.byName.get(assigned.name) : undefined;
    if (seq && seq.layers.length && ((seq.layers[0].start >= ts.start[assigned.value] && seq.layers[0].unit === unitIndex) || (seq.at?.unit === unitIndex && seq.at.start === ts.start[assigned.value]))) {
      setAttr(assigned.name, s, seq.layers);
      continue;
    }
    const callee = names.dottedAt(assigned.value);
    if (!callee || !isCallAt(ts, callee.next) || ts.match[callee.next] !== end - 1) continue;
    const qualified = names.qualifiedAt(assigned.value);
    if (!qualified) continue;
    if (qualified === 'torch.nn.ModuleList') {
      const elements = moduleList(unitIndex, unit, names, callee.next);
      if (elements) (lists ??= new Map()).set(assigned.name, elements);
      continue;
    }
    if (qualified === 'torch.nn.ModuleDict') {
      const entries = moduleDict(unitIndex, unit, names, callee.next);
      if (entries) (dicts ??= new Map()).set(assigned.name, entries);
      continue;
    }
    // Its node is made where the forward calls it, or when the attributes are read.
    if (isLayerClass(qualified)) setAttr(assigned.name, s, assigned.value);
  }
  if (bodyTo === bodyFrom) return undefined;
  const from = ts.start[starts[bodyFrom]];
  const last = starts[bodyTo - 1];
  const to = ts.end[ends[bodyTo - 1] - 1] ?? ts.text.length;
  let count = 0;
  let ordered = true;
  const loops: ListLoop[] = lists ? [] : NO_LOOPS;
  for (let j = bodyFrom; j < bodyTo; j++) {
    const s = starts[j];
    if (!isBranching(ts, s)) continue;
    const loop = lists ? listLoop(ts, s, lists) : undefined;
    if (loop) loops.push(loop);
    else ordered = false;
  }
  // A loop over a list is unrolled only when every statement of its body is straight-line code.
  for (let k = 0; k < loops.length; k++) {
    const loop = loops[k];
    for (let j = bodyFrom; j < bodyTo; j++) {
      const s = starts[j];
      if (ts.start[s] >= loop.from && ts.start[s] < loop.to && isBranching(ts, s)) ordered = false;
    }
  }
  // self.attr(...) calls
  // The forward's first token is its first statement's (a search over every token of the file found the same one).
  let first = starts[bodyFrom];
  while (first > 0 && ts.start[first - 1] >= from) first--;
  // Whether any token of the forward starts with `+` (`+`, `+=`): every residual addition has one.
  let plus = false;
  for (let i = first; i < ts.count && ts.start[i] < to; i++) {
    if (ts.text.charCodeAt(ts.start[i]) === 43 /* + */) plus = true;
    // `layer(x)` inside `for layer in self.blocks:`
    if (loops.length && ts.kind[i] === Tok.Name && isCallAt(ts, i + 1) && !(i > 0 && tokenIs(ts, i - 1, '.')) && ts.match[i + 1] > 0) {
      const loop = loopOver(loops, ts, i);
      if (loop) { count = setOp(count, undefined, NO_LAYERS, ts.end[ts.match[i + 1]], undefined, true); continue; }
    }
    // Every call below starts with `self.NAME`: other tokens are passed over at once.
    if (!isSelfDot(ts, i)) continue;
    // `self.blocks[0](x)`: one element of a list
    if (tokenIs(ts, i + 3, '[') && ts.match[i + 3] === i + 5 && isCallAt(ts, i + 6) && ts.match[i + 6] > 0) {
      const elements = lists?.get(`self.${tokenText(ts, i + 2)}`);
      const index = ts.kind[i + 4] === Tok.Number ? Number(tokenText(ts, i + 4)) : NaN;
      if (elements && Number.isInteger(index) && index >= 0 && index < elements.length) {
        count = setOp(count, elements[index], undefined, ts.end[ts.match[i + 6]]);
        continue;
      }
      // `self.heads['age'](x)`: one entry of an nn.ModuleDict
      const entry = ts.kind[i + 4] === Tok.String ? dicts?.get(`self.${tokenText(ts, i + 2)}`)?.get(stringValue(ts, i + 4) ?? '') : undefined;
      if (entry) {
        count = setOp(count, entry, undefined, ts.end[ts.match[i + 6]]);
        continue;
      }
    }
    if (!isCallAt(ts, i + 3)) continue;
    const close = ts.match[i + 3];
    if (close < 0) continue;
    const attr = attrAt(ts, i);
    if (attr === undefined) {
      // A submodule we cannot read (built from a variable, a user class): it keeps its place so nothing
      // around it looks adjacent or final.
      count = setOp(count, { unit: unitIndex, ts, framework, kind: 'other', qualified: '', written: `self.${tokenText(ts, i + 2)}`, open: i + 3, start: ts.start[i], end: ts.end[close], args: [], placement: OTHER }, undefined, ts.end[close]);
      continue;
    }
    // Only a single layer's placement is a call we could rewrite; a Sequential keeps its list placement.
    if (typeof attr === 'number') count = setOp(count, attrLayer(source, attr, i, names), undefined, ts.end[close]);
    else if (attr.length === 1) count = setOp(count, withPlacement(attr[0], new ForwardPlacement(ts, i, close, i + 3)), undefined, ts.end[close]);
    else count = setOp(count, undefined, attr, ts.end[close]);
  }
  // activation functions and methods (F.softmax(x, dim=1), torch.sigmoid(x), x.softmax(1))
  for (let k = usageFrom(sorted, from); k < sorted.length && sorted[k].start < to; k++) {
    // Placed in the forward, where its call closes.
    const open = activationOpen(ts, sorted[k], framework, first);
    if (open >= 0) count = setOp(count, new ActivationCall(unitIndex, ts, sorted[k]), undefined, ts.end[ts.match[open]]);
  }
  // x = x + self.block(x): the addition follows every layer of the branch (half an offset later, so ties sort it last).
  if (ordered && plus) {
    const adds = residualAdds(ts, forward, cls, bodyFrom, bodyTo);
    for (let k = 0; k < adds.length; k++) {
      const r = adds[k];
      count = setOp(count, { unit: unitIndex, ts, framework: 'torch', kind: 'other', qualified: '', written: '+', open: -1, start: r.start, end: r.end, args: [], placement: OTHER }, undefined, r.after + 0.5, r);
    }
  }
  // OPS[0..count) in close order; a list of their own when sorted or unrolled (rare: only then is one made).
  let ops: readonly Op[] = OPS;
  let opCount = count;
  const inOrder = closeOrdered(OPS, count);
  if (!inOrder || loops.length) {
    const own = OPS.slice(0, count);
    if (!inOrder) own.sort((a, b) => a.closeAt - b.closeAt);
    if (loops.length) unroll(own, loops);
    ops = own;
    opCount = own.length;
  }
  // An element call left outside any unrolled pass (never expected) would be a hole: say the order is not known.
  let layerCount = 0;
  let residuals = false;
  let singles = true;
  for (let k = 0; k < opCount; k++) {
    const o = ops[k];
    if (o.element) ordered = false;
    if (o.residual) residuals = true;
    const m = opLength(o);
    if (m !== 1) singles = false;
    layerCount += m;
  }
  if (!layerCount) return undefined;
  // Exactly as long as needed: a module's layers are kept as long as the parse. Most forwards apply one to three
  // single layers: a literal list of them (made in place) instead of a list of a length known only now.
  const layers = !residuals && singles && opCount <= 3 ? fewLayers(ops, opCount) : new Array<LayerNode>(layerCount);
  // Where each layer's op closes, for the residual additions to find the layer they add back.
  const closes = residuals ? new Array<number>(layerCount) : undefined;
  let n = 0;
  for (let k = 0; k < opCount; k++) {
    const o = ops[k];
    const m = opLength(o);
    for (let j = 0; j < m; j++) {
      const l = o.layer ?? o.layers![j];
      let residualFrom: number | undefined;
      if (o.residual) {
        residualFrom = -1;
        for (let k = 0; k < n; k++) if (closes![k] <= o.residual.before) residualFrom = k;
      }
      layers[n] = residualFrom === undefined ? l : withResidual(l, residualFrom);
      if (closes) closes[n] = o.closeAt;
      n++;
    }
  }
  // The output is trusted only when the last op sits in the final `return` (or the assignment it returns).
  const lastOp = ops[opCount - 1].closeAt;
  // A tuple return (`return validity, label`) ends in several heads: its layers are not one chain.
  const returnsLast = tokenIs(ts, last, 'return') && lastOp <= to && lastOp >= ts.start[previousStatement(starts, bodyFrom, bodyTo, names)] && !returnsTuple(ts, last, ends[bodyTo - 1]);
  // nn.init calls are PyTorch's; a Keras subclassed model sets initialisers on its layers.
  const events: readonly InitEvent[] = framework === 'torch' ? initEvents(names, unitIndex, cls, starts, initAt + 1, initEnd) : NO_INIT_EVENTS;
  const seq = new ModuleSequence(source, framework, layers, ordered && returnsLast, classTok, forward);
  if (events.length) {
    const { inits, biasInits } = layerInits(events, seq.attrs, layers);
    if (inits.size) seq.inits = inits;
    if (biasInits.size) seq.biasInits = biasInits;
  }
  return seq;
}

/** The one layer of each of ops[0..count), 1 <= count <= 3 ops of one layer each, as a list. */
function fewLayers(ops: readonly Op[], count: number): LayerNode[] {
  // Array.of, not a literal: a check of many modules keeps these lists to its end, and V8 then made the literals'
  // later lists (every edit's) in the old generation, where each kept its young layers alive.
  const a = ops[0].layer ?? ops[0].layers![0];
  if (count === 1) return Array.of(a);
  const b = ops[1].layer ?? ops[1].layers![0];
  return count === 2 ? Array.of(a, b) : Array.of(a, b, ops[2].layer ?? ops[2].layers![0]);
}

/** Whether ops[0..count) are already in close order (mostly they are: a forward reads left to right), so no sort is needed. */
function closeOrdered(ops: readonly Op[], count: number): boolean {
  for (let k = 1; k < count; k++) if (ops[k - 1].closeAt > ops[k].closeAt) return false;
  return true;
}

/** Which init call last sets each weight layer's weight and bias (an unattributable call makes every weight unknown). */
function layerInits(events: readonly InitEvent[], attrs: ReadonlyMap<string, readonly LayerNode[]>, layers: readonly LayerNode[]): { inits: Map<LayerNode, InitCall>; biasInits: Map<LayerNode, InitCall> } {
  const inits = new Map<LayerNode, InitCall>();
  const biasInits = new Map<LayerNode, InitCall>();
  const same = (a: LayerNode, b: LayerNode): boolean => a.start === b.start && a.unit === b.unit;
  for (const e of events) {
    for (const l of layers) {
      if (l.kind !== 'dense' && l.kind !== 'conv' && e.kind !== 'class') continue;
      if (e.kind === 'opaque') { if (l.kind === 'dense' || l.kind === 'conv') inits.set(l, { ...e.call, name: 'unknown' }); continue; }
      const hit = e.kind === 'attr' ? attrs.get(e.attr)?.length === 1 && same(attrs.get(e.attr)![0], l) : e.classes.includes(l.qualified);
      if (hit) (e.part === 'weight' ? inits : biasInits).set(l, e.call);
    }
  }
  return { inits, biasInits };
}

/** The statement before the last of `starts[from..to)`, `return NAME`, when it assigns NAME; else the last itself. */
function previousStatement(starts: ArrayLike<number>, from: number, to: number, names: Names): number {
  const { ts } = names;
  const last = starts[to - 1];
  if (to - 1 > from && ts.kind[last + 1] === Tok.Name && ts.kind[last + 2] === Tok.Newline) {
    const prev = starts[to - 2];
    const assigned = assignmentTarget(names, prev);
    if (assigned && assigned.name === tokenText(ts, last + 1)) return prev;
  }
  return last;
}

/** First token of a method call's receiver (`x` in `x.softmax(1)`, `out.view(-1)` in `out.view(-1).softmax(1)`). */
function receiverStart(ts: TokenStream, nameTok: number): number {
  let i = nameTok - 2; // token before the `.`
  if (i < 0) return -1;
  for (;;) {
    if (ts.kind[i] === Tok.Close) { const o = ts.match[i]; if (o < 0) return -1; i = o - 1; }
    else if (ts.kind[i] === Tok.Name) i -= 1;
    else return -1;
    if (i >= 0 && tokenIs(ts, i, '.')) { i -= 1; continue; }
    return i + 1;
  }
}

/**
 * `tokenIndexAt(ts, offset)` for an offset at or after token `near` (-1: unknown) and close to it: a few steps from
 * there instead of a search over every token of the file (the usages of a forward sit in it). Searched as before
 * when the token is not within reach or shares its start with another.
 */
function tokenNear(ts: TokenStream, offset: number, near: number): number {
  if (near >= 0 && near < ts.count && ts.start[near] <= offset) {
    for (let i = near, steps = 0; i < ts.count && steps < 256; i++, steps++) {
      const at = ts.start[i];
      if (at < offset) continue;
      if (at === offset && ts.start[i - 1] !== offset && (i + 1 >= ts.count || ts.start[i + 1] !== offset)) return i;
      break;
    }
  }
  return tokenIndexAt(ts, offset);
}

/** Usages are read class after class, mostly in file order: where the last search ended is the next one's start. */
let usageCursor = 0;

/**
 * `firstUsageFrom(sorted, from)`, stepping on from where the previous class's search ended when that is at most the
 * answer and close to it (a search over every usage of the file per class was a large share of reading one).
 */
function usageFrom(sorted: readonly Usage[], from: number): number {
  let k = usageCursor;
  if (k > sorted.length || (k > 0 && sorted[k - 1].start >= from)) k = firstUsageFrom(sorted, from);
  else {
    for (let steps = 0; k < sorted.length && sorted[k].start < from; k++, steps++) {
      if (steps === 64) { k = firstUsageFrom(sorted, from); break; }
    }
  }
  usageCursor = k;
  return k;
}

/** Whether a usage belongs to a model of `framework` (a Keras `call` applies Keras and `tf.nn` functions). */
export function ofFramework(u: Usage, framework: 'torch' | 'keras'): boolean {
  return framework === 'torch' ? u.framework === 'torch' : u.framework === 'keras' || u.framework === 'tf';
}

/**
 * An activation function or method call as a layer node placed in code: PyTorch (`F.softmax(x, dim=1)`,
 * `x.sigmoid()`), or Keras and TensorFlow in a subclassed model's `call` (`tf.nn.relu(x)`, `keras.activations.softmax(x)`).
 */
export function activationNode(unitIndex: number, unit: ScanUnit, u: Usage, framework: 'torch' | 'keras' = 'torch', near = -1): LayerNode | undefined {
  return activationOpen(unit.ts, u, framework, near) >= 0 ? new ActivationCall(unitIndex, unit.ts, u) : undefined;
}

/** The `(` of the activation call `activationNode` reads for usage `u` (from token `near`, -1: unknown), or -1 when it reads none. */
function activationOpen(ts: TokenStream, u: Usage, framework: 'torch' | 'keras', near: number): number {
  if (!ofFramework(u, framework) || (u.form !== 'function' && u.form !== 'method') || u.callEnd === undefined) return -1;
  const nameTok = tokenNear(ts, u.start, near);
  if (nameTok < 0) return -1;
  const open = callOpenFrom(ts, nameTok);
  if (ts.match[open] < 0) return -1;
  return u.form === 'method' && receiverStart(ts, nameTok) < 0 ? -1 : open;
}

/** The first `(` of a call at or after token `nameTok`. */
function callOpenFrom(ts: TokenStream, nameTok: number): number {
  let open = nameTok;
  while (open < ts.count && !isCallAt(ts, open)) open++;
  return open;
}

/**
 * An activation function or method call as a layer node (one per forward of a file of thousands of modules), which
 * is also its own activation argument (`activation` is the node: its name and usage). What its usage holds (names,
 * offsets) is read from it, and its placement and call arguments are read from its tokens when asked: the graph and
 * the predictions read an activation from its usage, and only a few rules look at the arguments or the placement.
 * Three fields and no other object, not six fields, an activation argument and a placement (168 bytes a forward).
 */
class ActivationCall implements LayerNode, ActivationArg {
  constructor(readonly unit: number, readonly ts: TokenStream, readonly usage: Usage) {}

  /** A usage of the model's framework (`ofFramework`): a Keras model's are Keras or TensorFlow functions. */
  get framework(): 'torch' | 'keras' {
    return this.usage.framework === 'torch' ? 'torch' : 'keras';
  }

  /** The call's `(`, found again as `activationNode` found it. */
  get open(): number {
    return callOpenFrom(this.ts, tokenIndexAt(this.ts, this.usage.start));
  }

  get kind(): 'activation' {
    return 'activation';
  }

  get activation(): ActivationArg {
    return this;
  }

  get name(): string | undefined {
    return this.usage.name;
  }

  get qualified(): string {
    return this.usage.qualified ?? '';
  }

  get written(): string {
    return this.usage.written;
  }

  get start(): number {
    return this.usage.start;
  }

  get end(): number {
    return this.usage.callEnd!;
  }

  /** Found again as `activationNode` found it: the name's token, and the receiver's first token for a method. */
  get placement(): ForwardPlacement {
    const { ts } = this;
    const nameTok = tokenIndexAt(ts, this.usage.start);
    const open = callOpenFrom(ts, nameTok);
    const method = this.usage.form === 'method';
    return new ForwardPlacement(ts, method ? receiverStart(ts, nameTok) : nameTok, ts.match[open], method ? -2 - (nameTok - 1) : open);
  }

  get args(): readonly CallArg[] {
    return callArgs(this.ts, this.open);
  }
}

/** `for NAME in self.X:` at statement s, X a ModuleList attribute: the loop and its body's offsets. */
function listLoop(ts: TokenStream, s: number, lists: ReadonlyMap<string, readonly LayerNode[]>): ListLoop | undefined {
  if (!tokenIs(ts, s, 'for') || ts.kind[s + 1] !== Tok.Name || !tokenIs(ts, s + 2, 'in') || !tokenIs(ts, s + 3, 'self') || !tokenIs(ts, s + 4, '.') || ts.kind[s + 5] !== Tok.Name || !tokenIs(ts, s + 6, ':')) return undefined;
  const elements = lists.get(`self.${tokenText(ts, s + 5)}`);
  const inner = blockStatements(ts, s);
  if (!elements || !inner.length) return undefined;
  const lastEnd = statementEnd(ts, inner[inner.length - 1]);
  return { variable: tokenText(ts, s + 1), elements, from: ts.start[inner[0]], to: ts.end[lastEnd - 1] ?? ts.text.length };
}

/** The list loop whose body holds name token i and whose variable it is (a function, so readModule captures nothing). */
function loopOver(loops: readonly ListLoop[], ts: TokenStream, i: number): ListLoop | undefined {
  for (const l of loops) if (ts.start[i] >= l.from && ts.start[i] < l.to && l.variable === tokenText(ts, i)) return l;
  return undefined;
}

/** Replaces the ops of each loop body by one pass per element, in place (ops are sorted by where they close). */
function unroll(ops: Op[], loops: readonly ListLoop[]): void {
  for (const loop of loops) {
    const inside = ops.filter((o) => o.closeAt >= loop.from && o.closeAt <= loop.to);
    if (!inside.length || inside.some((o) => o.residual)) continue;
    const at = ops.indexOf(inside[0]);
    const passes: Op[] = [];
    loop.elements.forEach((element) => {
      for (const o of inside) passes.push(o.element ? { layer: element, layers: undefined, closeAt: o.closeAt, residual: undefined, element: false } : { layer: o.layer, layers: o.layers, closeAt: o.closeAt, residual: undefined, element: false });
    });
    ops.splice(at, inside.length, ...passes);
  }
}

/** Whether the `return` statement at token r (ending at token `end`) returns a tuple (a top-level comma). */
function returnsTuple(ts: TokenStream, r: number, end: number): boolean {
  for (let i = r + 1; i < end; i++) {
    if (ts.kind[i] === Tok.Open && ts.match[i] > i) { i = ts.match[i]; continue; }
    if (isChar(ts, i, 44 /* , */)) return true;
  }
  return false;
}
