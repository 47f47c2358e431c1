/**
 * Values remembered by model structure: two sequences with the same structure give graph models whose layers differ
 * only in source ranges (src/core/model/build.ts `graphLayer`), so whatever is computed from those layers alone (a
 * signal prediction) can be shared. The structure is every input of `graphLayer` but positions, and must follow it:
 * each node's call text (all argument literals are read from it), kind, names, framework, width, activation and its
 * parameters, Keras input width and initialiser, residual source, the nn.init calls that set its weight or bias
 * (their text), and whether the order is known.
 *
 * Looked up for every model of every check (16,000 of them in one file), so without a key string of the texts: a hash
 * of them, read in place, picks the entries; their texts and other fields (activation parameters through valueKey)
 * are then compared with the model's.
 */
import type { ParsedSource } from '../scan';
import type { LayerNode, Sequence } from '../rules/model';
import { fnv, fnvMix, FNV_START, smallHash } from '../python/textHash';
import { ownCopy } from './ownCopy';
import { valueKey } from './valueKey';

type Units = ParsedSource['units'];
type Call = { readonly unit: number; readonly start: number; readonly end: number };

interface Facts {
  /** The layer call's text, and the texts of the nn.init calls that set its weight and bias. */
  readonly text: string;
  readonly initText: string | undefined;
  readonly biasText: string | undefined;
  readonly kind: string;
  readonly framework: string;
  readonly qualified: string;
  readonly written: string;
  readonly units: number | undefined;
  readonly inputWidth: number | undefined;
  readonly kernelInitializer: string | undefined;
  readonly residualFrom: number | undefined;
  /** `-` without an activation; else its name (undefined when the code does not say). */
  readonly activation: string | undefined;
  /** The activation usage's parameters: undefined without a usage, '' when none. */
  readonly params: string | undefined;
  readonly init: string | undefined;
  readonly biasInit: string | undefined;
}

interface Entry<T> {
  readonly ordered: boolean;
  readonly facts: readonly Facts[];
  /** Characters of the texts held, for the memo's bound. */
  readonly chars: number;
  readonly value: T;
}

function paramsOf(activation: LayerNode['activation']): string | undefined {
  const params = activation?.usage?.params;
  if (!params) return undefined;
  for (const _ in params) return valueKey(params);
  return '';
}

function textOf(units: Units, c: Call | undefined): string | undefined {
  return c && units[c.unit].text.slice(c.start, c.end);
}

/**
 * Whether `text` is written at `start` of `source`. A slice compared with `===` (V8 compares the characters of two
 * flat strings in bulk; a slice of a flat string is a view, not a copy) is about 2.5 times faster than
 * `startsWith`, which compares them one by one: a check compares ~90,000 characters of layer calls here.
 */
function writtenAt(source: string, start: number, text: string): boolean {
  return source.slice(start, start + text.length) === text;
}

/** Whether `c` is written as `text`. */
function sameText(units: Units, c: Call | undefined, text: string | undefined): boolean {
  if (!c || text === undefined) return c === undefined && text === undefined;
  return c.end - c.start === text.length && writtenAt(units[c.unit].text, c.start, text);
}

function factsOf(units: Units, seq: Sequence, node: LayerNode): Facts {
  const init = seq.inits?.get(node);
  const biasInit = seq.biasInits?.get(node);
  return {
    text: units[node.unit].text.slice(node.start, node.end), initText: textOf(units, init), biasText: textOf(units, biasInit),
    kind: node.kind, framework: node.framework, qualified: node.qualified, written: node.written, units: node.units,
    inputWidth: node.inputWidth, kernelInitializer: node.kernelInitializer, residualFrom: node.residualFrom,
    activation: node.activation ? node.activation.name : '-', params: paramsOf(node.activation), init: init?.name, biasInit: biasInit?.name,
  };
}

/**
 * Whether layer `i` of the sequence `hashOf` last read has the facts `f`. Its call's place is the one the hash read
 * (kept in `placed`): each field of the node is read once (nodes come in several classes, so every read is a lookup of
 * its own).
 */
function sameFacts(units: Units, f: Facts, seq: Sequence, node: LayerNode, i: number): boolean {
  const activation = node.activation;
  if (f.kind !== node.kind || f.units !== node.units || f.inputWidth !== node.inputWidth || f.framework !== node.framework
    || f.qualified !== node.qualified || f.written !== node.written || f.kernelInitializer !== node.kernelInitializer
    || f.residualFrom !== node.residualFrom || f.activation !== (activation ? activation.name : '-')) return false;
  const start = placed.start[i];
  if (placed.end[i] - start !== f.text.length || !writtenAt(units[placed.unit[i]].text, start, f.text)) return false;
  const inits = seq.inits;
  const biasInits = seq.biasInits;
  const init = inits && inits.get(node);
  const biasInit = biasInits && biasInits.get(node);
  return f.init === init?.name && f.biasInit === biasInit?.name && sameText(units, init, f.initText) && sameText(units, biasInit, f.biasText)
    && f.params === paramsOf(activation);
}

