/**
 * Reading a document's next version from where its last edit began. The model reader goes through a file's
 * statements in order, and what it has read before a statement depends on the tokens before it and the file's
 * imports only. An edit that the incremental scan handled leaves both as they were up to the statement before it
 * (scan/incremental.ts), so the reader's state there can be kept from one version and read on from in the next:
 * a one-line edit in the middle of a long file reads half of it. One checkpoint per document, where the user
 * last edited (the next edit is most likely there too); it stays valid as long as no edit reaches before it.
 *
 * Only the newest version of a document resumes: an older version read later (a hover on a stale version) is read
 * in full, as is every parse that no document follows. The document's analysis passes its resume to the reader
 * (analysis.ts); it is not kept on the parse, whose shape every check's code is optimised for.
 *
 * The same object carries pairing's call sites from one checked version to the next (model/callSites.ts).
 */
import type { ParsedSource } from '../../scan';
import type { Splice } from '../../python/spliceTokens';
import type { CallNames, CallSites } from '../../model/callSites';
import { tokenize, type TokenStream } from '../../python/tokenizer';
import { copyLossReader, type LossReader } from './losses';
import { copyReader, pointAt } from './copyReader';
import type { SequenceReader } from './sequences';
import type { StatementList } from './statements';
import type { LayerNode, Writable } from './types';

/** The reader's state before the statement that starts at token `tok`: a reading goes on from `tok`. */
export interface ReaderState {
  readonly tok: number;
  readonly reader: SequenceReader;
  readonly losses: LossReader;
  readonly list: StatementList;
  readonly classes: number[];
}

/**
 * A checkpoint's layers read this empty stream until a version resumes from it and copies them onto its own stream:
 * the checkpoint outlives the version it was taken from and must not keep that version's tokens alive. (Names the
 * reader sliced from that version's text, as a layer's callee, may still keep its text: one text per document.) It
 * is a stream as every other (python/tokenizer.ts `Tokens`): a stream of another shape in a layer's field would send
 * the code that reads layers back to the interpreter.
 */
const NO_STREAM: TokenStream = tokenize('');

/** A new checkpoint is kept when the last edit began this many tokens or more past the one kept (or before it). */
const FAR = 2_000;

/** One document's checkpoint of the model reader and its last call sites, carried through its versions. */
export class ReadResume {
  private checkpoint: ReaderState | undefined;
  /** The first token the last edit may have changed: where the next read keeps a checkpoint, or -1. */
  private want = -1;
  /** Where the edit before it began (-1: none since the document opened or was read in full). */
  private before = -1;
  /** Versions since the document opened, and how the current one's tokens map to the one's before (one splice). */
  private version = 0;
  private splice: Splice | undefined;
  /** The call sites pairing found in a version, and the names it asked about (model/callSites.ts). */
  private sites: { readonly version: number; readonly asked: CallNames; readonly sites: CallSites } | undefined;
  current: ParsedSource | undefined;
  /** The token the last read started from (0: the whole file), for tests. */
  lastFrom = 0;
  /** How many versions took their call sites from the version before, for tests. */
  splicedCallSites = 0;

  /**
   * `parsed` is the document's new version; `splice` says how its tokens map to the version's before (undefined when
   * it was scanned in full: nothing is kept then), and `keptUsages` whether the usages before the edit are the old
   * ones. The scan splices only when the imports stay the same.
   */
  next(parsed: ParsedSource, splice: Splice | undefined, keptUsages: boolean): void {
    // The tokens (and usages) before the edit, which a checkpoint must lie within.
    const same = splice && keptUsages ? splice.a : 0;
    if (this.checkpoint && (same <= 0 || this.checkpoint.tok > same)) this.checkpoint = undefined;
    this.version++;
    this.splice = parsed.units.length === 1 ? splice : undefined;
    this.before = this.want;
    this.want = same > 0 && parsed.units.length === 1 ? same : -1;
    this.current = parsed;
  }

  /** The call sites of the version before `parsed`, and how its tokens map to them, when `parsed` is the current one. */
  callSitesBefore(parsed: ParsedSource): { readonly asked: CallNames; readonly sites: CallSites; readonly splice: Splice } | undefined {
    const { sites, splice } = this;
    return parsed === this.current && splice && sites && sites.version === this.version - 1 ? { asked: sites.asked, sites: sites.sites, splice } : undefined;
  }

  /** Keeps the call sites of `parsed` for the next version, when it is the current one. */
  keepCallSites(parsed: ParsedSource, asked: CallNames, sites: CallSites): void {
    if (parsed === this.current) this.sites = { version: this.version, asked, sites };
  }

  /**
   * Where a read of `parsed` starts: a copy of the checkpoint's state for its stream when it is the current version,
   * else undefined (read it all).
   */
  start(parsed: ParsedSource): ReaderState | undefined {
    const c = parsed === this.current ? this.checkpoint : undefined;
    this.lastFrom = c ? c.tok : 0;
    if (!c) return undefined;
    const ts = parsed.units[0].ts;
    return { tok: c.tok, reader: copyReader(c.reader, ts), losses: copyLossReader(c.losses), list: c.list.copy(), classes: c.classes.slice() };
  }

  /**
   * The token of the statement of `parsed` before which its read should keep a checkpoint, or -1: none is kept near
   * there yet, and the edit before began near there too. A lone edit (a quick fix applied, a paste) is not followed by
   * another at its place often enough to pay for a copy of half the model; typing is.
   */
  keepAt(parsed: ParsedSource): number {
    const c = this.checkpoint;
    const { want, before } = this;
    if (parsed !== this.current || want < 0 || before < 0 || Math.abs(want - before) >= FAR) return -1;
    return !c || want - c.tok >= FAR ? want : -1;
  }

  /**
   * Keeps the reading's `state` before the statement at token `tok` of `ts`, and gives the reading copies to go on
   * with. The checkpoint keeps the objects read so far, not copies: copies made to be kept would all outlive young
   * collections, and V8 would then allocate every later copy (a resumed version's, which dies with it) straight into
   * the old generation, where each one kept that version's young objects alive until a full collection (200 edits
   * of the 10,000-line file promoted 120 to 200 MB instead of 50).
   */
  keep(tok: number, ts: TokenStream, state: Writable<ReaderState>): void {
    const read: LayerNode[] = [];
    const reader = copyReader(state.reader, ts, read);
    pointAt(read, NO_STREAM);
    this.checkpoint = { tok, reader: state.reader, losses: state.losses, list: state.list, classes: state.classes };
    state.reader = reader;
    state.losses = copyLossReader(state.losses);
    state.list = state.list.copy();
    state.classes = state.classes.slice();
  }
}
