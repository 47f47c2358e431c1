/** Statements and positions in a token stream: where a statement ends, a block's statements, a token by offset. */
import { Tok, type TokenStream } from './tokenizer';

/** Index of the Newline token ending the statement that holds token `t` (or the stream's count). */
export function statementEnd(ts: TokenStream, t: number): number {
  let i = t;
  while (i < ts.count && ts.kind[i] !== Tok.Newline) i++;
  return i;
}

/** Index of the first token of the statement containing token `t`. */
export function statementStart(ts: TokenStream, t: number): number {
  let i = t;
  while (i > 0 && ts.kind[i - 1] !== Tok.Newline) i--;
  return i;
}

/**
 * Statement-start tokens of the block under the header statement at `header` (a `def`/`class` line; the token that
 * starts it), nested blocks included. A body on the header's own line (`def f(x): return x`) is not a block here.
 */
export function blockStatements(ts: TokenStream, header: number): number[] {
  const own = ts.indent[header];
  const out: number[] = [];
  let t = statementEnd(ts, header) + 1;
  for (; t < ts.count; t++) {
    if (ts.indent[t] < 0) continue;
    if (ts.indent[t] <= own) break;
    out.push(t);
  }
  return out;
}

/** Index of the first token starting at or after `offset` (binary search; the count when none does). */
export function firstTokenFrom(ts: TokenStream, offset: number): number {
  let lo = 0;
  let hi = ts.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts.start[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The statement keyword token `t` is (a compound statement's `if`, `elif`, `else`, `for`, `while`, `try`, `except`,
 * `finally`, `with`, `match`, `case`, `def`, `class`, `async`; or `global`, `nonlocal`), or ''. Told by first letter
 * and length, then one comparison in place (no string made): the flow and the model readers ask it of every statement.
 */
export function statementKeyword(ts: TokenStream, t: number): string {
  if (ts.kind[t] !== Tok.Name) return '';
  const start = ts.start[t];
  const length = ts.end[t] - start;
  if (length < 2 || length > 8) return '';
  const text = ts.text;
  let k: string;
  switch (text.charCodeAt(start)) {
    case 105: k = 'if'; break;
    case 101: k = length === 6 ? 'except' : text.charCodeAt(start + 2) === 105 ? 'elif' : 'else'; break;
    case 102: k = length === 3 ? 'for' : 'finally'; break;
    case 119: k = length === 5 ? 'while' : 'with'; break;
    case 116: k = 'try'; break;
    case 109: k = 'match'; break;
    case 99: k = length === 4 ? 'case' : 'class'; break;
    case 100: k = 'def'; break;
    case 97: k = 'async'; break;
    case 103: k = 'global'; break;
    case 110: k = 'nonlocal'; break;
    default: return '';
  }
  return k.length === length && text.startsWith(k, start) ? k : '';
}
