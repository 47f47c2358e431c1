/**
 * Open documents and notebooks, and one analysis per document version: the scan (for hovers and plots) and the
 * check (for diagnostics and code actions), both from the core. Text documents follow incremental edits through
 * the core's incremental scanner; notebook cells are analysed together, as one program, like in VS Code.
 */
import { NotebookCellKind, NotebookDocuments, TextDocumentContentChangeEvent, TextDocuments, type NotebookDocument } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkCells, checkPython, type CheckOptions, type CheckResult } from '../core/rules';
import { scanCells } from '../core/scan';
import { analyseCells, analysisOf, type DocumentAnalysis } from '../core/scan/documentAnalysis';
import { IncrementalScan } from '../core/scan/incremental';
import { blankCells } from '../core/scan/notebook';

/** Biggest text analysed (bytes of UTF-16 text): bigger documents get no hovers or diagnostics rather than a stall. */
export const MAX_TEXT = 8 * 1024 * 1024;

const EMPTY: DocumentAnalysis = { usages: [], notes: [], source: '' };
const NO_CHECK: CheckResult = { findings: [], refactorsAt: () => [] };

/** A document the server can answer for: a Python file, or a code cell of an open notebook. */
export interface Target {
  readonly document: TextDocument;
  /** For notebook cells: the notebook and the cell's index in it (markdown cells counted). */
  readonly notebook?: NotebookDocument;
  readonly cell?: number;
}

interface TextEntry {
  version: number;
  scan?: IncrementalScan;
  analysis?: DocumentAnalysis;
  check?: { key: string; result: CheckResult };
}

interface NotebookEntry {
  key: string;
  analyses?: Map<number, DocumentAnalysis>;
  check?: { key: string; result: CheckResult };
}

export class DocumentStore {
  readonly texts: TextDocuments<TextDocument>;
  readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly textEntries = new Map<string, TextEntry>();
  private readonly notebookEntries = new Map<string, NotebookEntry>();
  /** How many scans and checks ran; tests use it to prove nothing is repeated. */
  scans = 0;
  checks = 0;

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

  /** The usages of a document or cell at its current version. Never throws. */
  analysis(target: Target): DocumentAnalysis {
    if (target.notebook) return this.notebookAnalyses(target.notebook).get(target.cell ?? -1) ?? EMPTY;
    const { document } = target;
    const entry = this.entry(document);
    if (!entry.analysis) {
      const text = document.getText();
      if (text.length > MAX_TEXT) return EMPTY;
      this.scans++;
      try {
        entry.scan ??= new IncrementalScan(text);
        entry.analysis = analysisOf(entry.scan.result, text);
      } catch {
        entry.scan = undefined;
        entry.analysis = EMPTY; // the scanner promises never to throw; if it does, requests must still answer
      }
    }
    return entry.analysis;
  }

  /** The check of a document (or a notebook, for a cell) at its current version with these options. */
  check(target: Target, options: CheckOptions): CheckResult {
    const key = JSON.stringify(options);
    if (target.notebook) {
      const entry = this.notebookEntry(target.notebook);
      if (entry.check?.key !== key) entry.check = { key, result: this.safeCheck(() => checkCells(this.cellTexts(target.notebook as NotebookDocument), options)) };
      return entry.check.result;
    }
    const entry = this.entry(target.document);
    if (entry.check?.key !== key) {
      const text = target.document.getText();
      entry.check = { key, result: text.length > MAX_TEXT ? NO_CHECK : this.safeCheck(() => checkPython(text, options)) };
    }
    return entry.check.result;
  }

  /** The Python code cells of a notebook, with magics blanked (same length, so positions stay right). */
  cellTexts(notebook: NotebookDocument): { index: number; text: string; uri: string }[] {
    const out: { index: number; text: string; uri: string }[] = [];
    notebook.cells.forEach((cell, index) => {
      if (cell.kind !== NotebookCellKind.Code) return;
      const document = this.notebooks.getCellTextDocument(cell);
      if (!document || document.languageId !== 'python') return;
      out.push({ index, text: document.getText().slice(0, MAX_TEXT), uri: cell.document });
    });
    return blankCells(out);
  }

  private notebookAnalyses(notebook: NotebookDocument): Map<number, DocumentAnalysis> {
    const entry = this.notebookEntry(notebook);
    if (!entry.analyses) {
      this.scans++;
      try {
        entry.analyses = analyseCells(this.cellTexts(notebook), scanCells);
      } catch {
        entry.analyses = new Map();
      }
    }
    return entry.analyses;
  }

  /** The notebook's entry, reset when its version or any cell's version moved. */
  private notebookEntry(notebook: NotebookDocument): NotebookEntry {
    const cells = notebook.cells.map((c) => `${this.notebooks.getCellTextDocument(c)?.version ?? -1}`).join(',');
    const key = `${notebook.version}:${cells}`;
    let entry = this.notebookEntries.get(notebook.uri);
    if (!entry || entry.key !== key) this.notebookEntries.set(notebook.uri, (entry = { key }));
    return entry;
  }

  private entry(document: TextDocument): TextEntry {
    let entry = this.textEntries.get(document.uri);
    if (!entry || entry.version !== document.version) {
      // The incremental scanner survives a version change only through followEdit.
      entry = { version: document.version };
      this.textEntries.set(document.uri, entry);
    }
    return entry;
  }

  /**
   * Brings a document's scan to its new version from the edit alone, when the scan was current before it:
   * typing re-analyses only the statements around the cursor.
   */
  private followEdit(before: TextDocument, after: TextDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
    const entry = this.textEntries.get(before.uri);
    if (!entry) return;
    const scan = entry.version === before.version ? entry.scan : undefined;
    this.textEntries.delete(before.uri);
    const change = changes.length === 1 ? changes[0] : undefined;
    if (!scan || !change || !TextDocumentContentChangeEvent.isIncremental(change) || after.getText().length > MAX_TEXT) return;
    const offset = before.offsetAt(change.range.start);
    const deleted = before.offsetAt(change.range.end) - offset;
    try {
      this.scans++;
      const text = after.getText();
      const analysis = analysisOf(scan.update(text, [{ offset, deleted, inserted: change.text }]), text);
      this.textEntries.set(after.uri, { version: after.version, scan, analysis });
    } catch {
      // Analysed afresh on the next request.
    }
  }

  private safeCheck(run: () => CheckResult): CheckResult {
    this.checks++;
    try {
      return run();
    } catch {
      return NO_CHECK; // the core promises not to throw; a bug must not break the session
    }
  }
}
