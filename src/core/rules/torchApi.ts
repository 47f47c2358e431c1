/** PyTorch call-site rules: `softmax-without-dim`, `deprecated-activation-api`, `unknown-activation-api`. */
import { callArgs } from '../python/callArgs';
import { fnv, fnvMix, FNV_START, nameShape, smallHash } from '../python/textHash';
import { Tok, type TokenStream } from '../python/tokenizer';
import { lookupApi } from '../catalog/apiNames';
import { findActivation } from '../catalog/names';
import { listActivations } from '../catalog/registry';
import { appendArgument } from '../fixes/edits';
import { ownCopy } from '../model/ownCopy';
import type { RuleContext } from './context';
import { tokenAt, usagesOf } from './context';
import { isCallAt } from './model/layers';
import { mayQualify, qualify, readDotted } from './model/resolve';
import type { Fix, TextEdit } from './types';

const DIM_NAMES = new Set(['softmax', 'log_softmax', 'softmin']);

export function softmaxWithoutDim(ctx: RuleContext): void {
  for (const { usage, unit, index } of usagesOf(ctx, (u) => u.framework === 'torch' && DIM_NAMES.has(u.name))) {
    if (usage.form !== 'function' && usage.form !== 'layer' && usage.form !== 'method') continue;
    // Softmax2d fixes its axis (channels); gumbel_softmax defaults to dim=-1.
    if (usage.qualified === 'torch.nn.functional.gumbel_softmax' || usage.qualified?.endsWith('Softmax2d')) continue;
    const nameTok = tokenAt(unit, usage.start);
    if (nameTok < 0) continue;
    let open = nameTok;
    while (open < unit.ts.count && !isCallAt(unit.ts, open) && unit.ts.kind[open] !== Tok.Newline) open++;
    if (!isCallAt(unit.ts, open)) continue;
    const args = callArgs(unit.ts, open);
    if (args.some((a) => a.star || a.keyword === 'dim')) continue;
    // Positional dim: layers take it first, methods first, functions second (after the input).
    const positional = args.filter((a) => !a.keyword).length;
    const needed = usage.form === 'function' ? 2 : 1;
    if (positional >= needed) continue;
    const fixes: Fix[] = [
      { title: 'Add dim=1 (the class axis of (N, C, ...) inputs)', edits: [appendArgument(unit.ts, open, args, 'dim=1')], preferred: true },
      { title: 'Add dim=-1 (the last axis)', edits: [appendArgument(unit.ts, open, args, 'dim=-1')] },
    ];
    ctx.report({
      code: 'softmax-without-dim', unit: index, start: usage.start, end: usage.callEnd ?? usage.end, fixes,
      message: `${usage.written}${usage.form === 'method' ? '()' : ''} without dim: PyTorch guesses the axis (dim 0, the batch, for 3-D input) and warns that the implicit choice is deprecated; name the class axis.`,
    });
  }
}

/** `F.sigmoid` and `F.tanh` warn; `torch.sigmoid` and `torch.tanh` do the same without the warning. */
export function deprecatedActivationApi(ctx: RuleContext): void {
  const found = usagesOf(ctx, (u) => u.framework === 'torch' && (u.qualified === 'torch.nn.functional.sigmoid' || u.qualified === 'torch.nn.functional.tanh'));
  const torchAlias = found.length ? [...ctx.parsed.scope.aliases].find(([, target]) => target === 'torch')?.[0] : undefined;
  for (const { usage, index } of found) {
    const q = usage.qualified!;
    const fn = q.slice(q.lastIndexOf('.') + 1);
    const edits: TextEdit[] = [{ start: usage.start, end: usage.end, newText: `${torchAlias ?? 'torch'}.${fn}` }];
    if (!torchAlias) edits.unshift({ start: 0, end: 0, newText: 'import torch\n' });
    ctx.report({
      code: 'deprecated-activation-api', unit: index, start: usage.start, end: usage.end,
      message: `${usage.written} is deprecated and warns at runtime; torch.${fn} computes the same.`,
      fixes: [{ title: `Use ${torchAlias ?? 'torch'}.${fn}`, edits, preferred: true }],
    });
  }
}

/** Modules people call activations from, and the kind of name that lives there. */
const MODULES: Readonly<Record<string, 'layer' | 'function'>> = {
  'torch.nn': 'layer', 'torch.nn.functional': 'function', 'keras.layers': 'layer', 'keras.activations': 'function', 'tf.nn': 'function',
};

/** What `check` concluded about one written name: nothing, or the module, the missing name and the suggestion. */
interface Verdict {
  readonly module: string;
  readonly last: string;
  /** The replacement of the last part, for a call with arguments and for anything else. */
  readonly call: string | undefined;
  readonly other: string | undefined;
}

