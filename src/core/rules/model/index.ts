/** Reads model structure from scanned source: layer sequences, Keras compile calls and PyTorch losses. */
import { tokenIs } from '../../python/tokenizer';
import type { ParsedSource } from '../../scan';
import { BuiltIndex } from './built';
import { collectCandidates, newCandidates } from './candidates';
import { newLossReader, readLossStatement } from './losses';
import { readModules } from './modules';
import { Names } from './names';
import { memoiseQualify } from './resolve';
import { StatementList, type Statements } from './statements';
import { newReader, readStatement } from './sequences';
import type { LayerNode, ModelInfo, Sequence, Writable } from './types';
import { MemoOnKey } from '../../memoOnKey';
import type { ReadResume, ReaderState } from './resume';

export type * from './types';
export { LOGITS_LOSSES } from './losses';

/**
 * The structure of each parse, read once: the rules, the model graph and the signal predictions of one document
 * version all ask for it. Parses are immutable and the structure is never changed after reading.
 */
const infos = new MemoOnKey<ParsedSource, ModelInfo>('model');

/**
 * One pass over every statement of every unit (cells in order, so a later cell sees an earlier cell's model). A
 * document's newest version goes on from the state its `resume` kept where the last edit began (resume.ts).
 */
export function readModel(parsed: ParsedSource, resume?: ReadResume): ModelInfo {
  let info = infos.get(parsed);
  if (!info) {
    info = readModelOnce(parsed, resume);
    infos.set(parsed, info);
  }
  return info;
}

function readModelOnce(parsed: ParsedSource, resume: ReadResume | undefined): ModelInfo {
  memoiseQualify(parsed.scope);
  const names = parsed.units.map((unit) => new Names(unit.ts, parsed.scope));
  // A document's newest version goes on from its checkpoint (a unit of its own: notebooks are read in full).
  const state: Writable<ReaderState> = resume?.start(parsed) ?? { tok: 0, reader: newReader(), losses: newLossReader(), list: new StatementList(), classes: [] };
  const keepAt = resume ? resume.keepAt(parsed) : -1;
  const candidates = newCandidates();
  // Statement starts and ends of each unit, and which of them are `class` statements: the module reader walks only these.
  const statements: Statements[] = [];
  const classes: number[][] = [];
  parsed.units.forEach((unit, index) => {
    if (index > 0) {
      state.tok = 0;
      state.list = new StatementList();
      state.classes = [];
    }
    readStatements(unit, index, names[index], state, candidates, index === 0 ? keepAt : -1, resume);
    statements.push(state.list.done());
    classes.push(state.classes);
  });
  const { reader, losses } = state;
  parsed.units.forEach((unit, index) => readModules(reader, index, unit, names[index], statements[index], classes[index]));
  return {
    sequences: reader.sequences, compiles: losses.compiles, torchLosses: losses.torchLosses, applications: losses.applications, models: reader.byName,
    built: new BuiltIndex(reader.built, reader.sequences),
  };
}

/**
 * Every statement of one unit from token `state.tok` on, in order, through the sequence and loss readers; `resume`
 * keeps their state before the statement that holds token `keepAt` (-1: none), and the reading goes on in `state`.
 * A function of its own, not a closure made per read: optimised code of a closure is shared by the next read's
 * closure, which then bails out (deoptimises) at its first statement and runs the whole unit unoptimised.
 */
function readStatements(unit: ParsedSource['units'][number], index: number, names: Names, state: Writable<ReaderState>, candidates: ReturnType<typeof newCandidates>, keepAt: number, resume: ReadResume | undefined): void {
  const { ts } = unit;
  let { reader, losses, list, classes } = state;
  for (let t = state.tok; t < ts.count; t++) {
    if (ts.indent[t] < 0) continue;
    const end = collectCandidates(candidates, ts, names, losses, t);
    if (keepAt >= 0 && keepAt <= end) {
      // The statement holding the token where the last edit began: what was read before it stays as it is.
      if (t <= keepAt) {
        resume!.keep(t, ts, state);
        ({ reader, losses, list, classes } = state);
      }
      keepAt = -1;
    }
    if (tokenIs(ts, t, 'class')) classes.push(list.count);
    list.add(t, end);
    names.statement(t, end);
    readStatement(reader, index, unit, names, t, end, candidates);
    readLossStatement(losses, index, unit, names, t, end, candidates);
    t = end; // the next statement starts after this one's Newline
  }
}

/** The final layer that decides the output: the last layer, and the activation applied there (or undefined if unsure). */
export interface OutputHead {
  /** The layer whose activation argument, or the activation layer, produces the output. */
  readonly layer: LayerNode;
  /** Canonical activation name, `linear` for none, undefined when unsure. */
  readonly activation: string | undefined;
  /** Units of the last Dense/Linear before it, when literal. */
  readonly units?: number;
  /** The Dense/Linear/Conv layer before an activation layer (or the layer itself). */
  readonly base?: LayerNode;
}

const SKIPPABLE = new Set(['dropout', 'shape']);

export function outputHead(seq: Sequence): OutputHead | undefined {
  const layers = seq.layers;
  if (!layers.length) return undefined;
  const last = layers[layers.length - 1];
  if (last.kind === 'activation') {
    let i = layers.length - 2;
    while (i >= 0 && SKIPPABLE.has(layers[i].kind)) i--;
    const base = i >= 0 && (layers[i].kind === 'dense' || layers[i].kind === 'conv') ? layers[i] : undefined;
    // Dense(10, activation='relu') + Softmax(): the layer is what the loss sees.
    return { layer: last, activation: last.activation?.name, ...(base?.units === undefined ? {} : { units: base.units }), ...(base ? { base } : {}) };
  }
  if (last.kind === 'dense' || last.kind === 'conv') {
    const activation = last.framework === 'torch' ? 'linear' : last.activation?.name;
    return { layer: last, activation, ...(last.units === undefined ? {} : { units: last.units }), base: last };
  }
  return undefined;
}
