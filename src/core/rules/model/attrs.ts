/**
 * The `self.X` attributes a module's `__init__` sets, as the module reader collects them (one table reused from class
 * to class), and the module facts that keep them. The map of attributes is made when first read: a map and a
 * one-layer list per class were a large share of what a file of thousands of modules kept, and few rules ask.
 */
import type { TokenStream } from '../../python/tokenizer';
import { dottedText } from './resolve';
import type { LayerNode } from './types';

/** One layer (`self.fc = nn.Linear(...)`) or a Sequential's layers (`self.net = nn.Sequential(...)`). */
export type AttrValue = LayerNode | readonly LayerNode[];

/** The attributes of the module being read, in the order they are set (a name set twice appears twice). */
const NAMES: string[] = [];
const VALUES: AttrValue[] = [];
let count = 0;
/** For lookups among many attributes or of names written with spaces (`self . fc`): made when first needed. */
let byName: Map<string, AttrValue> | undefined;

/** Up to this many attributes are looked up by comparing text in place; more go through a map. */
const SCAN_ATTRS = 8;

/** Starts a module: no attributes. */
export function clearAttrs(): void {
  count = 0;
  byName = undefined;
}

/** Empties the table so it keeps no parse alive. */
export function releaseAttrs(): void {
  clearAttrs();
  NAMES.length = 0;
  VALUES.length = 0;
}

export function setAttr(name: string, value: AttrValue): void {
  NAMES[count] = name;
  VALUES[count] = value;
  count++;
  byName?.set(name, value);
}

/** The attribute `self.X` at tokens i..i+2, as a map of the names set so far would give it (the last value set). */
export function attrAt(ts: TokenStream, i: number): AttrValue | undefined {
  const start = ts.start[i];
  if (count > SCAN_ATTRS || ts.start[i + 1] !== ts.end[i] || ts.start[i + 2] !== ts.end[i + 1]) {
    if (!byName) {
      byName = new Map();
      for (let k = 0; k < count; k++) byName.set(NAMES[k], VALUES[k]);
    }
    return byName.get(dottedText(ts, i, i + 3));
  }
  const length = ts.end[i + 2] - start;
  for (let k = count - 1; k >= 0; k--) {
    const name = NAMES[k];
    if (name.length === length && ts.text.startsWith(name, start)) return VALUES[k];
  }
  return undefined;
}

/** A module value as its map holds it: a single layer in a list of one. */
function asLayers(value: AttrValue): readonly LayerNode[] {
  return Array.isArray(value) ? value : [value as LayerNode];
}

/** `Sequence.module`: the class, its `forward`, and its attributes (self.fc -> [Linear]) as a map made when first read. */
export class ModuleFacts {
  private map: ReadonlyMap<string, readonly LayerNode[]> | undefined;
  /** The attributes set, in order: none, one (name and value), or lists of names and values. */
  private readonly names: string | readonly string[] | undefined;
  private readonly values: AttrValue | readonly AttrValue[] | undefined;

  /** Takes the attributes the table holds now. */
  constructor(readonly unit: number, readonly classTok: number, readonly forward: number) {
    if (count === 1) { this.names = NAMES[0]; this.values = VALUES[0]; }
    else if (count > 1) { this.names = NAMES.slice(0, count); this.values = VALUES.slice(0, count); }
  }

  get attrs(): ReadonlyMap<string, readonly LayerNode[]> {
    if (this.map) return this.map;
    const map = new Map<string, readonly LayerNode[]>();
    if (typeof this.names === 'string') map.set(this.names, asLayers(this.values as AttrValue));
    else if (this.names) {
      const values = this.values as readonly AttrValue[];
      this.names.forEach((name, k) => map.set(name, asLayers(values[k])));
    }
    this.map = map;
    return map;
  }
}
