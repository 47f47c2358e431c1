/**
 * One pass over every token of the file for two questions about plain functions (not methods): where each of their
 * names is written (name tokens, not attributes: pairing's `argumentsOf` follows them), and which bare-name calls
 * (`name(`, not `x.name(`) may call a parameter: those spelled like some name written in a plain function's
 * parameter list (pairing's `parameterApplications`). Each name token is told apart by its length and last
 * character, and its length and first character, then (a function's name) by its hash read in place; no text is
 * sliced.
 *
 * A token's answer depends on the names asked about and on the token and its neighbours alone. So a document's next
 * version, when it asks about the same names, takes the previous version's answers before and after the edit (those
 * after it moved by the change in tokens) and reads the edited tokens only (rules/model/resume.ts keeps them).
 */
import { fnv, FNV_START, nameShape, smallHash } from '../python/textHash';
import { Tok, type TokenStream } from '../python/tokenizer';
import type { Splice } from '../python/spliceTokens';
import type { Point } from './flow';

/** Where plain functions' names are written, by their hash; and the (unit, token) pairs of calls a parameter may make. */
export interface CallSites {
  readonly names: Map<number, Point[]>;
  readonly calls: number[];
}

/** The names asked about: plain functions' names (their hashes and shapes) and the shapes of their parameters' names. */
export class CallNames {
  readonly hashes = new Set<number>();
  readonly shapes = new Uint8Array(SHAPES);
  readonly heads = new Uint8Array(SHAPES);
  readonly paramShapes = new Uint8Array(SHAPES);
  readonly paramHeads = new Uint8Array(SHAPES);

  addFunction(name: string): void {
    this.hashes.add(smallHash(fnv(FNV_START, name, 0, name.length)));
    this.shapes[nameShape(name.length, name.charCodeAt(name.length - 1))] = 1;
    this.heads[nameShape(name.length, name.charCodeAt(0))] = 1;
  }

  /** Name tokens of a parameter list, tokens (from, to) of `ts`. */
  addParameters(ts: TokenStream, from: number, to: number): void {
    const { kind, start, end, text } = ts;
    for (let t = from; t < to; t++) {
      if (kind[t] !== Tok.Name) continue;
      this.paramShapes[nameShape(end[t] - start[t], text.charCodeAt(end[t] - 1))] = 1;
      this.paramHeads[nameShape(end[t] - start[t], text.charCodeAt(start[t]))] = 1;
    }
  }

  same(other: CallNames): boolean {
    if (this.hashes.size !== other.hashes.size) return false;
    for (const h of this.hashes) if (!other.hashes.has(h)) return false;
    return sameBytes(this.shapes, other.shapes) && sameBytes(this.heads, other.heads) && sameBytes(this.paramShapes, other.paramShapes)
      && sameBytes(this.paramHeads, other.paramHeads);
  }
}

/** Name shapes: length up to 63 and a character's low 7 bits (python/textHash.ts `nameShape`). */
const SHAPES = 64 * 128;

/** A place of a token (a class: these lists live as long as a version, see rules/model/sequences.ts `ReadSequence`). */
class At implements Point {
  constructor(readonly unit: number, readonly tok: number) {}
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The call sites of every unit's tokens. */
export function findCallSites(asked: CallNames, streams: readonly TokenStream[]): CallSites {
  const names = new Map<number, Point[]>();
  const calls: number[] = [];
  for (let u = 0; u < streams.length; u++) scan(asked, streams[u], u, 0, streams[u].count, names, calls);
  return { names, calls };
}

/**
 * The call sites of a one-unit file's next version, from the previous version's (`before`, found for the same
 * names) and how its tokens map to this version's: the tokens around the edit are read again, one more on each
 * side (a token's answer looks at its neighbours).
 */
export function spliceCallSites(asked: CallNames, ts: TokenStream, before: CallSites, splice: Splice): CallSites {
  const { a, bOld, shift } = splice;
  const from = Math.max(0, a - 1);
  const to = Math.min(ts.count, bOld + shift + 1);
  const names = new Map<number, Point[]>();
  const calls: number[] = [];
  for (const [h, list] of before.names) {
    for (const p of list) {
      if (p.tok >= from) break;
      const own = names.get(h);
      if (own) own.push(p);
      else names.set(h, [p]);
    }
  }
  const old = before.calls;
  let k = 0;
  for (; k < old.length && old[k + 1] < from; k += 2) calls.push(0, old[k + 1]);
  scan(asked, ts, 0, from, to, names, calls);
  // After the edit: the old answers of tokens at or after `to` in this version (`to - shift` in the previous one).
  const oldTo = to - shift;
  for (; k < old.length; k += 2) if (old[k + 1] >= oldTo) calls.push(0, old[k + 1] + shift);
  for (const [h, list] of before.names) {
    let own = names.get(h);
    for (const p of list) {
      if (p.tok < oldTo) continue;
      if (!own) names.set(h, (own = []));
      own.push(new At(0, p.tok + shift));
    }
  }
  return { names, calls };
}

/** Answers for tokens [from, to) of unit `u`, appended in order. */
function scan(asked: CallNames, ts: TokenStream, u: number, from: number, to: number, names: Map<number, Point[]>, calls: number[]): void {
  const { kind, start, end, text } = ts;
  const { hashes, shapes, heads, paramShapes, paramHeads } = asked;
  for (let t = from; t < to; t++) {
    if (kind[t] !== Tok.Name) continue;
    if (t > 0 && kind[t - 1] === Tok.Op && text.charCodeAt(start[t - 1]) === 46) continue; // an attribute
    const a = start[t];
    const b = end[t];
    const tail = nameShape(b - a, text.charCodeAt(b - 1));
    const head = nameShape(b - a, text.charCodeAt(a));
    if (paramShapes[tail] && paramHeads[head] && kind[t + 1] === Tok.Open && text.charCodeAt(start[t + 1]) === 40) calls.push(u, t);
    if (!shapes[tail] || !heads[head]) continue;
    const h = smallHash(fnv(FNV_START, text, a, b));
    if (!hashes.has(h)) continue;
    const list = names.get(h);
    if (list) list.push(new At(u, t));
    else names.set(h, Array.of<Point>(new At(u, t)));
  }
}
