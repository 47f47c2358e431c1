/**
 * The raw `source` of each code cell of a notebook, located in the JSON text, and a writer that replaces only the
 * sources that changed: every other byte (layout, outputs, metadata, key order) stays as it was.
 */
import { parseTree, type Node } from 'jsonc-parser';

export interface CellSource {
  /** Index into the notebook's `cells` array. */
  readonly index: number;
  /** The cell's source as one string (IPython magics not blanked). */
  readonly text: string;
  /** Where the `source` value sits in the JSON text. */
  readonly offset: number;
  readonly length: number;
  /** A list of lines (nbformat's usual form) or one string. */
  readonly form: 'lines' | 'string';
}

function child(node: Node | undefined, key: string): Node | undefined {
  const prop = node?.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === key);
  return prop?.children?.[1];
}

/** Code cells with readable sources, or undefined when the JSON is not a clean nbformat 4 notebook. */
export function notebookSources(json: string): CellSource[] | undefined {
  const errors: { error: number }[] = [];
  const root = parseTree(json, errors as never[], { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length) return undefined;
  const cells = child(root, 'cells');
  if (!cells || cells.type !== 'array') return undefined;
  const out: CellSource[] = [];
  (cells.children ?? []).forEach((cell, index) => {
    if (child(cell, 'cell_type')?.value !== 'code') return;
    const source = child(cell, 'source');
    if (!source) return;
    if (source.type === 'string') out.push({ index, text: source.value as string, offset: source.offset, length: source.length, form: 'string' });
    else if (source.type === 'array' && (source.children ?? []).every((c) => c.type === 'string')) {
      out.push({ index, text: (source.children ?? []).map((c) => c.value as string).join(''), offset: source.offset, length: source.length, form: 'lines' });
    }
  });
  return out;
}

/** Lines as nbformat stores them: each keeps its newline, the last one may not have one. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The JSON text of a new source, laid out like the old one (same indentation, one line per element). */
function sourceJson(json: string, cell: CellSource, text: string): string {
  if (cell.form === 'string') return JSON.stringify(text);
  const lines = splitLines(text);
  if (lines.length === 0) return '[]';
  const old = json.slice(cell.offset, cell.offset + cell.length);
  const firstBreak = /^\[(\r?\n)([ \t]*)/.exec(old);
  if (!firstBreak) return `[${lines.map((l) => JSON.stringify(l)).join(', ')}]`;
  const [, eol, indent] = firstBreak;
  const closing = /(?:\r?\n)([ \t]*)\]$/.exec(old)?.[1] ?? '';
  return `[${eol}${lines.map((l) => indent + JSON.stringify(l)).join(`,${eol}`)}${eol}${closing}]`;
}

/** The notebook JSON with the sources of `changed` cells (by index) replaced. */
export function replaceCellSources(json: string, cells: readonly CellSource[], changed: ReadonlyMap<number, string>): string {
  let out = json;
  for (const cell of [...cells].sort((a, b) => b.offset - a.offset)) {
    const text = changed.get(cell.index);
    if (text === undefined || text === cell.text) continue;
    out = out.slice(0, cell.offset) + sourceJson(json, cell, text) + out.slice(cell.offset + cell.length);
  }
  return out;
}
