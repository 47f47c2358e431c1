/**
 * A fast, forgiving Python tokenizer.
 *
 * Why hand-written: the scanner must beat CPython's own `ast.parse` by 2x on the same files, which rules out a full
 * parser (tree-sitter's WASM parse alone is barely faster than CPython). Detection only needs names, literals,
 * brackets and statement ends, so one pass over char codes into typed arrays is enough.
 *
 * It never throws and never loops without consuming input: broken code (unterminated strings, unbalanced brackets,
 * binary data) still yields tokens up to the end of the text.
 */

export const enum Tok {
  Name = 0,
  Number = 1,
  String = 2,
  Op = 3,
  Open = 4,
  Close = 5,
  /** End of a logical line (statement), emitted at a newline outside brackets or at `;`. */
  Newline = 6,
}

export interface TokenStream {
  readonly text: string;
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** For Open/Close tokens: the index of the partner bracket, or -1 when unbalanced. Otherwise -1. */
  readonly match: Int32Array;
  /** For the first token of a logical line: its indentation in columns (tabs to multiples of 8). Otherwise -1. */
  readonly indent: Int32Array;
  /** The text ended inside brackets or an unterminated string: what follows it would not start a new statement. */
  readonly openAtEnd: boolean;
  /**
   * The model reader's facts about this stream's names (python/tokenFacts.ts), carried to the next version's stream.
   * A field every stream is made with: a property added later gave the streams of edits a shape of their own, and
   * the first edit after opening a large file ran the whole analysis in deoptimised code (about 60 ms slower).
   */
  facts: unknown;
  /**
   * Which unit of the checked source this stream is (a file's only one, or a notebook cell), set by the rule runner
   * so that fixes tag their edits with it (fixes/units.ts). A field for the same reason as `facts`: set as a property
   * during a check, it gave every stream a second shape, and code that met the first (the model reader, when a
   * document's analysis reads its model before the rules run) went back to the interpreter on the next.
   */
  unit: number | undefined;
}

/**
 * A token stream as `tokenize` and `spliceTokens` make it. A class: every stream has one shape (code that reads
 * streams, and layers that hold one, stay optimised whichever made it), and is always made young (a check of a
 * large file keeps its stream to the end, and V8 had moved an object literal's later streams to the old generation).
 */
export class Tokens implements TokenStream {
  facts: unknown = undefined;
  unit: number | undefined = undefined;

  constructor(
    readonly text: string, readonly count: number, readonly kind: Uint8Array, readonly start: Int32Array, readonly end: Int32Array,
    readonly match: Int32Array, readonly indent: Int32Array, readonly openAtEnd: boolean,
  ) {}
}

const enum C {
  Tab = 9, Lf = 10, Ff = 12, Cr = 13, Space = 32, Bang = 33, Quote = 34, Hash = 35, Apos = 39,
  LParen = 40, RParen = 41, Comma = 44, Dot = 46, Zero = 48, Nine = 57, Colon = 58, Semi = 59,
  Eq = 61, At = 64, UpperA = 65, UpperZ = 90, LBracket = 91, Backslash = 92, RBracket = 93, Underscore = 95,
  LowerA = 97, LowerZ = 122, LBrace = 123, RBrace = 125,
}

/** Statement keywords that, at column 0, end any bracket left open by broken code above them. */
const RECOVERY_KEYWORDS = /^(?:def|class|import|from|async|@)\b/;

function isNameStart(c: number): boolean {
  return (c >= C.LowerA && c <= C.LowerZ) || (c >= C.UpperA && c <= C.UpperZ) || c === C.Underscore || c > 127;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= C.Zero && c <= C.Nine);
}

/** String prefixes such as r, b, f, rb, Rb, fr, t (case-insensitive, at most two letters). */
function isStringPrefix(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len < 1 || len > 2) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c !== 0x72 && c !== 0x62 && c !== 0x75 && c !== 0x66 && c !== 0x74) return false; // r b u f t
  }
  return true;
}

class Growable {
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  indent: Int32Array;
  count = 0;

  /** Model code averages about one token per four characters; sizing for that avoids most regrowth. */
  constructor(textLength: number) {
    const size = Math.max(256, (textLength >> 2) + 64);
    this.kind = new Uint8Array(size);
    this.start = new Int32Array(size);
    this.end = new Int32Array(size);
    this.indent = new Int32Array(size);
  }

