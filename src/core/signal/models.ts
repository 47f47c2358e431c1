/** Predictions for every model of a parsed source: what the command line, CodeLenses, diagnostics and the view share. */
import { sequenceOf, StructureMemo, type ModelGraph, type ProgramGraph } from '../model';
import type { ParsedSource } from '../scan';
import { valueKey } from '../model/valueKey';
import { ownCopy } from '../model/ownCopy';
import { signalLayersOf } from './fromGraph';
import { DEFAULT_THRESHOLDS, predictSignal } from './propagate';
import type { SignalLayer, SignalPrediction, SignalThresholds } from './types';
import { verdictLine } from './verdict';
import { MemoOnKey } from '../memoOnKey';

export interface ModelSignal {
  readonly model: ModelGraph;
  /** The prediction's layers; `sources[i]` is the index of layer i in `model.layers`. */
  readonly layers: readonly SignalLayer[];
  readonly sources: readonly number[];
  readonly prediction: SignalPrediction;
  /** "12 layers · activations 1.0 → 0.02 · first-layer gradient 3e-5 of the last: vanishing" */
  readonly summary: string;
}

/**
 * Predictions by layer structure: a notebook that redefines a model in several cells, a file that builds the same
 * block many times, and every re-check after a keystroke ask again for predictions already made. The key leaves out
 * source lines (the prediction never reads them); the map is bounded and forgets its oldest entries first.
 */
const MEMO_LIMIT = 1024;
const memo = new Map<string, SignalPrediction>();

function memoKey(layers: readonly SignalLayer[], thresholds: SignalThresholds): string {
  // Every field but `line` (the prediction never reads it).
  let key = `${thresholds.vanishing},${thresholds.exploding}`;
  for (const layer of layers) key += `|${valueKey(layer, 'line')}`;
  return key;
}

function predictMemoised(layers: readonly SignalLayer[], thresholds: SignalThresholds): SignalPrediction {
  const key = memoKey(layers, thresholds);
  const known = memo.get(key);
  if (known) return known;
  const prediction = predictSignal(layers, thresholds);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  // A copy: the prediction's words may be built from text sliced out of the source, which the memo outlives.
  memo.set(key, ownCopy(prediction));
  return prediction;
}

const NOT_ORDERED = 'the forward branches, loops or runs code between layers, so the order of the layers is not known for sure';

/** Predicts one model (used again by the view's what-if controls with edited layers). */
export function predictModel(model: ModelGraph, layers: readonly SignalLayer[], sources: readonly number[], thresholds: SignalThresholds = DEFAULT_THRESHOLDS): ModelSignal {
  if (!model.ordered) {
    const prediction: SignalPrediction = { layers: [], verdict: 'unknown', stopped: { index: 0, reason: NOT_ORDERED }, notes: [] };
    return { model, layers, sources, prediction, summary: `${model.layers.length} layers: unknown (${NOT_ORDERED})` };
  }
  return signalOf(model, layers, sources, predictMemoised(layers, thresholds));
}

/** A prediction whose summary is made on first read: only the few models a finding, a CodeLens or the view shows. */
class Signal implements ModelSignal {
  private line?: string;
  constructor(readonly model: ModelGraph, readonly layers: readonly SignalLayer[], readonly sources: readonly number[], readonly prediction: SignalPrediction) {}

  get summary(): string {
    return (this.line ??= verdictLine(this.layers, this.prediction));
  }
}

function signalOf(model: ModelGraph, layers: readonly SignalLayer[], sources: readonly number[], prediction: SignalPrediction): ModelSignal {
  return new Signal(model, layers, sources, prediction);
}

/** Predictions by graph and thresholds: the rules, the CodeLenses and the signal view of one version share them. */
const byGraph = new MemoOnKey<ProgramGraph, Map<string, readonly ModelSignal[]>>('signals');

/** Every outer model with at least one layer (a module's inner Sequential is predicted as part of the module). */
export function predictModels(parsed: ParsedSource, graph: ProgramGraph, thresholds: SignalThresholds = DEFAULT_THRESHOLDS): ModelSignal[] {
  const key = `${thresholds.vanishing},${thresholds.exploding}`;
  let known = byGraph.get(graph);
  if (!known) byGraph.set(graph, (known = new Map()));
  let signals = known.get(key);
  if (!signals) known.set(key, (signals = predictOnce(parsed, graph, thresholds)));
  return [...signals];
}

/**
 * Predictions by model structure (src/core/model StructureMemo) and thresholds, found without a key of every layer
 * field: a file of 16,000 small modules keyed its predictions longer than it made its layers. Only for layers
 * without an `other` layer, whose reason may name a line (everything else in them follows from the structure).
 */
const byStructure = new Map<string, StructureMemo<SignalPrediction>>();

function predictOnce(parsed: ParsedSource, graph: ProgramGraph, thresholds: SignalThresholds): ModelSignal[] {
  const units = parsed.units.map((u) => u.text);
  const key = `${thresholds.vanishing},${thresholds.exploding}`;
  let memo = byStructure.get(key);
  if (!memo) {
    if (byStructure.size >= 16) byStructure.clear();
    byStructure.set(key, (memo = new StructureMemo(MEMO_LIMIT)));
  }
  const out: ModelSignal[] = [];
  for (const m of graph.models) {
    if (m.inner || !m.layers.length) continue;
    const { layers, sources } = signalLayersOf(m, units);
    const seq = m.ordered && layers.every((l) => l.kind !== 'other') ? sequenceOf(m) : undefined;
    out.push(seq ? signalOf(m, layers, sources, memo.get(parsed, seq, () => predictMemoised(layers, thresholds))) : predictModel(m, layers, sources, thresholds));
  }
  return out;
}
