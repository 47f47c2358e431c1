/**
 * The model constructions of a parse by where their call starts (`Sequential(...)`, `Model(...)`), and its module
 * classes by their `class` token. Indexed on the first question (most checks never ask one), by number: a key
 * string per model (`unit:offset`) cost about 0.2 ms of every edit of the 10,000-line file.
 */
import type { Constructions, Sequence } from './types';

/** A construction as the reader meets it: the call's unit and offset. */
export interface BuiltEntry {
  readonly unit: number;
  readonly start: number;
  readonly seq: Sequence;
}

/** Keys a place by unit and offset (or token) in one number (a unit holds fewer than 2^32 characters). */
const STRIDE = 2 ** 32;

export class BuiltIndex implements Constructions {
  #calls: Map<number, Sequence> | undefined;
  #classes: Map<number, Sequence> | undefined;

  constructor(private readonly constructions: readonly BuiltEntry[], private readonly sequences: readonly Sequence[]) {}

  /** The model the call starting at `start` of `unit` builds (the last read, when the reader met it twice). */
  construction(unit: number, start: number): Sequence | undefined {
    if (!this.#calls) {
      this.#calls = new Map();
      for (const e of this.constructions) this.#calls.set(e.unit * STRIDE + e.start, e.seq);
    }
    return this.#calls.get(unit * STRIDE + start);
  }

  /** The module class whose `class` token is `tok` of `unit`. */
  moduleClass(unit: number, tok: number): Sequence | undefined {
    if (!this.#classes) {
      this.#classes = new Map();
      for (const seq of this.sequences) if (seq.module) this.#classes.set(seq.module.unit * STRIDE + seq.module.classTok, seq);
    }
    return this.#classes.get(unit * STRIDE + tok);
  }
}
