/** Makes a framework name usable at a fix's location, adding an import at most once. */
import { lineBreakAfter, pastLineBreak } from '../python/lineIndex';
import { Tok, tokenIs, tokenText, type TokenStream } from '../python/tokenizer';
import type { Scope } from '../scan';
import { normalizeModule } from '../scan/scope';
import type { TextEdit } from '../rules/types';
import { inStream } from './units';
import { MemoOnKey } from '../memoOnKey';

interface FromImport {
  readonly module: string;
  /** Local names it binds. */
  readonly names: readonly string[];
  /** Offset just after the last imported name (where `, X` can go). */
  readonly lastNameEnd: number;
}

const importCache = new MemoOnKey<TokenStream, { froms: FromImport[]; insertAt: number }>('imports');

/** Imports of a token stream, read once: many fixes in one file ask. */
function importsOf(ts: TokenStream): { froms: FromImport[]; insertAt: number } {
  let hit = importCache.get(ts);
  if (!hit) importCache.set(ts, (hit = { froms: fromImports(ts), insertAt: importInsertionPoint(ts) }));
  return hit;
}

/** Top-level `from M import a, b as c` statements of one token stream. */
function fromImports(ts: TokenStream): FromImport[] {
  const out: FromImport[] = [];
  for (let t = 0; t < ts.count; t++) {
    if (ts.indent[t] !== 0 || !tokenIs(ts, t, 'from')) continue;
    let i = t + 1;
    let module = '';
    while (i < ts.count && ts.kind[i] !== Tok.Newline && !tokenIs(ts, i, 'import')) module += tokenText(ts, i++);
    if (!tokenIs(ts, i, 'import') || tokenIs(ts, i + 1, '*')) continue;
    const names: string[] = [];
    let lastNameEnd = -1;
    for (i++; i < ts.count && ts.kind[i] !== Tok.Newline; i++) {
      if (ts.kind[i] !== Tok.Name) continue;
      if (tokenIs(ts, i, 'as')) continue;
      if (tokenIs(ts, i - 1, 'as')) names[names.length - 1] = tokenText(ts, i);
      else names.push(tokenText(ts, i));
      lastNameEnd = ts.end[i];
    }
    if (lastNameEnd >= 0) out.push({ module, names, lastNameEnd });
  }
  return out;
}

/** Offset after the last top-level import line (0 when none), where a new import line goes. */
function importInsertionPoint(ts: TokenStream): number {
  let at = 0;
  for (let t = 0; t < ts.count; t++) {
    if (ts.indent[t] !== 0) continue;
    if (tokenIs(ts, t, 'import') || tokenIs(ts, t, 'from')) {
      let e = t;
      while (e < ts.count && ts.kind[e] !== Tok.Newline) e++;
      at = pastLineBreak(ts.text, lineBreakAfter(ts.text, ts.end[e - 1]));
    } else if (ts.kind[t] === Tok.String && at === 0) {
      // A module docstring: imports go after it.
      at = pastLineBreak(ts.text, lineBreakAfter(ts.text, ts.end[t]));
    } else if (at > 0) break;
  }
  return at;
}

interface NameAccess {
  /** What to write in code, e.g. `LeakyReLU` or `layers.LeakyReLU`. */
  readonly expr: string;
  /** The import edit needed first, if any. */
  readonly edit?: TextEdit;
}

/**
 * How to write the class `qualified` (e.g. `keras.layers.LeakyReLU`) at a place where `sibling` (e.g. `layers.Dense`,
 * `Dense`) is written. Reuses an existing import, the sibling's module prefix, or the sibling's `from` import;
 * otherwise adds one line `from <module> import <Name>`.
 */
export function accessName(ts: TokenStream, scope: Scope, qualified: string, sibling: string, fallbackModule: string): NameAccess {
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  // The first alias of it that no local shadows (forEach: a for-of over the entries made a pair per alias per call).
  let alias: string | undefined;
  scope.aliases.forEach((target, local) => {
    if (alias === undefined && target === qualified && !scope.locals.has(local)) alias = local;
  });
  if (alias !== undefined) return { expr: alias };
  const dot = sibling.lastIndexOf('.');
  if (dot !== -1) return { expr: `${sibling.slice(0, dot)}.${last}` };
  const module = qualified.slice(0, qualified.lastIndexOf('.'));
  const existing = importsOf(ts).froms.find((f) => f.names.includes(sibling) && normalizeModule(f.module) === module);
  if (existing) return { expr: last, edit: inStream(ts, { start: existing.lastNameEnd, end: existing.lastNameEnd, newText: `, ${last}` }) };
  const at = importsOf(ts).insertAt;
  return { expr: last, edit: inStream(ts, { start: at, end: at, newText: `from ${fallbackModule} import ${last}\n` }) };
}
