/**
 * The project's own wrappers that take an activation and pass it on: `def conv_block(x, filters, activation='relu')`
 * whose body calls `Activation(activation)`, or `class ConvBn(nn.Module)` whose `__init__` passes `act` to a
 * Transformer layer. A call `conv_block(x, 64, activation='swish')` then carries a string whose destination is
 * known, so it can be judged like the framework call it ends in.
 *
 * Summaries are built lazily, once per set of token streams (a file, or a notebook's cells), and only for `def`s
 * with a parameter named like an activation (`activation`, `act`, `act_layer`): the one pass over the text that
 * finds them is paid only when a call with such a keyword is met.
 */
import { callArgs, callClose } from '../python/callArgs';
import { lineStartBefore } from '../python/lineIndex';
import { firstTokenFrom } from '../python/statements';
import { tokenize, Tok, tokenIs, tokenText, type TokenStream } from '../python/tokenizer';
import { isActivationKeyword, KERAS_POSITIONAL_ACTIVATION, own, STRING_KEYWORDS, TORCH_TRANSFORMER_ACTIVATION } from './callees';
import { qualifyName } from './qualify';
import { collectScope, emptyScope, frameworkOfModule, readDotted, type Destination, type Scope, type WrapperLookup, type WrapperSummary } from './scope';

/**
 * Where the text of a project module comes from (the file system for the command line, the editor's workspace
 * index). `read` never blocks for long and never throws: a module it cannot give now is undefined.
 */
export interface ModuleSource {
  /**
   * `module` as written after `from` (without its leading dots), `level` the number of those dots, imported by
   * `fromFile`; `requester` is the document the scan is for (a module read for a module it imports is still wanted
   * by that document). `file` in the answer names the module's own file, so its imports can be followed in turn.
   */
  read(fromFile: string, module: string, level: number, requester?: string): { readonly key: string; readonly text: string; readonly file?: string } | undefined;
}

/** What a scan knows about where its text lives, for following imports into the project's own modules. */
export interface ScanContext {
  readonly file?: string;
  readonly modules?: ModuleSource;
}

interface LoadedModule {
  readonly table: WrapperTable;
  readonly scope: Scope;
  readonly qualify: Qualify;
}

/** Parsed project modules by version key (`path@version`): each file version is read and summarised once. */
const moduleCache = new Map<string, LoadedModule>();
const MODULE_CACHE_SIZE = 256;
/** Project modules larger than this are not followed (a wrapper module is small). */
const MAX_MODULE_CHARS = 2_000_000;
/** How many imports deep wrappers are followed across modules (`a.block` -> `b.conv_bn` -> `c.act_layer`). */
const MAX_MODULE_DEPTH = 3;

function loadModule(key: string, text: string): LoadedModule {
  const hit = moduleCache.get(key);
  if (hit) return hit;
  const ts = tokenize(text.length > MAX_MODULE_CHARS ? '' : text);
  const scope = emptyScope();
  collectScope(ts, scope);
  // Summaries that needed another module are not kept with this version: that module may change on its own.
  const loaded = { table: new WrapperTable([ts], {}, undefined, false), scope, qualify: (w: string) => qualifyName(scope, w) };
  if (moduleCache.size >= MODULE_CACHE_SIZE) moduleCache.delete(moduleCache.keys().next().value as string);
  moduleCache.set(key, loaded);
  return loaded;
}

/** A wrapper of another project module that a name reaches through the importing file's scope. */
type External = (parts: readonly string[]) => WrapperSummary | null;

/**
 * Follows wrappers into the project's other modules for one document: each imported name is read and summarised
 * once per scan (and kept across incremental edits: a changed module makes the editor analyse the document anew).
 */
class ModuleFollower {
  private readonly summaries = new Map<string, WrapperSummary | null>();

  constructor(private readonly modules: ModuleSource, private readonly requester: string) {}

