/** Small token helpers for the structure reader: dotted names through the scanner's scope, statements, blocks. */
import { lineBreakAfter, lineStartBefore } from '../../python/lineIndex';
import { isChar, Tok, tokenIs, tokenText, type TokenStream } from '../../python/tokenizer';
import { normalizeModule, type Scope } from '../../scan/scope';
import type { Usage } from '../../scan/types';
import { MemoOnKey } from '../../memoOnKey';

export { blockStatements, firstTokenFrom, statementEnd } from '../../python/statements';

export interface DottedName {
  readonly text: string;
  /** Token index of the first name and the token after the chain. */
  readonly first: number;
  readonly next: number;
}

/** Reads `a.b.c` starting at token t (a name). */
export function readDotted(ts: TokenStream, t: number): DottedName | undefined {
  if (t < 0 || t >= ts.count || ts.kind[t] !== Tok.Name) return undefined;
  const next = skipDotted(ts, t);
  return { text: dottedText(ts, t, next), first: t, next };
}

/** The text of the dotted name from name token t to token `next` (as `skipDotted` found it). */
export function dottedText(ts: TokenStream, t: number, next: number): string {
  let contiguous = true;
  for (let i = t + 1; i < next; i += 2) if (ts.start[i] !== ts.end[i - 1] || ts.start[i + 1] !== ts.end[i]) contiguous = false;
  // Written without spaces (nearly always): one slice of the source rather than a string built piece by piece.
  if (contiguous) return ts.text.slice(ts.start[t], ts.end[next - 1]);
  let text = tokenText(ts, t);
  for (let k = t + 2; k < next; k += 2) text += '.' + tokenText(ts, k);
  return text;
}

const STAR_ROOTS = /^(?:keras\.layers|keras\.losses|keras\.models|keras|torch\.nn|torch\.nn\.functional)$/;

/**
 * The framework path a written name refers to, using the scope the scanner built (`nn.Linear` -> `torch.nn.Linear`).
 * Local names that are not imports resolve to nothing. Star imports are tried for the layer and loss modules.
 */
export function qualify(scope: Scope, text: string): string | undefined {
  return qualifyIn(qualified.get(scope), scope, text);
}

/** The memo `qualify` keeps for a scope now, if any: a reader of many names looks it up once, not per name. */
export function qualifyMemo(scope: Scope): Map<string, string | undefined> | undefined {
  return qualified.get(scope);
}

/** `qualify(scope, text)` with the scope's memo (from `qualifyMemo`) already looked up. */
export function qualifyIn(cache: Map<string, string | undefined> | undefined, scope: Scope, text: string): string | undefined {
  if (!cache) return qualifyUncached(scope, text);
  const hit = cache.get(text);
  if (hit !== undefined || cache.has(text)) return hit;
  const value = qualifyUncached(scope, text);
  cache.set(text, value);
  return value;
}

/** Per-analysis memo of `qualify`: the same few names (`layers.Dense`, `nn.Linear`) are resolved thousands of times. */
const qualified = new MemoOnKey<Scope, Map<string, string | undefined>>('qualified');

/** Starts memoising `qualify` for a scope that will not change until the analysis ends (a fresh memo each time). */
export function memoiseQualify(scope: Scope): void {
  qualified.set(scope, new Map());
  initials.delete(scope);
}

function qualifyUncached(scope: Scope, text: string): string | undefined {
  const dot = text.indexOf('.');
  const head = dot === -1 ? text : text.slice(0, dot);
  const base = scope.aliases.get(head);
  if (base) return normalizeModule(dot === -1 ? base : base + text.slice(dot));
  if (scope.locals.has(head)) return undefined;
  if (dot === -1 && /^[A-Z]/.test(text)) {
    const star = scope.starModules.find((m) => STAR_ROOTS.test(m));
    if (star) return normalizeModule(`${star}.${text}`);
  }
  return undefined;
}


/** The leading whitespace of the physical line holding offset `at`. */
export function lineIndentAt(text: string, at: number): string {
  const lineStart = lineStartBefore(text, at);
  // Spaces and tabs from the line's start, up to `at` included (as a regex on that slice would read them, without the slice).
  const limit = Math.min(at + 1, text.length);
  let end = lineStart;
  while (end < limit) {
    const c = text.charCodeAt(end);
    if (c !== 32 && c !== 9) break;
    end++;
  }
  return text.slice(lineStart, end);
}

