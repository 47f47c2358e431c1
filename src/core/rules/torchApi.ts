/** PyTorch call-site rules: `softmax-without-dim`, `deprecated-activation-api`, `unknown-activation-api`. */
import { callArgs } from '../python/callArgs';
import { Tok, tokenIs } from '../python/tokenizer';
import { lookupApi } from '../catalog/apiNames';
import { findActivation } from '../catalog/names';
import { appendArgument } from '../fixes/edits';
import type { RuleContext } from './context';
import { tokenAt, usagesOf } from './context';
import { isCallAt } from './model/layers';
import { mayQualify, qualify, readDotted, skipDotted } from './model/resolve';
import type { Fix, TextEdit } from './types';

const DIM_NAMES = new Set(['softmax', 'log_softmax', 'softmin']);

export function softmaxWithoutDim(ctx: RuleContext): void {
  for (const { usage, unit, index } of usagesOf(ctx)) {
    if (usage.framework !== 'torch' || !DIM_NAMES.has(usage.name)) continue;
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
  const torchAlias = [...ctx.parsed.scope.aliases].find(([, target]) => target === 'torch')?.[0];
  for (const { usage, unit, index } of usagesOf(ctx)) {
    const q = usage.qualified;
    if (usage.framework !== 'torch' || (q !== 'torch.nn.functional.sigmoid' && q !== 'torch.nn.functional.tanh')) continue;
    const fn = q.slice(q.lastIndexOf('.') + 1);
    const edits: TextEdit[] = [{ start: usage.start, end: usage.end, newText: `${torchAlias ?? 'torch'}.${fn}` }];
    if (!torchAlias) edits.unshift({ start: 0, end: 0, newText: 'import torch\n' });
    void unit;
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
  // The verdict depends on the written name alone (the scope is fixed): decided once per name, not per occurrence.
  const verdicts = new Map<string, Verdict | null>();
  ctx.parsed.units.forEach((unit, index) => {
    const { ts } = unit;
    for (let t = 0; t < ts.count; t++) {
      if (ts.kind[t] !== Tok.Name || (t > 0 && tokenIs(ts, t - 1, '.'))) continue;
      // Only a chain whose head the scope resolves can name a framework module: skip the rest without its text.
      if (!mayQualify(scope, ts, t)) { t = skipDotted(ts, t) - 1; continue; }
      const chain = readDotted(ts, t);
      if (!chain) continue;
      t = chain.next - 1;
      if (chain.text.lastIndexOf('.') === -1) continue;
      let verdict = verdicts.get(chain.text);
      if (verdict === undefined) {
        verdict = verdictOf(scope, chain.text);
        verdicts.set(chain.text, verdict);
      }
      if (!verdict) continue;
      const suggestion = verdict.module === 'torch.nn' && isCallAt(ts, chain.next) && callArgs(ts, chain.next).length > 0 ? verdict.call : verdict.other;
      report(ctx, index, chain.text, verdict, suggestion, ts.start[chain.first], ts.end[chain.next - 1], ts.start[chain.next - 1]);
    }
  });
}

function verdictOf(scope: RuleContext['parsed']['scope'], written: string): Verdict | null {
  const qualified = qualify(scope, written);
  if (!qualified) return null;
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
  const squash = (s: string): string => s.toLowerCase().replace(/_/g, '');
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
