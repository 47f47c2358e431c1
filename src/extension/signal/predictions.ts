// Runs in the extension host: the models of a document and their predictions, computed once per version.
import * as vscode from 'vscode';
import { buildGraph } from '../../core/model';
import { parseCells, parsePython, type ParsedSource } from '../../core/scan';
import { blankMagics } from '../../core/scan/notebook';
import { predictModels, type ModelSignal } from '../../core/signal';

const MAX_TEXT = 2_000_000;
const cache = new Map<string, { version: string; models: readonly ModelSignal[] }>();

/** The notebook a cell document belongs to. */
function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === document));
}

/** The document's (or its notebook's) source, keyed by version; `parse` runs only when the version is new. */
function source(document: vscode.TextDocument): { key: string; version: string; parse(): ParsedSource | undefined } {
  const notebook = notebookOf(document);
  if (notebook) {
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    return {
      key: notebook.uri.toString(),
      version: cells.map((c) => `${c.index}:${c.document.version}`).join(','),
      parse: () => (cells.reduce((n, c) => n + c.document.getText().length, 0) > MAX_TEXT ? undefined : parseCells(cells.map((c) => ({ index: c.index, text: blankMagics(c.document.getText()) })))),
    };
  }
  return {
    key: document.uri.toString(),
    version: String(document.version),
    parse: () => {
      const text = document.getText();
      return text.length > MAX_TEXT ? undefined : parsePython(text);
    },
  };
}

/** Predictions for every model of the document (for a notebook cell: of the whole notebook). Never throws. */
export function modelsOf(document: vscode.TextDocument): readonly ModelSignal[] {
  try {
    const s = source(document);
    const hit = cache.get(s.key);
    if (hit && hit.version === s.version) return hit.models;
    const parsed = s.parse();
    const models = parsed ? predictModels(parsed, buildGraph(parsed)) : [];
    if (cache.size > 50) cache.clear();
    cache.set(s.key, { version: s.version, models });
    return models;
  } catch {
    return [];
  }
}

/** The notebook cell index of a cell document (undefined for plain files). */
export function cellIndexOf(document: vscode.TextDocument): number | undefined {
  const notebook = notebookOf(document);
  return notebook?.getCells().find((c) => c.document === document)?.index;
}
