/**
 * Builds the model graph from the structure reader's sequences (src/core/rules/model), which already walk the
 * scanner's tokens once: this adds what the graph promises beyond them (input widths, kernel sizes, rates,
 * initialisers, bias flags, positions) without reading the source a second time.
 */
import type { CallArg } from '../python/callArgs';
import type { LineIndex } from '../python/lineIndex';
import { literalValue, NOT_LITERAL } from '../python/literal';
import type { TokenStream } from '../python/tokenizer';
import { parseCells, parsePython, unitLines, type ParsedSource } from '../scan';
import { readModel, type LayerNode, type ModelInfo, type Sequence, type Writable } from '../rules/model';
import { argument, isCallAt } from '../rules/model/layers';
import { readDotted } from '../rules/model/resolve';
import type { GraphActivation, GraphLayer, GraphLayerKind, ModelGraph, ModelSource, ProgramGraph, SourceRange } from './types';
import { MemoOnKey } from '../memoOnKey';

/**
 * Offsets to positions, one line index per unit built on first use. A graph asks for ranges in source order, mostly
 * on one line or the next: the line of the previous answer is tried before a binary search.
 */
export class Positions {
  private readonly indexes: (LineIndex | undefined)[] = [];
  private lastUnit = -1;
  private lastLine = 0;
  constructor(private readonly parsed: ParsedSource) {}

  range(unit: number, start: number, end: number): SourceRange {
    const index = (this.indexes[unit] ??= unitLines(this.parsed.units[unit]));
    const line = this.lineOf(unit, index, start);
    const endLine = end === start ? line : this.lineOf(unit, index, end);
    const col = start - index.lineStart(line);
    const endCol = end - index.lineStart(endLine);
    const cell = this.parsed.units[unit].cell;
    // Two literal shapes (not a spread): these are made for every layer of every model.
    return cell === undefined ? { unit, start, end, line, col, endLine, endCol } : { unit, cell, start, end, line, col, endLine, endCol };
  }

  private lineOf(unit: number, index: LineIndex, offset: number): number {
    let line = this.lastLine;
    const last = index.lineCount - 1;
    if (unit !== this.lastUnit || line > last || index.lineStart(line) > offset) line = index.lineAt(offset);
    else {
      // At most a few lines ahead; beyond that a binary search is cheaper.
      for (let step = 0; line < last && index.lineStart(line + 1) <= offset; step++) {
        if (step === 4) { line = index.lineAt(offset); break; }
        line++;
      }
    }
    this.lastUnit = unit;
    this.lastLine = line;
    return line;
  }
}

function literal(ts: TokenStream, arg: CallArg | undefined): unknown {
  if (!arg) return undefined;
  const v = literalValue(ts, arg.from, arg.to);
  return v === NOT_LITERAL ? undefined : v;
}

