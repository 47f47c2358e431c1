/**
 * One byte per token, for a fact that depends only on the token's own text and on one table it is judged against
 * (whether a name may be one of the scope's aliases): 0 while not yet judged. Marks live with their token stream, so
 * an incremental edit carries them over to the new stream (`carryTokenMarks`, called where the tokens are spliced):
 * a token outside the edited region keeps its text, so its mark stays true, and only the region is judged again.
 * A one-line edit of a 10,000-line file judged its 100,000 tokens again; now it judges a few.
 */
import type { TokenStream } from './tokenizer';

interface Marks {
  /** The table the marks were judged against; marks asked for with another table are made anew. */
  readonly table: object;
  readonly marks: Uint8Array;
}

const byStream = new WeakMap<TokenStream, Marks>();

/** The marks of `ts` judged against `table`, zeroed (not yet judged) when there are none for that table. */
export function tokenMarks(ts: TokenStream, table: object): Uint8Array {
  const known = byStream.get(ts);
  if (known && known.table === table && known.marks.length === ts.count) return known.marks;
  const marks = new Uint8Array(ts.count);
  byStream.set(ts, { table, marks });
  return marks;
}

/**
 * Gives `next` the marks of `old` where its tokens are `old`'s: tokens [0, a) are the same, `old`'s tokens from
 * b on are `next`'s from `a + regionCount` on, and the `regionCount` tokens between are new (not yet judged).
 * The table stays the one `old` was judged against: a caller with another table gets fresh marks.
 */
export function carryTokenMarks(old: TokenStream, next: TokenStream, a: number, b: number, regionCount: number): void {
  const known = byStream.get(old);
  if (!known || known.marks.length !== old.count) return;
  const marks = new Uint8Array(next.count);
  marks.set(known.marks.subarray(0, a));
  marks.set(known.marks.subarray(b), a + regionCount);
  byStream.set(next, { table: known.table, marks });
}