/** Offset of the end of the physical line holding offset `at` (before its line break). */
export function lineEndAt(text: string, at: number): number {
  return lineBreakAfter(text, at);
}


/** Index of the token starting at `offset` (binary search), or -1. */
export function tokenIndexAt(ts: TokenStream, offset: number): number {
  let lo = 0;
  let hi = ts.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ts.start[mid];
    if (v === offset) return mid;
    if (v < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}


const NO_USAGES: readonly Usage[] = Object.freeze([]);

/**
 * Usages starting at `offset`, in the order the list gives them, found by binary search over `sortedUsages` (a stable
 * sort): an index of every usage by start, made per read, was a tenth of what reading a file's structure allocated.
 */
export function usagesStartingAt(usages: readonly Usage[], offset: number): readonly Usage[] {
  const sorted = sortedUsages(usages);
  const lo = firstUsageFrom(sorted, offset);
  let hi = lo;
  while (hi < sorted.length && sorted[hi].start === offset) hi++;
  return hi === lo ? NO_USAGES : sorted.slice(lo, hi);
}

/** The first usage starting at `offset` of form `form` (or `also`): `usagesStartingAt(...).find(...)` without a list. */
export function usageStartingAt(usages: readonly Usage[], offset: number, form: Usage['form'], also?: Usage['form']): Usage | undefined {
  const sorted = sortedUsages(usages);
  for (let k = firstUsageFrom(sorted, offset); k < sorted.length && sorted[k].start === offset; k++) {
    const u = sorted[k];
    if (u.form === form || (also !== undefined && u.form === also)) return u;
  }
  return undefined;
}

const sortedLists = new MemoOnKey<readonly Usage[], readonly Usage[]>('sorted');

/** The usages sorted by start, made once per usage list: modules find theirs by binary search and stay linear in usages. */
export function sortedUsages(usages: readonly Usage[]): readonly Usage[] {
  let sorted = sortedLists.get(usages);
  if (!sorted) {
    // The scanner reports usages in source order: a copy and a sort only when some are not.
    let inOrder = true;
    for (let k = 1; k < usages.length; k++) if (usages[k - 1].start > usages[k].start) { inOrder = false; break; }
    sorted = inOrder ? usages : [...usages].sort((a, b) => a.start - b.start);
    sortedLists.set(usages, sorted);
  }
  return sorted;
}

/** Index of the first of `sorted` (from `sortedUsages`) starting at or after `from` (the length when none does). */
export function firstUsageFrom(sorted: readonly Usage[], from: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Cheap pre-check before reading a dotted name: only names the scope could resolve are worth the allocation. */
export function mayQualify(scope: Scope, ts: TokenStream, t: number): boolean {
  // First characters of the aliases, so most names (`self`, `x`) are rejected without building their text.
  const c = ts.text.charCodeAt(ts.start[t]);
  if (scope.starModules.length === 0 && c < 128 && !aliasInitials(scope)[c]) return false;
  const head = tokenText(ts, t);
  return scope.aliases.has(head) || (scope.starModules.length > 0 && /^[A-Z]/.test(head));
}

const initials = new MemoOnKey<Scope, { size: number; table: Uint8Array }>('initials');

function aliasInitials(scope: Scope): Uint8Array {
  let entry = initials.get(scope);
  if (!entry || entry.size !== scope.aliases.size) {
    const table = new Uint8Array(128);
    for (const name of scope.aliases.keys()) {
      const c = name.charCodeAt(0);
      table[c < 128 ? c : 0] = 1;
    }
    entry = { size: scope.aliases.size, table };
    initials.set(scope, entry);
  }
  return entry.table;
}

/**
 * Whether the dotted name at name token t has at least two parts and ends in `last` (`model.add` for `add`), without
 * building its text: the same as `readDotted(ts, t).text.endsWith('.' + last)`.
 */
export function dottedEndsWith(ts: TokenStream, t: number, last: string): boolean {
  if (t < 0 || t >= ts.count || ts.kind[t] !== Tok.Name) return false;
  const next = skipDotted(ts, t);
  return next > t + 1 && tokenIs(ts, next - 1, last);
}

/** Index of the token after the dotted name starting at t, without building its text. */
export function skipDotted(ts: TokenStream, t: number): number {
  let i = t + 1;
  while (i + 1 < ts.count && isChar(ts, i, 46 /* . */) && ts.kind[i + 1] === Tok.Name) i += 2;
  return i;
}
