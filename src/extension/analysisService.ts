// Runs in the extension host: the one analysis per document version that hovers, diagnostics, code actions, the
// panel and the usages command all read. Created once at activation; it owns the settings snapshots and the
// dependency files, so the target versions are resolved in one place, each with its reason.
import * as vscode from 'vscode';
import { analyzeCells, optionsKey, PythonDocument, resolveOptions, type Analysis, type AnalysisOptions } from '../core/analysis';
import type { Usage } from '../core/scan';
import { cellViews, documentView, usageAt, type DocumentAnalysis } from '../core/scan/documentAnalysis';
import { DependencyFiles } from './dependencyFiles';
import { ProjectConfigs } from './projectConfig';
import { SettingsStore, type Settings } from './settings';
import type { WorkspaceModules } from './workspaceModules';

export type { DocumentAnalysis };

const CELL_SCHEME = 'vscode-notebook-cell';

interface DocumentEntry {
  readonly version: number;
  readonly document: PythonDocument;
  view: DocumentAnalysis;
}

interface NotebookEntry {
  readonly key: string;
  readonly analysis: Analysis;
  readonly cells: ReadonlyMap<number, DocumentAnalysis>;
}

const EMPTY: DocumentAnalysis = { usages: [], notes: [], source: '' };

export class AnalysisService implements vscode.Disposable {
  readonly settings = new SettingsStore();
  /** The project configuration file, a settings layer over the editor's settings. */
  private readonly configs = new ProjectConfigs();
  private readonly dependencies = new DependencyFiles();
  private readonly documents = new Map<string, DocumentEntry>();
  private readonly notebooks = new Map<string, NotebookEntry>();
  private readonly options = new Map<string, AnalysisOptions>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires when the options change (settings, a layer, a dependency file): analyses are then derived again. */
  readonly onDidChangeOptions = this.changed.event;
  /** Grows with every change of settings or dependency files. */
  private generation = 0;
  /** Full parses (a new document or a notebook version); edits kept incremental do not count. Tests read it. */
  parses = 0;

