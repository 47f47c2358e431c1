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
import { tokenize, Tok, tokenIs, tokenText, type TokenStream } from '../python/tokenizer';
import { isActivationKeyword, KERAS_POSITIONAL_ACTIVATION, own, STRING_KEYWORDS, TORCH_TRANSFORMER_ACTIVATION } from './callees';
import { qualifyName } from './qualify';
import { collectScope, emptyScope, type Destination, type Scope, type WrapperLookup, type WrapperSummary } from './scope';

/**
 * Where the text of a project module comes from (the file system for the command line, the editor's workspace
 * index). `read` never blocks for long and never throws: a module it cannot give now is undefined.
 */
export interface ModuleSource {
  /** `module` as written after `from` (without its leading dots), `level` the number of those dots. */
  read(fromFile: string, module: string, level: number): { readonly key: string; readonly text: string } | undefined;
}

/** What a scan knows about where its text lives, for following imports into the project's own modules. */
export interface ScanContext {
  readonly file?: string;
  readonly modules?: ModuleSource;
}

interface LoadedModule {
  readonly table: WrapperTable;
  readonly qualify: Qualify;
}

/** Parsed project modules by version key (`path@version`): each file version is read and summarised once. */
const moduleCache = new Map<string, LoadedModule>();
const MODULE_CACHE_SIZE = 256;
/** Project modules larger than this are not followed (a wrapper module is small). */
const MAX_MODULE_CHARS = 2_000_000;

function loadModule(key: string, text: string): LoadedModule {
  const hit = moduleCache.get(key);
  if (hit) return hit;
  const ts = tokenize(text.length > MAX_MODULE_CHARS ? '' : text);
  const scope = emptyScope();
  collectScope(ts, scope);
  // Wrappers in that module are followed within it; its own imports of further project modules are not.
  const loaded = { table: new WrapperTable([ts]), qualify: (w: string) => qualifyName(scope, w) };
  if (moduleCache.size >= MODULE_CACHE_SIZE) moduleCache.delete(moduleCache.keys().next().value as string);
  moduleCache.set(key, loaded);
  return loaded;
}

type Qualify = (written: string) => string | undefined;

/** How deep a chain of wrappers passing an activation on is followed (`block` -> `conv_bn` -> `Activation`). */
const MAX_DEPTH = 4;

interface Candidate {
  readonly ts: TokenStream;
  /** Token index of `(` after the def's name. */
  readonly open: number;
  readonly params: readonly string[];
  /** Token range of the body. */
  readonly bodyFrom: number;
  readonly bodyTo: number;
}

export class WrapperTable implements WrapperLookup {
  private candidates: Map<string, Candidate> | undefined;
  private readonly summaries = new Map<string, WrapperSummary | null>();

  private readonly imported = new Map<string, WrapperSummary | null>();

  constructor(private readonly sources: readonly TokenStream[], private readonly context: ScanContext = {}) {}

  /**
   * The wrapper a call reaches through an import of the project's own code: `conv_bn(...)` after
   * `from .blocks import conv_bn`, `blocks.conv_bn(...)` after `from . import blocks` or `import mypkg.blocks as blocks`.
   */
  lookupImported(scope: Scope, parts: readonly string[]): WrapperSummary | undefined {
    const { file, modules } = this.context;
    if (!file || !modules || parts.length > 2) return undefined;
    const target = importTarget(scope, parts);
    if (!target) return undefined;
    const id = `${target.level}:${target.module}:${target.name}`;
    let summary = this.imported.get(id);
    if (summary === undefined) {
      let read: { key: string; text: string } | undefined;
      try {
        read = modules.read(file, target.module, target.level);
      } catch {
        read = undefined;
      }
      const loaded = read ? loadModule(read.key, read.text) : undefined;
      summary = loaded?.table.lookup(target.name, loaded.qualify) ?? null;
      this.imported.set(id, summary);
    }
    return summary ?? undefined;
  }

  private tracked: Set<string> | undefined;

  trackedParams(): ReadonlySet<string> {
    if (!this.tracked) {
      this.candidates ??= findCandidates(this.sources);
      this.tracked = new Set();
      for (const c of this.candidates.values()) for (const p of c.params) if (isActivationKeyword(p)) this.tracked.add(p);
    }
    return this.tracked;
  }

