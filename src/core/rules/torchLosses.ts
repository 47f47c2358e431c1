/**
 * PyTorch output/loss pairings: `softmax-before-cross-entropy`, `sigmoid-bce`, `double-sigmoid`, `softmax-nll`, and
 * regression losses after bounded outputs. Pairs come from a loss applied directly to an activation call
 * (`F.cross_entropy(F.softmax(z, 1), y)`), or from the only model in the file and the losses it defines.
 */
import type { RuleContext } from './context';
import type { Usage } from '../scan';
import { activationNode } from './model/modules';
import { firstTokenFrom, tokenIndexAt, usagesStartingAt } from './model/resolve';
import { argument } from './model/layers';
import { callArgs } from '../python/callArgs';
import { Tok, tokenText } from '../python/tokenizer';
import type { LayerNode, LossApplication, LossRef, Sequence } from './model';
import { thresholdEdits } from './thresholds';
import type { Via } from '../model/pairing';
import { removeActivationEdits, renameCallee } from './removal';
import { range } from './outputs';
import type { Fix, RawFinding, RawRelated, TextEdit } from './types';
import { editIn } from '../fixes/units';

interface Pair {
  readonly activation: LayerNode;
  readonly name: string;
  readonly loss: LossRef;
  /** Where the loss receives the output (`out` in `criterion(out, y)`), and the model call that produced it. */
  readonly app?: { unit: number; start: number; end: number };
  readonly application?: LossApplication;
  readonly call?: Via;
  /** The model whose output the loss receives. */
  readonly model?: Sequence;
  /** For a direct application: replace the prediction argument with its input. */
  readonly direct?: { start: number; end: number; inner: string };
}

/** Activation calls given straight to a loss. */
function directPairs(ctx: RuleContext): Pair[] {
  const pairs: Pair[] = [];
  for (const app of ctx.model.applications) {
    const unit = ctx.parsed.units[app.unit];
    const { ts } = unit;
    const start = ts.start[app.predFrom];
    const end = ts.end[app.predTo - 1];
    // Activation calls of the model (forward ops) cover `self.softmax(x)`; usages cover F.softmax / x.softmax().
    // The call spanning exactly the argument: a function starts there; a method's name comes after its receiver.
    const startTok = tokenIndexAt(ts, start);
    if (startTok < 0) continue;
    // Tried at the argument's first token, then at the next few (a method's name follows its receiver).
    let usage: Usage | undefined;
    const more = Math.max(0, Math.min(8, app.predTo - app.predFrom));
    for (let k = -1; k < more && !usage; k++) {
      for (const u of usagesStartingAt(unit.usages, ts.start[k < 0 ? startTok : app.predFrom + k + 1])) {
        if (u.framework === 'torch' && (u.form === 'function' || u.form === 'method') && u.callEnd === end && (u.form === 'function' ? u.callStart === start : u.start > start)) { usage = u; break; }
      }
    }
    if (!usage) continue;
    const node = activationNode(app.unit, unit, usage);
    if (!node || node.placement.kind !== 'forward' || node.placement.argText === undefined) continue;
    pairs.push({ activation: node, name: usage.name, loss: app.loss, direct: { start, end, inner: node.placement.argText } });
  }
  return pairs;
}

/**
 * A loss applied to a model's output: `criterion(out, y)` where `out = net(x)` (or `validity, label = d(x)`, or
 * `net(x)` itself) and the criterion variable's reaching binding is the loss. Followed through flow.ts; anything it
 * cannot follow for sure yields no pair.
 */
function modelPairs(ctx: RuleContext): Pair[] {
  const pairs: Pair[] = [];
  for (const app of [...ctx.model.applications, ...ctx.pairing.parameterApplications()]) {
    if (!lossReaches(ctx, app)) continue;
    const end = ctx.pairing.outputOfExpr(app.unit, app.predFrom, app.predTo);
    if (!end || end.node.kind !== 'activation') continue;
    const ts = ctx.parsed.units[app.unit].ts;
    pairs.push({ activation: end.node, name: end.activation, loss: app.loss, app: { unit: app.unit, start: ts.start[app.predFrom], end: ts.end[app.predTo - 1] }, application: app, model: end.model, ...(end.call ? { call: end.call } : {}) });
  }
  return pairs;
}

/**
 * The criterion called is the loss the reader saw: its variable's reaching binding is that loss's construction
 * (directly, through another name, or through a parameter every call site passes it for).
 */
function lossReaches(ctx: RuleContext, app: LossApplication): boolean {
  if (!app.variable) return true; // F.cross_entropy(...) or nn.CrossEntropyLoss()(...) in place
  return ctx.pairing.lossOfName(app.variable, { unit: app.unit, tok: app.open - 1 }) === app.loss;
}

