/**
 * Reads code cells out of notebook JSON, forgiving broken files: a tolerant JSON parser recovers what it can, and
 * IPython magics and shell lines are blanked (same length, so positions stay true).
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';

export interface NotebookCell {
  /** Index into the notebook's `cells` array (markdown cells counted). */
  readonly index: number;
  readonly text: string;
}

export interface NotebookRead {
  readonly cells: readonly NotebookCell[];
  /** Why nothing (or not everything) could be read; empty when the JSON was clean. */
  readonly problems: readonly string[];
}

/** Cell magics whose body is not Python. */
const NON_PYTHON_CELL_MAGIC = /^%%(?!time\b|timeit\b|capture\b|prun\b|debug\b)/;

/** Blanks IPython-only lines (`%matplotlib inline`, `!pip install`, `%%time`) so the rest tokenizes as Python. */
export function blankMagics(source: string): string {
  if (NON_PYTHON_CELL_MAGIC.test(source.trimStart())) return source.replace(/[^\n]/g, ' ');
  if (source.indexOf('%') === -1 && source.indexOf('!') === -1 && source.indexOf('?') === -1) return source;
  return source.replace(/^([ \t]*)([%!][^\n]*|[^\n#]*\?\??[ \t]*)$/gm, (line, indent: string, rest: string) => {
    if (rest.startsWith('%') || rest.startsWith('!')) return indent + ' '.repeat(rest.length);
    // `nn.ReLU?` help lines: an identifier followed by ? or ??
    if (/^[A-Za-z_][\w.]*\?\??[ \t]*$/.test(rest)) return indent + ' '.repeat(rest.length);
    return line;
  });
}

function sourceText(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source)) return source.filter((s): s is string => typeof s === 'string').join('');
  return undefined;
}

/** Code cells of a notebook's JSON text. Never throws. */
export function readNotebook(json: string): NotebookRead {
  const errors: ParseError[] = [];
  let data: unknown;
  try {
    data = parseJsonc(json, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    return { cells: [], problems: [`not a notebook: ${String(error)}`] };
  }
  const problems = errors.length ? [`broken notebook JSON at offset ${errors[0].offset}`] : [];
  if (!data || typeof data !== 'object') return { cells: [], problems: [...problems, 'not a notebook: no JSON object'] };
  const root = data as { cells?: unknown; worksheets?: unknown };
  // nbformat 4 has `cells`; nbformat 3 kept them in `worksheets[0].cells` with `input` instead of `source`.
  const list = Array.isArray(root.cells)
    ? root.cells
    : Array.isArray(root.worksheets) && root.worksheets[0] && Array.isArray((root.worksheets[0] as { cells?: unknown }).cells)
      ? (root.worksheets[0] as { cells: unknown[] }).cells
      : undefined;
  if (!list) return { cells: [], problems: [...problems, 'not a notebook: no cells'] };
  const cells: NotebookCell[] = [];
  list.forEach((cell, index) => {
    if (!cell || typeof cell !== 'object') return;
    const c = cell as { cell_type?: unknown; source?: unknown; input?: unknown; metadata?: { language?: unknown } };
    if (c.cell_type !== 'code') return;
    const text = sourceText(c.source ?? c.input);
    if (text !== undefined) cells.push({ index, text: blankMagics(text) });
  });
  return { cells, problems };
}
