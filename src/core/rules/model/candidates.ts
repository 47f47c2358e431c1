/**
 * The names of one statement that the sequence and loss readers look at, found in one walk that also finds where the
 * statement ends. Both readers used to walk every token of every statement; most statements hold no name the scope
 * could resolve nor a loss variable, and now cost one walk and no reader loop at all.
 */
import { Tok, tokenText, type TokenStream } from '../../python/tokenizer';
import type { Names } from './names';

/** The loss reader's loss variables by first name (`criterion`, `self` of `self.criterion`). */
export interface LossHeads {
  readonly torchHeads: ReadonlySet<string>;
  /** The same names in a list: while there are at most `FEW_HEADS`, a name is compared with them in place. */
  readonly torchHeadList: readonly string[];
  /** First characters of `torchHeads` (index 0 for any non-ASCII one), so most names need no text built. */
  readonly torchInitials: Uint8Array;
}

/** Up to this many loss variable heads are compared in place; more are looked up by text. */
const FEW_HEADS = 8;

/** Whether name token t is the first name of a loss variable (`criterion`, `self` of `self.criterion`). */
export function mayBeHead(heads: LossHeads, ts: TokenStream, t: number): boolean {
  const c = ts.text.charCodeAt(ts.start[t]);
  if (!heads.torchInitials[c < 128 ? c : 0]) return false;
  const list = heads.torchHeadList;
  if (list.length > FEW_HEADS) return heads.torchHeads.has(tokenText(ts, t));
  // A name sharing a head's first character (`conv` and `criterion`) needs no text built to be told apart.
  const start = ts.start[t];
  const length = ts.end[t] - start;
  for (let k = 0; k < list.length; k++) if (list[k].length === length && ts.text.startsWith(list[k], start)) return true;
  return false;
}

export interface Candidates {
  /** Name tokens that start a dotted name (no `.` before them) and may resolve, or may be a loss variable's head. */
  tokens: Int32Array;
  /** Per candidate: 1 when `names.mayQualify` holds (the sequence reader wants only these), else 0. */
  resolvable: Uint8Array;
  count: number;
}

/** One list for the whole reader, grown as needed (a statement is read before the next is collected). */
export function newCandidates(): Candidates {
  return { tokens: new Int32Array(64), resolvable: new Uint8Array(64), count: 0 };
}

/** Whether token i is a `.` (as `tokenIs(ts, i, '.')`, compared in place). */
function isDot(ts: TokenStream, i: number): boolean {
  return ts.kind[i] === Tok.Op && ts.end[i] - ts.start[i] === 1 && ts.text.charCodeAt(ts.start[i]) === 46;
}

/**
 * Collects the candidates of the statement starting at token t into `c` and returns the statement's end (its Newline
 * token, or the stream's count), as `statementEnd` does.
 */
export function collectCandidates(c: Candidates, ts: TokenStream, names: Names, losses: LossHeads, t: number): number {
  let n = 0;
  let i = t;
  for (; i < ts.count; i++) {
    const kind = ts.kind[i];
    if (kind === Tok.Newline) break;
    if (kind !== Tok.Name || (i > 0 && isDot(ts, i - 1))) continue;
    const resolvable = names.mayQualify(i);
    if (!resolvable && !mayBeHead(losses, ts, i)) continue;
    if (n === c.tokens.length) {
      const tokens = new Int32Array(n * 2);
      tokens.set(c.tokens);
      c.tokens = tokens;
      const flags = new Uint8Array(n * 2);
      flags.set(c.resolvable);
      c.resolvable = flags;
    }
    c.tokens[n] = i;
    c.resolvable[n] = resolvable ? 1 : 0;
    n++;
  }
  c.count = n;
  return i;
}