/** Whether the loss's target names a value the model call's input is built from (its argument, or one binding back). */
function reconstructs(ctx: RuleContext, pair: Pair): boolean {
  const app = pair.application;
  const call = pair.call;
  if (!app || !call || call.unit !== app.unit) return false;
  const ts = ctx.parsed.units[app.unit].ts;
  const target = argument(callArgs(ts, app.open), 'target', 1);
  if (!target || target.arg.to - target.arg.from !== 1 || ts.kind[target.arg.from] !== Tok.Name) return false;
  const name = tokenText(ts, target.arg.from);
  const open = call.text.indexOf('(');
  if (open < 0) return false;
  // Names the input is built from, followed back through a few bindings (`noisy = clip(images + noise, 0, 1)`).
  const names = (text: string): string[] => text.match(/(?<![\w.])[A-Za-z_]\w*/g) ?? [];
  const work = names(call.text.slice(open + 1, -1)).map((n) => ({ n, unit: call.unit, tok: firstTokenFrom(ts, call.start) }));
  const seen = new Set<string>();
  for (let visits = 0; work.length && visits < 16; visits++) {
    const { n, unit, tok } = work.shift()!;
    if (n === name) return true;
    const key = `${n}@${unit}:${tok}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const reach = ctx.pairing.flow.reach(n, { unit, tok });
    if (reach.kind !== 'binding' || !reach.binding.value) continue;
    const b = reach.binding;
    const vts = ctx.parsed.units[b.at.unit].ts;
    for (const m of names(vts.text.slice(vts.start[b.value!.from], vts.end[b.value!.to - 1]))) work.push({ n: m, unit: b.at.unit, tok: b.at.tok });
  }
  return false;
}

/** "nn.Softmax (line 12) reaches CrossEntropyLoss (line 30) through `net(x)` at line 41. " and the same as related places. */
function pairingText(ctx: RuleContext, pair: Pair, lossName: string): { paired: string; related: RawRelated[] } {
  if (pair.direct) return { paired: '', related: [] };
  const a = pair.activation;
  const at = a.placement.kind === 'forward' ? { start: a.placement.callStart, end: a.placement.callEnd } : { start: a.start, end: a.end };
  const related: RawRelated[] = [{ unit: pair.loss.unit, start: pair.loss.start, end: pair.loss.end, message: `${lossName}: the loss this output reaches` }];
  let paired = `${a.written} (${ctx.where(a.unit, at.start)}) reaches ${lossName} (${ctx.where(pair.loss.unit, pair.loss.start)})`;
  if (pair.call) {
    const text = pair.call.text.length > 40 ? pair.call.text.slice(0, 37) + '...' : pair.call.text;
    paired += ` through \`${text.replace(/[`\r\n]+/g, ' ')}\` at ${ctx.where(pair.call.unit, pair.call.start)}`;
    related.push({ unit: pair.call.unit, start: pair.call.start, end: pair.call.end, message: 'the model call whose output the loss receives' });
  }
  if (pair.app && (!pair.call || pair.app.start !== pair.call.start)) {
    related.push({ unit: pair.app.unit, start: pair.app.start, end: pair.app.end, message: `the prediction ${lossName} receives` });
  }
  return { paired: paired + '. ', related };
}

function removal(ctx: RuleContext, pair: Pair): TextEdit[] | undefined {
  if (pair.direct) return [editIn(pair.activation.unit, pair.direct.start, pair.direct.end, pair.direct.inner)];
  return removeActivationEdits(ctx.parsed, pair.activation);
}

function fix(title: string, edits: TextEdit[] | undefined, preferred = false): Fix[] {
  return edits ? [{ title, edits, ...(preferred ? { preferred } : {}) }] : [];
}