  push(kind: number, start: number, end: number, indent: number): void {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.indent[i] = indent;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const kind = new Uint8Array(size); kind.set(this.kind); this.kind = kind;
    const start = new Int32Array(size); start.set(this.start); this.start = start;
    const end = new Int32Array(size); end.set(this.end); this.end = end;
    const indent = new Int32Array(size); indent.set(this.indent); this.indent = indent;
  }
}

/**
 * Skips a string literal whose opening quote is at `pos`; returns the offset just past it (or the line end for an
 * unterminated one-line string). A string still open at the end of the text returns the bitwise complement.
 */
function skipString(text: string, pos: number, raw: boolean): number {
  const n = text.length;
  const quote = text.charCodeAt(pos);
  const triple = text.charCodeAt(pos + 1) === quote && text.charCodeAt(pos + 2) === quote;
  let i = pos + (triple ? 3 : 1);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C.Backslash) { i += 2; continue; }
    if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
    } else if (!triple && (c === C.Lf || c === C.Cr)) {
      return i; // unterminated single-line string: stop at the line end
    }
    i++;
  }
  void raw;
  return ~n;
}

/** Tokenizes Python source. Comments are dropped; strings are single tokens including prefix and quotes. */
export function tokenize(text: string): TokenStream {
  const out = new Growable(text.length);
  const n = text.length;
  const stack: number[] = []; // indices of open brackets
  // A UTF-8 byte-order mark is not part of the source (CPython drops it too): `\uFEFFimport` is an import.
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineStart = true; // at the start of a physical line outside brackets
  let indentCol = 0;
  let logicalHasTokens = false;
  let pendingIndent = -1; // indentation to stamp on the next token that starts a logical line
  let openString = false;

  while (i < n) {
    const c = text.charCodeAt(i);

    if (lineStart) {
      // Measure indentation of a new physical line (only meaningful outside brackets).
      let col = 0;
      let j = i;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === C.Space) col++;
        else if (d === C.Tab) col = (col & ~7) + 8;
        else if (d === C.Ff) col = 0;
        else break;
      }
      indentCol = col;
      i = j;
      lineStart = false;
      if (stack.length > 0 && col === 0 && i < n && RECOVERY_KEYWORDS.test(text.slice(i, i + 7))) {
        // Broken code left a bracket open; a new top-level statement closes it for our purposes.
        stack.length = 0;
        if (logicalHasTokens) { out.push(Tok.Newline, i, i, -1); logicalHasTokens = false; }
      }
      if (stack.length === 0 && !logicalHasTokens) pendingIndent = indentCol;
      continue;
    }

    if (c === C.Space || c === C.Tab || c === C.Ff) { i++; continue; }
    if (c === C.Lf || c === C.Cr) {
      if (c === C.Cr && text.charCodeAt(i + 1) === C.Lf) i++;
      i++;
      if (stack.length === 0 && logicalHasTokens) { out.push(Tok.Newline, i - 1, i - 1, -1); logicalHasTokens = false; }
      lineStart = true;
      continue;
    }
    if (c === C.Hash) {
      while (i < n) { const d = text.charCodeAt(i); if (d === C.Lf || d === C.Cr) break; i++; }
      continue;
    }
    if (c === C.Backslash) {
      // Line continuation (or a stray backslash): skip it and the newline after it.
      i++;
      if (text.charCodeAt(i) === C.Cr) i++;
      if (text.charCodeAt(i) === C.Lf) i++;
      continue;
    }

    const indent = logicalHasTokens ? -1 : pendingIndent;
    logicalHasTokens = true;

    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if ((q === C.Quote || q === C.Apos) && isStringPrefix(text, i, j)) {
        const raw = /[rR]/.test(text.slice(i, j));
        let end = skipString(text, j, raw);
        if (end < 0) { end = ~end; openString = true; }
        out.push(Tok.String, i, end, indent);
        i = end;
        continue;
      }
      out.push(Tok.Name, i, j, indent);
      i = j;
      continue;
    }
    if (c === C.Quote || c === C.Apos) {
      let end = skipString(text, i, false);
      if (end < 0) { end = ~end; openString = true; }
      out.push(Tok.String, i, end, indent);
      i = end;
      continue;
    }
    if ((c >= C.Zero && c <= C.Nine) || (c === C.Dot && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isNameChar(d) || d === C.Dot) j++;
        else if ((d === 43 || d === 45) && ((text.charCodeAt(j - 1) | 0x20) === 0x65) && !isHexLiteral(text, i)) j++; // 1e-5
        else break;
      }
      out.push(Tok.Number, i, j, indent);
      i = j;
      continue;
    }
    if (c === C.LParen || c === C.LBracket || c === C.LBrace) {
      stack.push(out.count);
      out.push(Tok.Open, i, i + 1, indent);
      i++;
      continue;
    }
    if (c === C.RParen || c === C.RBracket || c === C.RBrace) {
      if (stack.length > 0) stack.pop();
      out.push(Tok.Close, i, i + 1, indent);
      i++;
      continue;
    }
    if (c === C.Semi && stack.length === 0) {
      out.push(Tok.Newline, i, i + 1, -1);
      logicalHasTokens = false;
      pendingIndent = indentCol;
      i++;
      continue;
    }
    // Operators: keep `=`, `==`, `:`, `.`, `,` and friends distinguishable by their text.
    let j = i + 1;
    if (c !== C.Comma && c !== C.Dot && c !== C.Colon && c !== C.LParen && c !== C.Semi) {
      const d = text.charCodeAt(j);
      if (d === C.Eq || (d === c && (c === 42 || c === 47 || c === 60 || c === 62)) || (c === 45 && d === 62)) j++;
      if (text.charCodeAt(j) === C.Eq && j === i + 2 && c !== C.Eq) j++; // **=, //=, <<=, >>=
    } else if (c === C.Colon && text.charCodeAt(j) === C.Eq) {
      j++; // walrus
    }
    out.push(Tok.Op, i, j, indent);
    i = j;
  }
  if (logicalHasTokens) out.push(Tok.Newline, n, n, -1);

  return finish(text, out, openString || stack.length > 0);
}

