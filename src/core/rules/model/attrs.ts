/**
 * The `self.X` attributes a module's `__init__` sets, as the module reader collects them (one table reused from class
 * to class), and the module facts that keep them. The map of attributes is made when first read: a map and a
 * one-layer list per class were a large share of what a file of thousands of modules kept, and few rules ask.
 */
import { callArgs, type CallArg } from '../../python/callArgs';
import { tokenText, type TokenStream } from '../../python/tokenizer';
import type { ScanUnit } from '../../scan';
import type { Scope } from '../../scan/scope';
import { layerKind, OTHER, readLayer, torchUnits, type LayerClass } from './layers';
import { ForwardPlacement } from './placement';
import { dottedText, qualifyIn, skipDotted } from './resolve';
import type { Names } from './names';
import type { InitCall, LayerKind, LayerNode, Placement, Sequence } from './types';
import { MemoOnKey } from '../../memoOnKey';

/**
 * One layer call (`self.fc = nn.Linear(...)`), kept as the token its callee starts at: its node is made where the
 * forward calls it (with that call's placement) or when the map of attributes is read (a node per attribute and a
 * copy per call were two nodes per layer of a file of thousands of modules). Or a Sequential's layers
 * (`self.net = nn.Sequential(...)`).
 */
export type AttrValue = number | readonly LayerNode[];

/** The unit a module's one-layer attributes are read from, when asked (one per unit read). */
export interface AttrSource {
  readonly unitIndex: number;
  readonly unit: ScanUnit;
  readonly scope: Scope;
  /** The scope's `qualify` memo (`qualifyMemo`), looked up once per unit. */
  readonly memo: Map<string, string | undefined> | undefined;
}

/**
 * The node of the layer call whose callee starts at token `first` (a call `readLayer` reads as a layer), placed where
 * the forward calls it from token `call` (`self` of `self.fc(x)`), or -1 for no place: the node the module reader
 * made for it in `__init__`, field for field (`names`, when given, reads its callee).
 */
export function attrLayer(source: AttrSource, first: number, call: number, names?: Names): LayerNode {
  const { ts } = source.unit;
  const open = skipDotted(ts, first);
  const written = names ? names.textOf(first, open) : dottedText(ts, first, open);
  const qualified = qualifyIn(source.memo, source.scope, written)!;
  const kind = layerKind(qualified);
  if (kind?.framework === 'torch' && kind.kind !== 'activation') {
    return new TorchAttrLayer(kind, source, written, first, torchUnits(kind, ts, open), call);
  }
  return readLayer(source.unitIndex, ts, source.unit.usages, qualified, written, first, open, call < 0 ? OTHER : new ForwardPlacement(ts, call, ts.match[call + 3], call + 3))!;
}

/**
 * A PyTorch layer other than an activation set as a module attribute (`self.fc = nn.Linear(8, 4)`), one per forward
 * call of it (two per class of a file of thousands, with the map of attributes). Its call arguments and placement
 * are read from its tokens when asked (the graph reads them for a few models, the rules for a few layers): six
 * fields and no other object, not twelve fields, an argument list and a placement (320 bytes a layer).
 */
class TorchAttrLayer implements LayerNode {
  constructor(
    private readonly cls: LayerClass, private readonly from: AttrSource, readonly written: string,
    /** The callee's first token (`nn` of `nn.Linear(8, 4)`). */
    private readonly first: number,
    readonly units: number | undefined,
    /** The first token of the forward's call (`self` of `self.fc(x)`), or -1 when not placed. */
    private readonly call: number,
  ) {}

  get open(): number {
    return skipDotted(this.from.unit.ts, this.first);
  }

  get start(): number {
    return this.from.unit.ts.start[this.first];
  }

  get unit(): number {
    return this.from.unitIndex;
  }

  get ts(): TokenStream {
    return this.from.unit.ts;
  }

  get qualified(): string {
    return this.cls.qualified;
  }

  get framework(): 'torch' {
    return 'torch';
  }

  get kind(): LayerKind {
    return this.cls.kind;
  }

  get end(): number {
    const { ts, open } = this;
    return ts.end[ts.match[open] > open ? ts.match[open] : open];
  }

