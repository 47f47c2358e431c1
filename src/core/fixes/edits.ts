/**
 * Edit builders over a token stream: remove an argument, add a keyword argument, replace a range. Every edit is
 * tagged with the unit (file or notebook cell) of its stream.
 */
import type { CallArg } from '../python/callArgs';
import type { TokenStream } from '../python/tokenizer';
import type { TextEdit } from '../rules/types';
import { inStream, NOWHERE } from './units';

/** Offset where an argument starts, including its `keyword=`. */
function argStart(ts: TokenStream, arg: CallArg): number {
  return ts.start[arg.keyword ? arg.from - 2 : arg.star ? arg.from - 1 : arg.from];
}

function argEnd(ts: TokenStream, arg: CallArg): number {
  return ts.end[arg.to - 1];
}

/**
 * Removes argument `index` and one separating comma. Comments between arguments survive: when one sits in the
 * gap, only the comma and the argument itself are deleted, as two edits.
 */
export function removeArgument(ts: TokenStream, args: readonly CallArg[], index: number): TextEdit[] {
  return removeArgumentEdits(ts, args, index).map((e) => inStream(ts, e));
}

function removeArgumentEdits(ts: TokenStream, args: readonly CallArg[], index: number): TextEdit[] {
  const arg = args[index];
  const start = argStart(ts, arg);
  const end = argEnd(ts, arg);
  const text = ts.text;
  if (index > 0) {
    const comma = ts.start[args[index - 1].to]; // the `,` token after the previous argument
    const gap = text.slice(comma + 1, start);
    if (!gap.includes('#')) return [{ start: comma, end, newText: '' }];
    return [{ start: comma, end: comma + 1, newText: '' }, { start, end, newText: '' }];
  }
  if (args.length > 1) {
    const next = argStart(ts, args[1]);
    const gap = text.slice(end, next);
    if (!gap.includes('#')) return [{ start, end: next, newText: '' }];
    const comma = ts.start[arg.to];
    return [{ start, end: comma + 1, newText: '' }];
  }
  return [{ start, end, newText: '' }];
}

/**
 * Appends `text` (e.g. `dim=1`) as the last argument of the call whose `(` is `open`. A call left open (no `)`,
 * e.g. at the end of a file being typed) gets an edit at NOWHERE, so its fix is dropped rather than misplaced.
 */
export function appendArgument(ts: TokenStream, open: number, args: readonly CallArg[], text: string): TextEdit {
  const close = ts.match[open];
  if (close === undefined || close < 0) return { start: NOWHERE, end: NOWHERE, newText: text };
  if (args.length === 0) return inStream(ts, { start: ts.start[close], end: ts.start[close], newText: text });
  const at = argEnd(ts, args[args.length - 1]);
  return inStream(ts, { start: at, end: at, newText: `, ${text}` });
}

/** Replaces the value of an argument (keeps its keyword). */
export function replaceArgumentValue(ts: TokenStream, arg: CallArg, newText: string): TextEdit {
  return inStream(ts, { start: ts.start[arg.from], end: argEnd(ts, arg), newText });
}

