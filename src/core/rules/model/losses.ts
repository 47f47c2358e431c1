/** Losses: Keras `compile(loss=...)` (strings, classes, functions, variables) and PyTorch loss objects and calls. */
import { callArgs } from '../../python/callArgs';
import { literalValue, stringValue } from '../../python/literal';
import { Tok, tokenIs, tokenText } from '../../python/tokenizer';
import type { ScanUnit } from '../../scan';
import { argumentAt, isCallAt } from './layers';
import { mayBeHead, type Candidates } from './candidates';
import type { Names } from './names';
import { dottedEndsWith, skipDotted } from './resolve';
import { assignmentTarget } from './sequences';
import type { CompileCall, LossApplication, LossRef } from './types';

/** Keras loss spellings (strings, functions, classes) -> one name. */
const KERAS_LOSSES: Readonly<Record<string, string>> = {
  binary_crossentropy: 'binary_crossentropy', bce: 'binary_crossentropy', BCE: 'binary_crossentropy', BinaryCrossentropy: 'binary_crossentropy',
  binary_focal_crossentropy: 'binary_crossentropy', BinaryFocalCrossentropy: 'binary_crossentropy',
  categorical_crossentropy: 'categorical_crossentropy', CategoricalCrossentropy: 'categorical_crossentropy',
  categorical_focal_crossentropy: 'categorical_crossentropy', CategoricalFocalCrossentropy: 'categorical_crossentropy',
  sparse_categorical_crossentropy: 'sparse_categorical_crossentropy', SparseCategoricalCrossentropy: 'sparse_categorical_crossentropy',
  mse: 'mse', MSE: 'mse', mean_squared_error: 'mse', MeanSquaredError: 'mse',
  mae: 'mae', MAE: 'mae', mean_absolute_error: 'mae', MeanAbsoluteError: 'mae',
  huber: 'huber', huber_loss: 'huber', Huber: 'huber',
  log_cosh: 'log_cosh', logcosh: 'log_cosh', LogCosh: 'log_cosh',
  poisson: 'poisson', Poisson: 'poisson',
  kld: 'kld', KLD: 'kld', kl_divergence: 'kld', kullback_leibler_divergence: 'kld', KLDivergence: 'kld',
  hinge: 'hinge', Hinge: 'hinge', squared_hinge: 'hinge', SquaredHinge: 'hinge', categorical_hinge: 'hinge', CategoricalHinge: 'hinge',
};

/**
 * PyTorch loss classes and functions -> one name. A map: every resolved callee of a file is looked up, and a map
 * keeps a string's hash where an object's property lookup interns the string first.
 */
const TORCH_LOSSES: ReadonlyMap<string, string> = new Map(Object.entries({
  'torch.nn.CrossEntropyLoss': 'cross_entropy', 'torch.nn.functional.cross_entropy': 'cross_entropy',
  'torch.nn.NLLLoss': 'nll', 'torch.nn.functional.nll_loss': 'nll',
  'torch.nn.BCELoss': 'bce', 'torch.nn.functional.binary_cross_entropy': 'bce',
  'torch.nn.BCEWithLogitsLoss': 'bce_logits', 'torch.nn.functional.binary_cross_entropy_with_logits': 'bce_logits',
  'torch.nn.MSELoss': 'mse', 'torch.nn.functional.mse_loss': 'mse', 'torch.nn.L1Loss': 'mae', 'torch.nn.functional.l1_loss': 'mae',
  'torch.nn.SmoothL1Loss': 'huber', 'torch.nn.functional.smooth_l1_loss': 'huber', 'torch.nn.HuberLoss': 'huber', 'torch.nn.functional.huber_loss': 'huber',
}));

/** Keras names of the losses that take `from_logits`. */
export const LOGITS_LOSSES = new Set(['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy']);

/**
 * A loss as written. A class, as the compile calls and loss applications below and the sequence reader's records
 * (sequences.ts, `ReadSequence`): object literals kept to the end of a check of a large file were made to allocate
 * in the old generation, where every later edit's died and kept the edit's young objects alive.
 */
class Loss implements LossRef {
  constructor(
    readonly framework: 'keras' | 'torch', readonly name: string, readonly unit: number, readonly start: number, readonly end: number,
    readonly written: string, readonly kind: LossRef['kind'], readonly fromLogits: boolean | undefined, readonly open: number | undefined,
  ) {}
}

class Compile implements CompileCall {
  constructor(
    readonly unit: number, readonly tok: number, readonly receiver: string, readonly loss: LossRef | undefined,
    readonly losses: CompileCall['losses'], readonly lossesAs: CompileCall['lossesAs'],
  ) {}
}

class Application implements LossApplication {
  constructor(
    readonly loss: LossRef, readonly unit: number, readonly open: number, readonly variable: string | undefined, readonly predFrom: number,
    readonly predTo: number,
  ) {}
}

