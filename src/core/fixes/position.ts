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

/** The fix with every edit positioned in its unit (`home` when the edit names none), or undefined when it cannot be. */
export function placeFix(targets: readonly EditTarget[], home: number, fix: Fix): Fix<PositionedEdit> | undefined {
  const edits: (TextEdit & { unit: number })[] = [];
  for (const e of fix.edits) {
    const unit = e.unit ?? home;
    const target = targets[unit];
    if (!target || !validOffsets(e, target.text.length)) return undefined;
    edits.push({ ...e, unit });
  }
  if (!edits.length) return undefined;
  // Sorted and non-overlapping: one undoable change in any editor.
  edits.sort((x, y) => x.unit - y.unit || x.start - y.start || x.end - y.end);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i].unit === edits[i - 1].unit && edits[i].start < edits[i - 1].end) return undefined;
  }
  return {
    ...fix,
    edits: edits.map((e) => {
      const target = targets[e.unit];
      const a = target.lines.position(e.start);
      const b = target.lines.position(e.end);
      return { start: e.start, end: e.end, newText: e.newText, unit: e.unit, line: a.line, col: a.col, endLine: b.line, endCol: b.col, ...(target.cell === undefined ? {} : { cell: target.cell }) };
    }),
  };
}

/** Every fix that can be placed, in order. */
export function placeFixes(targets: readonly EditTarget[], home: number, fixes: readonly Fix[] | undefined): Fix<PositionedEdit>[] {
  const out: Fix<PositionedEdit>[] = [];
  for (const fix of fixes ?? []) {
    const placed = placeFix(targets, home, fix);
    if (placed) out.push(placed);
  }
  return out;
}
