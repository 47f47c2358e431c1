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

/** The items of tokens [from, to) (a call's arguments, a `def`'s or `lambda`'s parameters, a tuple) read as arguments. */
export function argsBetween(ts: TokenStream, from: number, to: number): CallArg[] {
  return topLevelParts(ts, from, to).map((p) => makeArg(ts, p.from, p.to));
}

/**
 * The comma-separated parts of tokens [from, to), empty ones left out. Walks the top level only, jumping over nested
 * brackets, so cost is linear in the list's own tokens.
 */
export function topLevelParts(ts: TokenStream, from: number, to: number): { from: number; to: number }[] {
  const parts: { from: number; to: number }[] = [];
  let itemFrom = from;
  for (let t = from; t <= to; t++) {
    if (t < to && ts.kind[t] === Tok.Open) {
      if (ts.match[t] > t) t = ts.match[t];
      continue;
    }
    if (t === to || (ts.kind[t] === Tok.Op && tokenIs(ts, t, ','))) {
      if (t > itemFrom) parts.push({ from: itemFrom, to: t });
      itemFrom = t + 1;
    }
  }
  return parts;
}

export function makeArg(ts: TokenStream, from: number, to: number): CallArg {
  if (to - from >= 3 && ts.kind[from] === Tok.Name && tokenIs(ts, from + 1, '=')) {
    return { keyword: tokenText(ts, from), from: from + 2, to };
  }
  if (tokenIs(ts, from, '*') || tokenIs(ts, from, '**')) return { from: from + 1, to, star: true };
  return { from, to };
}

/** The index of the token closing the call at `open`, or the statement end for broken code. */
export function callClose(ts: TokenStream, open: number): number {
  return ts.match[open] > open ? ts.match[open] : statementEnd(ts, open);
}