  /** The summary of `parts` (`conv_bn`, `blocks.conv_bn`) as `scope`, the scope of `fromFile`, imports it. */
  summary(fromFile: string, scope: Scope, parts: readonly string[], depth: number): WrapperSummary | null {
    if (depth > MAX_MODULE_DEPTH || parts.length > 2) return null;
    const target = importTarget(scope, parts);
    if (!target) return null;
    const id = `${fromFile}\0${target.level}:${target.module}:${target.name}`;
    const cached = this.summaries.get(id);
    if (cached !== undefined) return cached;
    // A module that imports itself back (a.py <-> b.py) meets this entry and stops.
    this.summaries.set(id, null);
    let read: { key: string; text: string; file?: string } | undefined;
    try {
      read = this.modules.read(fromFile, target.module, target.level, this.requester);
    } catch {
      read = undefined;
    }
    const loaded = read ? loadModule(read.key, read.text) : undefined;
    const file = read?.file;
    const external: External | undefined = loaded && file ? (next) => this.summary(file, loaded.scope, next, depth + 1) : undefined;
    const summary = loaded?.table.lookupWith(target.name, loaded.qualify, external) ?? null;
    this.summaries.set(id, summary);
    return summary;
  }
}

type Qualify = (written: string) => string | undefined;

/** How deep a chain of wrappers passing an activation on is followed (`block` -> `conv_bn` -> `Activation`). */
const MAX_DEPTH = 4;

interface Candidate {
  readonly name: string;
  /** The token stream it was read from: a full scan's, or a later edit's (its text is the same either way). */
  readonly ts: TokenStream;
  /** Token index of `(` after the def's name. */
  readonly open: number;
  readonly params: readonly string[];
  /** Token range of the body. */
  readonly bodyFrom: number;
  readonly bodyTo: number;
}

/**
 * A top-level statement with everything indented under it (a `def`, a `class`, an `if`) that holds a `def` with an
 * activation-named parameter. What the file's wrappers do depends on these blocks alone: an edit outside all of them
 * leaves every summary as it was.
 */
interface Block {
  /** Offsets in the current text of its first line and of the next top-level line (its end; the text's end if none). */
  readonly start: number;
  readonly end: number;
  /** The wrappers it defines, in order. */
  readonly candidates: readonly Candidate[];
}

interface Index {
  readonly candidates: Map<string, Candidate>;
  /** For a table over one text (a file): its blocks, in order; undefined for a notebook's cells. */
  readonly blocks: readonly Block[] | undefined;
}

export class WrapperTable implements WrapperLookup {
  private index: Index | undefined;
  private readonly summaries: Map<string, WrapperSummary | null>;
  private readonly follower: ModuleFollower | undefined;

  /**
   * `keepExternal` false: summaries that needed another module are not cached (a table of a module version, shared
   * by every document that imports it).
   */
  constructor(
    private readonly sources: readonly TokenStream[], private readonly context: ScanContext = {},
    carried?: { index: Index; summaries: Map<string, WrapperSummary | null>; follower: ModuleFollower | undefined },
    private readonly keepExternal = true,
  ) {
    this.index = carried?.index;
    this.summaries = carried?.summaries ?? new Map();
    const { file, modules } = context;
    this.follower = carried ? carried.follower : file && modules ? new ModuleFollower(modules, file) : undefined;
  }

  private indexed(): Index {
    return (this.index ??= indexSources(this.sources));
  }

  /**
   * The wrapper a call reaches through an import of the project's own code: `conv_bn(...)` after
   * `from .blocks import conv_bn`, `blocks.conv_bn(...)` after `from . import blocks` or `import mypkg.blocks as blocks`.
   */
  lookupImported(scope: Scope, parts: readonly string[]): WrapperSummary | undefined {
    const file = this.context.file;
    if (!this.follower || !file) return undefined;
    return this.follower.summary(file, scope, parts, 0) ?? undefined;
  }

  /**
   * The summary of the wrapper called `name` (a function, or a class through its `__init__`), if it is one. Calls in
   * its body of names `scope` (the file's) imports from the project's other modules are followed into them.
   */
  lookup(name: string, qualify: Qualify, scope?: Scope): WrapperSummary | undefined {
    const file = this.context.file;
    const follower = this.follower;
    const external = follower && file && scope ? (parts: readonly string[]) => follower.summary(file, scope, parts, 0) : undefined;
    return this.lookupWith(name, qualify, external);
  }