export function torchLossRules(ctx: RuleContext): void {
  const done = new Set<string>();
  const pairs = [...directPairs(ctx), ...modelPairs(ctx)];
  for (const pair of pairs) {
    const key = `${pair.activation.unit}:${pair.activation.start}:${pair.loss.name}`;
    if (done.has(key)) continue;
    done.add(key);
    const a = pair.activation;
    // A module's activation is reported where forward applies it, not where __init__ builds it.
    const where = pair.direct ? { unit: a.unit, start: pair.direct.start, end: pair.direct.end }
      : a.placement.kind === 'forward' ? { unit: a.unit, start: a.placement.callStart, end: a.placement.callEnd } : { unit: a.unit, start: a.start, end: a.end };
    const lossName = pair.loss.written.split('.').pop() ?? pair.loss.written;
    const { paired, related } = pairingText(ctx, pair, lossName);
    const report = (code: RawFinding['code'], message: string, fixes: Fix[], severity?: RawFinding['severity']): void =>
      ctx.report({ code, unit: where.unit, start: where.start, end: where.end, message: paired + message, fixes, related, severity });
    const { name } = pair;
    switch (pair.loss.name) {
      case 'cross_entropy':
        if (name === 'softmax') {
          report('softmax-before-cross-entropy', `Softmax output fed to ${lossName}, which applies log-softmax itself: the logits become probabilities in [0, 1] and the loss can no longer approach 0 (its floor is log(1 + (C-1)/e), 1.46 for 10 classes). Remove the softmax and apply it only at inference.`,
            fix('Remove the softmax (the loss takes logits)', removal(ctx, pair), true));
        } else if (name === 'log_softmax') {
          report('softmax-before-cross-entropy', `LogSoftmax before ${lossName} is redundant (log-softmax is idempotent, so the result is the same); NLLLoss after LogSoftmax, or raw logits into ${lossName}, saves the extra work.`,
            fix('Remove the log-softmax', removal(ctx, pair), true), 'information');
        }
        break;
      case 'bce':
        if (name === 'sigmoid') {
          const swaps = pair.direct ? [renameLoss(pair.loss)] : wholeSwaps(ctx, pair, pairs);
          const edits = removal(ctx, pair);
          const complete = swaps && swaps.every((x): x is TextEdit => x !== undefined) ? swaps : undefined;
          report('sigmoid-bce', `Sigmoid followed by ${lossName}: BCEWithLogitsLoss combines both with the log-sum-exp trick, which is numerically stable (BCELoss clamps log outputs at -100) and safe under autocast.`,
            fix('Remove the sigmoid and use BCEWithLogitsLoss', edits && complete ? sorted([...edits, ...complete]) : undefined, true));
        }
        break;
      case 'bce_logits':
        if (name === 'sigmoid') {
          report('double-sigmoid', `Sigmoid output fed to ${lossName}, which applies a sigmoid itself: predictions are squeezed into (0.5, 0.73) and the loss cannot fall below 0.31.`,
            fix('Remove the sigmoid (the loss takes logits)', removal(ctx, pair), true));
        }
        break;
      case 'nll':
        if (name === 'softmax') {
          const edit = pair.activation.kind === 'activation' ? renameCallee(pair.activation, /(?:Softmax|softmax)$/, pair.activation.framework === 'torch' && /Softmax$/.test(pair.activation.written) ? 'LogSoftmax' : 'log_softmax') : undefined;
          report('softmax-nll', `${lossName} expects log-probabilities, but gets softmax probabilities: the loss becomes -p in [-1, 0] (a negative loss) and barely trains. Use log_softmax.`,
            fix('Use log-softmax', edit ? [edit] : undefined, true));
        }
        break;
      case 'mse':
      case 'mae':
      case 'huber':
        // A bounded output that reconstructs its own input (autoencoders: `criterion(model(images), images)`, or from
        // `noisy = images + noise`) has targets in the same range: images in [0, 1] under a sigmoid are right.
        if ((name === 'relu' || name === 'sigmoid' || name === 'tanh' || name === 'softmax') && !(pair.app && pair.call && reconstructs(ctx, pair))) {
          report('regression-output-activation', `${lossName} is a regression loss, but the ${name} output limits predictions to ${range(name)}; use a linear output unless the targets are scaled to that range.`,
            fix('Use a linear output', removal(ctx, pair), true));
        }
        break;
      default:
        break;
    }
  }
}

/**
 * Removing a sigmoid changes what every loss fed by that output receives, and what every threshold on it reads: the
 * training and the evaluation criteria are all renamed and the thresholds the file shows read `torch.sigmoid(out)`
 * (thresholds.ts), or no fix is offered when one of the losses is not a BCE loss or a threshold cannot be rewritten
 * for sure.
 */
function wholeSwaps(ctx: RuleContext, pair: Pair, all: readonly Pair[]): TextEdit[] | undefined {
  const a = pair.activation;
  const same = all.filter((p) => !p.direct && p.activation.unit === a.unit && p.activation.start === a.start);
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  for (const p of same) {
    if (p.loss.name !== 'bce') return undefined;
    const key = `${p.loss.unit}:${p.loss.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const swap = renameLoss(p.loss);
    if (!swap) return undefined;
    edits.push(swap);
  }
  if (!edits.length || !pair.model) return undefined;
  const calls = same.flatMap((p) => (p.call ? [p.call] : []));
  const thresholds = thresholdEdits(ctx, pair.model, a, calls);
  return thresholds ? [...edits, ...thresholds] : undefined;
}

/** Edits in file order (unit, then offset), as one fix applies them. */
function sorted(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((x, y) => (x.unit ?? 0) - (y.unit ?? 0) || x.start - y.start);
}

/** `nn.BCELoss` -> `nn.BCEWithLogitsLoss`, `F.binary_cross_entropy` -> `F.binary_cross_entropy_with_logits`. */
function renameLoss(loss: LossRef): TextEdit | undefined {
  const end = loss.start + loss.written.length;
  if (loss.written.endsWith('BCELoss')) return editIn(loss.unit, end - 'BCELoss'.length, end, 'BCEWithLogitsLoss');
  if (loss.written.endsWith('binary_cross_entropy')) return editIn(loss.unit, end, end, '_with_logits');
  return undefined;
}