  /** `modules` reads the project modules documents import (wrappers that pass an activation on), when given. */
  constructor(private readonly modules?: WorkspaceModules) {
    // A project module a document imports arrived or changed: that document's next analysis is a fresh one.
    if (modules) this.subscriptions.push(modules.onDidChange((uris) => { for (const uri of uris) { this.documents.delete(uri); this.notebooks.delete(uri); } }));
    const reset = (): void => { this.generation++; this.options.clear(); this.changed.fire(); };
    this.subscriptions.push(
      this.settings.addLayer(this.configs), this.configs,
      this.settings, this.dependencies, this.changed,
      this.settings.onDidChange(() => { this.dependencies.refresh(); reset(); }),
      this.dependencies.onDidChange(reset),
      vscode.workspace.onDidChangeTextDocument((e) => this.applyEdits(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.documents.delete(d.uri.toString())),
      vscode.workspace.onDidCloseNotebookDocument((n) => this.notebooks.delete(n.uri.toString())),
    );
  }

  /** The settings snapshot for a document. */
  settingsFor(document: vscode.TextDocument): Settings {
    return this.settings.for(document);
  }

  /** The options for a document once its folder's dependency files are read (read once per folder). */
  async optionsFor(uri: vscode.Uri): Promise<AnalysisOptions> {
    await this.settings.ready(uri);
    for (let attempt = 0; ; attempt++) {
      const now = this.optionsNow(uri);
      if (now) return now;
      const generation = this.generation;
      const files = await this.dependencies.forDocument(uri);
      // Files read before a change (a dependency file created while reading) must not be remembered as current.
      if (generation === this.generation || attempt >= 3) return this.resolve(uri, files, generation === this.generation);
    }
  }

  /**
   * The analysis of a Python document or notebook cell at its current version, with the options resolved from
   * settings and dependency files. Hovers and diagnostics wait for this one, so they agree from the first answer.
   */
  async analyze(document: vscode.TextDocument): Promise<DocumentAnalysis> {
    await this.optionsFor(this.optionsUri(document));
    return this.get(document);
  }

  /**
   * The same without waiting: while a folder's dependency files are still being read, its settings alone decide
   * (usages do not depend on options; a later call gets the resolved versions).
   */
  get(document: vscode.TextDocument): DocumentAnalysis {
    if (document.uri.scheme === CELL_SCHEME) {
      const notebook = findNotebook(document);
      if (notebook) return this.notebookEntry(notebook).cells.get(cellIndex(notebook, document)) ?? EMPTY;
    }
    const options = this.currentOptions(document.uri);
    const uri = document.uri.toString();
    let entry = this.documents.get(uri);
    if (!entry || entry.version !== document.version) {
      this.parses++;
      const created = safe(() => new PythonDocument(document.getText(), options, { file: uri, modules: this.modules }));
      if (!created) return EMPTY;
      entry = { version: document.version, document: created, view: documentView(created.analysis) };
      this.documents.set(uri, entry);
    }
    if (optionsKey(entry.document.analysis.options) !== optionsKey(options)) entry.view = documentView(entry.document.setOptions(options));
    return entry.view;
  }

  /** The whole notebook's analysis (all code cells in order) and each cell's view, at the current versions. */
  async analyzeNotebook(notebook: vscode.NotebookDocument): Promise<{ readonly analysis: Analysis; readonly cells: ReadonlyMap<number, DocumentAnalysis> }> {
    await this.optionsFor(notebook.uri);
    return this.notebookEntry(notebook);
  }

  /** The usage under a position, from the current analysis. */
  usageAt(document: vscode.TextDocument, position: vscode.Position): { usage: Usage; analysis: DocumentAnalysis } | undefined {
    const analysis = this.get(document);
    if (analysis.usages.length === 0) return undefined;
    const usage = usageAt(analysis, document.offsetAt(position));
    return usage ? { usage, analysis } : undefined;
  }

  private notebookEntry(notebook: vscode.NotebookDocument): NotebookEntry {
    const options = this.currentOptions(notebook.uri);
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const key = `${notebook.version}:${cells.map((c) => `${c.index}.${c.document.version}`).join(',')}`;
    const uri = notebook.uri.toString();
    const hit = this.notebooks.get(uri);
    if (hit && hit.key === key) {
      if (optionsKey(hit.analysis.options) === optionsKey(options)) return hit;
      const analysis = hit.analysis.withOptions(options);
      const entry = { key, analysis, cells: cellViews(analysis) };
      this.notebooks.set(uri, entry);
      return entry;
    }
    this.parses++;
    const texts = cells.map((c) => ({ index: c.index, text: c.document.getText() }));
    const analysis = safe(() => analyzeCells(texts, options, { file: uri, modules: this.modules }));
    const entry = analysis ? { key, analysis, cells: cellViews(analysis) } : { key, analysis: analyzeCells([], options), cells: new Map() };
    this.notebooks.set(uri, entry);
    return entry;
  }

  /** Brings a document's analysis to its new version from the edit alone, when it was current before it. */
  private applyEdits(e: vscode.TextDocumentChangeEvent): void {
    const uri = e.document.uri.toString();
    const entry = this.documents.get(uri);
    if (!entry || e.contentChanges.length === 0) return;
    if (entry.version !== e.document.version - 1) {
      this.documents.delete(uri);
      return;
    }
    const changes = e.contentChanges.map((c) => ({ offset: c.rangeOffset, deleted: c.rangeLength, inserted: c.text }));
    const analysis = safe(() => entry.document.edit(e.document.getText(), changes));
    if (!analysis) {
      this.documents.delete(uri);
      return;
    }
    this.documents.set(uri, { version: e.document.version, document: entry.document, view: documentView(analysis) });
  }

  /** Notebook cells take their notebook's folder and settings. */
  private optionsUri(document: vscode.TextDocument): vscode.Uri {
    return document.uri.scheme === CELL_SCHEME ? findNotebook(document)?.uri ?? document.uri : document.uri;
  }

  private optionsNow(uri: vscode.Uri): AnalysisOptions | undefined {
    const hit = this.options.get(this.optionsKeyOf(uri));
    if (hit) return hit;
    const files = this.dependencies.forDocumentNow(uri);
    return files ? this.resolve(uri, files) : undefined;
  }

  /** Resolved options when known; else the settings alone (and the files are read for next time). */
  private currentOptions(uri: vscode.Uri): AnalysisOptions {
    const now = this.optionsNow(uri);
    if (now) return now;
    void this.optionsFor(uri).then(() => this.changed.fire(), () => undefined);
    return this.resolve(uri, [], false);
  }

  private resolve(uri: vscode.Uri, files: readonly { name: string; text: string }[], remember = true): AnalysisOptions {
    const s = this.settings.for(uri);
    const options = resolveOptions({ setting: s.versions, files, rules: s.diagnostics.rules, signalThresholds: s.diagnostics.signalThresholds });
    if (remember) this.options.set(this.optionsKeyOf(uri), options);
    return options;
  }

  /** Options differ by folder (dependency files) and by resource-scoped settings: one entry per resource. */
  private optionsKeyOf(uri: vscode.Uri): string {
    return uri.toString();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.documents.clear();
    this.notebooks.clear();
    this.options.clear();
  }
}

function safe<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined; // the core promises never to throw; if it ever does, a hover must still not fail
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
