/** Reads literal Python values (numbers, strings, booleans, None, tuples/lists of those) from a token range. */
import type { ParamValue } from '../scan/types';
import { Tok, type TokenStream } from './tokenizer';

/** Marker for "not a literal": the caller leaves such arguments out of `params`. */
export const NOT_LITERAL: unique symbol = Symbol('not a literal');
type LiteralResult = ParamValue | typeof NOT_LITERAL;

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** The value of a string token (prefix and quotes removed, simple escapes decoded); undefined for f/b-strings. */
export function stringValue(ts: TokenStream, t: number): string | undefined {
  const text = ts.text;
  let s = ts.start[t];
  const e = ts.end[t];
  let raw = false;
  while (s < e) {
    const c = text[s];
    if (c === '"' || c === "'") break;
    const lower = c.toLowerCase();
    if (lower === 'f' || lower === 'b' || lower === 't') return undefined;
    if (lower === 'r') raw = true;
    s++;
  }
  const quote = text[s];
  const triple = text.startsWith(quote.repeat(3), s);
  const q = triple ? 3 : 1;
  const bodyEnd = e - s >= 2 * q && text.startsWith(triple ? quote.repeat(3) : quote, e - q) ? e - q : e;
  const body = text.slice(s + q, Math.max(s + q, bodyEnd));
  if (raw || body.indexOf('\\') === -1) return body;
  return body.replace(/\\(.)/gs, (m, ch: string) => ESCAPES[ch] ?? m);
}

function numberValue(text: string): number | undefined {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return undefined;
  if (/^0[xob]/i.test(clean)) {
    const v = Number(clean);
    return Number.isFinite(v) ? v : undefined;
  }
  const v = Number(clean.replace(/[lL]$/, ''));
  return Number.isNaN(v) ? undefined : v;
}

/**
 * The literal value of tokens [from, to) or NOT_LITERAL. Handles `-1.5`, `1/8`, `True`, `None`, `'tanh'`,
 * implicit string concatenation, and tuples/lists of literals.
 */
export function literalValue(ts: TokenStream, from: number, to: number): LiteralResult {
  if (from >= to) return NOT_LITERAL;
  const kind = ts.kind;
  if (kind[from] === Tok.Open && ts.match[from] === to - 1) {
    const open = ts.text[ts.start[from]];
    if (open === '{') return NOT_LITERAL;
    const items: ParamValue[] = [];
    let itemStart = from + 1;
    for (let t = from + 1; t <= to - 1; t++) {
      if (kind[t] === Tok.Open && ts.match[t] > t) { t = ts.match[t]; continue; }
      if (t === to - 1 || (kind[t] === Tok.Op && ts.text[ts.start[t]] === ',' && ts.end[t] - ts.start[t] === 1)) {
        if (t > itemStart) {
          const v = literalValue(ts, itemStart, t);
          if (v === NOT_LITERAL) return NOT_LITERAL;
          items.push(v);
        }
        itemStart = t + 1;
      }
    }
    return items;
  }
  if (kind[from] === Tok.String) {
    let s = '';
    for (let t = from; t < to; t++) {
      if (kind[t] !== Tok.String) return NOT_LITERAL;
      const v = stringValue(ts, t);
      if (v === undefined) return NOT_LITERAL;
      s += v;
    }
    return s;
  }
  if (to - from === 1) {
    const text = ts.text.slice(ts.start[from], ts.end[from]);
    if (kind[from] === Tok.Number) return numberValue(text) ?? NOT_LITERAL;
    if (text === 'True') return true;
    if (text === 'False') return false;
    if (text === 'None') return null;
    return NOT_LITERAL;
  }
  // Signed numbers and simple fractions such as -0.2, +1, 1/8, -1./3, 1e-3.
  let sign = 1;
  let t = from;
  const op = ts.text.slice(ts.start[t], ts.end[t]);
  if (kind[t] === Tok.Op && (op === '-' || op === '+')) { sign = op === '-' ? -1 : 1; t++; }
  if (t < to && kind[t] === Tok.Number) {
    const a = numberValue(ts.text.slice(ts.start[t], ts.end[t]));
    if (a === undefined) return NOT_LITERAL;
    if (t + 1 === to) return sign * a;
    if (t + 3 === to && kind[t + 1] === Tok.Op && kind[t + 2] === Tok.Number) {
      const b = numberValue(ts.text.slice(ts.start[t + 2], ts.end[t + 2]));
      const o = ts.text.slice(ts.start[t + 1], ts.end[t + 1]);
      if (b === undefined) return NOT_LITERAL;
      if (o === '/' && b !== 0) return sign * a / b;
      if (o === '*') return sign * a * b;
    }
  }
  return NOT_LITERAL;
}
