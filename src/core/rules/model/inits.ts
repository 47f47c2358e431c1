/**
 * PyTorch initialisers a module's `__init__` sets: `nn.init.<fn>_(self.fc.weight, ...)` on one layer, and
 * `nn.init.<fn>_(m.weight, ...)` under `if isinstance(m, nn.Linear):` in a function that `self.apply(fn)` runs (a
 * method of the class or a function of the same file) or in a `for m in self.modules():` loop. Only the calls are
 * recorded (name and place); their literal arguments are read where the variance is computed.
 *
 * Precision: an `nn.init` call on a weight that cannot be attributed for sure (another guard, an unknown target)
 * makes every weight layer's initialiser unknown, so no prediction uses a default the code overrides.
 */
import { callArgs } from '../../python/callArgs';
import { Tok, tokenIs, tokenText, type TokenStream } from '../../python/tokenizer';
import { isCallAt } from './layers';
import type { Names } from './names';
import { blockStatements, skipDotted, statementEnd } from './resolve';
import type { Statements } from './statements';
import type { InitCall } from './types';

/** One initialisation in `__init__` order; later ones win. */
export type InitEvent =
  | { readonly kind: 'attr'; readonly attr: string; readonly part: 'weight' | 'bias'; readonly call: InitCall }
  | { readonly kind: 'class'; readonly classes: readonly string[]; readonly part: 'weight' | 'bias'; readonly call: InitCall }
  | { readonly kind: 'opaque'; readonly call: InitCall };

/** Bounds the functions followed (a pathological file cannot make the reader walk without end). */
const MAX_FOLLOWED = 8;

/** `nn.init.kaiming_normal_(TARGET.weight, ...)` at statement s: the init's name, target text and part. */
function initCall(names: Names, unit: number, s: number): { call: InitCall; target?: string; part?: 'weight' | 'bias' } | undefined {
  const { ts } = names;
  if (ts.kind[s] !== Tok.Name || !hasInitPart(ts, s, skipDotted(ts, s))) return undefined;
  const callee = names.dottedAt(s);
  if (!callee || !isCallAt(ts, callee.next)) return undefined;
  const qualified = names.qualifiedAt(s);
  if (!qualified || !qualified.startsWith('torch.nn.init.')) return undefined;
  const close = ts.match[callee.next];
  const call: InitCall = { name: qualified.slice(14).replace(/_$/, ''), unit, start: ts.start[s], end: ts.end[close >= 0 ? close : callee.next] };
  const first = callArgs(ts, callee.next)[0];
  const dotted = first && !first.keyword ? names.dottedAt(first.from) : undefined;
  const m = dotted && dotted.next === first.to ? /^(.+)\.(weight|bias)$/.exec(dotted.text) : null;
  return m ? { call, target: m[1], part: m[2] as 'weight' | 'bias' } : { call };
}

/** Whether the dotted name [t, next) contains `init.` (a part before the last ends in `init`), without its text. */
function hasInitPart(ts: TokenStream, t: number, next: number): boolean {
  for (let k = t; k < next - 1; k += 2) if (ts.end[k] - ts.start[k] >= 4 && ts.text.startsWith('init', ts.end[k] - 4)) return true;
  return false;
}

/** `isinstance(P, X)` or `isinstance(P, (X, Y))` as the whole condition of the `if`/`elif` at s. */
function isinstanceGuard(names: Names, s: number): { param: string; classes: string[] } | undefined {
  const { ts } = names;
  if (!tokenIs(ts, s, 'if') && !tokenIs(ts, s, 'elif')) return undefined;
  if (!tokenIs(ts, s + 1, 'isinstance') || !isCallAt(ts, s + 2)) return undefined;
  const close = ts.match[s + 2];
  if (close < 0 || !tokenIs(ts, close + 1, ':')) return undefined;
  const args = callArgs(ts, s + 2);
  if (args.length !== 2 || args[0].to !== args[0].from + 1 || ts.kind[args[0].from] !== Tok.Name) return undefined;
  const classes: string[] = [];
  let from = args[1].from;
  let to = args[1].to;
  if (tokenIs(ts, from, '(') && ts.match[from] === to - 1) { from += 1; to -= 1; }
  for (let t = from; t < to;) {
    const d = names.dottedAt(t);
    if (!d) return undefined;
    const q = names.qualifiedAt(t);
    if (!q) return undefined;
    classes.push(q);
    t = d.next;
    if (t < to && !tokenIs(ts, t, ',')) return undefined;
    t += 1;
  }
  return classes.length ? { param: tokenText(ts, args[0].from), classes } : undefined;
}

/**
 * Initialisations in a block that receives each module as `param` (an applied function's body, a loop over
 * `self.modules()`): each init call must sit under an `isinstance(param, ...)` guard, with at most an
 * `if param.bias is not None:` inside it.
 */
