/**
 * `vanishing-signal` and `exploding-signal`: the predicted gradient at the first layer relative to the last
 * (src/core/signal) crosses a threshold. Where a model is predicted, these replace the heuristic `saturating-stack`.
 */
import { innerSequence, modelOfSequence, StructureMemo } from '../model';
import { appendArgument } from '../fixes/edits';
import { accessName } from '../fixes/imports';
import { inStream } from '../fixes/units';
import { DEFAULT_THRESHOLDS, predictModel, short, signalLayersOf, type ModelSignal, type SignalLayer, type SignalThresholds, type Verdict } from '../signal';
import { verdictFor } from '../signal/verdict';
import type { RuleContext } from './context';
import type { LayerNode, Sequence } from './model';
import { fallbackModule } from './layerFix';
import type { Fix, TextEdit } from './types';
import { MemoOnKey } from '../memoOnKey';

interface Predicted {
  readonly signal: ModelSignal;
  /** The rules' sequence the model was built from. */
  readonly sequence: Sequence;
}

/**
 * What decides a model's verdict, by layer structure (src/core/model StructureMemo): the same layers written again
 * (16,000 small modules, a notebook redefining a model, every re-check) are predicted once. Thresholds are left out
 * (the verdict is made from these with the check's thresholds).
 */
interface Outcome {
  readonly firstGrad: number | undefined;
  readonly stopped: boolean;
}
const outcomes = new StructureMemo<Outcome>(4096);

/** Per check (keyed by its context: the same parse may be checked again with other thresholds). */
interface CheckSignals {
  readonly units: readonly string[];
  readonly predicted: Map<Sequence, Predicted>;
  /** Sequences with layers, not inner, by each of their layers (built when saturating-stack asks more than SCANS times). */
  containing?: Map<LayerNode, Sequence[]>;
  /** Questions answered by a scan of the sequences so far. */
  scans: number;
}

/** Containing sequences found by scanning, for this many questions per check: an index of every layer costs more. */
const SCANS = 32;
const checks = new MemoOnKey<RuleContext, CheckSignals>('signals');

function checkSignals(ctx: RuleContext): CheckSignals {
  let c = checks.get(ctx);
  if (!c) checks.set(ctx, (c = { units: ctx.parsed.units.map((u) => u.text), predicted: new Map(), scans: 0 }));
  return c;
}

/** The prediction of one sequence's model, as `predictModels` makes it for the editor (made only when asked). */
function predictedOf(ctx: RuleContext, seq: Sequence): Predicted {
  const c = checkSignals(ctx);
  let p = c.predicted.get(seq);
  if (!p) {
    const model = modelOfSequence(ctx.parsed, ctx.model, seq);
    const { layers, sources } = signalLayersOf(model, c.units);
    p = { signal: predictModel(model, layers, sources, ctx.signalThresholds ?? DEFAULT_THRESHOLDS), sequence: seq };
    c.predicted.set(seq, p);
  }
  return p;
}

/**
 * The verdict on a sequence's model (one with layers and not inner). Without order, or without a Dense/Linear/Conv
 * layer (nothing to take the first-layer gradient at), the prediction is unknown before anything is read.
 */
function verdictOf(ctx: RuleContext, seq: Sequence): Verdict {
  if (!seq.ordered || !hasWeightLayer(seq)) return 'unknown';
  // Looked up without a closure per model (16,000 models in one file are each asked once per check).
  const hit = outcomes.find(ctx.parsed, seq);
  const o = hit ? hit.value : outcomes.store(ctx.parsed, seq, outcomeOf(ctx, seq));
  return verdictFor(o.firstGrad, o.stopped, ctx.signalThresholds ?? DEFAULT_THRESHOLDS);
}

function outcomeOf(ctx: RuleContext, seq: Sequence): Outcome {
  const { prediction } = predictedOf(ctx, seq).signal;
  return { firstGrad: prediction.firstGrad, stopped: prediction.stopped !== undefined };
}

/** A Dense/Linear/Conv layer outside a residual branch: where the first-layer gradient is taken. */
function hasWeightLayer(seq: Sequence): boolean {
  const layers = seq.layers;
  for (let i = 0; i < layers.length; i++) if ((layers[i].kind === 'dense' || layers[i].kind === 'conv') && layers[i].residualFrom === undefined) return true;
  return false;
}

/** The sequences the graph predicts on their own: with layers, and not a module's Sequential attribute. */
function predictable(ctx: RuleContext, seq: Sequence): boolean {
  return seq.layers.length > 0 && !innerSequence(ctx.parsed, ctx.model, seq);
}

/**
 * Whether a rules sequence belongs to a model whose signal is predicted (not `unknown`), so `saturating-stack` stays
 * quiet: its own model, or a module that lists its first layer (a module's Sequential attribute).
 */
