/**
 * Builds the model graph from the structure reader's sequences (src/core/rules/model), which already walk the
 * scanner's tokens once: this adds what the graph promises beyond them (input widths, kernel sizes, rates,
 * initialisers, bias flags, positions) without reading the source a second time.
 */
import type { CallArg } from '../python/callArgs';
import { LineIndex } from '../python/lineIndex';
import { literalValue, NOT_LITERAL } from '../python/literal';
import type { TokenStream } from '../python/tokenizer';
import { parseCells, parsePython, type ParsedSource } from '../scan';
import { readModel, type LayerNode, type ModelInfo, type Sequence } from '../rules/model';
import { argument, isCallAt } from '../rules/model/layers';
import { readDotted } from '../rules/model/resolve';
import type { GraphActivation, GraphLayer, GraphLayerKind, ModelGraph, ModelSource, ProgramGraph, SourceRange } from './types';

/** Offsets to positions, one line index per unit built on first use. */
export class Positions {
  private readonly indexes = new Map<number, LineIndex>();
  constructor(private readonly parsed: ParsedSource) {}

  range(unit: number, start: number, end: number): SourceRange {
    let index = this.indexes.get(unit);
    if (!index) {
      index = new LineIndex(this.parsed.units[unit].text);
      this.indexes.set(unit, index);
    }
    const a = index.position(start);
    const b = index.position(end);
    const cell = this.parsed.units[unit].cell;
    return { unit, ...(cell === undefined ? {} : { cell }), start, end, line: a.line, col: a.col, endLine: b.line, endCol: b.col };
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
  return {
    name: a.name,
    ...(u && Object.keys(u.params).length ? { params: u.params } : {}),
    ...(u ? { range: positions.range(node.unit, u.start, u.end) } : {}),
  };
}

function graphLayer(positions: Positions, seq: Sequence, node: LayerNode): GraphLayer {
  const ts = node.ts;
  const kind = graphKind(node);
  const activation = activationOf(positions, node);
  const width = node.units;
  const inF = kind === 'linear' || kind === 'conv' ? inFeatures(ts, node) : undefined;
  const kernel = kind === 'conv' ? kernelSize(ts, node) : undefined;
  const keras = node.framework === 'keras' ? kerasInitializer(ts, node) : undefined;
  const torchInit = node.framework === 'torch' ? seq.inits?.get(node) : undefined;
  const init = keras?.name ?? torchInit?.name;
  const initAt = keras?.call ? positions.range(node.unit, keras.call.start, keras.call.end) : torchInit ? positions.range(torchInit.unit, torchInit.start, torchInit.end) : undefined;
  const biasInit = node.framework === 'torch' ? seq.biasInits?.get(node) : undefined;
  const b = kind === 'linear' || kind === 'conv' ? bias(ts, node) : undefined;
  const rate = kind === 'dropout' ? literalNumber(ts, argument(node.args, node.framework === 'torch' ? 'p' : 'rate', 0)?.arg) : undefined;
  const p = node.placement;
  return {
    kind, framework: node.framework, written: node.written, qualified: node.qualified,
    range: positions.range(node.unit, node.start, node.end),
    ...(p.kind === 'forward' ? { appliedAt: positions.range(node.unit, p.callStart, p.callEnd) } : {}),
    ...(activation ? { activation } : {}),
    ...(width === undefined ? {} : { width }),
    ...(inF === undefined ? {} : { inFeatures: inF }),
    ...(kernel ? { kernelSize: kernel } : {}),
    ...(init === undefined ? {} : { initializer: init }),
    ...(initAt ? { initializerAt: initAt } : {}),
    ...(biasInit ? { biasInitializer: biasInit.name, biasInitializerAt: positions.range(biasInit.unit, biasInit.start, biasInit.end) } : {}),
    ...(b === undefined ? {} : { bias: b }),
    ...(rate === undefined ? {} : { rate }),
    ...(node.residualFrom === undefined ? {} : { residualFrom: node.residualFrom }),
  };
}

function sourceOf(seq: Sequence): ModelSource {
  if (seq.framework === 'torch') return seq.source === 'module' ? 'torch-module' : 'torch-sequential';
  if (seq.source === 'module') return 'keras-subclass';
  // `Sequential()` followed by `.add(...)` calls is recorded as the Sequential the adds extend.
  if (seq.source === 'add' || seq.layers.some((l) => l.placement.kind === 'add')) return 'keras-add';
  return seq.source === 'sequential' ? 'keras-sequential' : 'keras-functional';
}

/** Graphs by the structure they were built from (one per document version: rules, CodeLenses and views share it). */
const graphs = new WeakMap<ModelInfo, { parsed: ParsedSource; graph: ProgramGraph }>();

/** The graph of every model in already-read structure (shared with the rules, so nothing is read twice). */
export function graphFromInfo(parsed: ParsedSource, info: ModelInfo): ProgramGraph {
  const known = graphs.get(info);
  if (known && known.parsed === parsed) return known.graph;
  const graph = graphOnce(parsed, info);
  graphs.set(info, { parsed, graph });
  return graph;
}

function graphOnce(parsed: ParsedSource, info: ModelInfo): ProgramGraph {
  const positions = new Positions(parsed);
  const models: ModelGraph[] = [];
  // Layers of a module's Sequential attributes also appear in the module: such Sequentials are marked inner.
  const moduleAttrs = new Set<LayerNode>();
  for (const seq of info.sequences) if (seq.source === 'module') for (const l of seq.layers) moduleAttrs.add(l);
  for (const seq of info.sequences) {
    if (!seq.layers.length) continue;
    const first = seq.layers[0];
    const at = seq.at ?? { unit: first.unit, start: first.start, end: first.end };
    const inner = seq.source === 'sequential' && seq.name?.startsWith('self.') === true && seq.layers.some((l) => moduleAttrs.has(l));
    models.push({
      id: models.length, framework: seq.framework === 'torch' ? 'torch' : 'keras', source: sourceOf(seq),
      ...(seq.name ? { name: seq.name } : {}), range: positions.range(at.unit, at.start, at.end),
      layers: seq.layers.map((l) => graphLayer(positions, seq, l)), ordered: seq.ordered, ...(inner ? { inner } : {}),
    });
  }
  return { models };
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
