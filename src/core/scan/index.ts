/** Public entry points of the scanner: Python text, notebook cells or notebook JSON in, usages out. Never throws. */
import { LineIndex } from '../python/lineIndex';
import { tokenize, type TokenStream } from '../python/tokenizer';
import { detectRaw } from './detect';
import { readNotebook } from './notebook';
import { collectScope, emptyScope, type Scope } from './scope';
import { toUsage } from './toUsage';
import { keepUnitLines } from './unitLines';
import type { ScanResult, Usage } from './types';
import { WrapperTable, type ScanContext } from './wrappers';

export type { Framework, ParamValue, ScanResult, Usage, UsageForm } from './types';
export type { Scope } from './scope';
export type { ModuleSource, ScanContext } from './wrappers';
export { readNotebook } from './notebook';
export { cellNumber } from './cellNumber';
export { unitLines } from './unitLines';

/** Whether text looks like binary data rather than source (a NUL byte near the start). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).indexOf('\0') !== -1;
}

/** Finds every activation usage in one Python source. */
export function scanPython(text: string, context?: ScanContext): ScanResult {
  if (looksBinary(text)) return { usages: [], notes: ['binary data: not scanned'] };
  const unit = parsePython(text, context).units[0];
  return { usages: unit.usages, notes: unit.notes };
}

/** One scanned text (a file, or one notebook cell) with the token stream the scanner built for it. */
export interface ScanUnit {
  readonly text: string;
  readonly ts: TokenStream;
  readonly usages: readonly Usage[];
  /** Problems the scanner survived (kept for logs). */
  readonly notes: readonly string[];
  /** Notebook cell index, for cells. */
  readonly cell?: number;
}

/** What rules need beyond usages: the token streams and the resolved import scope, so nothing is tokenized twice. */
export interface ParsedSource {
  readonly scope: Scope;
  readonly units: readonly ScanUnit[];
}

/** Like `scanPython`, but also returns the token stream and scope (binary text yields one empty unit). */
export function parsePython(text: string, context?: ScanContext): ParsedSource {
  const scope = emptyScope();
  if (looksBinary(text)) return { scope, units: [{ text: '', ts: tokenize(''), usages: [], notes: ['binary data: not scanned'] }] };
  const ts = tokenize(text);
  collectScope(ts, scope);
  scope.wrappers = new WrapperTable([ts], context);
  const lines = new LineIndex(text);
  const notes: string[] = [];
  return { scope, units: [keepUnitLines({ text, ts, usages: detectRaw(ts, scope, notes).map((u) => toUsage(u, lines, undefined)), notes }, lines)] };
}

/** Like `scanCells`, but per cell with its token stream, and the scope shared by all cells. */
export function parseCells(cells: readonly { readonly index: number; readonly text: string }[], context?: ScanContext): ParsedSource {
  const streams = cells.map((c) => (looksBinary(c.text) ? undefined : tokenize(c.text)));
  const scope = emptyScope();
  streams.forEach((ts, i) => { if (ts) collectScope(ts, scope, cells[i].index); });
  scope.wrappers = new WrapperTable(streams.filter((ts): ts is TokenStream => ts !== undefined), context);
  const units: ScanUnit[] = [];
  streams.forEach((ts, i) => {
    if (!ts) return;
    const lines = new LineIndex(cells[i].text);
    const notes: string[] = [];
    const usages = detectRaw(ts, scope, notes).map((raw) => toUsage(raw, lines, cells[i].index));
    units.push(keepUnitLines({ text: cells[i].text, ts, cell: cells[i].index, usages, notes }, lines));
  });
  return { scope, units };
}

/**
 * Scans notebook cells as one program: imports and definitions from any cell apply to every cell, but each cell
 * is tokenized alone so a broken cell cannot swallow the next. `index` is reported as `cell`.
 */
export function scanCells(cells: readonly { readonly index: number; readonly text: string }[], context?: ScanContext): ScanResult {
  const usages: Usage[] = [];
  const notes: string[] = [];
  for (const unit of parseCells(cells, context).units) {
    usages.push(...unit.usages);
    notes.push(...unit.notes);
  }
  return { usages, notes };
}

/** Scans a notebook's JSON text; broken JSON yields what could be recovered and a note. */
export function scanNotebook(json: string): ScanResult {
  if (looksBinary(json)) return { usages: [], notes: ['binary data: not a notebook'] };
  const read = readNotebook(json);
  const result = scanCells(read.cells);
  return { usages: result.usages, notes: [...read.problems, ...result.notes] };
}