  /** The summary of the wrapper called `name` (a function, or a class through its `__init__`), if it is one. */
  lookup(name: string, qualify: Qualify): WrapperSummary | undefined {
    return this.summarize(name, qualify, 0, new Set()) ?? undefined;
  }

  private summarize(name: string, qualify: Qualify, depth: number, seen: Set<string>): WrapperSummary | null {
    const cached = this.summaries.get(name);
    if (cached !== undefined) return cached;
    this.candidates ??= findCandidates(this.sources);
    const candidate = this.candidates.get(name);
    if (!candidate || depth > MAX_DEPTH || seen.has(name)) return null;
    seen.add(name);
    const destinations = new Map<string, Destination>();
    const tracked = new Set(candidate.params.filter(isActivationKeyword));
    followParams(candidate, tracked, qualify, (param, dest) => { if (!destinations.has(param)) destinations.set(param, dest); },
      (callee) => this.summarize(callee, qualify, depth + 1, seen));
    seen.delete(name);
    const summary = destinations.size ? { params: candidate.params, destinations } : null;
    // Only a complete answer is cached: one cut short by the depth limit or a cycle may differ from another start.
    if (depth === 0) this.summaries.set(name, summary);
    return summary;
  }
}

/** `def name(...)` with an activation-named parameter, in every source; `__init__` counts under its class's name. */
function findCandidates(sources: readonly TokenStream[]): Map<string, Candidate> {
  const out = new Map<string, Candidate>();
  for (const ts of sources) {
    const classes: { name: string; indent: number }[] = [];
    for (let t = 0; t < ts.count; t++) {
      const indent = ts.indent[t];
      if (indent < 0 || ts.kind[t] !== Tok.Name) continue;
      while (classes.length && classes[classes.length - 1].indent >= indent) classes.pop();
      if (tokenIs(ts, t, 'class') && ts.kind[t + 1] === Tok.Name) { classes.push({ name: tokenText(ts, t + 1), indent }); continue; }
      const def = tokenIs(ts, t, 'def') ? t : tokenIs(ts, t, 'async') && tokenIs(ts, t + 1, 'def') ? t + 1 : -1;
      if (def === -1 || ts.kind[def + 1] !== Tok.Name || !tokenIs(ts, def + 2, '(')) continue;
      const fnName = tokenText(ts, def + 1);
      const owner = classes.length && classes[classes.length - 1].indent < indent ? classes[classes.length - 1].name : undefined;
      const name = owner ? (fnName === '__init__' ? owner : undefined) : fnName;
      if (!name) continue;
      const params = paramNames(ts, def + 2, owner !== undefined);
      if (!params.some(isActivationKeyword)) continue;
      const body = bodyRange(ts, def + 2, indent);
      // A later top-level definition wins, as in Python.
      out.set(name, { ts, open: def + 2, params, bodyFrom: body.from, bodyTo: body.to });
    }
  }
  return out;
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
    const dest = destinationOf(callee, slot, qualify, wrapper);
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

function destinationOf(callee: string, slot: Slot, qualify: Qualify, wrapper: (name: string) => WrapperSummary | null): Destination | undefined {
  const qualified = qualify(callee);
  if (qualified) {
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
  if (callee.includes('.')) return undefined;
  const inner = wrapper(callee);
  if (!inner) return undefined;
  const param = slot.keyword ?? (slot.position !== undefined ? inner.params[slot.position] : undefined);
  return param === undefined ? undefined : inner.destinations.get(param);
}

/**
 * Whether a token stream passes a wrapper's activation parameter (one of `tracked`) on as a whole argument
 * (`Activation(act)`, `conv_bn(x, act=act)`): an edit to such a line may change what a wrapper does, so re-analysis
 * must be full. Other names (`previous_block_activation` in a model without such a wrapper) keep it incremental.
 */
export function passesActivationOn(ts: TokenStream, tracked: ReadonlySet<string>): boolean {
  if (tracked.size === 0) return false;
  for (let t = 1; t < ts.count; t++) {
    if (ts.kind[t] !== Tok.Name || tokenIs(ts, t - 1, '.')) continue;
    if (!tokenIs(ts, t + 1, ',') && !tokenIs(ts, t + 1, ')')) continue;
    if (tracked.has(tokenText(ts, t))) return true;
  }
  return false;
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
