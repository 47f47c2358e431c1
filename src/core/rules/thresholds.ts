/**
 * Thresholds on a model's output, for fixes that turn a probability output into logits (`sigmoid-bce`): every place
 * the file compares the output with something or rounds it (`out > 0.5`, `(out >= 0.5).float()`, `out.round()`,
 * `torch.round(out)`, `torch.where(out > 0.5, 1, 0)`) must read `torch.sigmoid(out)` after the fix, or the fix is
 * not offered. The output is followed from every call of the model the file shows, through names bound to it and
 * names derived from it by method chains (`pred = out.detach().cpu().numpy()`); a thresholded name that another
 * binding may also reach makes the answer unsure.
 */
import { Tok, tokenIs, tokenText, type TokenStream } from '../python/tokenizer';
import { editIn } from '../fixes/units';
import type { Binding } from '../model/flow';
import type { RuleContext } from './context';
import type { LayerNode, Sequence } from './model';
import { qualify, readDotted, statementEnd } from './model/resolve';
import type { TextEdit } from './types';
import { MemoOnKey } from '../memoOnKey';

/** Methods and attributes after which a value is still the same tensor (so it may still reach the loss). */
const SAME_TENSOR = new Set(['view', 'reshape', 'squeeze', 'unsqueeze', 'flatten', 'contiguous', 'float', 'double', 'to', 'cuda', 'cpu', 'view_as', 'reshape_as', 'detach', 'clone', 'data']);
/** Methods that threshold their receiver. */
const THRESHOLD_METHODS = new Set(['round', 'gt', 'ge', 'lt', 'le', 'greater', 'greater_equal', 'less', 'less_equal']);
/** Functions that threshold their first argument (`torch.round(out)`, `np.round(p)`, `round(p)`). */
const THRESHOLD_FUNCTIONS = new Set(['round', 'rint', 'gt', 'ge', 'lt', 'le', 'greater', 'greater_equal', 'less', 'less_equal']);
const COMPARISONS = new Set(['<', '>', '<=', '>=']);
/** Bounds the walk: outputs followed through at most this many names. */
const MAX_NAMES = 32;

interface Chain {
  /** Token after the postfix chain (`.m(...)`, `.attr`, `[...]`) that follows the value. */
  readonly end: number;
  /** Whether every link keeps the same tensor. */
  readonly sameTensor: boolean;
  /** Whether a link thresholds it (`.round()`, `.gt(0.5)`). */
  readonly thresholds: boolean;
}

/** The postfix chain after a value ending at token `t` (exclusive). */
function chainAfter(ts: TokenStream, t: number, stop: number): Chain {
  let sameTensor = true;
  let thresholds = false;
  let i = t;
  while (i < stop) {
    if (tokenIs(ts, i, '.') && ts.kind[i + 1] === Tok.Name) {
      const name = tokenText(ts, i + 1);
      if (THRESHOLD_METHODS.has(name)) thresholds = true;
      else if (!SAME_TENSOR.has(name)) sameTensor = false;
      i += 2;
      if (tokenIs(ts, i, '(') && ts.match[i] > i) i = ts.match[i] + 1;
      continue;
    }
    if (tokenIs(ts, i, '[') && ts.match[i] > i) { i = ts.match[i] + 1; continue; }
    break;
  }
  return { end: i, sameTensor, thresholds };
}

/** Whether the value in tokens [from, to) (with its chain) is compared or rounded where it stands. */
function isThresholded(ts: TokenStream, from: number, chain: Chain): boolean {
  if (chain.thresholds) return true;
  const after = chain.end;
  if (ts.kind[after] === Tok.Op && COMPARISONS.has(tokenText(ts, after))) return true;
  // `0.5 < out`: a comparison before the value, unless it belongs to a larger operand (`a + out`).
  if (from > 0 && ts.kind[from - 1] === Tok.Op && COMPARISONS.has(tokenText(ts, from - 1))) return true;
  // `torch.round(out)`: the value is the call's first argument.
  if (from > 1 && tokenIs(ts, from - 1, '(') && ts.kind[from - 2] === Tok.Name && (tokenIs(ts, after, ')') || tokenIs(ts, after, ','))) {
    return THRESHOLD_FUNCTIONS.has(tokenText(ts, from - 2));
  }
  return false;
}