/** `torch.nn.relu(x)`, `F.ReLU()`, `keras.layers.leaky_relu`: an activation's name in a module that does not have it. */
export function unknownActivationApi(ctx: RuleContext): void {
  const { scope } = ctx.parsed;
  // The verdict depends on the written name alone (the scope is fixed): decided once per name, not per occurrence,
  // and found again by a hash of the chain's characters, so a recurring chain (`F.relu`) is not sliced again.
  const verdicts = new Map<number, ChainVerdict[]>();
  let last: ChainVerdict | undefined;
  const units = ctx.parsed.units;
  for (let index = 0; index < units.length; index++) {
    const { ts } = units[index];
    // Read in place and hoisted, no closure per chain: this loop visits every token of the file (a closure or a
    // boxed number per chain made a 16,000-class file allocate ~40 MB here).
    // A `.` is an operator token of its own (`...` is three): its kind and first character tell it.
    const { kind, count, start, text } = ts;
    for (let t = 0; t + 2 < count; t++) {
      // The head of a dotted chain: a name followed by `.name`, not itself after a `.`.
      if (kind[t] !== Tok.Name || kind[t + 2] !== Tok.Name || kind[t + 1] !== Tok.Op || text.charCodeAt(start[t + 1]) !== 46) continue;
      if (t > 0 && kind[t - 1] === Tok.Op && text.charCodeAt(start[t - 1]) === 46) continue;
      // Only a chain whose last name spells an activation's API, and whose head the scope resolves, can name one in
      // the wrong module: skip the rest without their text.
      let next = t + 3;
      while (next + 1 < count && kind[next] === Tok.Op && text.charCodeAt(start[next]) === 46 && kind[next + 1] === Tok.Name) next += 2;
      const first = t;
      t = next - 1;
      if (!mayNameActivation(ts, next - 1)) continue;
      // The chain of the last verdict again (a file writes `F.relu` in every forward) is told by its names alone.
      const known = last && sameChain(ts, first, next, last.parts) ? last : (last = chainVerdict(verdicts, scope, ts, first, next));
      const { verdict } = known;
      if (!verdict) continue;
      const suggestion = verdict.module === 'torch.nn' && isCallAt(ts, next) && callArgs(ts, next).length > 0 ? verdict.call : verdict.other;
      report(ctx, index, known.text, verdict, suggestion, ts.start[first], ts.end[next - 1], ts.start[next - 1]);
    }
  }
}

/** The verdict of the chain `first .. next`, decided on its first occurrence and found again by its hash. */
function chainVerdict(verdicts: Map<number, ChainVerdict[]>, scope: RuleContext['parsed']['scope'], ts: TokenStream, first: number, next: number): ChainVerdict {
  const hash = chainHash(ts, first, next);
  const bucket = verdicts.get(hash);
  if (bucket) for (let i = 0; i < bucket.length; i++) if (sameChain(ts, first, next, bucket[i].parts)) return bucket[i];
  const text = readDotted(ts, first)!.text;
  const known = { parts: text.split('.'), text, verdict: mayQualify(scope, ts, first) ? verdictOf(scope, text) : null };
  if (bucket) bucket.push(known);
  else verdicts.set(hash, [known]);
  return known;
}

/** A dotted name's verdict, with its parts to tell it from another chain of the same hash. */
interface ChainVerdict {
  readonly parts: readonly string[];
  readonly text: string;
  readonly verdict: Verdict | null;
}

/** A hash of the names of the chain `first .. next` (names at every other token), read in place. */
function chainHash(ts: TokenStream, first: number, next: number): number {
  let h = FNV_START;
  for (let i = first; i < next; i += 2) h = fnvMix(fnv(h, ts.text, ts.start[i], ts.end[i]), 46);
  return smallHash(h);
}

/** Whether the chain `first .. next` has exactly these names. */
function sameChain(ts: TokenStream, first: number, next: number, parts: readonly string[]): boolean {
  if (parts.length !== (next - first + 1) / 2) return false;
  for (let p = 0, i = first; p < parts.length; p++, i += 2) {
    if (ts.end[i] - ts.start[i] !== parts[p].length || !ts.text.startsWith(parts[p], ts.start[i])) return false;
  }
  return true;
}

/** Squashed length and first letter of every activation API's last name (`leakyrelu` for `LeakyReLU`), by slot. */
let apiShapes: Uint8Array | undefined;
/** The first and last letters of every activation API's squashed last name, by slot (first * 128 + last). */
let apiEnds: Uint8Array | undefined;

/**
 * Whether the name token `t` may squash (lower case, no `_`) to some activation API's last name: compared by first
 * and last letter, then by length and first letter, without its text. Names that start with `_` never do; other
 * non-ASCII names are not told apart. (A verdict needs the squashed name to be an API's, verdictOf: a written
 * chain's last name is its qualified name's last.)
 */
