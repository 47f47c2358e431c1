/**
 * `vanishing-signal` and `exploding-signal`: the predicted gradient at the first layer relative to the last
 * (src/core/signal) crosses a threshold. Where a model is predicted, these replace the heuristic `saturating-stack`.
 */
import { graphFromInfo } from '../model';
import { appendArgument } from '../fixes/edits';
import { inStream } from '../fixes/units';
import { DEFAULT_THRESHOLDS, predictModel, predictModels, short, type ModelSignal, type SignalLayer, type SignalThresholds } from '../signal';
import type { RuleContext } from './context';
import type { LayerNode, Sequence } from './model';
import type { Fix } from './types';

interface Predicted {
  readonly signal: ModelSignal;
  /** The rules' sequence the model was built from (same order as the graph's models). */
  readonly sequence: Sequence;
}

const cache = new WeakMap<object, Predicted[]>();

/**
 * Predictions for the context's models, computed once per check and shared by the rules that need them (keyed by
 * the check's context: the same parse may be checked again with other thresholds).
 */
export function signalsOf(ctx: RuleContext): readonly Predicted[] {
  let hit = cache.get(ctx);
  if (!hit) {
    const graph = graphFromInfo(ctx.parsed, ctx.model);
    const sequences = ctx.model.sequences.filter((s) => s.layers.length > 0);
    const byId = new Map(graph.models.map((m) => [m.id, sequences[m.id]]));
    const thresholds = ctx.signalThresholds ?? DEFAULT_THRESHOLDS;
    hit = predictModels(ctx.parsed, graph, thresholds).flatMap((signal) => {
      const sequence = byId.get(signal.model.id);
      return sequence ? [{ signal, sequence }] : [];
    });
    cache.set(ctx, hit);
  }
  return hit;
}

/** The sequences and layers of models whose signal is predicted (not `unknown`), indexed once per check. */
const predictedIndex = new WeakMap<object, { sequences: Set<Sequence>; layers: Set<LayerNode> }>();

/** Whether a rules sequence belongs to a model whose signal is predicted (so `saturating-stack` stays quiet). */
export function predictedSequence(ctx: RuleContext, seq: Sequence): boolean {
  let index = predictedIndex.get(ctx);
  if (!index) {
    index = { sequences: new Set(), layers: new Set() };
    for (const { signal, sequence } of signalsOf(ctx)) {
      if (signal.prediction.verdict === 'unknown') continue;
      index.sequences.add(sequence);
      for (const l of sequence.layers) index.layers.add(l);
    }
    predictedIndex.set(ctx, index);
  }
  const first = seq.layers[0];
  return index.sequences.has(seq) || (first !== undefined && index.layers.has(first));
}

const RECTIFIERS = new Set(['relu', 'leaky_relu', 'elu', 'gelu', 'silu', 'relu6', 'prelu', 'mish']);

/**
 * Keras models whose hidden layers are all rectifier Dense/Conv layers with the default initialiser: one fix adds
 * kernel_initializer='he_normal' to each, offered only when the prediction with it is stable.
 */
function heFix(p: Predicted, t: SignalThresholds): Fix | undefined {
  const { signal, sequence } = p;
  if (signal.model.framework !== 'keras') return undefined;
  const targets: LayerNode[] = [];
  const changed: SignalLayer[] = signal.layers.map((l, i) => {
    if ((l.kind !== 'linear' && l.kind !== 'conv') || !l.activation || !RECTIFIERS.has(l.activation.name) || l.initLabel !== 'glorot_uniform') return l;
    const node = sequence.layers[signal.sources[i]];
    if (!node || node.args.some((a) => a.keyword === 'kernel_initializer')) return l;
    targets.push(node);
    return { ...l, init: { kind: 'scaling', scale: 2, mode: 'fan_in' }, initLabel: 'he_normal' };
  });
  if (!targets.length || targets.some((n) => n.unit !== targets[0].unit)) return undefined;
  if (predictModel(signal.model, changed, signal.sources, t).prediction.verdict !== 'stable') return undefined;
  return {
    title: `Use He initialisation (kernel_initializer='he_normal') in ${targets.length} layer${targets.length === 1 ? '' : 's'}`,
    edits: targets.map((n) => appendArgument(n.ts, n.open, n.args, "kernel_initializer='he_normal'")),
    preferred: true,
  };
}

/**
 * Sequential lists (either framework): a normalisation layer after each hidden Dense/Linear/Conv, written as the
 * model's own prefix writes layers (`layers.BatchNormalization()`, `nn.BatchNorm1d(256)`), offered only when the
 * prediction with them is stable. PyTorch puts it before the activation (Linear, BatchNorm, ReLU); in Keras the
 * activation is inside Dense, so it follows. One fix, one undoable edit set.
 */
