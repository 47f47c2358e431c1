/**
 * Facts about single tokens that depend only on the text of the statement holding them and on the tables they were
 * judged against (the scope's aliases, locals and star imports): whether a name may be an alias, how many tokens the
 * dotted name starting there spans, its text and what it resolves to, each 0 while not yet known. They live with their
 * token stream, so an incremental edit carries them over to the new stream (`carryTokenFacts`, called where the
 * tokens are spliced): a token outside the edited statements keeps its statement's text, so its facts stay true, and
 * only the region is judged again. A one-line edit of a 10,000-line file read its 105,000 tokens' names again; now it
 * reads a few.
 */
import type { TokenStream } from './tokenizer';
import { ownCopy } from '../model/ownCopy';

export interface TokenFacts {
  /** The tables the facts were judged against; facts asked for with other tables are made anew. */
  readonly tables: readonly object[];
  /** Per name token: 1 it may be an alias, 2 it cannot. */
  readonly marks: Uint8Array;
  /** Per name token: the tokens its dotted name spans (`layers.Dense` is 3), when under 256. */
  readonly span: Uint8Array;
  /** Per name token: its dotted name's text, and what that resolves to, as ids into `values`. */
  readonly text: Int32Array;
  readonly resolved: Int32Array;
  /** The values by id (slot 0 unused: 0 is "not known"), shared by the streams an edit carried them to. */
  readonly values: (string | undefined)[];
  readonly idOf: Map<string | undefined, number>;
}


/**
 * The streams whose facts are kept: those of a document kept current edit by edit (and the streams its edits make).
 * A stream checked once (the command line, a fresh analysis) has no later version to carry facts to, so recording
 * them would be work for nothing.
 */
const kept = new WeakSet<TokenStream>();

/** Keeps the facts of `ts` from now on, and of every stream an incremental edit makes from it. */
export function keepTokenFacts(ts: TokenStream): void {
  kept.add(ts);
}

/** At most this many distinct values are kept per table (beyond, a token's text or resolution is not kept). */
const MAX_VALUES = 4096;

/** The facts of `ts` judged against `tables` (all unknown the first time); undefined when its facts are not kept. */
export function tokenFacts(ts: TokenStream, tables: readonly object[]): TokenFacts | undefined {
  if (!kept.has(ts)) return undefined;
  const known = ts.facts as TokenFacts | undefined;
  if (known && known.marks.length === ts.count && sameTables(known.tables, tables)) return known;
  const n = ts.count;
  const facts: TokenFacts = { tables, marks: new Uint8Array(n), span: new Uint8Array(n), text: new Int32Array(n), resolved: new Int32Array(n), values: [undefined], idOf: new Map() };
  ts.facts = facts;
  return facts;
}

function sameTables(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The id of `value` among the facts' values (added when new), or 0 when the list is full. */
export function valueId(facts: TokenFacts, value: string | undefined): number {
  let id = facts.idOf.get(value);
  if (id === undefined) {
    if (facts.values.length >= MAX_VALUES) return 0;
    id = facts.values.length;
    // A copy: the list outlives this version, and a string sliced from its text would keep the whole text alive.
    const own = ownCopy(value);
    facts.values.push(own);
    facts.idOf.set(own, id);
  }
  return id;
}

/** `to` with `from`'s entries for tokens [0, a) in place, and those from b on moved to start at `a + regionCount`. */
function spliced<T extends Uint8Array | Int32Array>(from: T, to: T, a: number, b: number, regionCount: number): T {
  to.set(from.subarray(0, a));
  to.set(from.subarray(b), a + regionCount);
  return to;
}

/**
 * Gives `next` the facts of `old` where its tokens are `old`'s: tokens [0, a) are the same, `old`'s tokens from b on
 * are `next`'s from `a + regionCount` on, and the `regionCount` tokens between are new (not yet known). The tables
 * stay the ones `old` was judged against: a caller with other tables gets fresh facts.
 */
export function carryTokenFacts(old: TokenStream, next: TokenStream, a: number, b: number, regionCount: number): void {
  if (!kept.has(old)) return;
  kept.add(next);
  const known = old.facts as TokenFacts | undefined;
  if (!known || known.marks.length !== old.count) return;
  const n = next.count;
  next.facts = {
    tables: known.tables,
    marks: spliced(known.marks, new Uint8Array(n), a, b, regionCount),
    span: spliced(known.span, new Uint8Array(n), a, b, regionCount),
    text: spliced(known.text, new Int32Array(n), a, b, regionCount),
    resolved: spliced(known.resolved, new Int32Array(n), a, b, regionCount),
    values: known.values,
    idOf: known.idOf,
  };
}