function same<T>(units: Units, entry: Entry<T>, seq: Sequence): boolean {
  const { facts } = entry;
  if (entry.ordered !== seq.ordered || facts.length !== seq.layers.length) return false;
  for (let i = 0; i < facts.length; i++) if (!sameFacts(units, facts[i], seq, seq.layers[i], i)) return false;
  return true;
}

/** FNV-1a over a text range and its length, read in place. */
function hashText(h: number, text: string, start: number, end: number): number {
  return fnv(fnvMix(h, end - start), text, start, end);
}

/** Where each layer's call of the sequence `hashOf` read last is: a lookup compares the texts there (numbers only). */
const placed = { unit: new Int32Array(64), start: new Int32Array(64), end: new Int32Array(64) };

/** A hash of the order flag and the texts of a sequence's layer calls and init calls; keeps the calls' places. */
function hashOf(units: Units, seq: Sequence): number {
  let h = seq.ordered ? FNV_START : 0x050c5d1f;
  const n = seq.layers.length;
  if (n > placed.unit.length) {
    const size = Math.max(n, placed.unit.length * 2);
    placed.unit = new Int32Array(size);
    placed.start = new Int32Array(size);
    placed.end = new Int32Array(size);
  }
  for (let i = 0; i < n; i++) {
    const node = seq.layers[i];
    const unit = node.unit;
    const start = node.start;
    const end = node.end;
    placed.unit[i] = unit;
    placed.start[i] = start;
    placed.end[i] = end;
    h = hashText(h, units[unit].text, start, end);
    const init = seq.inits?.get(node);
    if (init) h = hashText(h ^ 1, units[init.unit].text, init.start, init.end);
    const biasInit = seq.biasInits?.get(node);
    if (biasInit) h = hashText(h ^ 2, units[biasInit.unit].text, biasInit.start, biasInit.end);
  }
  return smallHash(h);
}

/** A memo by structure, bounded in entries and in the characters of its texts; the oldest are forgotten first. */
export class StructureMemo<T> {
  private readonly byHash = new Map<number, Entry<T>[]>();
  private size = 0;
  private chars = 0;

  constructor(private readonly limit: number, private readonly maxChars = 4_000_000) {}

  /** The value stored for a sequence of the same structure; `make` computes and stores it on a miss. */
  get(parsed: ParsedSource, seq: Sequence, make: () => T): T {
    const hit = this.find(parsed, seq);
    return hit ? hit.value : this.store(parsed, seq, make());
  }

  /** The entry of a sequence of the same structure, or undefined (no closure: asked for every model of a check). */
  find(parsed: ParsedSource, seq: Sequence): { readonly value: T } | undefined {
    const units = parsed.units;
    const bucket = this.byHash.get(hashOf(units, seq));
    if (bucket) for (let i = 0; i < bucket.length; i++) if (same(units, bucket[i], seq)) return bucket[i];
    return undefined;
  }

  /** Stores the value computed for a sequence `find` did not know, and returns it. */
  store(parsed: ParsedSource, seq: Sequence, value: T): T {
    const units = parsed.units;
    const hash = hashOf(units, seq);
    const facts = seq.layers.map((n) => factsOf(units, seq, n));
    let chars = 0;
    for (const f of facts) chars += f.text.length + (f.initText?.length ?? 0) + (f.biasText?.length ?? 0);
    // A model written in more text than a sixteenth of the budget is not remembered (it would push out the rest).
    if (chars > this.maxChars / 16) return value;
    while (this.size > 0 && (this.size >= this.limit || this.chars + chars > this.maxChars)) {
      const [oldest, entries] = this.byHash.entries().next().value as [number, Entry<T>[]];
      this.byHash.delete(oldest);
      this.size -= entries.length;
      for (const e of entries) this.chars -= e.chars;
    }
    // Copies: a text sliced from the source (and a string built from one) keeps the whole source alive in V8, and
    // the memo outlives it, so without them each entry could hold an old version of a document.
    const entry: Entry<T> = { ordered: seq.ordered, facts: ownCopy(facts), chars, value: ownCopy(value) };
    const current = this.byHash.get(hash);
    if (current) current.push(entry);
    else this.byHash.set(hash, [entry]);
    this.size++;
    this.chars += chars;
    return value;
  }
}
