/**
 * One line index per scanned unit: the scanner builds one to place usages, and the rules (placing findings and
 * fixes) and the model graph (layer ranges) need the same one. Kept by unit object, so a new version gets its own.
 */
import { LineIndex } from '../python/lineIndex';
import type { ScanUnit } from './index';

const indexes = new WeakMap<ScanUnit, LineIndex>();

/** The line index of a unit's text, built on first use unless the scanner already left its own. */
export function unitLines(unit: ScanUnit): LineIndex {
  let lines = indexes.get(unit);
  if (!lines) indexes.set(unit, (lines = new LineIndex(unit.text)));
  return lines;
}

/** Records the index the scanner built for a unit's text (it must be of that text). */
export function keepUnitLines(unit: ScanUnit, lines: LineIndex): ScanUnit {
  indexes.set(unit, lines);
  return unit;
}