function mayNameActivation(ts: TokenStream, t: number): boolean {
  if (!apiShapes || !apiEnds) {
    apiShapes = new Uint8Array(64 * 128);
    apiEnds = new Uint8Array(128 * 128);
    // `linear` names ordinary layers (nn.Linear), never a verdict (see verdictOf).
    for (const e of listActivations()) {
      if (e.name === 'linear') continue;
      for (const v of e.variants) for (const a of v.apis) {
        const last = squash(a.qualified.slice(a.qualified.lastIndexOf('.') + 1));
        if (!last) continue;
        apiShapes[nameShape(last.length, last.charCodeAt(0))] = 1;
        const first = last.charCodeAt(0);
        const end = last.charCodeAt(last.length - 1);
        if (first < 128 && end < 128) apiEnds[first * 128 + end] = 1;
      }
    }
  }
  const text = ts.text;
  const start = ts.start[t];
  const head = text.charCodeAt(start);
  if (head === 95) return false;
  // Most chains end in a name no API's begins and ends like (`self.fc1`, `x.view`): two characters tell them.
  const tail = text.charCodeAt(ts.end[t] - 1);
  if (head < 128 && tail < 128 && tail !== 95 && !apiEnds[lower(head) * 128 + lower(tail)]) return false;
  let length = 0;
  let first = -1;
  for (let i = start; i < ts.end[t]; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return true;
    if (c === 95) continue;
    if (first < 0) first = c >= 65 && c <= 90 ? c + 32 : c;
    length++;
  }
  return apiShapes[nameShape(length, first)] === 1;
}

/** An ASCII character code in lower case. */
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Lower case without `_`: how a written name is compared with an API's (`leaky_relu` ~ `LeakyReLU`). */
const squash = (s: string): string => s.toLowerCase().replace(/_/g, '');

function verdictOf(scope: RuleContext['parsed']['scope'], written: string): Verdict | null {
  const qualified = qualify(scope, written);
  if (!qualified) return null;
  const known = byQualified.get(qualified);
  if (known !== undefined) return known;
  if (byQualified.size >= MAX_VERDICTS) byQualified.clear();
  // Copies: a name built from a slice of the source keeps the whole text alive, and this memo outlives it.
  const verdict = ownCopy(verdictOfQualified(qualified));
  byQualified.set(ownCopy(qualified), verdict);
  return verdict;
}

/**
 * Verdicts by qualified name, a pure function of it (the catalog is fixed): every check of a file asks again for
 * the same few names (`torch.nn.functional.relu`), each resolved through the catalog. Bounded in entries.
 */
const byQualified = new Map<string, Verdict | null>();
const MAX_VERDICTS = 1024;

function verdictOfQualified(qualified: string): Verdict | null {
  const dot = qualified.lastIndexOf('.');
  const module = qualified.slice(0, dot);
  const last = qualified.slice(dot + 1);
  const kind = MODULES[module];
  if (!kind || lookupApi(qualified) || last.startsWith('_')) return null;
  const entry = findActivation(last);
  // `linear`/`identity` name ordinary layers (nn.Linear, nn.Identity), not misspelt activations.
  if (!entry || entry.name === 'linear') return null;
  // What the module does have for it: the class (for torch.nn / keras.layers) or the function.
  const framework = module.startsWith('torch') ? 'torch' : module.startsWith('keras') ? 'keras' : 'tf';
  const apis = entry.variants.filter((v) => v.framework === framework).flatMap((v) => v.apis);
  // Only a real name misplaced or mis-cased (`relu` for `ReLU`), never a different word that maps to an activation.
  const allApis = entry.variants.flatMap((v) => v.apis);
  if (!allApis.some((a) => squash(a.qualified.slice(a.qualified.lastIndexOf('.') + 1)) === squash(last))) return null;
  const sameModule = apis.find((a) => a.qualified.slice(0, a.qualified.lastIndexOf('.')) === module && a.kind !== 'method');
  const other = sameModule ? sameModule.qualified.slice(dot + 1) : undefined;
  // torch.nn.relu(x): a function call; the function lives in torch.nn.functional.
  const fn = module === 'torch.nn' ? apis.find((a) => a.qualified.startsWith('torch.nn.functional.') && a.kind === 'function' && !a.inplace && !a.deprecated) : undefined;
  return { module, last, call: module === 'torch.nn' ? (fn ? `functional.${fn.qualified.slice(20)}` : undefined) : other, other };
}

function report(ctx: RuleContext, index: number, written: string, verdict: Verdict, suggestion: string | undefined, start: number, end: number, lastStart: number): void {
  const fixes: Fix[] = [];
  if (suggestion) fixes.push({ title: `Use ${written.slice(0, written.lastIndexOf('.') + 1)}${suggestion}`, edits: [{ start: lastStart, end, newText: suggestion }], preferred: true });
  ctx.report({
    code: 'unknown-activation-api', unit: index, start, end, fixes,
    message: `${written} does not exist (${verdict.module} has no '${verdict.last}')${suggestion ? `; did you mean ${written.slice(0, written.lastIndexOf('.') + 1)}${suggestion}?` : '.'}`,
  });
}
