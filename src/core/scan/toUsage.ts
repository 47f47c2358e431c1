/**
 * Turns the detector's offset-based findings into the public `Usage` shape with lines and columns.
 * Every usage object has the same keys in the same order (absent ones undefined), so V8 keeps one hidden class
 * and re-analysis can copy thousands of them cheaply.
 */
import type { LineIndex } from '../python/lineIndex';
import type { RawUsage } from './detect';
import type { Framework, ParamValue, Usage, UsageForm } from './types';

/**
 * A usage. A class, not an object literal: a check of a large file keeps its usages through young collections, so
 * V8 made the literal's allocation site allocate in the old generation, and every later check's and edit's usages
 * went there too, dead at the next version but freed only by a full collection, and keeping alive (promoting) the
 * young objects they point to until then. A class instance is always made young.
 */
class ScannedUsage implements Usage {
  constructor(
    readonly name: string, readonly framework: Framework, readonly form: UsageForm, readonly line: number, readonly col: number,
    readonly endLine: number, readonly endCol: number, readonly start: number, readonly end: number,
    readonly params: Readonly<Record<string, ParamValue>>, readonly written: string, readonly valid: boolean | undefined,
    readonly raw: string | undefined, readonly qualified: string | undefined, readonly keyword: string | undefined,
    readonly callStart: number | undefined, readonly callEnd: number | undefined, readonly definitionStart: number | undefined,
    readonly definitionCell: number | undefined, readonly cell: number | undefined,
  ) {}
}

export function toUsage(raw: RawUsage, lines: LineIndex, cell: number | undefined): Usage {
  const from = lines.position(raw.start);
  const to = lines.position(raw.end);
  return new ScannedUsage(
    raw.name, raw.framework, raw.form, from.line, from.col, to.line, to.col, raw.start, raw.end, raw.params, raw.written, raw.valid,
    raw.raw, raw.qualified, raw.keyword, raw.callStart, raw.callEnd, raw.definitionStart,
    cell === undefined || raw.definitionStart === undefined ? undefined : raw.definitionUnit ?? cell, cell,
  );
}

/** The same usage moved by whole lines (columns unchanged) and by `offsetDelta` characters. */
export function shiftUsage(u: Usage, offsetDelta: number, lineDelta: number, definitionDelta: number): Usage {
  return new ScannedUsage(
    u.name, u.framework, u.form, u.line + lineDelta, u.col, u.endLine + lineDelta, u.endCol, u.start + offsetDelta, u.end + offsetDelta,
    u.params, u.written, u.valid, u.raw, u.qualified, u.keyword,
    u.callStart === undefined ? undefined : u.callStart + offsetDelta,
    u.callEnd === undefined ? undefined : u.callEnd + offsetDelta,
    u.definitionStart === undefined ? undefined : u.definitionStart + definitionDelta,
    u.definitionCell, u.cell,
  );
}
