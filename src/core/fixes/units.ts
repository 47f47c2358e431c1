/**
 * Which unit (file or notebook cell) an edit belongs to. A fix found in one cell may edit another (the model in
 * one cell, its `compile` in the next), so every edit names the unit whose text its offsets index. The runner
 * binds each unit's token stream before the rules run; the edit builders read the binding, so a rule that edits
 * through a token stream gets the right cell without saying so.
 */
import type { TokenStream } from '../python/tokenizer';
import type { TextEdit } from '../rules/types';
/** Records that `ts` is the token stream of unit `unit` (called by the runner for every unit it checks). */
export function bindUnit(ts: TokenStream, unit: number): void {
  ts.unit = unit;
}

/** The edit tagged with the unit of `ts`, when that stream was bound. */
export function inStream(ts: TokenStream, edit: TextEdit): TextEdit {
  const unit = ts.unit;
  // Made field by field (a spread per edit cost more than the edit): an edit is { start, end, newText, unit? }.
  return unit === undefined || edit.unit !== undefined ? edit : { start: edit.start, end: edit.end, newText: edit.newText, unit };
}

/** A replacement of [start, end) in unit `unit`'s text. */
export function editIn(unit: number, start: number, end: number, newText: string): TextEdit {
  return { start, end, newText, unit };
}

/** Offsets no text has: an edit holding them makes the runner drop its fix (e.g. a call whose `)` is missing). */
export const NOWHERE = -1;

/** The edits, those that name no unit tagged with `unit` (for edits computed from one unit's offsets). */
export function inUnit<E extends TextEdit>(unit: number, edits: readonly E[]): TextEdit[] {
  return edits.map((e) => (e.unit === undefined ? { ...e, unit } : e));
}