  /** The same, with calls of other modules' wrappers answered by `external`. */
  lookupWith(name: string, qualify: Qualify, external: External | undefined): WrapperSummary | undefined {
    return this.summarize(name, qualify, 0, new Set(), external, { external: false }) ?? undefined;
  }

  /**
   * The table for the text after an edit that replaced [regionStart, regionEndOld) (statement-aligned, see
   * incremental.ts) and left the scope as it was; `ts` is the new text's token stream. Blocks the edit does not touch
   * are carried over (moved by `delta`); those it touches are read again from `ts`. Undefined when the edit changes
   * what some wrapper does (then every call of it elsewhere must be judged again: a full scan) or when the table
   * spans several texts.
   */
  edited(ts: TokenStream, regionStart: number, regionEndOld: number, delta: number, qualify: Qualify, scope?: Scope): WrapperTable | undefined {
    const { candidates, blocks } = this.indexed();
    if (!blocks) return undefined;
    const touches = (b: Block): boolean => regionStart <= b.end && regionEndOld > b.start;
    let first = 0;
    while (first < blocks.length && blocks[first].end < regionStart) first++;
    let last = first;
    while (last < blocks.length && touches(blocks[last])) last++;
    const moved = blocks.slice(last).map((b) => (delta === 0 ? b : { ...b, start: b.start + delta, end: b.end + delta }));
    if (last === first) {
      const index = { candidates, blocks: [...blocks.slice(0, first), ...moved] };
      return new WrapperTable([ts], this.context, { index, summaries: this.summaries, follower: this.follower });
    }
    // Read the touched stretch again, from the top-level line at or before it to the one at or after it.
    const fromTok = topLevelLine(ts, Math.min(blocks[first].start, regionStart), -1);
    const toTok = topLevelLine(ts, Math.max(blocks[last - 1].end, regionEndOld) + delta, 1);
    const reread = readBlocks(ts, fromTok, toTok);
    const before = blocks.slice(first, last).flatMap((b) => b.candidates);
    const after = reread.flatMap((b) => b.candidates);
    if (before.length !== after.length || before.some((c, i) => c.name !== after[i].name || c.params.join() !== after[i].params.join())) return undefined;
    // A name also defined elsewhere: which definition wins could change; not worth following.
    const names = new Set(before.map((c) => c.name));
    for (const b of [...blocks.slice(0, first), ...blocks.slice(last)]) if (b.candidates.some((c) => names.has(c.name))) return undefined;
    const nextCandidates = new Map(candidates);
    for (const c of after) nextCandidates.set(c.name, c);
    const summaries = new Map(this.summaries);
    for (const name of names) summaries.delete(name);
    const next = new WrapperTable([ts], this.context, {
      index: { candidates: nextCandidates, blocks: [...blocks.slice(0, first), ...reread, ...moved] }, summaries, follower: this.follower,
    });
    for (const name of names) if (!sameSummary(this.lookup(name, qualify, scope), next.lookup(name, qualify, scope))) return undefined;
    return next;
  }

  private summarize(name: string, qualify: Qualify, depth: number, seen: Set<string>, external: External | undefined, used: { external: boolean }): WrapperSummary | null {
    const cached = this.summaries.get(name);
    if (cached !== undefined) return cached;
    const candidate = this.indexed().candidates.get(name);
    if (!candidate || depth > MAX_DEPTH || seen.has(name)) return null;
    seen.add(name);
    const destinations = new Map<string, Destination>();
    const tracked = new Set(candidate.params.filter(isActivationKeyword));
    const callee = (written: string): WrapperSummary | null => {
      if (!written.includes('.') && this.indexed().candidates.has(written)) return this.summarize(written, qualify, depth + 1, seen, external, used);
      if (!external) return null;
      used.external = true;
      return external(written.split('.'));
    };
    followParams(candidate, tracked, qualify, (param, dest) => { if (!destinations.has(param)) destinations.set(param, dest); }, callee);
    seen.delete(name);
    const summary = destinations.size ? { params: candidate.params, destinations } : null;
    // Only a complete answer is cached: one cut short by the depth limit or a cycle may differ from another start.
    if (depth === 0 && (this.keepExternal || !used.external)) this.summaries.set(name, summary);
    return summary;
  }
}