function blockEvents(names: Names, unit: number, header: number, param: string | undefined): InitEvent[] {
  const { ts } = names;
  const out: InitEvent[] = [];
  const statements = blockStatements(ts, header);
  for (const [i, s] of statements.entries()) {
    const found = initCall(names, unit, s);
    if (!found) continue;
    if (!found.target || found.target !== param || !found.part) { out.push({ kind: 'opaque', call: found.call }); continue; }
    // Enclosing headers, innermost first.
    let indent = ts.indent[s];
    let classes: string[] | undefined;
    let ok = true;
    for (let j = i - 1; j >= 0; j--) {
      const h = statements[j];
      if (ts.indent[h] >= indent) continue;
      indent = ts.indent[h];
      const guard = isinstanceGuard(names, h);
      if (guard && guard.param === param && !classes) { classes = guard.classes; continue; }
      if (!classes && isBiasCheck(ts, h, param)) continue;
      ok = false;
      break;
    }
    out.push(ok && classes ? { kind: 'class', classes, part: found.part, call: found.call } : { kind: 'opaque', call: found.call });
  }
  return out;
}

/** `if P.bias is not None:` */
function isBiasCheck(ts: TokenStream, s: number, param: string): boolean {
  const words = ['if', param, '.', 'bias', 'is', 'not', 'None', ':'];
  return words.every((w, k) => tokenIs(ts, s + k, w));
}

/** The parameter that receives the module: the last parameter of `def name(self, m)` / `def name(m)`. */
function moduleParam(ts: TokenStream, def: number): string | undefined {
  const open = def + 2;
  if (!tokenIs(ts, open, '(')) return undefined;
  const args = callArgs(ts, open);
  const last = args[args.length - 1];
  return last && !last.keyword && last.to === last.from + 1 ? tokenText(ts, last.from) : undefined;
}

/** A class's body: its statements are `from..to` of the unit's statements (`starts`, `ends`). */
export interface ClassBody extends Statements {
  readonly from: number;
  readonly to: number;
}

/** `def name(...)` at top level of the unit, or among the class's methods (the last of that name, as in Python). */
function findFunction(ts: TokenStream, cls: ClassBody, name: string, method: boolean): number | undefined {
  if (method) {
    let found: number | undefined;
    for (let j = cls.from; j < cls.to; j++) {
      const s = cls.starts[j];
      if (tokenIs(ts, s, 'def') && ts.kind[s + 1] === Tok.Name && tokenIs(ts, s + 1, name)) found = s;
    }
    return found;
  }
  for (let t = 0; t < ts.count; t++) {
    if (ts.indent[t] === 0 && tokenIs(ts, t, 'def') && tokenIs(ts, t + 1, name)) return t;
  }
  return undefined;
}

/** No initialisations: one shared empty list (most modules set none, and a Keras model's layers carry theirs). */
export const NO_INIT_EVENTS: readonly InitEvent[] = Object.freeze([]);

/** Every initialisation `__init__` makes, in order: its statements are `starts[from..to)`. */
export function initEvents(names: Names, unit: number, cls: ClassBody, starts: ArrayLike<number>, from: number, to: number): readonly InitEvent[] {
  const { ts } = names;
  let out: InitEvent[] | undefined;
  let followed = 0;
  const top = to > from ? ts.indent[starts[from]] : 0;
  let loopIndent = -1;
  for (let j = from; j < to; j++) {
    const s = starts[j];
    if (loopIndent >= 0 && ts.indent[s] > loopIndent) continue; // read by the loop's own events
    loopIndent = -1;
    const direct = initCall(names, unit, s);
    if (direct) {
      // Under an `if` or a loop of __init__, a direct init may or may not run: unknown.
      const m = ts.indent[s] === top && direct.target && /^self\.\w+$/.test(direct.target) && direct.part ? direct.target : undefined;
      (out ??= []).push(m ? { kind: 'attr', attr: m, part: direct.part!, call: direct.call } : { kind: 'opaque', call: direct.call });
      continue;
    }
    // self.apply(fn) / self.apply(self._init_weights)
    if (tokenIs(ts, s, 'self') && tokenIs(ts, s + 1, '.') && tokenIs(ts, s + 2, 'apply') && isCallAt(ts, s + 3) && followed < MAX_FOLLOWED) {
      const args = callArgs(ts, s + 3);
      const d = args.length === 1 ? names.dottedAt(args[0].from) : undefined;
      if (!d || d.next !== args[0].to) continue;
      const method = d.text.startsWith('self.');
      const name = method ? d.text.slice(5) : d.text;
      if (name.includes('.')) continue;
      const def = findFunction(ts, cls, name, method);
      followed += 1;
      if (def !== undefined) (out ??= []).push(...blockEvents(names, unit, def, moduleParam(ts, def)));
      continue;
    }
    // for m in self.modules():
    if (tokenIs(ts, s, 'for') && ts.kind[s + 1] === Tok.Name && tokenIs(ts, s + 2, 'in') && tokenIs(ts, s + 3, 'self') && tokenIs(ts, s + 4, '.')
      && tokenIs(ts, s + 5, 'modules') && tokenIs(ts, s + 6, '(') && tokenIs(ts, s + 7, ')') && tokenIs(ts, s + 8, ':') && statementEnd(ts, s) === s + 9) {
      (out ??= []).push(...blockEvents(names, unit, s, tokenText(ts, s + 1)));
      loopIndent = ts.indent[s];
    }
  }
  return out ?? NO_INIT_EVENTS;
}
