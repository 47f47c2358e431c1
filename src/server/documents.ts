/**
 * Open documents and notebooks, each with the core's one analysis per version (src/core/analysis): a Python file
 * follows incremental edits (only the statements around an edit are scanned again), a notebook's code cells are
 * analysed together as one program, like in VS Code. Hovers, diagnostics, code actions and plots all read it.
 */
import { NotebookCellKind, NotebookDocuments, TextDocumentContentChangeEvent, TextDocuments, type NotebookDocument } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeCells, analyzePython, optionsKey, PythonDocument, type Analysis, type AnalysisOptions } from '../core/analysis';
import { cellViews, documentView, type DocumentAnalysis } from '../core/scan/documentAnalysis';

/** Biggest text analysed (UTF-16 code units): bigger documents get no hovers or diagnostics rather than a stall. */
export const MAX_TEXT = 8 * 1024 * 1024;

const EMPTY: DocumentAnalysis = { usages: [], notes: [], source: '' };

/** A document the server can answer for: a Python file, or a code cell of an open notebook. */
export interface Target {
  readonly document: TextDocument;
  /** For notebook cells: the notebook and the cell's index in it (markdown cells counted). */
  readonly notebook?: NotebookDocument;
  readonly cell?: number;
}

/** The analysis a request reads, and the usage lookup of the requested document (a file, or one cell). */
export interface Analysed {
  readonly analysis: Analysis;
  readonly lookup: DocumentAnalysis;
}

interface TextEntry {
  version: number;
  document?: PythonDocument;
  /** Usages of this version sorted for position lookups (the hover memo keys on this object). */
  lookup?: DocumentAnalysis;
}

interface NotebookEntry {
  readonly key: string;
  analysis?: Analysis;
  cells?: Map<number, DocumentAnalysis>;
}

export class DocumentStore {
  readonly texts: TextDocuments<TextDocument>;
  readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly textEntries = new Map<string, TextEntry>();
  private readonly notebookEntries = new Map<string, NotebookEntry>();
  /** How many full analyses and incremental edits ran; tests use it to prove nothing is repeated. */
  analyses = 0;

  constructor() {
    this.texts = new TextDocuments({
      create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
      update: (document, changes, version) => {
        const next = TextDocument.update(document, changes, version);
        this.followEdit(document, next, changes);
        return next;
      },
    });
    this.texts.onDidClose((e) => this.textEntries.delete(e.document.uri));
    this.notebooks.onDidClose((n) => this.notebookEntries.delete(n.uri));
  }

  /** The Python document or notebook code cell at `uri`, when open. */
  find(uri: string): Target | undefined {
    const text = this.texts.get(uri);
    if (text) return text.languageId === 'python' || text.languageId === '' ? { document: text } : undefined;
    const notebook = this.notebooks.findNotebookDocumentForCell(uri);
    const cell = this.notebooks.getNotebookCell(uri);
    const document = cell && this.notebooks.getCellTextDocument(cell);
    if (!notebook || !cell || !document || cell.kind !== NotebookCellKind.Code || document.languageId !== 'python') return undefined;
    return { document, notebook, cell: notebook.cells.indexOf(cell) };
  }

  /** The analysis of a document (or of its notebook, for a cell) at its current version with these options. */
  analyze(target: Target, options: AnalysisOptions): Analysed {
    return target.notebook ? this.analyzeNotebook(target.notebook, target.cell ?? -1, options) : this.analyzeText(target.document, options);
  }

  private analyzeText(document: TextDocument, options: AnalysisOptions): Analysed {
    let entry = this.textEntries.get(document.uri);
    if (!entry || entry.version !== document.version) this.textEntries.set(document.uri, (entry = { version: document.version }));
    const text = document.getText();
    if (text.length > MAX_TEXT) return { analysis: analyzePython('', options), lookup: EMPTY };
    if (!entry.document) {
      this.analyses++;
      entry.document = new PythonDocument(text, options);
    } else if (optionsKey(entry.document.analysis.options) !== optionsKey(options)) {
      entry.document.setOptions(options);
    }
    const analysis = entry.document.analysis;
    entry.lookup ??= documentView(analysis);
    return { analysis, lookup: entry.lookup };
  }

  private analyzeNotebook(notebook: NotebookDocument, cell: number, options: AnalysisOptions): Analysed {
    const cells = notebook.cells.map((c) => `${this.notebooks.getCellTextDocument(c)?.version ?? -1}`).join(',');
    const key = `${notebook.version}:${cells}`;
    let entry = this.notebookEntries.get(notebook.uri);
    if (!entry || entry.key !== key) this.notebookEntries.set(notebook.uri, (entry = { key }));
    const texts = this.cellTexts(notebook);
    if (!entry.analysis) {
      this.analyses++;
      entry.analysis = analyzeCells(texts, options);
    } else if (optionsKey(entry.analysis.options) !== optionsKey(options)) {
      entry.analysis = entry.analysis.withOptions(options);
    }
    const analysis = entry.analysis;
    entry.cells ??= cellViews(analysis);
    return { analysis, lookup: entry.cells.get(cell) ?? EMPTY };
  }

  /** The Python code cells of a notebook: index in the notebook (markdown cells counted), text and URI. */
  cellTexts(notebook: NotebookDocument): { index: number; text: string; uri: string }[] {
    const out: { index: number; text: string; uri: string }[] = [];
    notebook.cells.forEach((cell, index) => {
      if (cell.kind !== NotebookCellKind.Code) return;
      const document = this.notebooks.getCellTextDocument(cell);
      if (!document || document.languageId !== 'python') return;
      out.push({ index, text: document.getText().slice(0, MAX_TEXT), uri: cell.document });
    });
    return out;
  }

  /**
   * Brings a document's analysis to its new version from the edit alone, when it was current before it:
   * typing re-analyses only the statements around the cursor.
   */
  private followEdit(before: TextDocument, after: TextDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
    const entry = this.textEntries.get(before.uri);
    if (!entry) return;
    const document = entry.version === before.version ? entry.document : undefined;
    this.textEntries.delete(before.uri);
    const change = changes.length === 1 ? changes[0] : undefined;
    if (!document || !change || !TextDocumentContentChangeEvent.isIncremental(change) || after.getText().length > MAX_TEXT) return;
    const offset = before.offsetAt(change.range.start);
    const deleted = before.offsetAt(change.range.end) - offset;
    try {
      document.edit(after.getText(), [{ offset, deleted, inserted: change.text }]);
      this.textEntries.set(after.uri, { version: after.version, document });
    } catch {
      // Analysed afresh on the next request.
    }
  }
}