function isDigit(c: number): boolean {
  return c >= C.Zero && c <= C.Nine;
}

function isHexLiteral(text: string, start: number): boolean {
  return text.charCodeAt(start) === C.Zero && (text.charCodeAt(start + 1) | 0x20) === 0x78;
}

/** Pairs brackets (tolerating mismatches) and trims the arrays. */
function finish(text: string, out: Growable, openAtEnd: boolean): TokenStream {
  const count = out.count;
  const match = new Int32Array(count).fill(-1);
  const stack: number[] = [];
  for (let t = 0; t < count; t++) {
    const k = out.kind[t];
    if (k === Tok.Open) stack.push(t);
    else if (k === Tok.Close) {
      if (stack.length > 0) {
        const o = stack.pop()!;
        match[o] = t;
        match[t] = o;
      }
    } else if (k === Tok.Newline && stack.length > 0) {
      // A statement end can only be emitted outside brackets, so anything still open here was broken.
      stack.length = 0;
    }
  }
  return new Tokens(text, count, out.kind.subarray(0, count), out.start.subarray(0, count), out.end.subarray(0, count), match, out.indent.subarray(0, count), openAtEnd);
}

/** The text of token `t`. */
export function tokenText(ts: TokenStream, t: number): string {
  return ts.text.slice(ts.start[t], ts.end[t]);
}

/** Whether token `t` is exactly the one-or-more-character text `s` (no allocation). */
export function tokenIs(ts: TokenStream, t: number, s: string): boolean {
  if (t < 0 || t >= ts.count) return false;
  const start = ts.start[t];
  if (ts.end[t] - start !== s.length) return false;
  return ts.text.startsWith(s, start);
}

/**
 * `tokenIs(ts, t, c)` for a one-character `c` given by its code, compared in place: the structure reader asks it of
 * several tokens of every statement (is this a `.`, a `(`), and a string comparison per question added up.
 */
export function isChar(ts: TokenStream, t: number, code: number): boolean {
  if (t < 0 || t >= ts.count) return false;
  const start = ts.start[t];
  return ts.end[t] - start === 1 && ts.text.charCodeAt(start) === code;
}