function kerasLossAt(unitIndex: number, unit: ScanUnit, names: Names, from: number, to: number, variables: ReadonlyMap<string, LossRef>): LossRef | undefined {
  const { ts } = unit;
  if (to - from === 1 && ts.kind[from] === Tok.String) {
    const s = stringValue(ts, from);
    const name = s === undefined ? undefined : KERAS_LOSSES[s];
    return name ? new Loss('keras', name, unitIndex, ts.start[from], ts.end[from], tokenText(ts, from), 'string', false, undefined) : undefined;
  }
  const callee = names.dottedAt(from);
  if (!callee) return undefined;
  if (callee.next === to && !callee.text.includes('.')) return variables.get(callee.text);
  const qualified = names.qualifiedAt(from);
  if (!qualified || !qualified.startsWith('keras.losses.')) return undefined;
  const name = KERAS_LOSSES[qualified.slice(13)];
  if (!name) return undefined;
  const start = ts.start[from];
  const written = callee.text;
  if (callee.next === to) return new Loss('keras', name, unitIndex, start, ts.end[to - 1], written, 'function', false, undefined);
  if (!isCallAt(ts, callee.next) || ts.match[callee.next] !== to - 1) return undefined;
  if (/^[a-z]/.test(qualified.slice(13))) return undefined; // a function called in place: not a loss object
  const flag = argumentAt(ts, callee.next, 'from_logits');
  const value = flag ? literalValue(ts, flag.arg.from, flag.arg.to) : false;
  if (typeof value !== 'boolean') return undefined; // from_logits=some_variable: unsure
  return new Loss('keras', name, unitIndex, start, ts.end[to - 1], written, 'class', value, callee.next);
}

/**
 * `loss=['binary_crossentropy', 'mse']` or `loss={'age': 'mse', 'gender': 'binary_crossentropy'}`: one entry per
 * output, the loss undefined where it is not one we know (`None`, a custom function). Undefined for anything else.
 */
function lossList(unitIndex: number, unit: ScanUnit, names: Names, from: number, to: number, variables: ReadonlyMap<string, LossRef>): { losses: { key: number | string; loss?: LossRef }[]; as: 'list' | 'dict' } | undefined {
  const { ts } = unit;
  if (ts.kind[from] !== Tok.Open || ts.match[from] !== to - 1) return undefined;
  const bracket = tokenText(ts, from);
  if (bracket !== '[' && bracket !== '{' && bracket !== '(') return undefined;
  const losses: { key: number | string; loss?: LossRef }[] = [];
  for (const item of callArgs(ts, from)) {
    if (item.star || item.keyword) return undefined;
    let key: number | string = losses.length;
    let value = item.from;
    if (bracket === '{') {
      if (ts.kind[item.from] !== Tok.String || !tokenIs(ts, item.from + 1, ':')) return undefined;
      const k = stringValue(ts, item.from);
      if (k === undefined) return undefined;
      key = k;
      value = item.from + 2;
    }
    const loss = kerasLossAt(unitIndex, unit, names, value, item.to, variables);
    losses.push({ key, ...(loss ? { loss } : {}) });
  }
  return losses.length ? { losses, as: bracket === '{' ? 'dict' : 'list' } : undefined;
}

export interface LossReader {
  readonly compiles: CompileCall[];
  readonly torchLosses: LossRef[];
  readonly applications: LossApplication[];
  readonly kerasVariables: Map<string, LossRef>;
  readonly torchVariables: Map<string, LossRef>;
  /** First names of `torchVariables` (`self` for `self.criterion`): other names need no closer look. */
  readonly torchHeads: Set<string>;
  /** `torchHeads` in the order they were bound (while they are few, names are compared with them in place). */
  readonly torchHeadList: string[];
  /** First characters of `torchHeads` (index 0 for any non-ASCII one), so most names need no text built. */
  readonly torchInitials: Uint8Array;
}

export function newLossReader(): LossReader {
  return { compiles: [], torchLosses: [], applications: [], kerasVariables: new Map(), torchVariables: new Map(), torchHeads: new Set(), torchHeadList: [], torchInitials: new Uint8Array(128) };
}

/** A copy to go on reading with (resume.ts): its lists and maps are its own; their records never change once made. */
export function copyLossReader(r: LossReader): LossReader {
  return {
    compiles: r.compiles.slice(), torchLosses: r.torchLosses.slice(), applications: r.applications.slice(), kerasVariables: new Map(r.kerasVariables),
    torchVariables: new Map(r.torchVariables), torchHeads: new Set(r.torchHeads), torchHeadList: r.torchHeadList.slice(), torchInitials: r.torchInitials.slice(),
  };
}

/** A loss variable's own value never refers to another loss variable. */
const NO_VARIABLES: ReadonlyMap<string, LossRef> = new Map();