function sameSummary(a: WrapperSummary | undefined, b: WrapperSummary | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.params.join() !== b.params.join() || a.destinations.size !== b.destinations.size) return false;
  for (const [param, dest] of a.destinations) {
    const other = b.destinations.get(param);
    if (!other || other.framework !== dest.framework || other.qualified !== dest.qualified) return false;
  }
  return true;
}

/** Every source's wrappers (a later top-level definition wins, as in Python); blocks too for a single text. */
function indexSources(sources: readonly TokenStream[]): Index {
  const candidates = new Map<string, Candidate>();
  let blocks: Block[] | undefined;
  for (const ts of sources) {
    blocks = readBlocks(ts, 0, ts.count);
    for (const b of blocks) for (const c of b.candidates) candidates.set(c.name, c);
  }
  return { candidates, blocks: sources.length === 1 ? blocks : undefined };
}

function lineStart(ts: TokenStream, t: number): number {
  return lineStartBefore(ts.text, ts.start[t]);
}

/** Whether token t starts a top-level logical line with a name (`def`, `class`, `x = ...`): it ends every block. */
function isTopLevelLine(ts: TokenStream, t: number): boolean {
  return ts.indent[t] === 0 && ts.kind[t] === Tok.Name;
}

/** The first token of the top-level line at or before (`step` -1) or at or after (+1) `offset`: 0 or the count at the ends. */
function topLevelLine(ts: TokenStream, offset: number, step: -1 | 1): number {
  const lo = firstTokenFrom(ts, offset);
  let t = step < 0 && (lo >= ts.count || ts.start[lo] > offset) ? lo - 1 : lo;
  while (t >= 0 && t < ts.count && !isTopLevelLine(ts, t)) t += step;
  return Math.max(0, Math.min(t, ts.count));
}

/**
 * The blocks among tokens [from, to) (`from` a top-level line or 0, `to` one or the count) with every `def` that has
 * an activation-named parameter; `__init__` counts under its class's name.
 */
function readBlocks(ts: TokenStream, from: number, to: number): Block[] {
  const blocks: Block[] = [];
  let start = from === 0 ? 0 : lineStart(ts, from);
  let sensitive = false;
  let found: Candidate[] = [];
  const close = (end: number): void => {
    if (sensitive) blocks.push({ start, end, candidates: found });
  };
  const classes: { name: string; indent: number }[] = [];
  for (let t = from; t < to; t++) {
    const indent = ts.indent[t];
    if (indent < 0 || ts.kind[t] !== Tok.Name) continue;
    if (indent === 0 && t !== from) {
      const end = lineStart(ts, t);
      close(end);
      start = end;
      sensitive = false;
      found = [];
    }
    while (classes.length && classes[classes.length - 1].indent >= indent) classes.pop();
    if (tokenIs(ts, t, 'class') && ts.kind[t + 1] === Tok.Name) { classes.push({ name: tokenText(ts, t + 1), indent }); continue; }
    const def = tokenIs(ts, t, 'def') ? t : tokenIs(ts, t, 'async') && tokenIs(ts, t + 1, 'def') ? t + 1 : -1;
    if (def === -1 || ts.kind[def + 1] !== Tok.Name || !tokenIs(ts, def + 2, '(')) continue;
    const fnName = tokenText(ts, def + 1);
    const owner = classes.length && classes[classes.length - 1].indent < indent ? classes[classes.length - 1].name : undefined;
    const params = paramNames(ts, def + 2, owner !== undefined);
    if (!params.some(isActivationKeyword)) continue;
    // A method with such a parameter is no wrapper, but a changed indentation could make it one.
    sensitive = true;
    const name = owner ? (fnName === '__init__' ? owner : undefined) : fnName;
    if (!name) continue;
    const body = bodyRange(ts, def + 2, indent);
    found.push({ name, ts, open: def + 2, params, bodyFrom: body.from, bodyTo: body.to });
  }
  close(to < ts.count ? lineStart(ts, to) : ts.text.length);
  return blocks;
}

