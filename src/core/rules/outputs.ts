/**
 * Output-layer rules for Keras models and their `compile` loss: `single-unit-softmax`, `output-loss-mismatch`,
 * `logits-mismatch`, `regression-output-activation`.
 */
import { appendArgument, replaceArgumentValue } from '../fixes/edits';
import { editIn, inStream } from '../fixes/units';
import { callArgs } from '../python/callArgs';
import type { RuleContext } from './context';
import { LOGITS_LOSSES, outputHead, type CompileCall, type LayerNode, type LossRef, type OutputHead, type Sequence } from './model';
import { argument } from './model/layers';
import { removeActivationEdits, renameCallee } from './removal';
import type { Fix, RawFinding, RawRelated, TextEdit } from './types';

/**
 * The Keras model a compile call's receiver is bound to at that point (scope- and order-aware: a later
 * `model = ...`, another function's model or another cell's model is not this one). Unknown means silent.
 */
function modelFor(ctx: RuleContext, compile: CompileCall): Sequence | undefined {
  const ref = ctx.pairing.modelOfName(compile.receiver, { unit: compile.unit, tok: compile.tok });
  return ref && ref.seq.framework !== 'torch' ? ref.seq : undefined;
}

/** Where the output activation is written, for messages and as the diagnostic's range. */
function anchor(head: OutputHead): { unit: number; start: number; end: number } {
  const usage = head.layer.activation?.usage;
  if (usage) return { unit: head.layer.unit, start: usage.start, end: usage.end };
  return { unit: head.layer.unit, start: head.layer.start, end: head.layer.end };
}

