/**
 * Call arguments for the structure reader: the same list as `callArgs` (python/callArgs), built without its list of
 * parts and the second list mapped from it. The reader keeps the arguments of every layer it reads, and on a file of
 * thousands of modules those two short-lived lists per call were a large share of all it allocated. `callArgs`
 * itself is the scanner's and keeps its speed (the scan is what the check is measured against).
 */
import { callClose, makeArg, type CallArg } from '../../python/callArgs';
import { Tok, tokenIs, type TokenStream } from '../../python/tokenizer';

/** Arguments of the call whose `(` is token `open` (an unbalanced call reads to the statement end). */
export function callArgs(ts: TokenStream, open: number): CallArg[] {
  const close = callClose(ts, open);
  // Two walks over the top level: count the non-empty parts, then make each one in a list of that length.
  let count = 0;
  for (let from = open + 1; ;) {
    const end = partEnd(ts, from, close);
    if (end < 0) break;
    if (end > from) count++;
    if (end === close) break;
    from = end + 1;
  }
  const out = new Array<CallArg>(count);
  let k = 0;
  for (let from = open + 1; k < count;) {
    const end = partEnd(ts, from, close);
    if (end > from) out[k++] = makeArg(ts, from, end);
    from = end + 1;
  }
  return out;
}

/** The first argument of the call at `open`, as `callArgs(ts, open)[0]`, without the list. */
export function firstArgument(ts: TokenStream, open: number): CallArg | undefined {
  const close = callClose(ts, open);
  for (let from = open + 1; ;) {
    const end = partEnd(ts, from, close);
    if (end < 0) return undefined;
    if (end > from) return makeArg(ts, from, end);
    if (end === close) return undefined;
    from = end + 1;
  }
}

/**
 * Where the part starting at token `from` ends: the next comma at the top level of tokens [.., to), or `to`; -1 when
 * a bracket inside runs past `to` (broken code: no part, as `topLevelParts` reads it).
 */
function partEnd(ts: TokenStream, from: number, to: number): number {
  for (let t = from; t <= to; t++) {
    if (t < to && ts.kind[t] === Tok.Open) {
      if (ts.match[t] > t) t = ts.match[t];
      continue;
    }
    if (t === to || (ts.kind[t] === Tok.Op && tokenIs(ts, t, ','))) return t;
  }
  return -1;
}
