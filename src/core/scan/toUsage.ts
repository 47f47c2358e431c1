/**
 * Turns the detector's offset-based findings into the public `Usage` shape with lines and columns.
 * Every usage object has the same keys in the same order (absent ones undefined), so V8 keeps one hidden class
 * and re-analysis can copy thousands of them cheaply.
 */
import type { LineIndex } from '../python/lineIndex';
import type { RawUsage } from './detect';
import type { Usage } from './types';

export function toUsage(raw: RawUsage, lines: LineIndex, cell: number | undefined): Usage {
  const from = lines.position(raw.start);
  const to = lines.position(raw.end);
  return {
    name: raw.name, framework: raw.framework, form: raw.form, line: from.line, col: from.col, endLine: to.line,
    endCol: to.col, start: raw.start, end: raw.end, params: raw.params, written: raw.written, valid: raw.valid,
    raw: raw.raw, qualified: raw.qualified, keyword: raw.keyword, callStart: raw.callStart, callEnd: raw.callEnd,
    definitionStart: raw.definitionStart,
    definitionCell: cell === undefined || raw.definitionStart === undefined ? undefined : raw.definitionUnit ?? cell, cell,
  };
}

/** The same usage moved by whole lines (columns unchanged) and by `offsetDelta` characters. */
export function shiftUsage(u: Usage, offsetDelta: number, lineDelta: number, definitionDelta: number): Usage {
  return {
    name: u.name, framework: u.framework, form: u.form, line: u.line + lineDelta, col: u.col,
    endLine: u.endLine + lineDelta, endCol: u.endCol, start: u.start + offsetDelta, end: u.end + offsetDelta,
    params: u.params, written: u.written, valid: u.valid, raw: u.raw, qualified: u.qualified, keyword: u.keyword,
    callStart: u.callStart === undefined ? undefined : u.callStart + offsetDelta,
    callEnd: u.callEnd === undefined ? undefined : u.callEnd + offsetDelta,
    definitionStart: u.definitionStart === undefined ? undefined : u.definitionStart + definitionDelta,
    definitionCell: u.definitionCell, cell: u.cell,
  };
}