/** Parameter names in order (`self`/`cls` of a method left out); `*args` ends the positional ones. */
function paramNames(ts: TokenStream, open: number, method: boolean): string[] {
  const names: string[] = [];
  for (const arg of callArgs(ts, open)) {
    if (arg.star) break;
    const t = arg.keyword !== undefined ? arg.from - 2 : arg.from;
    if (ts.kind[t] === Tok.Name) names.push(tokenText(ts, t));
  }
  if (method && names.length) names.shift();
  return names;
}

/** Tokens of the body: the block indented deeper than the `def`, or the rest of a one-line `def f(x): return ...`. */
function bodyRange(ts: TokenStream, open: number, defIndent: number): { from: number; to: number } {
  let t = callClose(ts, open) + 1;
  while (t < ts.count && !tokenIs(ts, t, ':') && ts.kind[t] !== Tok.Newline) t++;
  const from = t + 1;
  if (ts.kind[from] !== Tok.Newline) {
    let end = from;
    while (end < ts.count && ts.kind[end] !== Tok.Newline) end++;
    return { from, to: end };
  }
  let end = from + 1;
  while (end < ts.count && !(ts.indent[end] >= 0 && ts.indent[end] <= defIndent)) end++;
  return { from, to: end };
}

/**
 * Finds, in a wrapper's body, each tracked parameter passed as a whole argument to a call, and reports the
 * destination that call gives it: a framework call's activation slot, or another wrapper's parameter.
 */
function followParams(
  c: Candidate, tracked: ReadonlySet<string>, qualify: Qualify,
  report: (param: string, dest: Destination) => void, wrapper: (name: string) => WrapperSummary | null,
): void {
  const { ts } = c;
  for (let t = c.bodyFrom; t < c.bodyTo; t++) {
    if (ts.kind[t] !== Tok.Name || (t > 0 && tokenIs(ts, t - 1, '.'))) continue;
    if (!tokenIs(ts, t + 1, ',') && !(ts.kind[t + 1] === Tok.Close && tokenIs(ts, t + 1, ')'))) continue;
    const param = tokenText(ts, t);
    if (!tracked.has(param)) continue;
    const slot = argumentSlot(ts, t);
    if (!slot) continue;
    const callee = calleeBefore(ts, slot.open);
    if (!callee) continue;
    const dest = destinationOf(ts, callee, slot, qualify, wrapper);
    if (dest) report(param, dest);
  }
}

interface Slot {
  readonly open: number;
  readonly keyword?: string;
  readonly position?: number;
}

/** The call argument a bare name at `t` is: its keyword or its position. */
function argumentSlot(ts: TokenStream, t: number): Slot | undefined {
  let keyword: string | undefined;
  let first = t;
  if (tokenIs(ts, t - 1, '=') && ts.kind[t - 2] === Tok.Name) { keyword = tokenText(ts, t - 2); first = t - 2; }
  const before = first - 1;
  if (before < 0) return undefined;
  if (ts.kind[before] === Tok.Open) return tokenIs(ts, before, '(') ? { open: before, keyword, position: keyword ? undefined : 0 } : undefined;
  if (!tokenIs(ts, before, ',')) return undefined;
  // Walk back over earlier arguments to the call's `(`, counting positional ones.
  let position = 0;
  let sawKeyword = false;
  for (let i = before; i >= 0; i--) {
    const k = ts.kind[i];
    if (k === Tok.Close) { const m = ts.match[i]; if (m < 0 || m > i) return undefined; i = m; continue; }
    if (k === Tok.Newline) return undefined;
    if (k === Tok.Open) {
      if (!tokenIs(ts, i, '(')) return undefined;
      return { open: i, keyword, position: keyword || sawKeyword ? undefined : position };
    }
    if (tokenIs(ts, i, ',')) position++;
    else if (tokenIs(ts, i, '=') && ts.kind[i - 1] === Tok.Name && (tokenIs(ts, i - 2, ',') || ts.kind[i - 2] === Tok.Open)) sawKeyword = true;
    else if (tokenIs(ts, i, '*') || tokenIs(ts, i, '**')) sawKeyword = true;
  }
  return undefined;
}

