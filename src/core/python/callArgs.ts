/** Splits a call's argument list into positional and keyword arguments, over token ranges. */
import { statementEnd } from './statements';
import { Tok, tokenIs, tokenText, type TokenStream } from './tokenizer';

export interface CallArg {
  /** Keyword name for `name=value`; undefined for positional, `*args` and `**kwargs`. */
  readonly keyword?: string;
  /** Token range [from, to) of the value. */
  readonly from: number;
  readonly to: number;
  /** `*x` or `**x`: positions after it can no longer be mapped to parameter names. */
  readonly star?: boolean;
}

/**
 * Arguments of the call whose `(` is token `open`. An unbalanced call (broken code) reads to the statement end.
 */
export function callArgs(ts: TokenStream, open: number): CallArg[] {
  return argsBetween(ts, open + 1, callClose(ts, open));
}

/**
 * The items of tokens [from, to) (a call's arguments, a `def`'s or `lambda`'s parameters, a tuple) read as arguments.
 * Two walks over the top level (count, then fill a list of that length): the model reader keeps the arguments of
 * every layer it reads, and a list of parts mapped to a second list was a large share of what it allocated.
 */
export function argsBetween(ts: TokenStream, from: number, to: number): CallArg[] {
  let count = 0;
  for (let f = from; ;) {
    const end = partEnd(ts, f, to);
    if (end < 0) break;
    if (end > f) count++;
    if (end === to) break;
    f = end + 1;
  }
  const out = new Array<CallArg>(count);
  for (let f = from, k = 0; k < count;) {
    const end = partEnd(ts, f, to);
    if (end > f) out[k++] = makeArg(ts, f, end);
    f = end + 1;
  }
  return out;
}

/** The first argument of the call at `open`, as `callArgs(ts, open)[0]`, without the list. */
export function firstArgument(ts: TokenStream, open: number): CallArg | undefined {
  const close = callClose(ts, open);
  for (let f = open + 1; ;) {
    const end = partEnd(ts, f, close);
    if (end < 0) return undefined;
    if (end > f) return makeArg(ts, f, end);
    if (end === close) return undefined;
    f = end + 1;
  }
}

/**
 * The comma-separated parts of tokens [from, to), empty ones left out. Walks the top level only, jumping over nested
 * brackets, so cost is linear in the list's own tokens; a bracket running past `to` (broken code) ends the list.
 */
export function topLevelParts(ts: TokenStream, from: number, to: number): { from: number; to: number }[] {
  const parts: { from: number; to: number }[] = [];
  for (let f = from; ;) {
    const end = partEnd(ts, f, to);
    if (end < 0) break;
    if (end > f) parts.push({ from: f, to: end });
    if (end === to) break;
    f = end + 1;
  }
  return parts;
}

/** Where the part starting at token `from` ends: the next top-level comma before `to`, or `to`; -1 past `to`. */
export function partEnd(ts: TokenStream, from: number, to: number): number {
  for (let t = from; t <= to; t++) {
    if (t < to && ts.kind[t] === Tok.Open) {
      if (ts.match[t] > t) t = ts.match[t];
      continue;
    }
    if (t === to || (ts.kind[t] === Tok.Op && tokenIs(ts, t, ','))) return t;
  }
  return -1;
}

/** What a part of an argument list is, as `makeArg` reads it: `name=value`, `*value`/`**value`, or a positional value. */
export const POSITIONAL = 0;
export const KEYWORD = 1;
export const STAR = 2;

/** Whether the part [from, to) is a keyword argument, a starred one or a positional one (see `POSITIONAL`). */
export function partKind(ts: TokenStream, from: number, to: number): number {
  if (to - from >= 3 && ts.kind[from] === Tok.Name && tokenIs(ts, from + 1, '=')) return KEYWORD;
  if (tokenIs(ts, from, '*') || tokenIs(ts, from, '**')) return STAR;
  return POSITIONAL;
}

/** The argument the part [from, to) of an argument list is (a keyword's value, a starred value or a positional one). */
export function makeArg(ts: TokenStream, from: number, to: number): CallArg {
  const kind = partKind(ts, from, to);
  if (kind === KEYWORD) return new KeywordArg(keywordText(ts, from), from + 2, to);
  if (kind === STAR) return new StarArg(from + 1, to, true);
  return new PositionalArg(from, to);
}

/*
 * The three shapes of an argument are classes, not object literals: layers keep their arguments, and after a check of
 * a large file (whose layers outlive young collections) V8 made a literal's allocation site allocate in the old
 * generation, where every later version's arguments then died and waited for a full collection. A class instance is
 * always made young. Each class has exactly the keys its literal had.
 */
class KeywordArg implements CallArg {
  constructor(readonly keyword: string, readonly from: number, readonly to: number) {}
}

class StarArg implements CallArg {
  constructor(readonly from: number, readonly to: number, readonly star: true) {}
}

class PositionalArg implements CallArg {
  constructor(readonly from: number, readonly to: number) {}
}

/** The argument of a call that has exactly one (`callArgs(ts, open)` when its length is 1), else undefined. */
export function soleArgument(ts: TokenStream, open: number): CallArg | undefined {
  const close = callClose(ts, open);
  let from = -1;
  let to = -1;
  for (let f = open + 1; ;) {
    const end = partEnd(ts, f, close);
    if (end < 0) break;
    if (end > f) {
      if (from >= 0) return undefined;
      from = f;
      to = end;
    }
    if (end === close) break;
    f = end + 1;
  }
  return from < 0 ? undefined : makeArg(ts, from, to);
}

/**
 * Keyword names read lately, by first character and length: calls repeat the same few keywords (`activation`,
 * `kernel_size`) thousands of times in a file, and the model reader keeps every layer's arguments. Bounded, and
 * only names of at most `SHORT` characters, which V8 copies out of the source when slicing: a longer slice points
 * into its source text, which a module-level table would then keep alive after the document is gone.
 */
const keywords: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
const SHORT = 12;

/** `tokenText(ts, t)` of a keyword name token, the same string as the last keyword of its slot when the text is equal. */
function keywordText(ts: TokenStream, t: number): string {
  const start = ts.start[t];
  const length = ts.end[t] - start;
  if (length > SHORT) return tokenText(ts, t);
  const slot = (ts.text.charCodeAt(start) + length * 37) & 255;
  const last = keywords[slot];
  if (last !== undefined && last.length === length && ts.text.startsWith(last, start)) return last;
  const text = tokenText(ts, t);
  keywords[slot] = text;
  return text;
}

/** The index of the token closing the call at `open`, or the statement end for broken code. */
export function callClose(ts: TokenStream, open: number): number {
  return ts.match[open] > open ? ts.match[open] : statementEnd(ts, open);
}
