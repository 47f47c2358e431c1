// Runs in the extension host: owns the DiagnosticCollection. Shows the findings of the shared analysis of Python
// files and notebook cells as the user types (debounced), keeps them for the code actions, and clears a document's
// diagnostics when it closes. It never parses: the analysis service already did, once per version.
import * as vscode from 'vscode';
import type { CheckResult, Finding, Refactor } from '../../core/rules';
import { liveCheckNotice } from '../../core/budgets';
import type { AnalysisService } from '../analysisService';
import { DIAGNOSTIC_SOURCE, toDiagnostic, type CellTarget } from './convert';
import type { WorkspaceModules } from '../workspaceModules';

/** What a document's last check found, for the code action provider. */
interface StoredResult {
  readonly version: number;
  readonly findings: readonly Finding[];
  /** Refactorings touching an offset range of this document (computed when asked). */
  readonly refactorsAt: (start: number, end: number) => readonly Refactor[];
  /** In a notebook: the URI of a cell whose text is still the one checked (fix edits may touch other cells). */
  readonly cellTarget?: CellTarget;
}

const CELL_SCHEME = 'vscode-notebook-cell';

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('activation-lens');
  private readonly results = new Map<string, StoredResult>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Completed checks, for logs and tests. */
  checks = 0;
  /** Documents already told they are too large for live checks. */
  private readonly noticed = new Set<string>();

  constructor(private readonly service: AnalysisService, private readonly log?: vscode.LogOutputChannel, modules?: WorkspaceModules) {
    const ws = vscode.workspace;
    // A project module a document imports arrived or changed: check the documents that import it again.
    if (modules) this.subscriptions.push(modules.onDidChange((uris) => this.recheck(uris)));
    this.subscriptions.push(
      this.collection,
      ws.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      ws.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.schedule(e.document); }),
      ws.onDidCloseTextDocument((d) => this.forget(d.uri)),
      ws.onDidOpenNotebookDocument((n) => this.scheduleNotebook(n, 0)),
      ws.onDidChangeNotebookDocument((e) => this.scheduleNotebook(e.notebook)),
      ws.onDidCloseNotebookDocument((n) => { for (const c of n.getCells()) this.forget(c.document.uri); this.cancel(n.uri.toString()); }),
      // Settings, a settings layer or a dependency file changed: the same parse, other options.
      service.onDidChangeOptions(() => this.checkAll()),
      // A closed tab clears its file at once (the document itself may stay loaded a while); a reopened one is checked.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
          if (uri && !isShown(uri)) this.forget(uri);
        }
        for (const tab of [...e.opened, ...e.changed]) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
          const document = uri && ws.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (document && !this.results.has(uri.toString())) this.schedule(document, 0);
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) if (!this.results.has(e.document.uri.toString())) this.schedule(e.document, 0);
      }),
    );
    this.checkAll();
  }

  /** Stored result for a document at its current version. */
  resultFor(document: vscode.TextDocument): StoredResult | undefined {
    const r = this.results.get(document.uri.toString());
    return r && r.version === document.version ? r : undefined;
  }

  private recheck(uris: readonly string[]): void {
    for (const uri of uris) {
      const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri);
      if (notebook) { this.scheduleNotebook(notebook); continue; }
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (document) this.schedule(document);
    }
  }

  checkAll(): void {
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme !== CELL_SCHEME) this.schedule(d, 0);
    for (const n of vscode.workspace.notebookDocuments) this.scheduleNotebook(n, 0);
  }

  private schedule(document: vscode.TextDocument, delay?: number): void {
    if (document.uri.scheme === CELL_SCHEME) {
      const notebook = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === document));
      if (notebook) this.scheduleNotebook(notebook, delay);
      return;
    }
    if (document.languageId !== 'python') return;
    this.debounce(document.uri.toString(), delay, () => this.checkDocument(document));
  }

  private scheduleNotebook(notebook: vscode.NotebookDocument, delay?: number): void {
    this.debounce(notebook.uri.toString(), delay, () => this.checkNotebook(notebook));
  }

  private debounce(key: string, delay: number | undefined, run: () => Promise<void>): void {
    this.cancel(key);
    const wait = delay ?? this.service.settings.for().diagnostics.delay;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      run().catch((error: unknown) => this.log?.error(`diagnostics: ${error instanceof Error ? error.message : String(error)}`));
    }, wait));
  }

  private cancel(key: string): void {
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
  }

  private async checkDocument(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const settings = this.service.settingsFor(document);
    if (!settings.diagnostics.enabled) { this.forget(document.uri); return; }
    const notice = liveCheckNotice(document.getText().length);
    if (notice) { this.tooLarge(document.uri, document.version, notice); return; }
    const view = await this.service.analyze(document);
    const analysis = view.analysis;
    if (document.isClosed || !analysis) return;
    this.store(document.uri, document.version, safeCheck(() => analysis.check));
  }

  /**
   * A document over the live-check budget: no rules run (scanning, for hovers, still does), and the user is told
   * once per document, in the status bar and as one information diagnostic on the first line.
   */
  private tooLarge(uri: vscode.Uri, version: number, notice: string): void {
    this.checks++;
    this.results.set(uri.toString(), { version, findings: [], refactorsAt: () => [] });
    const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), notice, vscode.DiagnosticSeverity.Information);
    d.source = DIAGNOSTIC_SOURCE;
    this.collection.set(uri, [d]);
    if (!this.noticed.has(uri.toString())) {
      this.noticed.add(uri.toString());
      vscode.window.setStatusBarMessage(`$(info) ${notice}`, 15_000);
      this.log?.info(notice);
    }
  }

  private async checkNotebook(notebook: vscode.NotebookDocument): Promise<void> {
    if (notebook.isClosed) return;
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    if (!this.service.settings.for(notebook.uri).diagnostics.enabled) { for (const c of cells) this.forget(c.document.uri); return; }
    const analysis = (await this.service.analyzeNotebook(notebook)).analysis;
    if (notebook.isClosed) return;
    // Taken right after the analysis (no edit can land in between): the versions its findings belong to.
    const snapshot = cells.filter((c) => !c.document.isClosed).map((c) => ({ index: c.index, cell: c, version: c.document.version, size: c.document.getText().length }));
    const notice = liveCheckNotice(snapshot.reduce((n, s) => n + s.size, 0));
    if (notice && snapshot.length) {
      for (const s of snapshot) this.store(s.cell.document.uri, s.version, { findings: [], refactorsAt: () => [] });
      this.tooLarge(snapshot[0].cell.document.uri, snapshot[0].version, notice);
      return;
    }
    const result = safeCheck(() => analysis.check);
    const byIndex = new Map(snapshot.map((s) => [s.index, s]));
    const cellTarget: CellTarget = (index) => {
      const s = byIndex.get(index);
      return s && !s.cell.document.isClosed && s.cell.document.version === s.version ? s.cell.document.uri : undefined;
    };
    for (const s of snapshot) {
      this.store(s.cell.document.uri, s.version, {
        findings: result.findings.filter((f) => f.cell === s.index),
        refactorsAt: (start, end) => result.refactorsAt(start, end, s.index),
      }, cellTarget);
    }
  }

  private store(uri: vscode.Uri, version: number, result: CheckResult, cellTarget?: CellTarget): void {
    this.checks++;
    this.results.set(uri.toString(), { version, findings: result.findings, refactorsAt: (start, end) => result.refactorsAt(start, end), ...(cellTarget ? { cellTarget } : {}) });
    // Related places (the loss, the model call) are in this file, or in a notebook in the cell they belong to.
    this.collection.set(uri, result.findings.map((f) => toDiagnostic(f, (cell) => (cell === undefined ? uri : cellTarget?.(cell)))));
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri.toString());
    this.results.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
    this.results.clear();
  }
}

/** Whether a tab still shows this file. */
function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}

function safeCheck(run: () => CheckResult): CheckResult {
  try {
    return run();
  } catch {
    return { findings: [], refactorsAt: () => [] }; // the core promises not to throw; a bug must not break typing
  }
}