function literalNumber(ts: TokenStream, arg: CallArg | undefined): number | undefined {
  const v = literal(ts, arg);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function graphKind(node: LayerNode): GraphLayerKind {
  if (node.residualFrom !== undefined) return 'add';
  const last = node.qualified.slice(node.qualified.lastIndexOf('.') + 1);
  switch (node.kind) {
    case 'dense': return 'linear';
    case 'conv': return 'conv';
    case 'activation': return 'activation';
    case 'norm': return 'norm';
    case 'dropout':
    case 'alpha-dropout': return 'dropout';
    case 'shape': return last === 'Flatten' ? 'flatten' : 'other';
    default: return /Pool(?:ing)?(?:[123][dD])?$/.test(last) ? 'pool' : 'other';
  }
}

/** `3` on a 2-D convolution is `[3, 3]`; a literal tuple is kept. */
function kernelSize(ts: TokenStream, node: LayerNode): number[] | undefined {
  const last = node.qualified.slice(node.qualified.lastIndexOf('.') + 1);
  const found = node.framework === 'torch' ? argument(node.args, 'kernel_size', last.startsWith('Lazy') ? 1 : 2) : argument(node.args, 'kernel_size', 1);
  const v = literal(ts, found?.arg);
  const dims = Number(/([123])[dD]/.exec(last)?.[1] ?? 0);
  if (typeof v === 'number' && dims > 0) return Array.from({ length: dims }, () => v);
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number')) return v as number[];
  return undefined;
}

function inFeatures(ts: TokenStream, node: LayerNode): number | undefined {
  const last = node.qualified.slice(node.qualified.lastIndexOf('.') + 1);
  if (node.framework === 'torch') {
    if (last.startsWith('Lazy')) return undefined;
    if (node.kind === 'dense') return literalNumber(ts, argument(node.args, 'in_features', 0)?.arg);
    if (node.kind === 'conv') return literalNumber(ts, argument(node.args, 'in_channels', 0)?.arg);
    return undefined;
  }
  const dim = literalNumber(ts, argument(node.args, 'input_dim')?.arg);
  if (dim !== undefined) return dim;
  const shape = literal(ts, argument(node.args, 'input_shape')?.arg);
  const lastDim = Array.isArray(shape) ? shape[shape.length - 1] : undefined;
  return typeof lastDim === 'number' ? lastDim : node.inputWidth;
}

/** `'he_normal'`, `HeNormal()`, `initializers.HeNormal(seed=1)` -> `he_normal`, with the call's offsets. */
function kerasInitializer(ts: TokenStream, node: LayerNode): { name: string; call?: { start: number; end: number } } | undefined {
  if (node.kernelInitializer !== undefined) return { name: node.kernelInitializer };
  const found = argument(node.args, 'kernel_initializer');
  if (!found) return undefined;
  const callee = readDotted(ts, found.arg.from);
  if (!callee) return undefined;
  const isCall = isCallAt(ts, callee.next) && ts.match[callee.next] === found.arg.to - 1;
  if (!isCall && callee.next !== found.arg.to) return undefined;
  const last = callee.text.slice(callee.text.lastIndexOf('.') + 1);
  const name = last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return isCall ? { name, call: { start: ts.start[found.arg.from], end: ts.end[found.arg.to - 1] } } : { name };
}

function bias(ts: TokenStream, node: LayerNode): boolean | undefined {
  const v = literal(ts, argument(node.args, node.framework === 'torch' ? 'bias' : 'use_bias')?.arg);
  return v === false ? false : undefined;
}

function activationOf(positions: Positions, node: LayerNode): GraphActivation | undefined {
  if ((node.kind === 'dense' || node.kind === 'conv') && node.framework === 'torch') return { name: 'linear' };
  const a = node.activation;
  if (!a) return undefined;
  const u = a.usage;
  const out: Writable<GraphActivation> = { name: a.name };
  if (u) {
    for (const _ in u.params) { out.params = u.params; break; }
    out.range = positions.range(node.unit, u.start, u.end);
  }
  return out;
}

/**
 * Keys are set in one fixed order (the order JSON output and tests see), only when there is a value. Whatever this
 * reads must also be part of the structure in structureMemo.ts (predictions are shared by it).
 */
function graphLayer(positions: Positions, seq: Sequence, node: LayerNode): GraphLayer {
  const ts = node.ts;
  const kind = graphKind(node);
  const torch = node.framework === 'torch';
  const weights = kind === 'linear' || kind === 'conv';
  const out: Writable<GraphLayer> = { kind, framework: node.framework, written: node.written, qualified: node.qualified, range: positions.range(node.unit, node.start, node.end) };
  const p = node.placement;
  if (p.kind === 'forward') out.appliedAt = positions.range(node.unit, p.callStart, p.callEnd);
  const activation = activationOf(positions, node);
  if (activation) out.activation = activation;
  if (node.units !== undefined) out.width = node.units;
  const inF = weights ? inFeatures(ts, node) : undefined;
  if (inF !== undefined) out.inFeatures = inF;
  const kernel = kind === 'conv' ? kernelSize(ts, node) : undefined;
  if (kernel) out.kernelSize = kernel;
  const keras = torch ? undefined : kerasInitializer(ts, node);
  const torchInit = torch ? seq.inits?.get(node) : undefined;
  const init = keras?.name ?? torchInit?.name;
  if (init !== undefined) out.initializer = init;
  if (keras?.call) out.initializerAt = positions.range(node.unit, keras.call.start, keras.call.end);
  else if (torchInit) out.initializerAt = positions.range(torchInit.unit, torchInit.start, torchInit.end);
  const biasInit = torch ? seq.biasInits?.get(node) : undefined;
  if (biasInit) {
    out.biasInitializer = biasInit.name;
    out.biasInitializerAt = positions.range(biasInit.unit, biasInit.start, biasInit.end);
  }
  const b = weights ? bias(ts, node) : undefined;
  if (b !== undefined) out.bias = b;
  const rate = kind === 'dropout' ? literalNumber(ts, argument(node.args, torch ? 'p' : 'rate', 0)?.arg) : undefined;
  if (rate !== undefined) out.rate = rate;
  if (node.residualFrom !== undefined) out.residualFrom = node.residualFrom;
  return out;
}

function sourceOf(seq: Sequence): ModelSource {
  if (seq.framework === 'torch') return seq.source === 'module' ? 'torch-module' : 'torch-sequential';
  if (seq.source === 'module') return 'keras-subclass';
  // `Sequential()` followed by `.add(...)` calls is recorded as the Sequential the adds extend.
  if (seq.source === 'add' || seq.layers.some((l) => l.placement.kind === 'add')) return 'keras-add';
  return seq.source === 'sequential' ? 'keras-sequential' : 'keras-functional';
}

/** The structure reader's sequence each graph model was built from (its layers map one to one, in order). */
const sequenceOfModel = new MemoOnKey<ModelGraph, Sequence>('sequence');

/**
 * The sequence a model of `graphFromInfo` was built from: `layers[i]` of the model is `layers[i]` of the sequence, so
 * a rule can reach the layer's tokens and call arguments. Undefined for graphs made another way.
 */
export function sequenceOf(model: ModelGraph): Sequence | undefined {
  return sequenceOfModel.get(model);
}

/**
 * The graph of one read structure, made as asked: the rules ask for a few models, CodeLenses and views for all of
 * them, and both get the same model objects (one per document version).
 */
class GraphOfInfo {
  readonly positions: Positions;
  private readonly models = new Map<Sequence, ModelGraph>();
  private ids?: Map<Sequence, number>;
  private moduleAttrs?: Set<LayerNode>;
  whole?: ProgramGraph;

  constructor(readonly parsed: ParsedSource, private readonly info: ModelInfo) {
    this.positions = new Positions(parsed);
  }

  /**
   * Whether a sequence is a Sequential attribute of a module (`self.net = nn.Sequential(...)`) whose layers the
   * module's own graph also lists: such models are marked inner and are not predicted on their own.
   */
  inner(seq: Sequence): boolean {
    if (seq.source !== 'sequential' || seq.name?.startsWith('self.') !== true) return false;
    if (!this.moduleAttrs) {
      this.moduleAttrs = new Set();
      for (const s of this.info.sequences) if (s.source === 'module') for (const l of s.layers) this.moduleAttrs.add(l);
    }
    const attrs = this.moduleAttrs;
    return seq.layers.some((l) => attrs.has(l));
  }

  /** The model of a sequence with layers, with the id it has in the whole graph. */
  model(seq: Sequence): ModelGraph {
    let model = this.models.get(seq);
    if (!model) {
      if (!this.ids) {
        this.ids = new Map();
        for (const s of this.info.sequences) if (s.layers.length) this.ids.set(s, this.ids.size);
      }
      const id = this.ids.get(seq);
      if (id === undefined) throw new Error('not a sequence with layers of this structure');
      model = this.build(seq, id);
      this.models.set(seq, model);
    }
    return model;
  }

  graph(): ProgramGraph {
    if (this.whole) return this.whole;
    const models: ModelGraph[] = [];
    for (const seq of this.info.sequences) {
      if (!seq.layers.length) continue;
      let model = this.models.get(seq);
      // Kept, so a model asked for later (`model(seq)`) is the same object as the graph's.
      if (!model) this.models.set(seq, (model = this.build(seq, models.length)));
      models.push(model);
    }
    return (this.whole = { models });
  }

  private build(seq: Sequence, id: number): ModelGraph {
    const positions = this.positions;
    const at = seq.at ?? seq.layers[0];
    // Keys in one fixed order, each only when it has a value (as JSON output and tests see them).
    const model = { id, framework: seq.framework === 'torch' ? 'torch' : 'keras', source: sourceOf(seq) } as Writable<ModelGraph>;
    if (seq.name) model.name = seq.name;
    model.range = positions.range(at.unit, at.start, at.end);
    model.layers = seq.layers.map((l) => graphLayer(positions, seq, l));
    model.ordered = seq.ordered;
    if (this.inner(seq)) model.inner = true;
    sequenceOfModel.set(model, seq);
    return model;
  }
}

/** Graphs by the structure they were built from (one per document version: rules, CodeLenses and views share it). */
const graphs = new MemoOnKey<ModelInfo, GraphOfInfo>('graph');

function graphOf(parsed: ParsedSource, info: ModelInfo): GraphOfInfo {
  let known = graphs.get(info);
  if (!known || known.parsed !== parsed) graphs.set(info, (known = new GraphOfInfo(parsed, info)));
  return known;
}

/** The graph of every model in already-read structure (shared with the rules, so nothing is read twice). */
export function graphFromInfo(parsed: ParsedSource, info: ModelInfo): ProgramGraph {
  return graphOf(parsed, info).graph();
}

/**
 * The graph model of one sequence with layers (the same object `graphFromInfo` lists), made alone when the whole
 * graph is not: a rule that needs a few models does not pay for all of them.
 */
export function modelOfSequence(parsed: ParsedSource, info: ModelInfo, seq: Sequence): ModelGraph {
  return graphOf(parsed, info).model(seq);
}

/** Whether the graph marks the sequence's model inner (a module's Sequential attribute; not predicted on its own). */
export function innerSequence(parsed: ParsedSource, info: ModelInfo, seq: Sequence): boolean {
  return graphOf(parsed, info).inner(seq);
}

/** The graph of every model in parsed source. Never throws: a reader failure yields no models. */
export function buildGraph(parsed: ParsedSource): ProgramGraph {
  try {
    return graphFromInfo(parsed, readModel(parsed));
  } catch {
    return { models: [] };
  }
}

/** The model graph of one Python source. */
export function graphOfPython(text: string): ProgramGraph {
  return buildGraph(parsePython(text));
}

/** The model graph of notebook code cells, read as one program in cell order. */
export function graphOfCells(cells: readonly { readonly index: number; readonly text: string }[]): ProgramGraph {
  return buildGraph(parseCells(cells));
}
