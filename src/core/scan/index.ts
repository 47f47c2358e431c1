/** Public entry points of the scanner: Python text, notebook cells or notebook JSON in, usages out. Never throws. */
import { LineIndex } from '../python/lineIndex';
import { tokenize, type TokenStream } from '../python/tokenizer';
import { Detector, type RawUsage } from './detect';
import { readNotebook } from './notebook';
import { collectScope, emptyScope, type Scope } from './scope';
import type { ScanResult, Usage } from './types';

export type { Framework, ParamValue, ScanResult, Usage, UsageForm } from './types';
export { readNotebook } from './notebook';

/** Whether text looks like binary data rather than source (a NUL byte near the start). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).indexOf('\0') !== -1;
}

function toUsage(raw: RawUsage, lines: LineIndex, cell: number | undefined): Usage {
  const from = lines.position(raw.start);
  const to = lines.position(raw.end);
  const usage: Usage = {
    name: raw.name, framework: raw.framework, form: raw.form, line: from.line, col: from.col, endLine: to.line,
    endCol: to.col, start: raw.start, end: raw.end, params: raw.params, written: raw.written,
    ...(raw.valid === undefined ? {} : { valid: raw.valid }),
    ...(raw.raw === undefined ? {} : { raw: raw.raw }),
    ...(raw.qualified === undefined ? {} : { qualified: raw.qualified }),
    ...(raw.keyword === undefined ? {} : { keyword: raw.keyword }),
    ...(raw.callStart === undefined ? {} : { callStart: raw.callStart }),
    ...(raw.callEnd === undefined ? {} : { callEnd: raw.callEnd }),
    ...(raw.definitionStart === undefined ? {} : { definitionStart: raw.definitionStart }),
    ...(cell === undefined ? {} : { cell }),
  };
  return usage;
}

function detectIn(ts: TokenStream, scope: Scope): RawUsage[] {
  const raw: RawUsage[] = [];
  new Detector(ts, scope, raw).run();
  raw.sort((a, b) => a.start - b.start);
  return raw;
}

/** Finds every activation usage in one Python source. */
export function scanPython(text: string): ScanResult {
  if (looksBinary(text)) return { usages: [], notes: ['binary data: not scanned'] };
  const ts = tokenize(text);
  const scope = emptyScope();
  collectScope(ts, scope);
  const lines = new LineIndex(text);
  return { usages: detectIn(ts, scope).map((u) => toUsage(u, lines, undefined)), notes: [] };
}

/**
 * Scans notebook cells as one program: imports and definitions from any cell apply to every cell, but each cell
 * is tokenized alone so a broken cell cannot swallow the next. `index` is reported as `cell`.
 */
export function scanCells(cells: readonly { readonly index: number; readonly text: string }[]): ScanResult {
  const streams = cells.map((c) => (looksBinary(c.text) ? undefined : tokenize(c.text)));
  const scope = emptyScope();
  streams.forEach((ts, i) => { if (ts) collectScope(ts, scope, cells[i].index); });
  const usages: Usage[] = [];
  streams.forEach((ts, i) => {
    if (!ts) return;
    const lines = new LineIndex(cells[i].text);
    for (const raw of detectIn(ts, scope)) usages.push(toUsage(raw, lines, cells[i].index));
  });
  return { usages, notes: [] };
}

/** Scans a notebook's JSON text; broken JSON yields what could be recovered and a note. */
export function scanNotebook(json: string): ScanResult {
  if (looksBinary(json)) return { usages: [], notes: ['binary data: not a notebook'] };
  const read = readNotebook(json);
  const result = scanCells(read.cells);
  return { usages: result.usages, notes: [...read.problems, ...result.notes] };
}
