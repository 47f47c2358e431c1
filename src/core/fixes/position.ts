/**
 * Places a fix's edits in the text they belong to: each edit in its own unit (file or notebook cell), with line and
 * column from that unit's text only. A fix that cannot be placed whole (an offset outside its unit, edits that
 * overlap) is dropped: a wrong edit costs more than a missing one, and positions are never null.
 */
import type { LineIndex } from '../python/lineIndex';
import type { Fix, PositionedEdit, TextEdit } from '../rules/types';

/** One unit's text as the runner sees it. */
export interface EditTarget {
  readonly text: string;
  readonly lines: LineIndex;
  /** Notebook cell index, for cells. */
  readonly cell?: number;
}

function validOffsets(e: TextEdit, length: number): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start <= e.end && e.end <= length && typeof e.newText === 'string';
}

/**
 * The fix with every edit positioned in its unit (`home` when the edit names none), or undefined when it cannot be.
 * Runs on every fix of every finding: edits are read where they are (no copies), and a single edit is not sorted.
 */
export function placeFix(targets: readonly EditTarget[], home: number, fix: Fix): Fix<PositionedEdit> | undefined {
  const edits = fix.edits;
  if (!edits.length) return undefined;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i];
    const target = targets[e.unit ?? home];
    if (!target || !validOffsets(e, target.text.length)) return undefined;
  }
  let ordered = edits;
  if (edits.length > 1) {
    // Sorted and non-overlapping: one undoable change in any editor. Most rules write their edits in order already:
    // those are not copied (the sort is stable, so it would keep that order).
    const order = (x: TextEdit, y: TextEdit): number => (x.unit ?? home) - (y.unit ?? home) || x.start - y.start || x.end - y.end;
    let sorted = true;
    for (let i = 1; i < edits.length && sorted; i++) if (order(edits[i - 1], edits[i]) > 0) sorted = false;
    if (!sorted) ordered = [...edits].sort(order);
    for (let i = 1; i < ordered.length; i++) {
      if ((ordered[i].unit ?? home) === (ordered[i - 1].unit ?? home) && ordered[i].start < ordered[i - 1].end) return undefined;
    }
  }
  // Made at its final length (a list grown by push takes room for 17): one per fix of every finding.
  const placed = new Array<PositionedEdit>(ordered.length);
  for (let i = 0; i < ordered.length; i++) placed[i] = positioned(targets, ordered[i], ordered[i].unit ?? home);
  // Made field by field, in the order every rule writes a fix (a spread per fix cost more than placing its edits).
  const { title, preferred } = fix;
  return preferred === undefined ? { title, edits: placed } : { title, edits: placed, preferred };
}

/** An edit with line and column in its unit's text (and the cell it changes). */
function positioned(targets: readonly EditTarget[], e: TextEdit, unit: number): PositionedEdit {
  const { lines, cell } = targets[unit];
  const line = lines.lineAt(e.start);
  const endLine = lines.lineAt(e.end);
  const col = e.start - lines.lineStart(line);
  const endCol = e.end - lines.lineStart(endLine);
  return cell === undefined
    ? { start: e.start, end: e.end, newText: e.newText, unit, line, col, endLine, endCol }
    : { start: e.start, end: e.end, newText: e.newText, unit, line, col, endLine, endCol, cell };
}

/** Every fix that can be placed, in order. */
export function placeFixes(targets: readonly EditTarget[], home: number, fixes: readonly Fix[] | undefined): Fix<PositionedEdit>[] {
  if (!fixes) return [];
  // Made at its final length, then cut to the fixes that could be placed (a list grown by push takes room for 17).
  const out = new Array<Fix<PositionedEdit>>(fixes.length);
  let n = 0;
  for (let i = 0; i < fixes.length; i++) {
    const placed = placeFix(targets, home, fixes[i]);
    if (placed) out[n++] = placed;
  }
  if (n < out.length) out.length = n;
  return out;
}
