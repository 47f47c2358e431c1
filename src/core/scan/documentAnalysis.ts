/**
 * One document's (or notebook's) usages with position lookups, shared by every editor adapter (VS Code, the language server):
 * cells are scanned as one text (so imports from any cell apply to every cell) and usages are mapped back.
 */
import type { Usage } from './types';
import type { Analysis } from '../analysis/analysis';

/** Usages of one document (or one notebook cell), sorted by start offset, with a position lookup. */
export interface DocumentAnalysis {
  readonly usages: readonly Usage[];
  readonly notes: readonly string[];
  /** The document's (or cell's) text. */
  readonly source: string;
  /** For notebook cells: every code cell's text by cell index. */
  readonly cells?: ReadonlyMap<number, string>;
  /** The whole document's (or notebook's) analysis: versions with reasons, findings, model graph. */
  readonly analysis?: Analysis;
}

function sortedByStart(usages: readonly Usage[]): readonly Usage[] {
  for (let i = 1; i < usages.length; i++) if (usages[i - 1].start > usages[i].start) return [...usages].sort((a, b) => a.start - b.start);
  return usages;
}

/** The view of a Python document's analysis. */
export function documentView(analysis: Analysis): DocumentAnalysis {
  const unit = analysis.parsed.units[0];
  return { usages: sortedByStart(unit?.usages ?? []), notes: analysis.notes, source: unit?.text ?? '', analysis };
}

/** One view per code cell of a notebook's analysis, positions relative to each cell, by cell index. */
export function cellViews(analysis: Analysis): Map<number, DocumentAnalysis> {
  const texts = new Map(analysis.parsed.units.map((u) => [u.cell ?? 0, u.text]));
  const out = new Map<number, DocumentAnalysis>();
  for (const unit of analysis.parsed.units) {
    out.set(unit.cell ?? 0, { usages: sortedByStart(unit.usages), notes: analysis.notes, source: unit.text, cells: texts, analysis });
  }
  return out;
}

/**
 * The usage under `offset`: its anchor range first; otherwise the innermost call (layer, function, method)
 * that contains the offset, so hovering an argument of `nn.LeakyReLU(0.2)` still explains the layer.
 */
export function usageAt(analysis: DocumentAnalysis, offset: number): Usage | undefined {
  const list = analysis.usages;
  let lo = 0;
  let hi = list.length - 1;
  // Last usage starting at or before offset.
  let idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= offset) { idx = mid; lo = mid + 1; } else hi = mid - 1;
  }
  for (let i = idx; i >= 0 && i > idx - 8; i--) {
    if (list[i].start <= offset && offset <= list[i].end) return list[i];
  }
  let best: Usage | undefined;
  for (let i = idx; i >= 0 && i > idx - 32; i--) {
    const u = list[i];
    if (u.callStart === undefined || u.callEnd === undefined) continue;
    if (u.form !== 'layer' && u.form !== 'function' && u.form !== 'method') continue;
    if (u.callStart <= offset && offset < u.callEnd && (!best || u.callEnd - u.callStart < (best.callEnd as number) - (best.callStart as number))) best = u;
  }
  return best;
}

/**
 * The text a custom usage's `definitionStart` indexes: its own document, or in a notebook the cell whose text
 * has a definition of that name (or a lambda) at that offset.
 */
export function definitionSource(analysis: DocumentAnalysis, usage: Usage): string | undefined {
  const at = usage.definitionStart;
  if (at === undefined) return undefined;
  const defines = (text: string): boolean => {
    const head = text.slice(at, at + 200);
    if (usage.name === 'lambda') return head.startsWith('lambda');
    return new RegExp(`^(?:async\\s+)?(?:def|class)\\s+${usage.name.replace(/\W/g, '')}\\b`).test(head) || /^lambda\b/.test(head);
  };
  if (defines(analysis.source)) return analysis.source;
  for (const text of analysis.cells?.values() ?? []) if (defines(text)) return text;
  return undefined;
}
