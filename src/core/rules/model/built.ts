/**
 * The model constructions of a parse by key (`unit:offset` of a `Sequential(...)`/`Model(...)` call) and its module
 * classes (`unit:class:token`). The keys are made on the first question: a file of thousands of models pays for a
 * string key per model only when a rule looks one up, and most checks never do.
 */
import type { Sequence } from './types';

/** A construction as the reader meets it: the call's unit and offset. */
export interface BuiltEntry {
  readonly unit: number;
  readonly start: number;
  readonly seq: Sequence;
}

export class BuiltIndex implements ReadonlyMap<string, Sequence> {
  private map: Map<string, Sequence> | undefined;

  constructor(private readonly constructions: readonly BuiltEntry[], private readonly sequences: readonly Sequence[]) {}

  private filled(): Map<string, Sequence> {
    if (this.map) return this.map;
    // In reading order, constructions first, as a map set along the way held them (a key set again keeps its place).
    const map = new Map<string, Sequence>();
    for (const e of this.constructions) map.set(`${e.unit}:${e.start}`, e.seq);
    for (const seq of this.sequences) if (seq.module) map.set(`${seq.module.unit}:class:${seq.module.classTok}`, seq);
    this.map = map;
    return map;
  }

  get(key: string): Sequence | undefined { return this.filled().get(key); }
  has(key: string): boolean { return this.filled().has(key); }
  get size(): number { return this.filled().size; }
  forEach(fn: (value: Sequence, key: string, map: ReadonlyMap<string, Sequence>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.filled()) fn.call(thisArg, value, key, this);
  }
  entries(): MapIterator<[string, Sequence]> { return this.filled().entries(); }
  keys(): MapIterator<string> { return this.filled().keys(); }
  values(): MapIterator<Sequence> { return this.filled().values(); }
  [Symbol.iterator](): MapIterator<[string, Sequence]> { return this.filled()[Symbol.iterator](); }
}
