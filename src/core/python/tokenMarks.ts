/**
 * Facts about single tokens that depend only on the text of the statement holding them and on the tables they were
 * judged against (the scope's aliases): a byte per token (whether a name may be an alias), and a value per token (what
 * the dotted name starting there resolves to), 0 while not yet judged. They live with their token stream, so an
 * incremental edit carries them over to the new stream (`carryTokenMarks`, called where the tokens are spliced): a
 * token outside the edited statements keeps its statement's text, so its facts stay true, and only the region is
 * judged again. A one-line edit of a 10,000-line file judged its 105,000 tokens again; now it judges a few.
 */
import type { TokenStream } from './tokenizer';

/** Ids of values: 0 is "not judged", so the list's first slot is unused. */
export interface TokenValues<T> {
  readonly ids: Int32Array;
  /** The values by id, shared by the streams an edit carried them to. */
  readonly values: T[];
  readonly idOf: Map<T, number>;
}

interface Facts {
  /** The tables the facts were judged against; facts asked for with other tables are made anew. */
  readonly tables: readonly object[];
  readonly marks: Uint8Array;
  readonly values: TokenValues<string | undefined>;
}

const byStream = new WeakMap<TokenStream, Facts>();

/** At most this many distinct values are remembered per table (beyond, a token's value is not kept). */
const MAX_VALUES = 4096;

function factsOf(ts: TokenStream, tables: readonly object[]): Facts {
  const known = byStream.get(ts);
  if (known && known.marks.length === ts.count && sameTables(known.tables, tables)) return known;
  const facts: Facts = { tables, marks: new Uint8Array(ts.count), values: { ids: new Int32Array(ts.count), values: [undefined], idOf: new Map() } };
  byStream.set(ts, facts);
  return facts;
}

function sameTables(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The byte facts of `ts` judged against `tables`. */
export function tokenMarks(ts: TokenStream, tables: readonly object[]): Uint8Array {
  return factsOf(ts, tables).marks;
}

/** The value facts of `ts` judged against `tables`. */
export function tokenValues(ts: TokenStream, tables: readonly object[]): TokenValues<string | undefined> {
  return factsOf(ts, tables).values;
}

/** Records token t's value (its id), unless the list of values is full. */
export function rememberValue<T>(values: TokenValues<T>, t: number, value: T): void {
  let id = values.idOf.get(value);
  if (id === undefined) {
    if (values.values.length >= MAX_VALUES) return;
    id = values.values.length;
    values.values.push(value);
    values.idOf.set(value, id);
  }
  values.ids[t] = id;
}

/**
 * Gives `next` the facts of `old` where its tokens are `old`'s: tokens [0, a) are the same, `old`'s tokens from b on
 * are `next`'s from `a + regionCount` on, and the `regionCount` tokens between are new (not yet judged). The tables
 * stay the ones `old` was judged against: a caller with other tables gets fresh facts.
 */
export function carryTokenMarks(old: TokenStream, next: TokenStream, a: number, b: number, regionCount: number): void {
  const known = byStream.get(old);
  if (!known || known.marks.length !== old.count) return;
  const marks = new Uint8Array(next.count);
  marks.set(known.marks.subarray(0, a));
  marks.set(known.marks.subarray(b), a + regionCount);
  const ids = new Int32Array(next.count);
  ids.set(known.values.ids.subarray(0, a));
  ids.set(known.values.ids.subarray(b), a + regionCount);
  byStream.set(next, { tables: known.tables, marks, values: { ids, values: known.values.values, idOf: known.values.idOf } });
}
