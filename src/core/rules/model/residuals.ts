/**
 * Residual additions in a PyTorch forward that passes one tensor along: `x = x + self.block(x)`,
 * `x = self.block(x) + x`, `x += self.block(x)`, `return x + self.head(x)`. Only forwards whose every statement
 * assigns that one parameter (or returns) are read, so the value added back is known for sure: the output of the
 * last layer applied before the statement, or the model's input when none was.
 */
import { isChar, Tok, tokenIs, type TokenStream } from '../../python/tokenizer';
import { isCallAt } from './layers';
import { readDotted } from './resolve';
import type { Statements } from './statements';

export interface ResidualAdd {
  /** Offset where the statement starts: layers applied before it produce the value added back. */
  readonly before: number;
  /** Offset where the added branch ends: the addition comes after every layer applied up to here. */
  readonly after: number;
  /** The statement's range, for positions. */
  readonly start: number;
  readonly end: number;
}

/** The tokens after `def forward(`: `self`, `,`, any name, `)`. */
const SIGNATURE = ['self', ',', undefined, ')'] as const;

/** `def forward(self, x):` -> the token of `x`; -1 for any other signature. */
function onlyParameter(ts: TokenStream, def: number): number {
  const open = def + 2;
  if (!isChar(ts, open, 40 /* ( */)) return -1;
  for (let k = 0; k < SIGNATURE.length; k++) {
    const t = open + 1 + k;
    const word = SIGNATURE[k];
    if (word === undefined ? ts.kind[t] !== Tok.Name : !tokenIs(ts, t, word)) return -1;
  }
  return open + 3;
}

/**
 * Whether token t is the name of token `v` (`tokenIs(ts, t, tokenText(ts, v))`, compared in place: a forward's
 * parameter is checked against several tokens of every statement, and its text was a string per module).
 */
function sameName(ts: TokenStream, t: number, v: number): boolean {
  if (t < 0 || t >= ts.count) return false;
  const start = ts.start[t];
  const length = ts.end[t] - start;
  const at = ts.start[v];
  if (length !== ts.end[v] - at) return false;
  for (let k = 0; k < length; k++) if (ts.text.charCodeAt(start + k) !== ts.text.charCodeAt(at + k)) return false;
  return true;
}

/** A single call expression `a.b(...)` spanning tokens [from, to). */
function isCallExpression(ts: TokenStream, from: number, to: number): boolean {
  const d = readDotted(ts, from);
  return d !== undefined && isCallAt(ts, d.next) && ts.match[d.next] === to - 1;
}

/** None found: one shared empty list (most forwards have no residual addition). */
const NONE: readonly ResidualAdd[] = Object.freeze([]);

/**
 * The residual additions of a forward (statements `from..to` of the unit's), or none when the forward is not of the
 * one-tensor form.
 */
export function residualAdds(ts: TokenStream, forward: number, statements: Statements, from: number, to: number): readonly ResidualAdd[] {
  const { starts, ends } = statements;
  const v = onlyParameter(ts, forward);
  if (v < 0) return NONE;
  let out: ResidualAdd[] | undefined;
  for (let j = from; j < to; j++) {
    const s = starts[j];
    const end = ends[j];
    let expr: number;
    if (tokenIs(ts, s, 'return')) expr = s + 1;
    else if (sameName(ts, s, v) && tokenIs(ts, s + 1, '+=')) {
      if (!isCallExpression(ts, s + 2, end)) return NONE;
      (out ??= []).push({ before: ts.start[s], after: ts.end[end - 1], start: ts.start[s], end: ts.end[end - 1] });
      continue;
    } else if (sameName(ts, s, v) && isChar(ts, s + 1, 61 /* = */)) expr = s + 2;
    else return NONE; // another variable, a call for its effect, a branch: the tensor flow is not one chain
    if (sameName(ts, expr, v) && isChar(ts, expr + 1, 43 /* + */) && isCallExpression(ts, expr + 2, end)) {
      (out ??= []).push({ before: ts.start[s], after: ts.end[end - 1], start: ts.start[s], end: ts.end[end - 1] });
    } else if (sameName(ts, end - 1, v) && isChar(ts, end - 2, 43 /* + */) && isCallExpression(ts, expr, end - 2)) {
      (out ??= []).push({ before: ts.start[s], after: ts.end[end - 3], start: ts.start[s], end: ts.end[end - 1] });
    }
  }
  return out ?? NONE;
}
