/**
 * The records the statement reader (sequences.ts) makes: sequences, their places, tensors, constructions, layers it
 * cannot read as calls, and how a layer sits in the code. Classes, for the reason `ReadSequence` gives.
 */
import type { CallArg } from '../../python/callArgs';
import type { TokenStream } from '../../python/tokenizer';
import type { Framework } from '../../scan/types';
import type { BuiltEntry } from './built';
import { lineIndentAt } from './resolve';
import type { LayerNode, ModelOutput, Placement, Sequence } from './types';

/**
 * A sequence the statement reader builds: a Sequential, an add chain, a functional chain or model. A class, as every
 * record here: a check of a large file keeps what it reads to its end, and when young collections found all the
 * objects of an object literal alive, V8 made that literal allocate straight into the old generation ("pretenuring",
 * decided by when collections happen to fall). Every later edit's records then died there, keeping the edit's young
 * objects alive until a full collection: 200 edits of the 10,000-line file promoted 120 to 220 MB instead of 30 to
 * 50, and the slowest quarter of edits took 30% longer. A class instance is always made young.
 */
export class ReadSequence implements Sequence {
  constructor(
    readonly framework: Framework, readonly source: 'sequential' | 'add' | 'functional', readonly layers: LayerNode[], public ordered: boolean,
    public name: string | undefined, readonly at: CallPlace | undefined, readonly outputs: readonly ModelOutput[] | undefined,
    readonly outputsAs: 'list' | 'dict' | undefined,
  ) {}
}

/** `s` with other layers (a statement reader's sequence, or a module's read later: never in a checkpoint). */
export function cloneSequence(s: Sequence, layers: LayerNode[]): Sequence {
  if (!(s instanceof ReadSequence)) return { ...s, layers };
  return new ReadSequence(s.framework, s.source, layers, s.ordered, s.name, s.at, s.outputs && s.outputs.map((o) => o), s.outputsAs);
}

/** Where a model is built: the `Sequential(...)` call. */
export class CallPlace {
  constructor(readonly unit: number, readonly start: number, readonly end: number) {}
}

/** A layer that is an item of a list or of a call's arguments. */
export class ListPlacement {
  readonly kind = 'list';
  constructor(readonly itemStart: number, readonly itemEnd: number) {}
}

/** No arguments: the list of every layer the reader cannot read as a call (never changed). */
const NO_ARGS: readonly CallArg[] = Object.freeze([]);

/**
 * A layer slot the reader cannot read as a layer call (`itemLayer`), or a residual addition (`residualFrom` set): a
 * class for the reason `ReadSequence` gives.
 */
export class OtherLayer implements LayerNode {
  readonly kind = 'other';
  readonly args = NO_ARGS;

  constructor(
    readonly unit: number, readonly ts: TokenStream, public framework: Framework, readonly qualified: string, readonly written: string,
    readonly open: number, readonly start: number, readonly end: number, readonly placement: Placement, readonly residualFrom: number | undefined,
    public inputWidth: number | undefined,
  ) {}
}

/**
 * A new empty list of layers. Copied from one empty list, not made by a literal `[]`: a literal's arrays may be
 * allocated in the old generation (see `ReadSequence`), and a layer list there keeps the young layers in it alive.
 */
export function noLayers(): LayerNode[] {
  return NO_LAYERS.slice();
}

const NO_LAYERS: readonly LayerNode[] = Object.freeze([]);

/** A functional chain tensor: the chain and its length when the variable was assigned. */
export class Tensor {
  constructor(readonly seq: Sequence, readonly length: number) {}
}

/** A model construction as the reader meets it (built.ts). */
export class Construction implements BuiltEntry {
  constructor(readonly unit: number, readonly start: number, readonly seq: Sequence) {}
}

/**
 * A layer that is its own statement, `model.add(...)` or `x = Dense(...)(x)`: the statement's indent (which only a
 * fix adding a statement after it reads) is read from the source when asked, not sliced for every such layer.
 */
export abstract class StatementPlacement {
  constructor(public ts: TokenStream, readonly statementStart: number, readonly statementEnd: number) {}

  get indent(): string {
    return lineIndentAt(this.ts.text, this.statementStart);
  }

  /** The same placement read from another version of the stream (copyReader). */
  abstract inStream(ts: TokenStream): AddPlacement | FunctionalPlacement;
}

export class AddPlacement extends StatementPlacement {
  constructor(ts: TokenStream, readonly receiver: string, statementStart: number, statementEnd: number) {
    super(ts, statementStart, statementEnd);
  }

  get kind(): 'add' {
    return 'add';
  }

  inStream(ts: TokenStream): AddPlacement {
    return new AddPlacement(ts, this.receiver, this.statementStart, this.statementEnd);
  }
}

export class FunctionalPlacement extends StatementPlacement {
  constructor(ts: TokenStream, readonly target: string, statementStart: number, statementEnd: number) {
    super(ts, statementStart, statementEnd);
  }

  get kind(): 'functional' {
    return 'functional';
  }

  inStream(ts: TokenStream): FunctionalPlacement {
    return new FunctionalPlacement(ts, this.target, this.statementStart, this.statementEnd);
  }
}
