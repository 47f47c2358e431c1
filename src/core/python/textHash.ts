/**
 * Small hashes of text read in place, for maps keyed by what a range of source says without slicing it (the caller
 * then compares the text itself: a hash only picks candidates).
 */

const FNV_PRIME = 16777619;
export const FNV_START = 0x811c9dc5;

/** FNV-1a of text[from, to), continued from `h`. */
export function fnv(h: number, text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** One more value (a length, a separator) mixed into `h`. */
export function fnvMix(h: number, value: number): number {
  return Math.imul(h ^ value, FNV_PRIME);
}

/** 30 bits of a hash: a small integer for a Map key, not a heap number. */
export function smallHash(h: number): number {
  return h & 0x3fffffff;
}

/** A name's shape, its length (up to 63) and one of its characters (below 128), as one slot of a 64 x 128 table. */
export function nameShape(length: number, char: number): number {
  return (Math.min(length, 63) << 7) | (char & 127);
}
