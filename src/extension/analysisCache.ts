// Runs in the extension host: one scan per document version, shared by hovers, diagnostics and the panel.
import * as vscode from 'vscode';
import { scanCells, scanPython } from '../core/scan';
import { IncrementalScan } from '../core/scan/incremental';
import { blankCells } from '../core/scan/notebook';
import { analyseCells, analysisOf, usageAt, type CellText, type DocumentAnalysis } from '../core/scan/documentAnalysis';
import type { ScanResult, Usage } from '../core/scan';
import type { WorkspaceModules } from './workspaceModules';

export type { DocumentAnalysis };

interface Entry {
  readonly key: string;
  readonly analysis: DocumentAnalysis;
  /** Kept current through edits, so typing re-analyses only the statements around the cursor. */
  readonly incremental?: IncrementalScan;
}

interface NotebookEntry {
  readonly key: string;
  readonly cells: Map<number, DocumentAnalysis>;
}

const EMPTY: DocumentAnalysis = { usages: [], notes: [], source: '' };

/**
 * Caches scan results by document URI and version. Notebook cells are scanned together (imports in any cell
 * apply to all), keyed by the versions of all code cells, so editing one cell rescans the notebook once.
 */
export class AnalysisCache implements vscode.Disposable {
  private readonly documents = new Map<string, Entry>();
  private readonly notebooks = new Map<string, NotebookEntry>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** How many scans ran; tests and logs use it to prove nothing is repeated. */
  scans = 0;

  constructor(
    private readonly modules?: WorkspaceModules,
    private readonly scan: (text: string) => ScanResult = scanPython,
    private readonly scanNotebookCells?: (cells: readonly CellText[]) => ScanResult,
  ) {
    // A project module a document imports arrived or changed: its next analysis is a fresh one.
    if (modules) this.subscriptions.push(modules.onDidChange((uris) => { for (const uri of uris) { this.documents.delete(uri); this.notebooks.delete(uri); } }));
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.applyEdits(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.documents.delete(d.uri.toString())),
      vscode.workspace.onDidCloseNotebookDocument((n) => this.notebooks.delete(n.uri.toString())),
    );
  }

  /** The analysis of a Python document or notebook cell at its current version. Never throws. */
  get(document: vscode.TextDocument): DocumentAnalysis {
    if (document.uri.scheme === 'vscode-notebook-cell') {
      const notebook = findNotebook(document);
      if (notebook) return this.forNotebook(notebook).get(cellIndex(notebook, document)) ?? EMPTY;
    }
    const uri = document.uri.toString();
    const key = String(document.version);
    const hit = this.documents.get(uri);
    if (hit && hit.key === key) return hit.analysis;
    const text = document.getText();
    let incremental: IncrementalScan | undefined;
    const analysis = this.safeScan(() => {
      if (this.scan !== scanPython) return analysisOf(this.scan(text), text);
      incremental = new IncrementalScan(text, { file: uri, modules: this.modules });
      return analysisOf(incremental.result, text);
    });
    this.documents.set(uri, { key, analysis, incremental });
    return analysis;
  }

  /** Brings a cached document's analysis to its new version from the edit alone, when it was current before it. */
  private applyEdits(e: vscode.TextDocumentChangeEvent): void {
    const uri = e.document.uri.toString();
    const entry = this.documents.get(uri);
    if (!entry?.incremental || e.contentChanges.length === 0) return;
    if (entry.key !== String(e.document.version - 1)) {
      this.documents.delete(uri);
      return;
    }
    const text = e.document.getText();
    const changes = e.contentChanges.map((c) => ({ offset: c.rangeOffset, deleted: c.rangeLength, inserted: c.text }));
    const incremental = entry.incremental;
    const analysis = this.safeScan(() => analysisOf(incremental.update(text, changes), text));
    this.documents.set(uri, { key: String(e.document.version), analysis, incremental });
  }

  /** Analyses of every code cell of a notebook, by cell index. */
  forNotebook(notebook: vscode.NotebookDocument): Map<number, DocumentAnalysis> {
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const key = `${notebook.version}:${cells.map((c) => `${c.index}.${c.document.version}`).join(',')}`;
    const uri = notebook.uri.toString();
    const hit = this.notebooks.get(uri);
    if (hit && hit.key === key) return hit.cells;
    const texts = blankCells(cells.map((c) => ({ index: c.index, text: c.document.getText() })));
    let result: Map<number, DocumentAnalysis>;
    try {
      this.scans++;
      const context = { file: uri, modules: this.modules };
      result = analyseCells(texts, this.scanNotebookCells ?? ((c) => scanCells(c, context)));
    } catch {
      result = new Map();
    }
    this.notebooks.set(uri, { key, cells: result });
    return result;
  }

  /** The usage under a position, from the cached analysis. */
  usageAt(document: vscode.TextDocument, position: vscode.Position): { usage: Usage; analysis: DocumentAnalysis } | undefined {
    const analysis = this.get(document);
    if (analysis.usages.length === 0) return undefined;
    const usage = usageAt(analysis, document.offsetAt(position));
    return usage ? { usage, analysis } : undefined;
  }

  private safeScan(run: () => DocumentAnalysis): DocumentAnalysis {
    this.scans++;
    try {
      return run();
    } catch {
      // The scanner promises never to throw; if it ever does, a hover must still not fail.
      return EMPTY;
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.documents.clear();
    this.notebooks.clear();
  }
}

function findNotebook(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  // A cell's URI has its notebook's path; checking cells confirms it (untitled notebooks share no path).
  return vscode.workspace.notebookDocuments.find((n) => n.uri.path === document.uri.path && n.getCells().some((c) => c.document === document))
    ?? vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === document));
}

function cellIndex(notebook: vscode.NotebookDocument, document: vscode.TextDocument): number {
  return notebook.getCells().find((c) => c.document === document)?.index ?? -1;
}