/** Reads one statement for compile calls, loss variables and PyTorch loss applications. */
export function readLossStatement(reader: LossReader, unitIndex: number, unit: ScanUnit, names: Names, t: number, end: number, candidates: Candidates): void {
  const { ts } = unit;
  const assigned = assignmentTarget(names, t);
  if (assigned && assigned.value < end) {
    const keras = kerasLossAt(unitIndex, unit, names, assigned.value, end, NO_VARIABLES);
    if (keras) reader.kerasVariables.set(assigned.name, keras);
  }
  const head = dottedEndsWith(ts, t, 'compile') ? names.dottedAt(t) : undefined;
  if (head && isCallAt(ts, head.next)) {
    const lossArg = argumentAt(ts, head.next, 'loss', 1);
    const loss = lossArg ? kerasLossAt(unitIndex, unit, names, lossArg.arg.from, lossArg.arg.to, reader.kerasVariables) : undefined;
    const several = lossArg && !loss ? lossList(unitIndex, unit, names, lossArg.arg.from, lossArg.arg.to, reader.kerasVariables) : undefined;
    reader.compiles.push(new Compile(unitIndex, t, head.text.slice(0, -8), loss, several?.losses, several?.as));
  }
  // PyTorch: loss classes and functions anywhere in the statement (only candidates can be either).
  for (let k = 0; k < candidates.count; k++) {
    const i = candidates.tokens[k];
    if (torchCall(reader, unitIndex, ts, names, i, end, assigned)) {
      // A loss variable was just bound: its name may now be called later in this statement, which the candidates
      // (collected before) could not know. Never seen in real code; read the rest token by token.
      readTail(reader, unitIndex, ts, names, skipDotted(ts, i), end, assigned);
      return;
    }
  }
}

/** The statement's tokens [from, end) token by token, as the candidates loop reads them. */
function readTail(reader: LossReader, unitIndex: number, ts: ScanUnit['ts'], names: Names, from: number, end: number, assigned: { name: string; value: number } | undefined): void {
  for (let i = from; i < end; i++) {
    if (ts.kind[i] !== Tok.Name || (i > 0 && tokenIs(ts, i - 1, '.'))) continue;
    if (names.mayQualify(i) || mayBeHead(reader, ts, i)) torchCall(reader, unitIndex, ts, names, i, end, assigned);
    i = skipDotted(ts, i) - 1;
  }
}

/**
 * A PyTorch loss class or function called at name token i, or a loss variable applied there. True when it bound a
 * new loss variable (the statement assigns the loss object).
 */
function torchCall(reader: LossReader, unitIndex: number, ts: ScanUnit['ts'], names: Names, i: number, end: number, assigned: { name: string; value: number } | undefined): boolean {
  // Only a call is worth its name's text.
  const next = skipDotted(ts, i);
  if (!isCallAt(ts, next)) return false;
  const callee = names.dottedAt(i)!;
  const qualified = names.qualifiedAt(i);
  const name = qualified ? TORCH_LOSSES.get(qualified) : undefined;
  // Most files bind no loss variable: no lookup of every callee then.
  const variable = name || !reader.torchVariables.size ? undefined : reader.torchVariables.get(callee.text);
  let bound = false;
  if (name && qualified) {
    const loss = new Loss('torch', name, unitIndex, ts.start[i], ts.end[ts.match[next]] ?? ts.end[next], callee.text, qualified.includes('.functional.') ? 'function' : 'class', undefined, next);
    reader.torchLosses.push(loss);
    if (assigned && assigned.value === i && ts.match[next] === end - 1) {
      reader.torchVariables.set(assigned.name, loss);
      const head = assigned.name.split('.')[0];
      if (!reader.torchHeads.has(head)) {
        reader.torchHeads.add(head);
        reader.torchHeadList.push(head);
      }
      const c = head.charCodeAt(0);
      reader.torchInitials[c < 128 ? c : 0] = 1;
      bound = true;
    }
    // F.cross_entropy(pred, y) and nn.CrossEntropyLoss()(pred, y)
    const applied = loss.kind === 'function' ? next : ts.match[next] > 0 && isCallAt(ts, ts.match[next] + 1) ? ts.match[next] + 1 : -1;
    if (applied >= 0) addApplication(reader, unitIndex, ts, loss, applied);
  } else if (variable) {
    addApplication(reader, unitIndex, ts, variable, next, callee.text);
  }
  return bound;
}

function addApplication(reader: LossReader, unitIndex: number, ts: ScanUnit['ts'], loss: LossRef, open: number, variable?: string): void {
  const pred = argumentAt(ts, open, 'input', 0);
  if (pred) reader.applications.push(new Application(loss, unitIndex, open, variable, pred.arg.from, pred.arg.to));
}
