/**
 * Scope- and order-aware reaching definitions over the scanner's token streams.
 *
 * Scopes are the module (shared by every notebook cell, in document order), each `def` and each `class`.
 * A use sees the last binding of its name before it in its own function scope; a function that does not bind the
 * name sees the module's bindings, and since it may run at any time, only when the module binds it exactly once.
 * Where the answer is not certain (a binding inside `if`/`for`/`while`/`except`, a later binding in the same loop,
 * a `global` statement, several module bindings seen from a function), the answer is `ambiguous`: pairing rules
 * stay silent then.
 */
import { Tok, tokenIs, tokenText, type TokenStream } from '../python/tokenizer';
import type { ParsedSource } from '../scan';
import { dottedText, readDotted, skipDotted } from '../rules/model/resolve';
import { statementKeyword } from '../python/statements';

/** A position in the program: unit (file or cell, in document order) and token index. */
export interface Point {
  readonly unit: number;
  readonly tok: number;
}

export interface FlowScope {
  readonly id: number;
  readonly kind: 'module' | 'function' | 'class';
  /** The function or class name. */
  readonly name?: string;
  readonly parent?: number;
  /** The `def`/`class` token (unit and token index), for functions and classes. */
  readonly header?: Point;
  /** Every statement start token of the body, for functions (return statements are found there). */
  readonly body: Point[];
}

export interface Binding {
  readonly name: string;
  readonly scope: number;
  /** The statement that binds it. */
  readonly at: Point;
  /** Token range [from, to) of the assigned value, for plain assignments (`name = value`, `a, b = value`). */
  readonly value?: { readonly from: number; readonly to: number };
  /** For tuple targets: the position of this name (`validity, label = d(x)`: label is 1). */
  readonly element?: number;
  /** Inside `if`/`for`/`while`/`except`/`else`/`finally` or a one-line compound body: it may not run. */
  readonly conditional: boolean;
  /** The statement's enclosing compound headers inside its scope (token indexes). */
  readonly blocks: readonly number[];
  /** `def`/`class` bindings: the header token. */
  readonly definition?: 'def' | 'class';
  /**
   * Function parameters: their position among the positional parameters (undefined after `*`), and whether they
   * are `*args` / `**kwargs` (which no call site maps to one value). Their values come from the call sites (see pairing.ts).
   */
  readonly parameter?: { readonly index: number | undefined; readonly star?: boolean };
}

export type Reach = { readonly kind: 'binding'; readonly binding: Binding } | { readonly kind: 'ambiguous' } | { readonly kind: 'none' };

interface StatementInfo {
  readonly scope: number;
  readonly blocks: readonly number[];
  readonly conditional: boolean;
  /** Headers of enclosing loops in the scope. */
  readonly loops: readonly number[];
}

/** A def/class scope whose body is listed when first asked for (one class: the getter lives on the prototype). */
class LazyScope implements FlowScope {
  // Private fields: a scope serialises (JSON) as its data only.
  readonly #flow: Flow;
  #list: Point[] | undefined;
  constructor(flow: Flow, readonly id: number, readonly kind: 'function' | 'class', readonly name: string, readonly parent: number, readonly header: Point) {
    this.#flow = flow;
  }

  get body(): Point[] {
    return (this.#list ??= this.#flow.bodyOf(this.id));
  }
}

/**
 * The contexts of a unit's statements: one per block header with statements directly under it (and one for the top
 * level). Each is its header's own context plus the header, so only numbers are kept for every one; the block and
 * loop lists are made when a statement in that context is first read (most are inside functions nothing asks about).
 */
class Contexts {
  /** Per context: its scope, the context of its header statement (-1: top level), the header token and kind. */
  scope: Int32Array<ArrayBuffer> = new Int32Array(16);
  private outer: Int32Array<ArrayBuffer> = new Int32Array(16);
  private header: Int32Array<ArrayBuffer> = new Int32Array(16);
  private kind: Uint8Array<ArrayBuffer> = new Uint8Array(16);
  private count = 0;
  private infos: (StatementInfo | undefined)[] | undefined;

  /** A new context for the statements under `open` (undefined: the top level); returns its index. */
  add(open: Open | undefined): number {
    const i = this.count++;
    if (i === this.scope.length) {
      this.scope = grown(this.scope);
      this.outer = grown(this.outer);
      this.header = grown(this.header);
      const kind = new Uint8Array(this.kind.length * 2);
      kind.set(this.kind);
      this.kind = kind;
    }
    if (open === undefined) {
      this.scope[i] = 0;
      this.outer[i] = -1;
      this.header[i] = -1;
      this.kind[i] = OPENS;
      return i;
    }
    const k = open.kind;
    const flags = k === 'def' || k === 'class' ? OPENS : (k === 'for' || k === 'while' ? LOOP : 0) | (CONDITIONAL.has(k) ? CONDITIONS : 0);
    this.scope[i] = flags & OPENS ? open.scope : this.scope[open.context];
    this.outer[i] = open.context;
    this.header[i] = open.tok;
    this.kind[i] = flags;
    return i;
  }

