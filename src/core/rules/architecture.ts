/** Architecture rules over layer sequences: `saturating-stack`, `missing-nonlinearity`, `double-activation`, `selu-init`. */
import { appendArgument, removeArgument } from '../fixes/edits';
import type { RuleContext } from './context';
import type { LayerNode, Sequence } from './model';
import { renameCallee } from './removal';
import type { Fix } from './types';
import { predictedSequence } from './signal';
import { MemoOnKey } from '../memoOnKey';

/** The activation a layer applies: its activation argument or, for an activation layer, itself. */
function appliedActivation(layer: LayerNode): string | undefined {
  if ((layer.kind === 'dense' || layer.kind === 'conv') && layer.framework === 'torch') return 'linear';
  if (layer.kind === 'activation' || layer.kind === 'dense' || layer.kind === 'conv') return layer.activation?.name;
  return undefined;
}

/** Per check: the ordered sequences, found once for the four rules that visit them (16,000 modules are 16,000 models). */
const ordered = new MemoOnKey<RuleContext, readonly Sequence[]>('ordered');

/** Sequences whose order we trust, each layer reported once (a module's nn.Sequential is also its own sequence). */
function orderedSequences(ctx: RuleContext): readonly Sequence[] {
  let list = ordered.get(ctx);
  // A forward method may apply things we do not read (user functions, reshapes) between two layers we do.
  if (!list) ordered.set(ctx, (list = ctx.model.sequences.filter((s) => s.ordered && s.source !== 'module' && s.layers.length > 1)));
  return list;
}

export function saturatingStack(ctx: RuleContext): void {
  for (const seq of orderedSequences(ctx)) {
    // A run of sigmoid/tanh layers: its first and last layer and its length (read in place: this visits every layer).
    let first: LayerNode | undefined;
    let last: LayerNode | undefined;
    let n = 0;
    // Hidden layers only: the output layer's sigmoid is a legitimate probability head.
    for (let i = 0; i < seq.layers.length - 1; i++) {
      const layer = seq.layers[i];
      if (layer.kind === 'dropout' || layer.kind === 'shape') continue;
      const act = appliedActivation(layer);
      // A linear Dense/Linear is decided by the activation layer after it.
      if ((layer.kind === 'dense' || layer.kind === 'conv') && act === 'linear') continue;
      if (act === 'sigmoid' || act === 'tanh') {
        first ??= layer;
        last = layer;
        n++;
      } else {
        if (first && last) reportRun(ctx, seq, first, last, n);
        first = last = undefined;
        n = 0;
      }
    }
    if (first && last) reportRun(ctx, seq, first, last, n);
  }
}

/** A run of `n` saturating layers from `first` to `last`, reported when it is long enough. */
function reportRun(ctx: RuleContext, seq: Sequence, first: LayerNode, last: LayerNode, n: number): void {
  // Where the signal through the model is predicted, vanishing-signal / exploding-signal say it with numbers
  // (asked only for a run worth reporting: most sequences have none).
  if (n < 3 || predictedSequence(ctx, seq)) return;
  ctx.report({
    code: 'saturating-stack', unit: first.unit, start: first.start, end: first.unit === last.unit ? last.end : first.end,
    message: `${n} consecutive sigmoid/tanh layers without normalisation: each sigmoid passes at most 0.25 of the gradient (0.25^${n} = ${Math.pow(0.25, n).toExponential(1)}), so early layers learn slowly. Consider ReLU/GELU/SiLU, or BatchNorm/LayerNorm between them.`,
  });
}

export function missingNonlinearity(ctx: RuleContext): void {
  for (const seq of orderedSequences(ctx)) {
    for (let i = 0; i + 1 < seq.layers.length; i++) {
      const a = seq.layers[i];
      const b = seq.layers[i + 1];
      if (a.kind !== 'dense' || b.kind !== 'dense') continue;
      const linear = a.framework === 'torch' || a.activation?.name === 'linear';
      if (!linear || (a.activation?.arg && a.activation.name !== 'linear')) continue;
      if (a.framework === 'keras' && a.activation?.arg) continue; // activation=None written on purpose
      const fixes: Fix[] = [];
      if (a.framework === 'keras') fixes.push({ title: "Add activation='relu'", edits: [appendArgument(a.ts, a.open, a.args, "activation='relu'")], preferred: true });
      ctx.report({
        code: 'missing-nonlinearity', unit: a.unit, start: a.start, end: a.end, fixes,
        message: `${a.written} is followed directly by ${b.written} with no activation between them: two linear layers collapse into one linear map, so the extra layer adds parameters but no capacity.`,
      });
    }
  }
}

export function doubleActivation(ctx: RuleContext): void {
  for (const seq of orderedSequences(ctx)) {
    for (let i = 0; i + 1 < seq.layers.length; i++) {
      const a = seq.layers[i];
      const b = seq.layers[i + 1];
      if ((a.kind !== 'dense' && a.kind !== 'conv') || b.kind !== 'activation' || a.framework !== 'keras') continue;
      const name = a.activation?.name;
      if (!name || name === 'linear' || b.activation?.name !== name || !a.activation?.arg || a.activation.argIndex === undefined) continue;
      // Idempotent ones (relu) do nothing the second time; others (sigmoid, tanh) distort the output.
      ctx.report({
        code: 'double-activation', unit: b.unit, start: b.start, end: b.end,
        message: `${name} is applied twice: ${a.written} already has activation '${name}', and ${b.written} applies it again.`,
        fixes: [{ title: `Remove the activation argument from ${a.written}`, edits: removeArgument(a.ts, a.args, a.activation.argIndex), preferred: true }],
      });
    }
  }
}

export function seluInit(ctx: RuleContext): void {
  for (const seq of orderedSequences(ctx)) {
    // Most sequences have no SELU: told by a loop before any list is made.
    let any = false;
    for (let i = 0; i < seq.layers.length && !any; i++) any = appliedActivation(seq.layers[i]) === 'selu';
    if (!any) continue;
    const selu = seq.layers.filter((l) => appliedActivation(l) === 'selu');
    for (const l of selu) {
      if (l.framework !== 'keras' || l.kind !== 'dense' || l.kernelInitializer === 'lecun_normal' || !l.activation?.usage) continue;
      if (l.args.some((a) => a.keyword === 'kernel_initializer')) continue; // an initializer object: trust it
      ctx.report({
        code: 'selu-init', unit: l.unit, start: l.activation.usage.start, end: l.activation.usage.end,
        message: "SELU self-normalises only with LeCun normal initialisation (kernel_initializer='lecun_normal'); the default Glorot uniform breaks the fixed point.",
        fixes: [{ title: "Add kernel_initializer='lecun_normal'", edits: [appendArgument(l.ts, l.open, l.args, "kernel_initializer='lecun_normal'")], preferred: true }],
      });
    }
    for (const d of seq.layers.filter((l) => l.kind === 'dropout' && /Dropout$/.test(l.qualified) && !/Spatial|Gaussian|Feature/.test(l.qualified))) {
      const rename = /\.Dropout$/.test(d.written) ? renameCallee(d, /Dropout$/, 'AlphaDropout') : undefined;
      ctx.report({
        code: 'selu-init', unit: d.unit, start: d.start, end: d.end,
        message: 'Plain Dropout in a SELU network breaks self-normalisation (it shifts the mean and variance); AlphaDropout keeps them.',
        fixes: rename ? [{ title: 'Use AlphaDropout', edits: [rename], preferred: true }] : [],
      });
    }
  }
}