/** Replaces a string activation (keeping its quotes); undefined when the activation is not a string we can edit. */
function setActivationString(head: OutputHead, name: string): TextEdit | undefined {
  const usage = head.layer.activation?.usage;
  if (usage && usage.form === 'string') {
    const q = /['"]/.exec(usage.written)?.[0] ?? "'";
    return editIn(head.layer.unit, usage.start, usage.end, `${q}${name}${q}`);
  }
  if (head.layer.kind === 'dense' && head.activation === 'linear' && !head.layer.activation?.arg) {
    return appendArgument(head.layer.ts, head.layer.open, head.layer.args, `activation='${name}'`);
  }
  return undefined;
}

function fixOf(title: string, edit: TextEdit | TextEdit[] | undefined): Fix | undefined {
  if (!edit) return undefined;
  return { title, edits: Array.isArray(edit) ? edit : [edit] };
}

function withPreferred(fixes: (Fix | undefined)[]): Fix[] {
  const out = fixes.filter((f): f is Fix => f !== undefined);
  if (out.length) out[0] = { title: out[0].title, edits: out[0].edits, preferred: true };
  return out;
}

function lossLabel(loss: LossRef): string {
  return loss.kind === 'string' ? loss.written : loss.written.split('.').pop() ?? loss.name;
}

/** Replaces a string loss; undefined for class losses. */
function setLossString(loss: LossRef, name: string): TextEdit | undefined {
  if (loss.kind !== 'string') return undefined;
  const q = /['"]/.exec(loss.written)?.[0] ?? "'";
  return editIn(loss.unit, loss.start, loss.end, `${q}${name}${q}`);
}

/** Sets `from_logits=` on a loss class call. */
function setFromLogits(ctx: RuleContext, loss: LossRef, value: boolean): TextEdit | undefined {
  if (loss.kind !== 'class' || loss.open === undefined) return undefined;
  const ts = ctx.parsed.units[loss.unit].ts;
  const args = callArgs(ts, loss.open);
  const flag = argument(args, 'from_logits');
  return flag ? replaceArgumentValue(ts, flag.arg, value ? 'True' : 'False') : appendArgument(ts, loss.open, args, `from_logits=${value ? 'True' : 'False'}`);
}

/**
 * In a forward, a softmax is over the single unit only when it is applied to the layer's call itself
 * (`F.softmax(self.fc(x), dim=1)`): `self.v(energy).squeeze(2)` then `torch.softmax(attention, dim=1)` is attention
 * over the sequence, not over the one unit. Lists and add chains are adjacent by construction.
 */
function appliedDirectly(softmax: LayerNode, prev: LayerNode): boolean {
  if (softmax.placement.kind !== 'forward') return true;
  if (prev.placement.kind !== 'forward' || softmax.placement.argText === undefined) return false;
  return softmax.placement.argText === prev.ts.text.slice(prev.placement.callStart, prev.placement.callEnd);
}

export function singleUnitSoftmax(ctx: RuleContext): void {
  const seen = new Set<LayerNode>();
  const sequences = ctx.model.sequences;
  for (let s = 0; s < sequences.length; s++) {
    const seq = sequences[s];
    for (let i = 0; i < seq.layers.length; i++) {
      const layer = seq.layers[i];
      // Only a softmax can be reported; a layer is judged where it first appears (shared layers recur).
      if (layer.activation?.name !== 'softmax' || (layer.kind !== 'dense' && layer.kind !== 'activation') || seen.has(layer)) continue;
      seen.add(layer);
      let finding: RawFinding | undefined;
      if (layer.kind === 'dense' && layer.units === 1 && layer.activation?.name === 'softmax' && layer.activation.usage) {
        const u = layer.activation.usage;
        const head: OutputHead = { layer, activation: 'softmax', units: 1 };
        finding = { code: 'single-unit-softmax', unit: layer.unit, start: u.start, end: u.end, message: '', fixes: withPreferred([fixOf("Use 'sigmoid'", setActivationString(head, 'sigmoid'))]) };
      } else if (layer.kind === 'activation' && layer.activation?.name === 'softmax' && i > 0 && seq.ordered) {
        const prev = seq.layers[i - 1];
        if (prev.kind === 'dense' && prev.units === 1 && (prev.framework === 'torch' || prev.activation?.name === 'linear') && appliedDirectly(layer, prev)) {
          const rename = layer.framework === 'torch' && layer.kind === 'activation' && layer.activation.usage?.form === 'layer' ? renameCallee(layer, /Softmax$/, 'Sigmoid') : undefined;
          const edits = rename ? [rename, inStream(layer.ts, { start: layer.ts.start[layer.open], end: layer.end, newText: '()' })] : undefined;
          finding = { code: 'single-unit-softmax', unit: layer.unit, start: layer.start, end: layer.end, message: '', fixes: withPreferred([fixOf('Use a sigmoid', edits)]) };
        }
      }
      if (finding) ctx.report({ ...finding, message: 'Softmax over a single unit always outputs 1, so the model cannot learn; use a sigmoid for one unit (or two units with softmax).' });
    }
  }
}

const POSITIVE = new Set(['exponential', 'softplus', 'relu', 'sigmoid', 'softmax', 'relu6', 'hard_sigmoid', 'squareplus', 'sparse_plus']);
const REGRESSION = new Set(['mse', 'mae', 'huber', 'log_cosh']);
const BOUNDED = new Set(['relu', 'sigmoid', 'tanh', 'softmax']);

/**
 * Each output of the compiled model with the loss `compile` gives it: one output and one loss; several outputs
 * (`Model(inputs, [a, b])`, `outputs={...}`) with a list of losses by position (outputs written as a list) or a dict
 * of losses by output name (the dict's key, or the output layer's literal `name=`). A single loss for several
 * outputs, or names that do not match for sure, pair nothing.
 */
function outputLosses(compile: CompileCall, seq: Sequence): { seq: Sequence; loss: LossRef; output?: string }[] {
  const outputs = seq.outputs;
  if (!outputs) return compile.loss ? [{ seq, loss: compile.loss }] : [];
  const pairs: { seq: Sequence; loss: LossRef; output?: string }[] = [];
  const add = (o: (typeof outputs)[number], loss: LossRef | undefined, label: string): void => {
    if (o.seq && loss) pairs.push({ seq: o.seq, loss, output: label });
  };
  if (compile.loss) {
    if (outputs.length === 1) add(outputs[0], compile.loss, outputs[0].key ?? outputs[0].name ?? '0');
    return pairs;
  }
  const losses = compile.losses ?? [];
  if (compile.lossesAs === 'list') {
    if (seq.outputsAs !== 'list' || losses.length !== outputs.length) return pairs;
    losses.forEach((l, i) => add(outputs[i], l.loss, outputs[i].name ? `'${outputs[i].name}'` : String(i)));
  } else if (compile.lossesAs === 'dict') {
    for (const l of losses) {
      const matches = outputs.filter((o) => (seq.outputsAs === 'dict' ? o.key === l.key && (o.name === undefined || o.name === l.key) : o.name === l.key));
      if (matches.length === 1) add(matches[0], l.loss, `'${String(l.key)}'`);
    }
  }
  return pairs;
}

export function kerasOutputRules(ctx: RuleContext): void {
  for (const compile of ctx.model.compiles) {
    const model = modelFor(ctx, compile);
    if (!model) continue;
    for (const { seq, loss, output } of outputLosses(compile, model)) pairOutput(ctx, compile, seq, loss, output);
  }
}

/**
 * What the output ends in: the last layer of a straight chain, or for a subclassed model what `call` returns
 * (`return self.out(x)`, `return tf.nn.softmax(self.out(x))`), read from its single `return`.
 */
function headOf(ctx: RuleContext, seq: Sequence): OutputHead | undefined {
  if (seq.source !== 'module') return seq.ordered ? outputHead(seq) : undefined;
  const end = ctx.pairing.endOfModel(seq, undefined);
  if (!end) return undefined;
  return { layer: end.node, activation: end.activation, ...(end.units === undefined ? {} : { units: end.units }) };
}

/** The rules on one output and the loss compile gives it (`output`: which of several outputs, for messages). */
function pairOutput(ctx: RuleContext, compile: CompileCall, seq: Sequence, loss: LossRef, output: string | undefined): void {
  const head = headOf(ctx, seq);
  if (!head || head.activation === undefined) return;
  const act = head.activation;
  const at = anchor(head);
  const units = head.units;
  const label = lossLabel(loss);
  const forOutput = output === undefined ? '' : ` for output ${output}`;
  // Every finding here pairs the output with the loss: say where the loss is, and carry it as related information
  // (written when a finding is reported: most pairs of a file are fine).
  let paired: string | undefined;
  let related: RawRelated[] | undefined;
  const report = (code: RawFinding['code'], message: string, fixes: (Fix | undefined)[], severity?: RawFinding['severity']): void => {
    paired ??= `${head.layer.written} (${ctx.where(at.unit, at.start)}) is trained with ${label} (${ctx.where(loss.unit, loss.start)}, \`${compile.receiver}.compile\`${forOutput}). `;
    related ??= [{ unit: loss.unit, start: loss.start, end: loss.end, message: `${label}: the loss ${compile.receiver}.compile sets for this output` }];
    ctx.report({ code, unit: at.unit, start: at.start, end: at.end, message: paired + message, fixes: withPreferred(fixes), related, severity });
  };

  if ((loss.name === 'categorical_crossentropy' || loss.name === 'sparse_categorical_crossentropy') && act === 'sigmoid' && units !== undefined && units > 1 && !loss.fromLogits) {
    report('output-loss-mismatch', `A ${units}-unit sigmoid output with ${label}: the sigmoids are renormalised by their sum, so classes do not compete; use softmax for one label per sample, or binary cross-entropy for several.`,
      [fixOf("Use 'softmax'", setActivationString(head, 'softmax')), fixOf("Use 'binary_crossentropy'", setLossString(loss, 'binary_crossentropy'))]);
  } else if (loss.name === 'binary_crossentropy' && act === 'softmax' && units !== undefined && units > 1 && !loss.fromLogits) {
    report('output-loss-mismatch', `A ${units}-unit softmax with ${label}: softmax makes the classes compete while binary cross-entropy scores each unit on its own; use sigmoid for multi-label, or categorical cross-entropy for one label.`,
      [fixOf("Use 'sigmoid' (multi-label)", setActivationString(head, 'sigmoid')), fixOf("Use 'categorical_crossentropy'", setLossString(loss, 'categorical_crossentropy'))]);
  } else if (loss.name === 'poisson' && !POSITIVE.has(act)) {
    report('output-loss-mismatch', `Poisson loss computes y_pred - y_true*log(y_pred), so it needs a positive output, but the output activation is ${act}; use 'exponential' or 'softplus'.`,
      [fixOf("Use 'softplus'", setActivationString(head, 'softplus')), fixOf("Use 'exponential'", setActivationString(head, 'exponential'))]);
  } else if (loss.name === 'kld' && act !== 'softmax') {
    report('output-loss-mismatch', `KL divergence compares probability distributions (clipped to [0, 1]), but the output activation is ${act}; use softmax.`, [fixOf("Use 'softmax'", setActivationString(head, 'softmax'))]);
  } else if (loss.name === 'hinge' && act === 'sigmoid') {
    report('output-loss-mismatch', `Hinge losses expect raw scores (or tanh) against -1/1 labels; a sigmoid output in (0, 1) can never reach the margin.`, [fixOf("Use 'tanh'", setActivationString(head, 'tanh')), fixOf('Use a linear output', removeActivationEdits(ctx.parsed, head.layer))]);
  }

  if (LOGITS_LOSSES.has(loss.name)) {
    if (loss.fromLogits === true && (act === 'sigmoid' || act === 'softmax')) {
      report('logits-mismatch', `${label} with from_logits=True after a ${act} output: the loss applies ${act} again (the TensorFlow backend warns and uses the cached logits; JAX and PyTorch backends silently apply it twice).`,
        [fixOf('Set from_logits=False', setFromLogits(ctx, loss, false)), fixOf(`Remove the ${act} (output logits)`, removeActivationEdits(ctx.parsed, head.layer))]);
    } else if (act === 'linear' && !loss.fromLogits && head.layer.kind === 'dense') {
      const binary = loss.name === 'binary_crossentropy';
      report('logits-mismatch', `${label} ${loss.kind === 'string' ? '(a string loss, so from_logits=False)' : 'without from_logits=True'} after a linear output: raw scores are treated as probabilities (normalised, clipped to [1e-7, 1-1e-7]), which trains badly and silently.`,
        [fixOf('Set from_logits=True', setFromLogits(ctx, loss, true)), fixOf(`Add activation='${binary ? 'sigmoid' : 'softmax'}' to the output layer`, setActivationString(head, binary ? 'sigmoid' : 'softmax'))], 'error');
    }
  }

  if (REGRESSION.has(loss.name) && BOUNDED.has(act)) {
    report('regression-output-activation', `${label} is a regression loss, but the ${act} output limits predictions to ${range(act)}; use a linear output unless the targets are scaled to that range.`,
      [fixOf('Use a linear output', removeActivationEdits(ctx.parsed, head.layer))]);
  }
}

export function range(act: string): string {
  return act === 'relu' ? '[0, inf)' : act === 'tanh' ? '(-1, 1)' : '(0, 1)';
}