  get args(): readonly CallArg[] {
    return callArgs(this.ts, this.open);
  }

  get placement(): Placement {
    const { ts, call } = this;
    return call < 0 ? OTHER : new ForwardPlacement(ts, call, ts.match[call + 3], call + 3);
  }
}

/**
 * The attributes of the module being read, in the order they are set (a name set twice appears twice): each name's
 * text (for lookups while reading) and its first token (what the module's facts keep: its text is read again when
 * the map is made, so a module keeps no string per attribute).
 */
const NAMES: string[] = [];
const TOKENS: number[] = [];
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
  TOKENS.length = 0;
  VALUES.length = 0;
}

/** Sets attribute `name`, written from token `tok` (`self.fc` of `self.fc = ...`). */
export function setAttr(name: string, tok: number, value: AttrValue): void {
  NAMES[count] = name;
  TOKENS[count] = tok;
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
function asLayers(source: AttrSource, value: AttrValue): readonly LayerNode[] {
  return typeof value === 'number' ? [attrLayer(source, value, -1)] : value;
}

/**
 * A module class's sequence, which is also its own `module` facts (the class, its `forward`, and its attributes
 * self.fc -> [Linear] as a map made when first read). Where the class is (`at`) and its name are read from the class
 * token when asked: a sequence, its place, its facts and its name were four objects per class of a file of thousands,
 * kept as long as the parse, and the rules read the place and name of a few.
 */
export class ModuleSequence implements Sequence {
  declare inits?: Map<LayerNode, InitCall>;
  declare biasInits?: Map<LayerNode, InitCall>;
  /** Bit 0: ordered; bit 1: a Keras model (else PyTorch). One field for two, as the reader never changes either. */
  private readonly flags: number;
  /** The attributes set, in order: none, one (its name's first token and value), or lists of tokens and values. */
  private readonly tokens: number | readonly number[] | undefined;
  private readonly values: AttrValue | readonly AttrValue[] | undefined;

  /** Takes the attributes the table holds now. */
  constructor(
    private readonly from: AttrSource, framework: 'torch' | 'keras', readonly layers: LayerNode[], ordered: boolean,
    readonly classTok: number, readonly forward: number,
  ) {
    this.flags = (ordered ? 1 : 0) | (framework === 'keras' ? 2 : 0);
    if (count === 1) { this.tokens = TOKENS[0]; this.values = VALUES[0]; }
    else if (count > 1) { this.tokens = TOKENS.slice(0, count); this.values = VALUES.slice(0, count); }
  }

  get source(): 'module' {
    return 'module';
  }

  get framework(): 'torch' | 'keras' {
    return this.flags & 2 ? 'keras' : 'torch';
  }

  get ordered(): boolean {
    return (this.flags & 1) === 1;
  }

  get module(): this {
    return this;
  }

  get unit(): number {
    return this.from.unitIndex;
  }

  /** The class name. */
  get name(): string {
    return tokenText(this.from.unit.ts, this.classTok + 1);
  }

  /** The class name's range. */
  get at(): { readonly unit: number; readonly start: number; readonly end: number } {
    const { ts } = this.from.unit;
    return { unit: this.from.unitIndex, start: ts.start[this.classTok + 1], end: ts.end[this.classTok + 1] };
  }

  get attrs(): ReadonlyMap<string, readonly LayerNode[]> {
    const made = attrMaps.get(this);
    if (made) return made;
    const map = new Map<string, readonly LayerNode[]>();
    const { ts } = this.from.unit;
    if (typeof this.tokens === 'number') map.set(dottedText(ts, this.tokens, skipDotted(ts, this.tokens)), asLayers(this.from, this.values as AttrValue));
    else if (this.tokens) {
      const values = this.values as readonly AttrValue[];
      this.tokens.forEach((tok, k) => map.set(dottedText(ts, tok, skipDotted(ts, tok)), asLayers(this.from, values[k])));
    }
    attrMaps.set(this, map);
    return map;
  }
}

/** Each module's map of attributes once read (few are: a field for it in every module was kept for none). */
const attrMaps = new MemoOnKey<ModuleSequence, ReadonlyMap<string, readonly LayerNode[]>>('attrs');
