/**
 * One language server session: Python files and notebooks in, hovers, diagnostics (pushed, or pulled where the
 * client asks), code actions and the plot command out. Every answer comes from the core's analysis of the
 * document's current version; nothing here knows an activation function.
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, LSPErrorCodes, MarkupKind, MessageType, ResponseError, ShowMessageNotification,
  TextDocumentSyncKind, type CancellationToken, type CodeAction, type Connection, type Diagnostic, type Hover,
  type InitializeResult, type NotebookDocument,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import type { HoverOptions } from '../core/hover';
import { HoverMemo } from '../core/hover/atOffset';
import type { CheckResult } from '../core/rules';
import { DIAGNOSTIC_SOURCE, sameRange, toDiagnostic, toWorkspaceEdit, touches } from './convert';
import { DocumentStore, type Analysed, type Target } from './documents';
import { PLOT_COMMAND, plotAt, writePlot } from './plot';
import { clientFeatures, SettingsSource, type ClientFeatures, type DocumentSettings } from './settings';

declare const VERSION: string;

/** Dependency files whose change can move the target versions. */
const DEPENDENCY_FILE = /(?:requirements[^/\\]*\.txt|pyproject\.toml|Pipfile|environment\.ya?ml|activation-lens\.toml)$/i;

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/**
 * Throws when the request was cancelled, after letting the connection read what is already queued: a client that
 * cancels a hover right after sending it (the cursor moved on) sends `$/cancelRequest` in the same write, and the
 * connection handles queued messages one event-loop turn apart, after this handler's own awaits have run.
 */
async function throwIfCancelled(token: CancellationToken): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) throw cancelled();
}