function normFix(p: Predicted, t: SignalThresholds): Fix | undefined {
  const { signal, sequence } = p;
  const torch = signal.model.framework === 'torch';
  if (signal.model.source !== (torch ? 'torch-sequential' : 'keras-sequential') || signal.prediction.stopped) return undefined;
  if (signal.layers.some((l) => l.kind === 'norm')) return undefined;
  const weights = signal.layers.flatMap((l, i) => (l.kind === 'linear' || l.kind === 'conv' ? [i] : []));
  const hidden = weights.slice(0, -1);
  if (!hidden.length) return undefined;
  const layers: SignalLayer[] = [];
  const sources: number[] = [];
  const edits = [];
  for (const [i, l] of signal.layers.entries()) {
    layers.push(l);
    sources.push(signal.sources[i]);
    if (!hidden.includes(i)) continue;
    const node = sequence.layers[signal.sources[i]];
    if (!node || node.placement.kind !== 'list' || node.unit !== sequence.layers[0].unit) return undefined;
    const prefix = node.written.includes('.') ? node.written.slice(0, node.written.lastIndexOf('.') + 1) : '';
    let text: string;
    if (torch) {
      const dims = l.kind === 'conv' ? /([123])d$/.exec(node.qualified)?.[1] : '1';
      if (!dims || node.units === undefined) return undefined;
      text = `${prefix}BatchNorm${dims}d(${node.units})`;
    } else {
      if (l.kind !== 'linear' && l.kind !== 'conv') return undefined;
      text = `${prefix}BatchNormalization()`;
    }
    layers.push({ kind: 'norm', name: text, norm: 'batch', eps: torch ? 1e-5 : 1e-3 });
    sources.push(signal.sources[i]);
    edits.push(inStream(node.ts, { start: node.placement.itemEnd, end: node.placement.itemEnd, newText: `, ${text}` }));
  }
  if (predictModel(signal.model, layers, sources, t).prediction.verdict !== 'stable') return undefined;
  const name = torch ? 'BatchNorm' : 'BatchNormalization';
  return { title: `Add ${name} after each of the ${hidden.length} hidden layers`, edits };
}

function advice(s: ModelSignal, vanishing: boolean): string {
  const acts = new Set(s.layers.flatMap((l) => (l.kind === 'activation' ? [l.activation.name] : (l.kind === 'linear' || l.kind === 'conv') && l.activation ? [l.activation.name] : [])));
  const hasNorm = s.layers.some((l) => l.kind === 'norm');
  if (!vanishing) return hasNorm ? 'Deep BatchNorm stacks amplify gradients at initialisation; residual connections or fewer layers help.' : 'Use an initialisation scaled to the activation (He for ReLU, Glorot for tanh) or add normalisation.';
  if (acts.has('sigmoid') || acts.has('tanh')) return 'Saturating activations shrink gradients at every layer: consider ReLU/GELU/SiLU with He initialisation, or a normalisation layer between them.';
  if ([...acts].some((a) => RECTIFIERS.has(a))) return 'The initialisation is too small for this activation: He initialisation keeps the scale through ReLU-like layers.';
  return 'Consider an initialisation matched to the activation, or a normalisation layer.';
}

export function signalRules(ctx: RuleContext): void {
  const t = ctx.signalThresholds ?? DEFAULT_THRESHOLDS;
  for (const p of signalsOf(ctx)) {
    const { prediction, model } = p.signal;
    if (prediction.verdict !== 'vanishing' && prediction.verdict !== 'exploding') continue;
    const vanishing = prediction.verdict === 'vanishing';
    const unit = ctx.parsed.units[model.range.unit];
    if (!unit) continue;
    // The first line of the construction only: a whole class or Sequential call would be a wall of squiggles.
    const lineEnd = unit.text.indexOf('\n', model.range.start);
    const end = Math.min(model.range.end, lineEnd < 0 ? unit.text.length : lineEnd);
    const g = prediction.firstGrad ?? 0;
    // He initialisation is the smaller change where both apply; otherwise the normalisation layers are preferred.
    const he = heFix(p, t);
    const norm = normFix(p, t);
    const fixes = [he, norm && !he ? { ...norm, preferred: true } : norm].filter((f): f is Fix => f !== undefined);
    ctx.report({
      code: vanishing ? 'vanishing-signal' : 'exploding-signal', unit: model.range.unit, start: model.range.start, end: Math.max(end, model.range.start + 1),
      message: `${p.signal.summary}. At initialisation the gradient reaching the first layer is predicted to be ${short(g)} of the gradient at the output (threshold ${short(vanishing ? t.vanishing : t.exploding)}), so early layers ${vanishing ? 'barely learn' : 'take steps far too large'}. ${advice(p.signal, vanishing)}`,
      ...(fixes.length ? { fixes } : {}),
    });
  }
}
