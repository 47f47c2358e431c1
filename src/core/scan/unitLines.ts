/**
 * One line index per scanned unit: the scanner builds one to place usages, and the rules (placing findings and
 * fixes) and the model graph (layer ranges) need the same one. Kept by unit object, so a new version gets its own.
 */
import { LineIndex } from '../python/lineIndex';
import { MemoOnKey } from '../memoOnKey';

/** A scanned unit (ScanUnit), by the one field read here: the scanner's index imports this file. */
type Unit = { readonly text: string };

const indexes = new MemoOnKey<Unit, LineIndex>('lines');

/** The line index of a unit's text, built on first use unless the scanner already left its own. */
export function unitLines(unit: Unit): LineIndex {
  let lines = indexes.get(unit);
  if (!lines) indexes.set(unit, (lines = new LineIndex(unit.text)));
  return lines;
}

/** Records the index the scanner built for a unit's text (it must be of that text). */
export function keepUnitLines<T extends Unit>(unit: T, lines: LineIndex): T {
  indexes.set(unit, lines);
  return unit;
}