/** The binding whose statement starts at `stmt` and whose value is exactly tokens [from, to), when there is one. */
function bindingOf(ctx: RuleContext, unit: number, stmt: number, from: number, to: number): Binding | undefined {
  const ts = ctx.parsed.units[unit].ts;
  const target = readDotted(ts, stmt);
  if (!target || target.text.includes('.') || !tokenIs(ts, target.next, '=') || target.next + 1 !== from || statementEnd(ts, stmt) !== to) return undefined;
  return ctx.pairing.flow.bindingsOf(ctx.pairing.flow.statement({ unit, tok: stmt })?.scope ?? -1, target.text).find((b) => b.at.unit === unit && b.at.tok === stmt && b.value?.from === from);
}

/**
 * Edits that make every visible threshold on the model's output read probabilities again, or undefined when a
 * threshold cannot be rewritten for sure. `calls` are the model calls whose output reaches the losses (their callee
 * names say which other calls of the file to look at).
 */
export function thresholdEdits(ctx: RuleContext, model: Sequence, activation: LayerNode, calls: readonly { unit: number; start: number; text: string }[]): TextEdit[] | undefined {
  const names = new Set(calls.map((c) => c.text.slice(0, c.text.indexOf('(')).trim()).filter((n) => /^[\w.]+$/.test(n)));
  if (!names.size) return undefined;
  const edits = new Map<string, TextEdit>();
  const work: Binding[] = [];
  const seen = new Set<Binding>();
  let sure = true;

  /** Tokens [from, to) (a name, or a whole model call) read `torch.sigmoid(...)`. */
  const wrap = (unit: number, from: number, to: number): void => {
    const ts = ctx.parsed.units[unit].ts;
    const text = ts.text.slice(ts.start[from], ts.end[to - 1]);
    const sigmoid = qualify(ctx.parsed.scope, 'torch.sigmoid') === 'torch.sigmoid' ? `torch.sigmoid(${text})` : `${text}.sigmoid()`;
    edits.set(`${unit}:${ts.start[from]}`, editIn(unit, ts.start[from], ts.end[to - 1], sigmoid));
  };

  /** A value at tokens [from, valueEnd) of unit, holding the output: thresholds on it, or names it is bound to. */
  const follow = (unit: number, from: number, valueEnd: number): void => {
    const ts = ctx.parsed.units[unit].ts;
    const stmt = ctx.pairing.flow.statement({ unit, tok: from });
    if (!stmt) return;
    const end = statementEnd(ts, stmt.start);
    const chain = chainAfter(ts, valueEnd, end);
    if (isThresholded(ts, from, chain)) { wrap(unit, from, valueEnd); return; }
    // `name = <value><chain>`: follow the name. Derived by other methods (`.numpy()`), a threshold on the name is
    // rewritten in this statement instead (the name holds probabilities again and cannot be a loss's input).
    const b = bindingOf(ctx, unit, stmt.start, from, chain.end);
    if (!b) return;
    if (chain.sameTensor) { if (!seen.has(b)) { seen.add(b); work.push(b); } return; }
    if (usesThresholded(b)) wrap(unit, from, valueEnd);
  };

  /** Whether a name bound by `b` is thresholded where `b` reaches (unsure when another binding may reach it too). */
  const usesThresholded = (b: Binding): boolean => {
    let found = false;
    forEachUse(b, (unit, tok, reached) => {
      const ts = ctx.parsed.units[unit].ts;
      const stmt = ctx.pairing.flow.statement({ unit, tok });
      if (!stmt) return;
      if (!isThresholded(ts, tok, chainAfter(ts, tok + 1, statementEnd(ts, stmt.start)))) return;
      if (reached) found = true;
      else sure = false;
    });
    return found;
  };

  /** Uses of the name `b` binds, in its scope and the functions inside it: reached by `b` for sure, or maybe. */
  const forEachUse = (b: Binding, visit: (unit: number, tok: number, reached: boolean) => void): void => {
    const flow = ctx.pairing.flow;
    for (const { unit, tok } of nameIndex(ctx).get(b.name) ?? []) {
      const reach = flow.reach(b.name, { unit, tok });
      if (reach.kind === 'binding' && reach.binding === b) visit(unit, tok, true);
      else if (reach.kind === 'ambiguous' && flow.statement({ unit, tok })?.scope === b.scope) visit(unit, tok, false);
    }
  };

  // Every call of the model the file shows.
  const element = tupleElement(ctx, model, activation);
  for (const first of new Set([...names].map((n) => n.split('.')[0]))) {
    for (const { unit, tok: t } of nameIndex(ctx).get(first) ?? []) {
      const ts = ctx.parsed.units[unit].ts;
      const callee = readDotted(ts, t);
      if (!callee || !names.has(callee.text) || !tokenIs(ts, callee.next, '(') || ts.match[callee.next] < 0) continue;
      const ref = ctx.pairing.modelOfExpr(unit, t, callee.next);
      if (ref?.seq !== model) continue;
      const close = ts.match[callee.next];
      if (element === undefined) follow(unit, t, close + 1);
      else followTuple(unit, t, close + 1, element);
    }
  }

  /** `validity, label = d(x)`: the element that holds the sigmoid output. */
  function followTuple(unit: number, from: number, to: number, element: number): void {
    const ts = ctx.parsed.units[unit].ts;
    const stmt = ctx.pairing.flow.statement({ unit, tok: from });
    if (!stmt || statementEnd(ts, stmt.start) !== to) return;
    for (let t = stmt.start; t < from; t++) {
      if (ts.kind[t] !== Tok.Name) continue;
      const candidates = ctx.pairing.flow.bindingsOf(stmt.scope, tokenText(ts, t));
      const hit = candidates.find((x) => x.at.unit === unit && x.at.tok === stmt.start && x.element === element && x.value?.from === from);
      if (hit && !seen.has(hit)) { seen.add(hit); work.push(hit); }
    }
  }

  for (let visits = 0; work.length && sure; visits++) {
    if (visits > MAX_NAMES) return undefined;
    const b = work.shift()!;
    forEachUse(b, (unit, tok, reached) => {
      const ts = ctx.parsed.units[unit].ts;
      if (tokenIs(ts, tok + 1, '=')) return; // rebound here, not read
      if (!reached) {
        const stmt = ctx.pairing.flow.statement({ unit, tok });
        if (stmt && isThresholded(ts, tok, chainAfter(ts, tok + 1, statementEnd(ts, stmt.start)))) sure = false;
        return;
      }
      follow(unit, tok, tok + 1);
    });
  }
  if (!sure) return undefined;
  return [...edits.values()];
}