  /** Scope and blocks of the statements in context `i`. */
  info(i: number): StatementInfo {
    const infos = (this.infos ??= new Array<StatementInfo | undefined>(this.count));
    return (infos[i] ??= this.make(i));
  }

  private make(i: number): StatementInfo {
    const flags = this.kind[i];
    // The top level and a def/class body (a scope of its own) are in no block yet. Most statements are in no block
    // or no loop: those share one empty list (the lists are never changed).
    if (flags & OPENS) return { scope: this.scope[i], blocks: NONE, loops: NONE, conditional: false };
    const outer = this.info(this.outer[i]);
    const tok = this.header[i];
    return { scope: this.scope[i], blocks: [...outer.blocks, tok], loops: flags & LOOP ? [...outer.loops, tok] : outer.loops, conditional: outer.conditional || (flags & CONDITIONS) !== 0 };
  }
}

/** Kinds of a context's header: a def/class (or none: the top level), a loop, a block that may not run. */
const OPENS = 1;
const LOOP = 2;
const CONDITIONS = 4;

/** A unit's statements: start tokens in order, and each one's context. */
class Statements {
  constructor(readonly starts: Int32Array, readonly context: Int32Array, readonly contexts: Contexts) {}

  /** The information of the statement that starts at token `t`, or undefined when none does. */
  at(t: number): StatementInfo | undefined {
    const i = lowerBound(this.starts, t);
    return i < this.starts.length && this.starts[i] === t ? this.contexts.info(this.context[i]) : undefined;
  }
}

/**
 * The first token after `t` that starts a logical line (indent >= 0), or the token count. A bracket pair is passed
 * over whole: a line starts only after a statement end, and the tokenizer pairs no brackets across one, so no token
 * inside a pair starts a line (the tokens of call arguments and layer lists, most of a file, are not visited).
 */
function nextLineStart(ts: TokenStream, t: number): number {
  const { kind, match, indent, count } = ts;
  let i = t + 1;
  while (i < count && indent[i] < 0) {
    if (kind[i] === Tok.Open && match[i] > i) i = match[i];
    i++;
  }
  return i;
}

/** The statement end (Newline token, or the count) of the statement at `t`, passing bracket pairs over whole. */
function endOfStatement(ts: TokenStream, t: number): number {
  const { kind, match, count } = ts;
  let i = t;
  while (i < count && kind[i] !== Tok.Newline) {
    if (kind[i] === Tok.Open && match[i] > i) i = match[i];
    i++;
  }
  return i;
}

/** A copy of `a` with twice the room. */
function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The first index of the sorted `a` whose value is at least `value`. */
function lowerBound(a: Int32Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bodies that may not run (or run more than once). `try` and `with` bodies run when the code after them does. */
const CONDITIONAL = new Set(['if', 'elif', 'else', 'for', 'while', 'except', 'finally', 'match', 'case']);

/**
 * A name's shape as a key of the module's name index: its length and its first, middle and last characters, read
 * without a loop (the index keys every name token of the module; a statement found by a key that another name
 * shares is read for nothing, as its bindings of other names are not kept).
 */
function nameKey(text: string, from: number, to: number): number {
  const length = to - from;
  return ((length & 63) << 21) | ((text.charCodeAt(from) & 127) << 14) | ((text.charCodeAt(from + (length >> 1)) & 127) << 7) | (text.charCodeAt(to - 1) & 127);
}

/** The module's name index: bucket heads, and per entry the name's key, the statement's number and the next entry. */
interface ModuleNames {
  readonly head: Int32Array;
  readonly hash: Int32Array;
  readonly id: Int32Array;
  readonly next: Int32Array;
}

/** Keys a token by unit and index in one number (a unit holds fewer than 2^32 tokens). */
export const UNIT_STRIDE = 2 ** 32;

/**
 * Scopes and statements are read eagerly (one pass over statement starts); the bindings of a scope only when a
 * question first needs them, since most files ask about a few names in a few scopes. A class is read with every
 * scope inside it (its methods bind `self.x` on it); a function or the module with its own statements only.
 */
export class Flow {
  readonly scopes: FlowScope[] = [];
  /** Bindings by scope and name, in document order (for the scopes read so far). */
  private readonly bindings = new Map<number, Map<string, Binding[]>>();
  /** Per unit: statement start token -> statement information. */
  private readonly statements: Statements[] = [];
  /** Per unit: whether the text has `:=` at all (most files do not: their brackets need no second look). */
  private readonly walrus: (boolean | undefined)[] = [];
  /** Parameters by function scope (read on first use). */
  private readonly parameters = new Map<number, { name: string; index: number | undefined; star: boolean }[]>();
  /** Names declared `global` inside functions. */
  private readonly globals = new Set<string>();
  /** Per def/class scope: the header statement's token and where its block ends (token index, exclusive). */
  private readonly extents: { stmt: number; end: number }[] = [];
  /** Function scopes by header token and by header statement (built on first use). */
  private byHeader: Map<number, FlowScope> | undefined;
  private byStatement: Map<number, FlowScope> | undefined;
  /** Scopes whose bindings have been read (class scopes; the module's and a plain function's are read by name). */
  private done: Uint8Array = new Uint8Array(0);
  /** The module's name index (indexModuleNames), and each unit's first statement number. */
  private moduleNames: ModuleNames | undefined;
  private readonly firstId: number[] = [0];
  /** While one name of a plain function is read: the name, the scope and its list (other bindings are not kept). */
  private only: { readonly name: string; readonly scope: number; readonly list: Binding[] } | undefined;

  constructor(readonly parsed: ParsedSource) {
    this.scopes.push({ id: 0, kind: 'module', body: [] });
    this.extents.push({ stmt: -1, end: -1 });
    parsed.units.forEach((unit, index) => this.readUnit(index, unit.ts));
    this.done = new Uint8Array(this.scopes.length);
  }

  /** The statement information for the statement that starts at or contains the point's token. */
  statement(point: Point): (StatementInfo & { start: number }) | undefined {
    const s = this.statementStart(point);
    const info = s < 0 ? undefined : this.statements[point.unit].at(s);
    return info ? { scope: info.scope, blocks: info.blocks, conditional: info.conditional, loops: info.loops, start: s } : undefined;
  }

  /**
   * The scope of the statement holding token `tok` of `unit` when that statement is one the flow read (it starts
   * after the statement end before the token); -1 otherwise. Numbers only: asked for calls found in a pass over the file.
   */
  statementScope(unit: number, tok: number): number {
    const s = this.statementStart({ unit, tok });
    if (s < 0) return -1;
    const { starts, context, contexts } = this.statements[unit];
    const i = lowerBound(starts, s);
    return i < starts.length && starts[i] === s ? contexts.scope[context[i]] : -1;
  }

  /** The first token of the statement holding the point's token, or -1 for a unit the file does not have. */
  private statementStart(point: Point): number {
    const ts = this.parsed.units[point.unit]?.ts;
    if (!ts) return -1;
    let s = Math.min(point.tok, ts.count - 1);
    while (s > 0 && ts.kind[s - 1] !== Tok.Newline) s--;
    return s;
  }

  /** Every binding of `name` in scope `scope`, in document order. */
  bindingsOf(scope: number, name: string): readonly Binding[] {
    if (scope === 0 || this.plainFunction(scope)) return this.namedBindings(scope, name);
    this.ensure(scope);
    return this.bindings.get(scope)?.get(name) ?? [];
  }

  /**
   * The module's statements that may bind `name`, read in document order: those that spell its first part (`self` of
   * `self.x`), found in the module's name index.
   */
  private readModuleNamed(name: string): void {
    const dot = name.indexOf('.');
    const h = nameKey(name, 0, dot < 0 ? name.length : dot);
    const index = (this.moduleNames ??= this.indexModuleNames());
    let unit = 0;
    let last = -1;
    for (let e = index.head[h & (index.head.length - 1)]; e >= 0; e = index.next[e]) {
      const id = index.id[e];
      if (index.hash[e] !== h || id === last) continue; // another name in the bucket, or the name twice in one statement
      last = id;
      while (unit + 1 < this.statements.length && this.firstId[unit + 1] <= id) unit++;
      const { starts, context, contexts } = this.statements[unit];
      const i = id - this.firstId[unit];
      this.readStatement(unit, starts[i], contexts.info(context[i]));
    }
  }

  /**
   * Every name token of the module's own statements (def and class headers without their bodies) by its shape,
   * with the statement's number in document order: a hash table in typed lists, each bucket's chain in document
   * order. One pass over those tokens, instead of a binding (and its name's text) per assignment of the module.
   */
  private indexModuleNames(): ModuleNames {
    let hash = new Int32Array(256);
    let id = new Int32Array(256);
    let n = 0;
    let number = 0;
    for (let unit = 0; unit < this.statements.length; unit++) {
      const { starts, context, contexts } = this.statements[unit];
      const ts = this.parsed.units[unit].ts;
      const { kind, start, end, text } = ts;
      for (let i = 0; i < starts.length; i++, number++) {
        if (contexts.scope[context[i]] !== 0) continue;
        const stop = endOfStatement(ts, starts[i]);
        for (let t = starts[i]; t < stop; t++) {
          if (kind[t] !== Tok.Name) continue;
          if (n === hash.length) {
            hash = grown(hash);
            id = grown(id);
          }
          hash[n] = nameKey(text, start[t], end[t]);
          id[n++] = number;
        }
      }
    }
    let buckets = 16;
    while (buckets < n) buckets *= 2;
    const head = new Int32Array(buckets).fill(-1);
    const tail = new Int32Array(buckets).fill(-1);
    const next = new Int32Array(n).fill(-1);
    for (let e = 0; e < n; e++) {
      const b = hash[e] & (buckets - 1);
      if (tail[b] < 0) head[b] = e;
      else next[tail[b]] = e;
      tail[b] = e;
    }
    return { head, hash, id, next };
  }

  /** A function scope inside no class: its bindings are its own (a class's are read with its methods'). */
  private plainFunction(scope: number): boolean {
    if (scope < 0 || scope >= this.scopes.length || this.scopes[scope].kind !== 'function') return false;
    for (let s = this.scopes[scope].parent; s !== undefined; s = this.scopes[s].parent) if (this.scopes[s].kind === 'class') return false;
    return true;
  }

  /**
   * The bindings of one name in the module or a plain function, read when first asked for that name: a question is
   * about a few names of a few scopes, and a statement that does not spell the name (most of them) is passed over
   * without reading its targets, so no binding is made for the other names.
   */
  private namedBindings(scope: number, name: string): readonly Binding[] {
    let byName = this.bindings.get(scope);
    if (!byName) this.bindings.set(scope, (byName = new Map()));
    const known = byName.get(name);
    if (known) return known;
    const list: Binding[] = [];
    byName.set(name, list);
    this.only = { name, scope, list };
    try {
      if (scope === 0) {
        this.readModuleNamed(name);
        return list;
      }
      this.readParameters(scope);
      const unit = this.scopes[scope].header!.unit;
      const { stmt, end } = this.extents[scope];
      const { starts, context, contexts } = this.statements[unit];
      const ts = this.parsed.units[unit].ts;
      // A dotted name (`self.x`, bound in a function outside a class) is not one token: those statements are all read.
      const dotted = name.includes('.');
      for (let i = lowerBound(starts, stmt + 1); i < starts.length && starts[i] < end; i++) {
        if (contexts.scope[context[i]] === scope && (dotted || spells(ts, starts[i], name))) this.readStatement(unit, starts[i], contexts.info(context[i]));
      }
    } finally {
      this.only = undefined;
    }
    return list;
  }

  /** The first function scope whose `def` token is `tok` of `unit`. */
  functionAt(unit: number, tok: number): FlowScope | undefined {
    if (!this.byHeader) {
      this.byHeader = new Map();
      for (const s of this.scopes) {
        if (s.kind !== 'function' || !s.header) continue;
        const key = s.header.unit * UNIT_STRIDE + s.header.tok;
        if (!this.byHeader.has(key)) this.byHeader.set(key, s);
      }
    }
    return this.byHeader.get(unit * UNIT_STRIDE + tok);
  }

  /** The first function scope whose header statement starts at token `tok` of `unit` (`async def` starts at `async`). */
  functionOfStatement(unit: number, tok: number): FlowScope | undefined {
    if (!this.byStatement) {
      this.byStatement = new Map();
      for (const s of this.scopes) {
        if (s.kind !== 'function' || !s.header) continue;
        const start = this.statement(s.header)?.start;
        if (start === undefined) continue;
        const key = s.header.unit * UNIT_STRIDE + start;
        if (!this.byStatement.has(key)) this.byStatement.set(key, s);
      }
    }
    return this.byStatement.get(unit * UNIT_STRIDE + tok);
  }

  /** The parameter names of a function scope, in order. */
  parametersOf(scope: number): readonly string[] {
    return this.parameterList(scope).map((p) => p.name);
  }

  /** The binding of `name` that reaches a use at `point`. Dotted names (`self.model`) are attribute bindings. */
  reach(name: string, point: Point): Reach {
    // The statement's information and start read apart (asked for every use followed: no object made for them).
    const start = this.statementStart(point);
    const stmt = start < 0 ? undefined : this.statements[point.unit].at(start);
    if (!stmt) return NO_BINDING;
    if (name.startsWith('self.')) return this.reachAttribute(name, stmt.scope);
    let scope: number | undefined = stmt.scope;
    let fromFunction = false;
    while (scope !== undefined) {
      const s: FlowScope = this.scopes[scope];
      // Class bodies are not visible from their methods.
      if (s.kind === 'class' && scope !== stmt.scope) { scope = s.parent; continue; }
      const list = this.bindingsOf(scope, name);
      if (list.length) {
        if (scope === stmt.scope) return this.reachInScope(list, point.unit, start, stmt);
        if (s.kind === 'module' && fromFunction) {
          if (this.globals.has(name)) return AMBIGUOUS;
          return list.length === 1 && !list[0].conditional ? { kind: 'binding', binding: list[0] } : AMBIGUOUS;
        }
        // An enclosing function's local: its last binding before the inner def, when certain.
        return list.length === 1 && !list[0].conditional ? { kind: 'binding', binding: list[0] } : AMBIGUOUS;
      }
      if (s.kind === 'function') fromFunction = true;
      scope = s.parent;
    }
    return NO_BINDING;
  }

  /** The use is in the statement starting at token `start` of `unit`, whose information is `stmt`. */
  private reachInScope(list: readonly Binding[], unit: number, start: number, stmt: StatementInfo): Reach {
    // Bindings in the use's own statement (`x = f(x)`) do not reach it.
    let last: Binding | undefined;
    for (let i = 0; i < list.length; i++) if (beforeToken(list[i].at, unit, start)) last = list[i];
    // Bound only later in the scope: a use before assignment, or a notebook run out of order.
    if (!last) return list.length ? AMBIGUOUS : NO_BINDING;
    // A binding in a block the use is not in may not have run (`if`, a loop body, `except`; `with`/`try` bodies do).
    let common = 0;
    while (common < last.blocks.length && common < stmt.blocks.length && last.blocks[common] === stmt.blocks[common]) common++;
    for (let i = common; i < last.blocks.length; i++) {
      if (CONDITIONAL.has(this.blockKind(last.at.unit, last.blocks[i]))) return AMBIGUOUS;
    }
    // Inside a loop, a binding later in the same loop reaches the next iteration's use, unless a binding earlier in
    // the same iteration (inside that loop) already replaced it.
    for (const loop of stmt.loops) {
      if (last.blocks.includes(loop)) continue;
      for (let i = 0; i < list.length; i++) {
        const b = list[i];
        if (b.at.unit === unit && !beforeToken(b.at, unit, start) && b.blocks.includes(loop)) return AMBIGUOUS;
      }
    }
    return { kind: 'binding', binding: last };
  }

  /** The keyword of the compound statement that starts at token `t` (`if`, `for`, `with`, ...; `async` skipped). */
  private blockKind(unit: number, t: number): string {
    const ts = this.parsed.units[unit].ts;
    const word = statementKeyword(ts, t);
    return word === 'async' ? statementKeyword(ts, t + 1) : word;
  }

  /** `self.x`: bound in any method of the enclosing class, once. */
  private reachAttribute(name: string, scope: number): Reach {
    let s: number | undefined = scope;
    while (s !== undefined && this.scopes[s].kind !== 'class') s = this.scopes[s].parent;
    if (s === undefined) return NO_BINDING;
    const list = this.bindingsOf(s, name);
    if (!list.length) return NO_BINDING;
    return list.length === 1 && !list[0].conditional ? { kind: 'binding', binding: list[0] } : AMBIGUOUS;
  }

  private add(b: Binding): void {
    const only = this.only;
    if (only) {
      if (b.name === only.name && b.scope === only.scope) only.list.push(b);
      return;
    }
    let byName = this.bindings.get(b.scope);
    if (!byName) this.bindings.set(b.scope, (byName = new Map()));
    const list = byName.get(b.name);
    if (list) list.push(b);
    else byName.set(b.name, [b]);
  }

  /** Scopes, statements and blocks of one unit; bindings are left for `ensure`. */
  private readUnit(unit: number, ts: TokenStream): void {
    // Statement start tokens in order, each with the index of its context (one per block): a few numbers per
    // statement, not per token. The lists grow by doubling (one pass over the tokens, not a counting pass first).
    const { count, indent: indents } = ts;
    let starts: Int32Array<ArrayBuffer> = new Int32Array(Math.max(16, count >> 3));
    let contextIndex: Int32Array<ArrayBuffer> = new Int32Array(starts.length);
    const contexts = new Contexts();
    let k = 0;
    // Open compound statements: header token, its indent, the scope it opens (def/class) or the scope it is in. The
    // entries are reused as the stack shrinks and grows again (one per header of the file otherwise).
    const stack: Open[] = [];
    const pool: Open[] = [];
    // The enclosing scope and blocks depend on the open statements alone: the statements directly under one header
    // (or at the top level) share one context, also after a nested block closes, so it is made once per header.
    let topLevel = -1;
    for (let t = 0; t < count; t = nextLineStart(ts, t)) {
      const indent = indents[t];
      if (indent < 0) continue;
      while (stack.length && stack[stack.length - 1].indent >= indent) this.close(stack.pop()!, t);
      const top = stack.length ? stack[stack.length - 1] : undefined;
      let index = top ? top.inner : topLevel;
      if (index < 0) {
        index = contexts.add(top);
        if (top) top.inner = index;
        else topLevel = index;
      }
      if (k === starts.length) {
        starts = grown(starts);
        contextIndex = grown(contextIndex);
      }
      starts[k] = t;
      contextIndex[k++] = index;
      let head = t;
      let word = statementKeyword(ts, t);
      if (word === 'async') word = statementKeyword(ts, (head = t + 1));
      if (word === '' || word === 'async') continue;
      const end = endOfStatement(ts, t);
      if (word === 'global' || word === 'nonlocal') {
        for (let i = head + 1; i < end; i++) if (ts.kind[i] === Tok.Name) this.globals.add(tokenText(ts, i));
        continue;
      }
      const scope = contexts.scope[index];
      const colon = headerColon(ts, head, end);
      let childScope = scope;
      if ((word === 'def' || word === 'class') && ts.kind[head + 1] === Tok.Name) {
        childScope = this.scopes.length;
        this.scopes.push(this.newScope(childScope, word === 'def' ? 'function' : 'class', tokenText(ts, head + 1), scope, { unit, tok: head }));
        // A one-line body (`def f(x): return x`) is not read: nothing inside it binds.
        this.extents.push({ stmt: t, end: colon >= 0 && colon + 1 < end ? t + 1 : count });
      }
      if (!(colon >= 0 && colon + 1 < end)) {
        const open = pool[stack.length];
        if (open) {
          open.tok = t;
          open.indent = indent;
          open.kind = word;
          open.scope = childScope;
          open.context = index;
          open.inner = -1;
          stack.push(open);
        } else stack.push((pool[stack.length] = { tok: t, indent, kind: word, scope: childScope, context: index, inner: -1 }));
      }
    }
    while (stack.length) this.close(stack.pop()!, count);
    this.statements[unit] = new Statements(starts.subarray(0, k), contextIndex.subarray(0, k), contexts);
    this.firstId[unit + 1] = this.firstId[unit] + k;
  }

  /** A def/class scope; its body (statement starts) is listed on first use. */
  private newScope(id: number, kind: 'function' | 'class', name: string, parent: number, header: Point): FlowScope {
    return new LazyScope(this, id, kind, name, parent, header);
  }

  /** Statement starts whose innermost scope is `id`, in order: all inside its block. */
  bodyOf(id: number): Point[] {
    const header = this.scopes[id].header;
    if (!header) return [];
    const unit = header.unit;
    return this.bodyStarts(id).map((tok) => ({ unit, tok }));
  }

  /**
   * The start tokens of `bodyOf(id)`, all in the unit of the scope's header (numbers, not points), written into
   * `out` (emptied first: a caller asking of every function reuses one list).
   */
  bodyStarts(id: number, out: number[] = []): number[] {
    out.length = 0;
    const header = this.scopes[id].header;
    if (!header) return out;
    const { stmt, end } = this.extents[id];
    const { starts, context, contexts } = this.statements[header.unit];
    for (let i = lowerBound(starts, stmt + 1); i < starts.length && starts[i] < end; i++) {
      if (contexts.scope[context[i]] === id) out.push(starts[i]);
    }
    return out;
  }

  /** A def/class block ends at the statement that dedents out of it. */
  private close(open: Open, end: number): void {
    if ((open.kind === 'def' || open.kind === 'class') && this.extents[open.scope]?.stmt === open.tok) this.extents[open.scope].end = end;
  }

  /** Reads the bindings of a class scope and of the scopes inside it, once (the module's and functions': namedBindings). */
  private ensure(scope: number): void {
    if (this.done[scope] || scope < 0 || scope >= this.scopes.length) return;
    // The outermost class around it: its methods bind `self.x` on it, so the whole class is read at once.
    let root = scope;
    for (let s: number | undefined = scope; s !== undefined; s = this.scopes[s].parent) if (this.scopes[s].kind === 'class') root = s;
    const r = this.scopes[root];
    if (r.kind === 'class') {
      // Every scope inside the class, in document order.
      const unit = r.header!.unit;
      const { stmt, end } = this.extents[root];
      for (let s = root; s < this.scopes.length && this.within(s, root); s++) this.done[s] = 1;
      const { starts, context, contexts } = this.statements[unit];
      const cursor = { next: root + 1 };
      for (let i = lowerBound(starts, stmt + 1); i < starts.length && starts[i] < end; i++) this.readStatement(unit, starts[i], contexts.info(context[i]), cursor);
    }
  }

  /** Whether scope `s` is `root` or inside it. */
  private within(s: number, root: number): boolean {
    for (let x: number | undefined = s; x !== undefined; x = this.scopes[x].parent) if (x === root) return true;
    return false;
  }

  /**
   * The bindings one statement makes. Inside a class, `cursor` holds the next scope id: the scopes a class's
   * headers open come in document order, so the parameters of each def are read with the class.
   */
  private readStatement(unit: number, t: number, info: StatementInfo, cursor?: { next: number }): void {
    const ts = this.parsed.units[unit].ts;
    const { scope, blocks, conditional } = info;
    const end = endOfStatement(ts, t);
    let head = t;
    let word = statementKeyword(ts, t);
    if (word === 'async') word = statementKeyword(ts, (head = t + 1));
    if (word === 'global' || word === 'nonlocal') return;
    if (word === '' || word === 'async') {
      this.readSimple(ts, t, end, scope, unit, t, blocks, conditional);
      return;
    }
    const colon = headerColon(ts, head, end);
    const opens = word === 'def' || word === 'class';
    if (opens && ts.kind[head + 1] === Tok.Name) {
      const name = tokenText(ts, head + 1);
      this.add({ name, scope, at: { unit, tok: t }, conditional, blocks, definition: word === 'def' ? 'def' : 'class' });
      const child = cursor ? cursor.next++ : -1;
      if (word === 'def' && child >= 0 && this.scopes[child]?.header?.tok === head) this.readParameters(child);
    }
    this.readCompoundTargets(ts, word, head, colon, end, scope, unit, t, blocks, conditional);
    // A one-line body (`if x: model = other()`): its bindings may not run.
    if (colon >= 0 && colon + 1 < end && !opens) this.readSimple(ts, colon + 1, end, scope, unit, t, [...blocks, t], true);
  }

  /** `def f(a, b=1, *c, **d):` -> parameters bound (values unknown) in the function's scope. */
  private readParameters(scope: number): void {
    let at: Point | undefined;
    const only = this.only;
    for (const p of this.parameterList(scope)) {
      if (only && p.name !== only.name) continue; // add would drop it: not made
      at ??= { unit: this.scopes[scope].header!.unit, tok: this.extents[scope].stmt };
      this.add({ name: p.name, scope, at, conditional: false, blocks: NONE, parameter: p.star ? { index: p.index, star: true } : { index: p.index } });
    }
  }

  /** A function's parameters as its header writes them (read once, without reading its body's bindings). */
  private parameterList(scope: number): readonly { name: string; index: number | undefined; star: boolean }[] {
    let list = this.parameters.get(scope);
    if (list) return list;
    list = [];
    this.parameters.set(scope, list);
    const header = this.scopes[scope].header;
    if (this.scopes[scope].kind !== 'function' || !header) return list;
    const ts = this.parsed.units[header.unit].ts;
    const open = header.tok + 2;
    if (!tokenIs(ts, open, '(') || ts.match[open] < 0) return list;
    const close = ts.match[open];
    let expectName = true;
    let position = 0;
    let keywordOnly = false;
    let star = false;
    for (let i = open + 1; i < close; i++) {
      if (ts.kind[i] === Tok.Open && ts.match[i] > i) { i = ts.match[i]; continue; }
      if (tokenIs(ts, i, ',')) { expectName = true; star = false; continue; }
      if (expectName && (tokenIs(ts, i, '*') || tokenIs(ts, i, '**'))) { star = true; keywordOnly = true; continue; }
      if (expectName && tokenIs(ts, i, '/')) continue;
      if (expectName && ts.kind[i] === Tok.Name) {
        list.push({ name: tokenText(ts, i), index: star || keywordOnly ? undefined : position++, star });
        expectName = false;
      }
    }
    return list;
  }

  /** `for a, b in ...:`, `with x as y:`, `except E as e:`: bound with values we do not follow. */
  private readCompoundTargets(ts: TokenStream, word: string, head: number, colon: number, end: number, scope: number, unit: number, stmt: number, blocks: readonly number[], conditional: boolean): void {
    const stop = colon >= 0 ? colon : end;
    if (word === 'for') {
      for (let i = head + 1; i < stop && !tokenIs(ts, i, 'in'); i++) {
        if (ts.kind[i] === Tok.Name) this.add({ name: tokenText(ts, i), scope, at: { unit, tok: stmt }, conditional: true, blocks });
      }
    } else if (word === 'with' || word === 'except') {
      for (let i = head + 1; i + 1 < stop; i++) {
        if (ts.kind[i] === Tok.Open && ts.match[i] > i) { i = ts.match[i]; continue; }
        if (tokenIs(ts, i, 'as') && ts.kind[i + 1] === Tok.Name) this.add({ name: tokenText(ts, i + 1), scope, at: { unit, tok: stmt }, conditional: conditional || word === 'except', blocks });
      }
    }
  }

  /**
   * A simple statement: assignments (plain, chained, tuple, annotated, augmented), imports, walrus. Runs on every
   * statement of a scope that is read: no text is sliced and nothing is allocated for a statement that binds nothing.
   */
  private readSimple(ts: TokenStream, from: number, end: number, scope: number, unit: number, stmt: number, blocks: readonly number[], conditional: boolean): void {
    if (ts.kind[from] === Tok.Name && (tokenIs(ts, from, 'import') || tokenIs(ts, from, 'from'))) {
      let at: Point | undefined;
      for (let i = from + 1; i < end; i++) {
        if (tokenIs(ts, i, 'as') && ts.kind[i + 1] === Tok.Name) this.add({ name: tokenText(ts, i + 1), scope, at: (at ??= { unit, tok: stmt }), conditional, blocks });
      }
      return;
    }
    // Top-level `=` signs split targets from the value: `a = b = value` (the first one kept apart: most have one).
    let eq = -1;
    let more: number[] | undefined;
    let aug = -1;
    for (let i = from; i < end; i++) {
      if (ts.kind[i] === Tok.Open && ts.match[i] > i) {
        if ((this.walrus[unit] ??= ts.text.includes(':='))) this.readWalrus(ts, i, ts.match[i], scope, unit, stmt, blocks);
        i = ts.match[i];
        continue;
      }
      if (ts.kind[i] !== Tok.Op || ts.text.charCodeAt(ts.end[i] - 1) !== 61 /* = */) continue;
      const length = ts.end[i] - ts.start[i];
      if (length === 1) {
        if (eq < 0) eq = i;
        else (more ??= []).push(i);
      } else if (aug < 0 && eq < 0 && isAugmented(ts.text, ts.start[i], length)) aug = i;
    }
    if (aug >= 0) {
      const target = readDotted(ts, from);
      if (target && target.next === aug) this.add({ name: target.text, scope: this.targetScope(target.text, scope), at: { unit, tok: stmt }, conditional, blocks });
      return;
    }
    if (eq < 0) return;
    const at = { unit, tok: stmt };
    const value = { from: (more ? more[more.length - 1] : eq) + 1, to: end };
    this.readTargets(ts, from, eq, value, scope, at, blocks, conditional);
    if (!more) return;
    let start = eq + 1;
    for (const next of more) {
      this.readTargets(ts, start, next, value, scope, at, blocks, conditional);
      start = next + 1;
    }
  }

  /** Targets in [from, to): `x`, `self.x`, `a, b`, `(a, b)`, `x: int`; anything else (subscripts) binds nothing we track. */
  private readTargets(ts: TokenStream, from: number, to: number, value: { from: number; to: number }, scope: number, at: Point, blocks: readonly number[], conditional: boolean): void {
    let a = from;
    let b = to;
    if (ts.kind[a] === Tok.Open && ts.match[a] === b - 1) { a++; b--; }
    // Annotated: `x: T = v`.
    const colon = findTop(ts, a, b, ':');
    if (colon >= 0) b = colon;
    // A top-level comma makes a tuple target, whose parts each take one element of the value.
    const tuple = findTop(ts, a, b, ',') >= 0;
    let s = a;
    let index = 0;
    for (let i = a; i <= b; i++) {
      if (i < b && ts.kind[i] === Tok.Open && ts.match[i] > i) { i = ts.match[i]; continue; }
      if (i !== b && !tokenIs(ts, i, ',')) continue;
      if (i > s) this.readTarget(ts, s, i, tuple ? index++ : -1, value, scope, at, blocks, conditional);
      s = i + 1;
    }
  }

  /** One target [from, to) of an assignment; `element` is its position in a tuple target, or -1. */
  private readTarget(ts: TokenStream, from: number, to: number, element: number, value: { from: number; to: number }, scope: number, at: Point, blocks: readonly number[], conditional: boolean): void {
    const f = tokenIs(ts, from, '*') ? from + 1 : from;
    const next = ts.kind[f] === Tok.Name ? skipDotted(ts, f) : -1;
    if (next !== to) {
      // A nested tuple or starred target: bind its names without values.
      for (let i = from; i < to; i++) if (ts.kind[i] === Tok.Name && !(i > 0 && tokenIs(ts, i - 1, '.'))) this.add({ name: tokenText(ts, i), scope, at, conditional, blocks });
      return;
    }
    const name = dottedText(ts, f, next);
    if (next > f + 1 && !name.startsWith('self.')) return; // attributes of other objects: not tracked
    const target = this.targetScope(name, scope);
    if (f !== from) this.add({ name, scope: target, at, conditional, blocks });
    else if (element < 0) this.add({ name, scope: target, at, conditional, blocks, value });
    else this.add({ name, scope: target, at, conditional, blocks, value, element });
  }

  /** `(x := value)` inside brackets: a binding with an unknown value in the enclosing scope. */
  private readWalrus(ts: TokenStream, open: number, close: number, scope: number, unit: number, stmt: number, blocks: readonly number[]): void {
    for (let i = open + 1; i + 1 < close; i++) {
      if (ts.kind[i] === Tok.Name && tokenIs(ts, i + 1, ':=')) this.add({ name: tokenText(ts, i), scope, at: { unit, tok: stmt }, conditional: true, blocks });
    }
  }

  /** `self.x = ...` in a method binds `self.x` in the class's scope. */
  private targetScope(name: string, scope: number): number {
    if (!name.startsWith('self.')) return scope;
    let s: number | undefined = scope;
    while (s !== undefined && this.scopes[s].kind !== 'class') s = this.scopes[s].parent;
    return s ?? scope;
  }
}

interface Open {
  tok: number;
  indent: number;
  kind: string;
  scope: number;
  /** Index of the context of its own statement. */
  context: number;
  /** Index of the context of the statements directly under it, once one is made (else -1). */
  inner: number;
}

const NONE: readonly number[] = [];

/** Whether point `a` comes before token `tok` of `unit`. */
function beforeToken(a: Point, unit: number, tok: number): boolean {
  return a.unit < unit || (a.unit === unit && a.tok < tok);
}

/** The answers without a binding, shared (a Reach is never changed). */
const NO_BINDING: Reach = { kind: 'none' };
const AMBIGUOUS: Reach = { kind: 'ambiguous' };

/** Whether the `=`-ending operator at `start` is an augmented assignment (`+=`, `//=`, ...; not `==`, `<=`, `:=`). */
function isAugmented(text: string, start: number, length: number): boolean {
  const c = text.charCodeAt(start);
  if (length === 2) return c === 43 || c === 45 || c === 42 || c === 47 || c === 37 || c === 38 || c === 124 || c === 94 || c === 64; // + - * / % & | ^ @
  // `//=`, `**=`, `<<=`, `>>=`
  return length === 3 && text.charCodeAt(start + 1) === c && (c === 47 || c === 42 || c === 60 || c === 62);
}

/** Whether a Name token of the statement at `t` (brackets included) is `name`. */
function spells(ts: TokenStream, t: number, name: string): boolean {
  const end = endOfStatement(ts, t);
  for (let i = t; i < end; i++) if (ts.kind[i] === Tok.Name && tokenIs(ts, i, name)) return true;
  return false;
}

/** Token index of a top-level `s` in [from, to), or -1. */
function findTop(ts: TokenStream, from: number, to: number, s: string): number {
  for (let i = from; i < to; i++) {
    if (ts.kind[i] === Tok.Open && ts.match[i] > i) { i = ts.match[i]; continue; }
    if (tokenIs(ts, i, s)) return i;
  }
  return -1;
}

/** The `:` ending a compound statement's header (top level), or -1. */
function headerColon(ts: TokenStream, head: number, end: number): number {
  for (let i = head + 1; i < end; i++) {
    if (ts.kind[i] === Tok.Open && ts.match[i] > i) { i = ts.match[i]; continue; }
    if (tokenIs(ts, i, ':')) {
      // `lambda x: ...` inside a header is bracketed or comes before the real colon; good enough for headers.
      return i;
    }
  }
  return -1;
}