export class Session {
  readonly store = new DocumentStore();
  private features!: ClientFeatures;
  private settings!: SettingsSource;
  private readonly hovers = new HoverMemo();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly connection: Connection) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      if (this.features.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'activationLens' }).catch(() => undefined);
      // Dependency and configuration files move the target versions and rule levels: watch them where the client can.
      if (this.features.watchFiles) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/{requirements*.txt,requirements/*.txt,pyproject.toml,Pipfile,environment.yml,environment.yaml,activation-lens.toml,.activation-lens.toml}' }],
        }).catch(() => undefined);
      }
    });
    connection.onDidChangeConfiguration((params) => {
      this.settings.changed(params.settings);
      this.refreshAll();
    });
    connection.onDidChangeWatchedFiles((params) => {
      if (!params.changes.some((c) => DEPENDENCY_FILE.test(c.uri))) return;
      this.settings.filesChanged();
      this.refreshAll();
    });
    connection.onHover((params, token) => this.hover(params.textDocument.uri, params.position, token));
    connection.onCodeAction((params, token) => this.codeActions(params.textDocument.uri, params.range, params.context.diagnostics, params.context.only, token));
    connection.onExecuteCommand((params, token, progress) => this.execute(params.command, params.arguments ?? [], token, progress));
    connection.languages.diagnostics.on(async (params, token) => {
      const target = this.store.find(params.textDocument.uri);
      const items = target ? await this.diagnostics(target, token) : [];
      return { kind: DocumentDiagnosticReportKind.Full, items };
    });

    const { texts, notebooks } = this.store;
    texts.onDidOpen((e) => this.schedule(e.document.uri, 0));
    texts.onDidChangeContent((e) => this.schedule(e.document.uri));
    texts.onDidClose((e) => this.forget(e.document.uri));
    notebooks.onDidOpen((n) => this.scheduleNotebook(n, 0));
    notebooks.onDidChange((e) => this.scheduleNotebook(e.notebookDocument));
    notebooks.onDidClose((n) => { for (const c of n.cells) this.forget(c.document); this.cancel(n.uri); });
    texts.listen(connection);
    notebooks.listen(connection);
  }

  private initialize(params: Parameters<Parameters<Connection['onInitialize']>[0]>[0]): InitializeResult {
    this.features = clientFeatures(params);
    this.settings = new SettingsSource(this.connection, this.features, params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.Empty] },
        executeCommandProvider: { commands: [PLOT_COMMAND] },
        ...(this.features.pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'activation-lens', version: typeof VERSION === 'string' ? VERSION : undefined },
    };
  }

  private async hover(uri: string, position: { line: number; character: number }, token: CancellationToken): Promise<Hover | null> {
    const target = this.store.find(uri);
    if (!target) return null;
    const read = await this.read(target);
    await throwIfCancelled(token);
    if (!read.settings.hoverEnabled) return null;
    const hit = this.hovers.at(read.analysed.lookup, target.document.offsetAt(position), read.hover);
    if (!hit) return null;
    const range = { start: target.document.positionAt(hit.usage.start), end: target.document.positionAt(hit.usage.end) };
    const contents = this.features.markdownHover
      ? { kind: MarkupKind.Markdown, value: hit.markdown }
      : { kind: MarkupKind.PlainText, value: plainText(hit.markdown) };
    return { contents, range };
  }

  /**
   * The settings of a document (a notebook's for its cells) and the core's analysis of its current version with
   * the options they resolve to. Hovers assume the Keras version the analysis targets, as the diagnostics do.
   */
  private async read(target: Target): Promise<{ settings: DocumentSettings; analysed: Analysed; hover: HoverOptions }> {
    const scope = target.notebook?.uri ?? target.document.uri;
    const settings = await this.settings.forDocument(scope);
    const analysed = this.store.analyze(target, this.settings.checkOptionsFor(scope, settings.diagnostics));
    return { settings, analysed, hover: { ...settings.hover, kerasMajor: analysed.analysis.versions.kerasMajor } };
  }

  /** The check of a document (or of its notebook, for a cell), or undefined when diagnostics are switched off. */
  private async checkOf(target: Target): Promise<CheckResult | undefined> {
    const read = await this.read(target);
    return read.settings.diagnostics.enabled ? read.analysed.analysis.check : undefined;
  }

  private async diagnostics(target: Target, token?: CancellationToken): Promise<Diagnostic[]> {
    const result = await this.checkOf(target);
    if (token?.isCancellationRequested) throw cancelled();
    if (!result) return [];
    const uriFor = (cell: number | undefined): string | undefined => (cell === undefined ? target.document.uri : target.notebook?.cells[cell]?.document);
    return result.findings.filter((f) => f.cell === target.cell).map((f) => toDiagnostic(f, uriFor));
  }

  private async codeActions(uri: string, range: Diagnostic['range'], diagnostics: readonly Diagnostic[], only: readonly string[] | undefined, token: CancellationToken): Promise<CodeAction[]> {
    const target = this.store.find(uri);
    if (!target) return [];
    const result = await this.checkOf(target);
    if (token.isCancellationRequested) throw cancelled();
    const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`) || (o === CodeActionKind.Empty));
    const { document } = target;
    const cellDocument = (cell: number): TextDocument | undefined => {
      const c = target.notebook?.cells[cell];
      return c && this.store.notebooks.getCellTextDocument(c);
    };
    const actions: CodeAction[] = [];
    if (result && wants(CodeActionKind.QuickFix)) {
      const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
      for (const finding of result.findings) {
        if (finding.cell !== target.cell || finding.fixes.length === 0) continue;
        const diagnostic = toDiagnostic(finding);
        // The findings the client names, or (for clients that send none) those under the requested range.
        const named = ours.find((d) => d.code === finding.code && sameRange(d.range, diagnostic.range));
        if (!named && !touches(diagnostic.range, range)) continue;
        for (const fix of finding.fixes) {
          const edit = toWorkspaceEdit(document, fix, this.features.documentChanges, cellDocument);
          if (edit) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [named ?? diagnostic], isPreferred: fix.preferred === true, edit });
        }
      }
    }
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    if (result && wants(CodeActionKind.RefactorRewrite)) {
      for (const r of result.refactorsAt(start, end, target.cell)) {
        const edit = toWorkspaceEdit(document, r.fix, this.features.documentChanges, cellDocument);
        if (edit) actions.push({ title: r.fix.title, kind: CodeActionKind.RefactorRewrite, edit });
      }
    }
    // Where there is no plot panel, plotting is an action on the activation under the cursor.
    if (!only) {
      const read = await this.read(target);
      const plot = plotAt(read.analysed.lookup, start, read.hover);
      if (typeof plot !== 'string') actions.push({ title: `Plot ${plot.title} (writes an SVG and HTML file)`, command: { title: 'Plot', command: PLOT_COMMAND, arguments: [uri, range.start] } });
    }
    return actions;
  }

  private async execute(command: string, args: readonly unknown[], token: CancellationToken, progress: { begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void; done(): void }): Promise<unknown> {
    if (command !== PLOT_COMMAND) throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown command '${command}'`);
    const [uri, position] = args;
    if (typeof uri !== 'string' || !isPosition(position)) throw new ResponseError(LSPErrorCodes.RequestFailed, `${PLOT_COMMAND} takes a document URI and a position ({ line, character })`);
    const target = this.store.find(uri);
    if (!target) throw new ResponseError(LSPErrorCodes.RequestFailed, `${uri} is not an open Python document or notebook cell`);
    progress.begin('Activation Lens: plotting', undefined, undefined, true);
    try {
      const read = await this.read(target);
      if (token.isCancellationRequested) throw cancelled();
      const plot = plotAt(read.analysed.lookup, target.document.offsetAt(position), read.hover);
      if (typeof plot === 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, plot);
      const files = writePlot(plot);
      // Clients run code-action commands without showing their result: open the page, or at least say where it is.
      if (this.features.showDocument) void this.connection.window.showDocument({ uri: pathToFileURL(files.html).href, external: true }).catch(() => undefined);
      else void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Activation Lens: plot of ${files.name} written to ${files.html} (and .svg)` }).catch(() => undefined);
      return files;
    } finally {
      progress.done();
    }
  }

  /** Push diagnostics (clients that do not pull them), debounced by `diagnostics.delay`. */
  private schedule(uri: string, delay?: number): void {
    if (this.features.pullDiagnostics) return;
    const target = this.store.find(uri);
    if (!target) return;
    if (target.notebook) {
      this.scheduleNotebook(target.notebook, delay);
      return;
    }
    this.debounce(uri, delay, async () => {
      const now = this.store.find(uri);
      if (now) await this.connection.sendDiagnostics({ uri, version: now.document.version, diagnostics: await this.diagnostics(now) });
    });
  }

  private scheduleNotebook(notebook: NotebookDocument, delay?: number): void {
    if (this.features.pullDiagnostics) return;
    this.debounce(notebook.uri, delay, async () => {
      const current = this.store.notebooks.getNotebookDocument(notebook.uri);
      if (!current) return;
      for (const cell of this.store.cellTexts(current)) {
        const target = this.store.find(cell.uri);
        if (target) await this.connection.sendDiagnostics({ uri: cell.uri, version: target.document.version, diagnostics: await this.diagnostics(target) });
      }
    });
  }

  private debounce(key: string, delay: number | undefined, run: () => Promise<void>): void {
    this.cancel(key);
    const start = async (): Promise<void> => {
      const wait = delay ?? (await this.settings.forDocument(key)).diagnostics.delay;
      this.timers.set(key, setTimeout(() => {
        this.timers.delete(key);
        run().catch((error: unknown) => this.connection.console.error(`diagnostics: ${error instanceof Error ? error.message : String(error)}`));
      }, wait));
    };
    void start();
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  private forget(uri: string): void {
    this.cancel(uri);
    if (!this.features.pullDiagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings or dependency files changed: check every open document again. */
  private refreshAll(): void {
    if (this.features.pullDiagnostics) {
      if (this.features.diagnosticRefresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const d of this.store.texts.all()) this.schedule(d.uri, 0);
    for (const uri of this.notebookUris()) {
      const n = this.store.notebooks.getNotebookDocument(uri);
      if (n) this.scheduleNotebook(n, 0);
    }
  }

  private notebookUris(): string[] {
    const uris = new Set<string>();
    for (const d of this.store.notebooks.cellTextDocuments.all()) {
      const n = this.store.notebooks.findNotebookDocumentForCell(d.uri);
      if (n) uris.add(n.uri);
    }
    return [...uris];
  }
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const p = value as { line?: unknown; character?: unknown } | null;
  return !!p && typeof p === 'object' && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

/** Hover Markdown as plain text for clients that show no Markdown: no emphasis, escapes or fences. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^```\w*$/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]+)\]\((https:[^)\s]+)\)/g, '$1 <$2>')
    .replace(/\\([\\`*_{}[\]()#+\-.!:|<>])/g, '$1')
    .replace(/ {2}\n/g, '\n')
    .trim();
}