export function predictedSequence(ctx: RuleContext, seq: Sequence): boolean {
  const first = seq.layers[0];
  if (!first) return false;
  if (predictable(ctx, seq) && verdictOf(ctx, seq) !== 'unknown') return true;
  const c = checkSignals(ctx);
  // The first few questions (a file has a few saturating runs, if any) scan the sequences; more build the index.
  if (!c.containing && ++c.scans <= SCANS) {
    for (const s of ctx.model.sequences) if (s.layers.includes(first) && predictable(ctx, s) && verdictOf(ctx, s) !== 'unknown') return true;
    return false;
  }
  if (!c.containing) {
    c.containing = new Map();
    for (const s of ctx.model.sequences) {
      if (!predictable(ctx, s)) continue;
      for (const l of s.layers) {
        const list = c.containing.get(l);
        if (list) { if (list[list.length - 1] !== s) list.push(s); } else c.containing.set(l, [s]);
      }
    }
  }
  return (c.containing.get(first) ?? []).some((s) => verdictOf(ctx, s) !== 'unknown');
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
 * model's own layers are (`layers.BatchNormalization()`, `nn.BatchNorm1d(256)`, or `BatchNormalization()` added to
 * the `from ... import Dense` line), offered only when the prediction with them is stable. PyTorch puts it before the
 * activation (Linear, BatchNorm, ReLU); in Keras the activation is inside Dense, so it follows. One fix, one
 * undoable edit set.
 */
function normFix(ctx: RuleContext, p: Predicted, t: SignalThresholds): Fix | undefined {
  const { signal, sequence } = p;
  const torch = signal.model.framework === 'torch';
  if (signal.model.source !== (torch ? 'torch-sequential' : 'keras-sequential') || signal.prediction.stopped) return undefined;
  if (signal.layers.some((l) => l.kind === 'norm')) return undefined;
  const weights = signal.layers.flatMap((l, i) => (l.kind === 'linear' || l.kind === 'conv' ? [i] : []));
  const hidden = weights.slice(0, -1);
  if (!hidden.length) return undefined;
  const layers: SignalLayer[] = [];
  const sources: number[] = [];
  const edits: TextEdit[] = [];
  // How each class is written at the model's place (an import edit added once, when one is needed).
  const written = new Map<string, string>();
  const classAt = (node: LayerNode, qualified: string, fallback: string): string => {
    let expr = written.get(qualified);
    if (expr === undefined) {
      const access = accessName(node.ts, ctx.parsed.scope, qualified, node.written, fallback);
      if (access.edit) edits.push(access.edit);
      written.set(qualified, (expr = access.expr));
    }
    return expr;
  };
  for (const [i, l] of signal.layers.entries()) {
    layers.push(l);
    sources.push(signal.sources[i]);
    if (!hidden.includes(i)) continue;
    const node = sequence.layers[signal.sources[i]];
    if (!node || node.placement.kind !== 'list' || node.unit !== sequence.layers[0].unit) return undefined;
    let text: string;
    if (torch) {
      const dims = l.kind === 'conv' ? /([123])d$/.exec(node.qualified)?.[1] : '1';
      if (!dims || node.units === undefined) return undefined;
      text = `${classAt(node, `torch.nn.BatchNorm${dims}d`, 'torch.nn')}(${node.units})`;
    } else {
      if (l.kind !== 'linear' && l.kind !== 'conv') return undefined;
      text = `${classAt(node, 'keras.layers.BatchNormalization', fallbackModule(ctx.parsed, ctx.versions))}()`;
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
  // Indexed: every model of the file is visited, and a `for...of` allocates per model until the loop is optimised.
  const sequences = ctx.model.sequences;
  for (let s = 0; s < sequences.length; s++) {
    const seq = sequences[s];
    if (!predictable(ctx, seq)) continue;
    const verdict = verdictOf(ctx, seq);
    if (verdict !== 'vanishing' && verdict !== 'exploding') continue;
    const p = predictedOf(ctx, seq);
    const { prediction, model } = p.signal;
    const vanishing = prediction.verdict === 'vanishing';
    const unit = ctx.parsed.units[model.range.unit];
    if (!unit) continue;
    // The first line of the construction only: a whole class or Sequential call would be a wall of squiggles.
    const lineEnd = unit.text.indexOf('\n', model.range.start);
    const end = Math.min(model.range.end, lineEnd < 0 ? unit.text.length : lineEnd);
    const g = prediction.firstGrad ?? 0;
    // He initialisation is the smaller change where both apply; otherwise the normalisation layers are preferred.
    const he = heFix(p, t);
    const norm = normFix(ctx, p, t);
    const fixes = [he, norm && !he ? { ...norm, preferred: true } : norm].filter((f): f is Fix => f !== undefined);
    ctx.report({
      code: vanishing ? 'vanishing-signal' : 'exploding-signal', unit: model.range.unit, start: model.range.start, end: Math.max(end, model.range.start + 1),
      message: `${p.signal.summary}. At initialisation the gradient reaching the first layer is predicted to be ${short(g)} of the gradient at the output (threshold ${short(vanishing ? t.vanishing : t.exploding)}), so early layers ${vanishing ? 'barely learn' : 'take steps far too large'}. ${advice(p.signal, vanishing)}`,
      ...(fixes.length ? { fixes } : {}),
    });
  }
}
