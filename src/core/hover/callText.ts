/** The call as written with defaults filled in, e.g. `nn.LeakyReLU(negative_slope=0.2, inplace=True)`. */
import type { ResolvedParams } from '../catalog/types';
import type { Usage } from '../scan/types';
import { pyValue } from './versions';

/** Parameters that never change what a hover explains and would only lengthen the call. */
const QUIET = new Set(['name', 'device', 'dtype', '_stacklevel']);

/** The text of the first argument of the call at `callStart` in `source` (`x` in `F.relu(x)`), if short. */
function firstArgument(source: string | undefined, usage: Usage): string | undefined {
  if (!source || usage.callStart === undefined || usage.callEnd === undefined) return undefined;
  const open = source.indexOf('(', usage.start);
  if (open < 0 || open >= usage.callEnd) return undefined;
  let depth = 0;
  for (let i = open + 1; i < usage.callEnd && i < open + 200; i++) {
    const c = source[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return source.slice(open + 1, i).trim() || undefined;
      depth--;
    } else if (c === ',' && depth === 0) return source.slice(open + 1, i).trim() || undefined;
  }
  return undefined;
}

/**
 * Builds the call text and the names of the parameters that were filled from defaults.
 * Strings and references are shown as the call they stand for (`Dense(activation='relu')` means `relu(x)`).
 */
export function callWithDefaults(usage: Usage, resolved: ResolvedParams, source?: string): { call: string; filled: string[] } {
  const written = new Set(Object.keys(usage.params));
  const variantParams = resolved.variant.params.filter((p) => !p.plotOnly && !QUIET.has(p.name));
  const filled: string[] = [];
  const args: string[] = [];
  for (const p of variantParams) {
    const value = resolved.params[p.name];
    if (value === undefined) continue;
    // A deprecated spelling (Keras 3 `alpha=`) stays as written, so the call matches the code.
    const alias = p.deprecatedAliases?.find((a) => written.has(a));
    if (!written.has(p.name) && !alias) filled.push(p.name);
    args.push(`${alias && !written.has(p.name) ? alias : p.name}=${pyValue(value)}`);
  }
  // Unknown parameters are shown as written (the hover lists them as problems).
  const known = new Set(variantParams.flatMap((p) => [p.name, ...(p.deprecatedAliases ?? [])]));
  for (const [k, v] of Object.entries(usage.params)) {
    if (!known.has(k) && !QUIET.has(k)) args.push(`${k}=${pyValue(v)}`);
  }
  const api = resolved.variant.apis.find((a) => a.kind === (usage.form === 'layer' ? 'layer' : usage.form === 'method' ? 'method' : 'function')) ?? resolved.variant.apis[0];
  let callee = usage.written;
  let input: string | undefined;
  if (usage.form === 'function') input = firstArgument(source, usage) ?? 'x';
  if (usage.form === 'method') {
    // The scanner writes methods as `.softmax`: show them on a tensor named x.
    callee = usage.written.startsWith('.') ? `x${usage.written}` : usage.written;
  } else if (usage.form === 'string' || usage.form === 'reference' || usage.form === 'dynamic') {
    const qualified = api?.qualified ?? usage.qualified ?? usage.name;
    callee = qualified.replace(/^torch\.nn\.functional\./, 'F.').replace(/^torch\.nn\./, 'nn.');
    input = api?.kind === 'layer' ? undefined : 'x';
  }
  const all = input ? [input, ...args] : args;
  const call = `${callee}(${all.join(', ')})`;
  if (usage.form === 'string') return { call: `${usage.keyword ?? 'activation'}=${pyValue(usage.raw ?? usage.name)}  →  ${call}`, filled };
  return { call, filled };
}
