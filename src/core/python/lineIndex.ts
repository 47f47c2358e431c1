/**
 * Offset <-> line/column conversion for one text, built once per text. Lines and columns are 0-based. A line ends
 * at `\n`, `\r\n` or a lone `\r`, as in Python's tokenizer and VS Code's text model (old Mac files use `\r` only).
 */
export class LineIndex {
  private readonly starts: Int32Array;

  /**
   * A text, or the line starts of one already known (see `spliced`). One store in a short constructor: the search is
   * a function of its own, so V8 keeps one optimised constructor for both kinds of call (a loop inside the
   * constructor was optimised on the fly for a long text and then bailed out, on every edit, at the store after it).
   */
  constructor(text: string | Int32Array) {
    this.starts = typeof text === 'string' ? lineStarts(text) : text;
  }

  /**
   * The index of a text made from this one's by replacing [from, toOld) with a text whose own index is `region`;
   * `from` and `toOld` are line starts (or the text's ends) and `delta` is the change in length. Lines before and
   * after keep their starts (moved by `delta`), so an edit costs a copy instead of a search of the whole text.
   */
  spliced(from: number, toOld: number, delta: number, region: LineIndex): LineIndex {
    const old = this.starts;
    const before = this.lineAt(from) + 1;
    const after = this.lineAt(toOld) + 1;
    // The region's first line starts at `from`, which is already kept; its other starts follow, then the rest.
    const inner = region.starts.length - 1;
    const starts = new Int32Array(before + inner + old.length - after);
    starts.set(old.subarray(0, before));
    for (let i = 0; i < inner; i++) starts[before + i] = region.starts[i + 1] + from;
    for (let i = after, j = before + inner; i < old.length; i++, j++) starts[j] = old[i] + delta;
    return new LineIndex(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The 0-based line containing `offset` (binary search). */
  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): { line: number; col: number } {
    const line = this.lineAt(offset);
    return { line, col: offset - this.starts[line] };
  }

  offsetAt(line: number, col: number): number {
    return this.lineStart(line) + col;
  }
}

/** The offset of every line start of `text`. */
function lineStarts(text: string): Int32Array {
  // A lone CR ends a line for Python and for editors alike; most files have none, so `\n` alone is searched then.
  if (text.indexOf('\r') !== -1) return lineStartsWithCr(text);
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  return starts;
}

/** Line starts where `\r\n`, `\n` and a lone `\r` each end a line. */
function lineStartsWithCr(text: string): Int32Array {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}

/** Offset of the start of the physical line holding offset `at` (after a `\n`, `\r\n` or lone `\r`). */
export function lineStartBefore(text: string, at: number): number {
  // Walks back to the nearest break only: `lastIndexOf('\r')` would scan to the start of a file without any `\r`,
  // once per statement, which made checking quadratic in the file's length.
  let i = Math.min(at, text.length) - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i + 1;
}

/** Offset of the line break ending the physical line holding `at` (`\r` of `\r\n` included), or the text's length. */
export function lineBreakAfter(text: string, at: number): number {
  for (let i = Math.max(0, at); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Offset just past the line break at `at` (`\r\n` counts as one), or `at` at the end of the text. */
export function pastLineBreak(text: string, at: number): number {
  if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10) return at + 2;
  return at < text.length ? at + 1 : at;
}
