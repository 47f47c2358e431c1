/**
 * Reads code cells out of notebook JSON, forgiving broken files: a tolerant JSON parser recovers what it can, and
 * IPython magics and shell lines are blanked (same length, so positions stay true).
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';

interface NotebookCell {
  /** Index into the notebook's `cells` array (markdown cells counted). */
  readonly index: number;
  readonly text: string;
}

interface NotebookRead {
  readonly cells: readonly NotebookCell[];
  /** Why nothing (or not everything) could be read; empty when the JSON was clean. */
  readonly problems: readonly string[];
}

/**
 * Cell magics whose body is Python: IPython's own (`%%time`, `%%capture`, ...) and those of common extensions
 * (ipyparallel's `%%px`, memory_profiler's `%%memit`, line_profiler's `%%lprun`). Any other cell magic
 * (`%%bash`, `%%html`, `%%writefile`, `%%sql`) has a body in another language and is skipped, unless the notebook
 * registers it itself.
 */
const PYTHON_CELL_MAGICS: ReadonlySet<string> = new Set([
  'time', 'timeit', 'capture', 'prun', 'debug', 'px', 'memit', 'mprun', 'lprun', 'snakeviz', 'pyinstrument', 'scalene',
]);

/** `%%name args` on the cell's first non-blank line: the magic's name. */
function cellMagicName(source: string): string | undefined {
  const m = /^\s*%%([A-Za-z_][\w.]*)/.exec(source);
  return m ? m[1] : undefined;
}

/**
 * Cell magics a notebook defines in its own code (`@register_cell_magic def skip(line, cell)`, `@cell_magic`,
 * `@register_line_cell_magic`, `register_magic_function(fn, 'cell', 'name')`): their bodies are usually Python
 * run through the notebook's own function, so they are scanned.
 */
export function registeredCellMagics(sources: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const source of sources) {
    if (source.indexOf('magic') === -1) continue;
    const decorated = /^[ \t]*@(?:[\w.]+\.)?(?:register_cell_magic|register_line_cell_magic|cell_magic|line_cell_magic)(?:\(\s*(?:['"]([A-Za-z_]\w*)['"])?\s*\))?[ \t]*\r?\n[ \t]*def[ \t]+([A-Za-z_]\w*)/gm;
    for (let m = decorated.exec(source); m; m = decorated.exec(source)) names.add(m[1] ?? m[2]);
    const called = /register_magic_function\(\s*([A-Za-z_]\w*)\s*,\s*(?:magic_kind\s*=\s*)?['"](?:cell|line_cell)['"](?:\s*,\s*(?:magic_name\s*=\s*)?['"]([A-Za-z_]\w*)['"])?/g;
    for (let m = called.exec(source); m; m = called.exec(source)) names.add(m[2] ?? m[1]);
  }
  return names;
}

/**
 * Blanks IPython-only lines (`%matplotlib inline`, `!pip install`, `%%time`) so the rest tokenizes as Python; a cell
 * whose cell magic takes another language is blanked whole. `pythonMagics` are cell magics the notebook registered.
 */
export function blankMagics(source: string, pythonMagics: ReadonlySet<string> = NO_MAGICS): string {
  const magic = cellMagicName(source);
  if (magic !== undefined && !PYTHON_CELL_MAGICS.has(magic) && !pythonMagics.has(magic)) return source.replace(/[^\n\r]/g, ' ');
  if (source.indexOf('%') === -1 && source.indexOf('!') === -1 && source.indexOf('?') === -1) return source;
  return source.replace(/^([ \t]*)([%!][^\n\r]*|[^\n\r#]*\?\??[ \t]*)$/gm, (line, indent: string, rest: string) => {
    if (rest.startsWith('%') || rest.startsWith('!')) return indent + ' '.repeat(rest.length);
    // `nn.ReLU?` help lines: an identifier followed by ? or ??
    if (/^[A-Za-z_][\w.]*\?\??[ \t]*$/.test(rest)) return indent + ' '.repeat(rest.length);
    return line;
  });
}

const NO_MAGICS: ReadonlySet<string> = new Set();

/** Blanks magics in every cell of one notebook, with the cell magics the notebook registers itself. */
export function blankCells<T extends { readonly text: string }>(cells: readonly T[]): T[] {
  const registered = registeredCellMagics(cells.map((c) => c.text));
  return cells.map((c) => ({ ...c, text: blankMagics(c.text, registered) }));
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
    if (text !== undefined) cells.push({ index, text });
  });
  return { cells: blankCells(cells), problems };
}