const nameIndexes = new MemoOnKey<object, Map<string, { unit: number; tok: number }[]>>('names');

/** Name tokens (not attributes) by text, built once per parsed source: each output name is then found at once. */
function nameIndex(ctx: RuleContext): Map<string, { unit: number; tok: number }[]> {
  let index = nameIndexes.get(ctx.parsed);
  if (index) return index;
  index = new Map();
  for (let unit = 0; unit < ctx.parsed.units.length; unit++) {
    const ts = ctx.parsed.units[unit].ts;
    for (let t = 0; t < ts.count; t++) {
      if (ts.kind[t] !== Tok.Name || (t > 0 && tokenIs(ts, t - 1, '.'))) continue;
      const text = tokenText(ts, t);
      const list = index.get(text);
      if (list) list.push({ unit, tok: t });
      else index.set(text, [{ unit, tok: t }]);
    }
  }
  nameIndexes.set(ctx.parsed, index);
  return index;
}

/** For a module whose forward returns a tuple: the element the activation ends. Undefined for a single output. */
function tupleElement(ctx: RuleContext, model: Sequence, activation: LayerNode): number | undefined {
  if (ctx.pairing.endOfModel(model, undefined)) return undefined;
  for (let k = 0; k < 8; k++) {
    const end = ctx.pairing.endOfModel(model, undefined, k);
    if (end?.node.start === activation.start && end.node.unit === activation.unit) return k;
  }
  return -1;
}
