/**
 * Values computed from an object and kept on that object, as a WeakMap keeps them but without one.
 *
 * Why not a WeakMap: V8's young-generation collector (Node 20, and the extension hosts built on it) keeps the value
 * of a WeakMap entry alive after its key died, until the next full collection. Keyed by what one document version
 * makes (its parse, token stream, model, a check's rule context), every edit's analysis then outlived the young
 * collections that should have freed it: it was promoted, and each young collection of a 10,000-line file's edits
 * copied 4 to 9 MB of dead versions. A value held by its key dies with it in any collection.
 *
 * The value is a non-enumerable property under a symbol of its own: spreads, `Object.keys` and JSON never see it.
 * A key that cannot take properties (frozen) gets its value computed again each time it is asked.
 */
export class MemoOnKey<K extends object, V> {
  private readonly slot: symbol;

  constructor(name: string) {
    this.slot = Symbol(name);
  }

  get(key: K): V | undefined {
    const value = (key as Record<symbol, unknown>)[this.slot];
    return value === GONE ? undefined : (value as V | undefined);
  }

  /** Whether a value (undefined included) is kept on `key`. */
  has(key: K): boolean {
    return Object.prototype.hasOwnProperty.call(key, this.slot) && (key as Record<symbol, unknown>)[this.slot] !== GONE;
  }

  set(key: K, value: V): V {
    if (Object.isExtensible(key)) Object.defineProperty(key, this.slot, { value, writable: true, configurable: true });
    return value;
  }

  /** Forgets the value kept on `key` (the slot stays, marked: deleting a property slows every later read of the object). */
  delete(key: K): void {
    if (Object.prototype.hasOwnProperty.call(key, this.slot)) (key as Record<symbol, unknown>)[this.slot] = GONE;
  }
}

const GONE = Symbol('gone');
