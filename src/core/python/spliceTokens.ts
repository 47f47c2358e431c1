/**
 * Replaces the tokens of one region of a text with the tokens of its new text, so an edit costs a copy of the
 * token arrays instead of tokenizing the whole file again. The region must start at a logical line start and end
 * outside any bracket or string (the incremental scan checks both): no bracket pairs cross its edges.
 */
import { firstTokenFrom } from './statements';
import { carryTokenFacts } from './tokenFacts';
import { Tokens, type TokenStream } from './tokenizer';

/**
 * How a spliced stream's tokens map to the old one's: tokens before `a` are the same, the old tokens from `bOld` on
 * are the new ones from `bOld + shift` on, and the tokens between are the region's.
 */
export interface Splice {
  readonly a: number;
  readonly bOld: number;
  readonly shift: number;
}

/**
 * The token stream of `newText`, from `old` (the stream of the previous text) and `region` (the stream of the new
 * text of the old range [regionStart, regionEndOld), tokenized alone), and how its tokens map to the old ones.
 * `delta` is the change in length.
 */
export function spliceTokens(old: TokenStream, region: TokenStream, newText: string, regionStart: number, regionEndOld: number, delta: number): { ts: TokenStream; splice: Splice } {
  const a = firstTokenFrom(old, regionStart);
  // A region that reaches the end of the text replaces every token to the end (the end-of-text Newline included).
  const b = regionEndOld >= old.text.length ? old.count : firstTokenFrom(old, regionEndOld);
  const after = old.count - b;
  const count = a + region.count + after;
  const shift = region.count - (b - a);
  const kind = new Uint8Array(count);
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const match = new Int32Array(count);
  const indent = new Int32Array(count);
  kind.set(old.kind.subarray(0, a));
  start.set(old.start.subarray(0, a));
  end.set(old.end.subarray(0, a));
  match.set(old.match.subarray(0, a));
  indent.set(old.indent.subarray(0, a));
  kind.set(region.kind, a);
  indent.set(region.indent, a);
  for (let i = 0; i < region.count; i++) {
    start[a + i] = region.start[i] + regionStart;
    end[a + i] = region.end[i] + regionStart;
    match[a + i] = region.match[i] < 0 ? -1 : region.match[i] + a;
  }
  const c = a + region.count;
  kind.set(old.kind.subarray(b), c);
  indent.set(old.indent.subarray(b), c);
  // Offsets move by the change in length and bracket partners by the change in tokens; when either is none (a
  // character typed over, a name typed longer), that list is copied in bulk.
  if (delta === 0) {
    start.set(old.start.subarray(b), c);
    end.set(old.end.subarray(b), c);
  } else {
    for (let i = 0; i < after; i++) {
      start[c + i] = old.start[b + i] + delta;
      end[c + i] = old.end[b + i] + delta;
    }
  }
  if (shift === 0) match.set(old.match.subarray(b), c);
  else {
    for (let i = 0; i < after; i++) {
      const m = old.match[b + i];
      match[c + i] = m < 0 ? -1 : m + shift;
    }
  }
  const ts = new Tokens(newText, count, kind, start, end, match, indent, after > 0 ? old.openAtEnd : region.openAtEnd);
  carryTokenFacts(old, ts, a, b, region.count);
  return { ts, splice: { a, bOld: b, shift } };
}
