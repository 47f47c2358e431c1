/** Fuzzy lookups: any spelling a user might type (class names, Keras strings, qualified names) -> canonical name. */
import { distance } from 'fastest-levenshtein';

import { lookupApi } from './apiNames';
import { setSuggester } from './params';
import { ENTRIES, getActivation, normaliseName } from './registry';
import type { ActivationEntry } from './types';

/** Every spelling mapped to its canonical name, keyed by a squashed form (lower case, no `_`, `-`, spaces). */
let spellings: Map<string, string> | undefined;

const squash = (s: string): string => s.toLowerCase().replace(/[\s_\-.]+/g, '');

function table(): Map<string, string> {
  if (spellings) return spellings;
  const t = new Map<string, string>();
  const add = (s: string, name: string): void => { if (!t.has(squash(s))) t.set(squash(s), name); };
  for (const e of ENTRIES) {
    add(e.name, e.name);
    for (const a of e.aliases) add(a, e.name);
    add(e.title, e.name);
    for (const v of e.variants) {
      for (const s of v.strings ?? []) add(s, e.name);
      for (const api of v.apis) add(api.qualified.split('.').pop() ?? '', e.name);
    }
  }
  return (spellings = t);
}

/**
 * The entry for any spelling: canonical names and aliases, class names (`LeakyReLU`, `Hardswish`), Keras strings
 * (`hard_swish`, `log_sigmoid`), function names (`relu_`) and qualified names (`torch.nn.functional.gelu`).
 */
export function findActivation(text: string): ActivationEntry | undefined {
  const direct = getActivation(text);
  if (direct) return direct;
  const api = text.includes('.') ? lookupApi(text) : undefined;
  if (api) return getActivation(api.name);
  const hit = table().get(squash(normaliseName(text)));
  return hit ? getActivation(hit) : undefined;
}

/** 1 when b is a with two adjacent letters swapped (`gleu` / `gelu`), the commonest typo; else Infinity. */
function transposed(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === (diff[0] as number) + 1 && a[diff[0] as number] === b[diff[1] as number] && a[diff[1] as number] === b[diff[0] as number] ? 1 : Infinity;
}

/** Canonical names closest to what was typed, best first (at most `max`, only plausible ones). */
export function closestNames(text: string, max = 3): readonly string[] {
  const q = squash(text);
  if (!q) return [];
  const best = new Map<string, number>();
  for (const [spelling, name] of table()) {
    const d = spelling.startsWith(q) || q.startsWith(spelling) ? Math.min(1, distance(q, spelling)) : Math.min(distance(q, spelling), transposed(q, spelling));
    if (d < (best.get(name) ?? Infinity)) best.set(name, d);
  }
  const limit = Math.max(2, Math.floor(q.length / 3));
  return [...best.entries()].filter(([, d]) => d <= limit).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, max).map(([n]) => n);
}

setSuggester(closestNames);
