/**
 * The model constructions of a parse by key (`unit:offset` of a `Sequential(...)`/`Model(...)` call) and its module
 * classes (`unit:class:token`). The class keys are made on the first question: a file of thousands of modules pays
 * for a string key per class only when a rule looks one up, and most checks never do.
 */
import type { Sequence } from './types';

export class BuiltIndex implements ReadonlyMap<string, Sequence> {
  private pending: readonly Sequence[] | undefined;

  constructor(private readonly map: Map<string, Sequence>, sequences: readonly Sequence[]) {
    this.pending = sequences;
  }

  private filled(): Map<string, Sequence> {
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      for (const seq of pending) if (seq.module) this.map.set(`${seq.module.unit}:class:${seq.module.classTok}`, seq);
    }
    return this.map;
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