/** The dotted callee `a.b.c` just before `(` at `open`, as written. */
function calleeBefore(ts: TokenStream, open: number): string | undefined {
  let i = open - 1;
  if (i < 0 || ts.kind[i] !== Tok.Name) return undefined;
  const parts = [tokenText(ts, i)];
  while (i >= 2 && tokenIs(ts, i - 1, '.') && ts.kind[i - 2] === Tok.Name) {
    i -= 2;
    parts.unshift(tokenText(ts, i));
  }
  if (i >= 1 && tokenIs(ts, i - 1, '.')) return undefined; // `f(x).Activation(...)`: not a name we can resolve
  return parts.join('.');
}

function destinationOf(ts: TokenStream, callee: string, slot: Slot, qualify: Qualify, wrapper: (name: string) => WrapperSummary | null): Destination | undefined {
  if (callee === 'getattr') return slot.position === 1 ? attributeOf(ts, slot.open, qualify) : undefined;
  const qualified = qualify(callee);
  const framework = qualified ? frameworkOfModule(qualified) : undefined;
  if (qualified && framework) {
    if (qualified === 'keras.activations.get' || qualified === 'keras.activations.deserialize') {
      return slot.position === 0 ? { framework: 'keras', qualified } : undefined;
    }
    if (qualified.startsWith('keras.layers.')) {
      if (slot.keyword !== undefined) return STRING_KEYWORDS.has(slot.keyword) ? { framework: 'keras', qualified } : undefined;
      const positions = own(KERAS_POSITIONAL_ACTIVATION, qualified.slice(13));
      return positions && slot.position !== undefined && positions.includes(slot.position) ? { framework: 'keras', qualified } : undefined;
    }
    const torchIndex = own(TORCH_TRANSFORMER_ACTIVATION, qualified);
    if (torchIndex !== undefined) {
      return slot.keyword === 'activation' || (slot.keyword === undefined && slot.position === torchIndex) ? { framework: 'torch', qualified } : undefined;
    }
    return undefined;
  }
  // The file's own wrapper, or one a project module defines (`conv_bn`, `blocks.conv_bn`).
  const inner = wrapper(callee);
  if (!inner) return undefined;
  const param = slot.keyword ?? (slot.position !== undefined ? inner.params[slot.position] : undefined);
  return param === undefined ? undefined : inner.destinations.get(param);
}

/** `getattr(nn, act)`: the string names an attribute of a framework module (`'GELU'` -> `nn.GELU`). */
function attributeOf(ts: TokenStream, open: number, qualify: Qualify): Destination | undefined {
  const module = readDotted(ts, open + 1);
  if (!module || !tokenIs(ts, module.next, ',')) return undefined;
  const qualified = qualify(module.name);
  const framework = qualified ? frameworkOfModule(qualified) : undefined;
  return qualified && framework ? { framework, qualified, attribute: true } : undefined;
}

/** Module and name a called chain refers to through the scope's imports of project code, if it can. */
function importTarget(scope: Scope, parts: readonly string[]): { module: string; level: number; name: string } | undefined {
  const [head, ...rest] = parts;
  const relative = scope.relativeImports.get(head);
  if (relative) {
    if (rest.length === 0) return relative;
    return { module: relative.module ? `${relative.module}.${relative.name}` : relative.name, level: relative.level, name: rest[0] };
  }
  const alias = scope.aliases.get(head);
  if (!alias) return undefined;
  const full = rest.length ? `${alias}.${rest.join('.')}` : alias;
  const dot = full.lastIndexOf('.');
  return dot > 0 ? { module: full.slice(0, dot), level: 0, name: full.slice(dot + 1) } : undefined;
}
