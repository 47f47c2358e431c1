// Runs in the extension host. Follows the active Python editor and keeps the panel's usages list
// current as the user types (debounced), and reveals a usage's line on request.
import * as vscode from 'vscode';
import type { Usage } from '../../core/scan';
import type { AnalysisService } from '../analysisService';
import type { CurveSource, ToWebview } from '../../shared/protocol';
import { isPlottable, usageAt, usageItems } from '../../core/panel/usages';
import type { DocumentAnalysis } from '../../core/scan/documentAnalysis';
import { linkOf, sourceInFile, type CodeLink } from './codeLinks';

const DEBOUNCE_MS = 300;

/** Python editors only (notebook cells are Python documents too). */
function isPython(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'python';
}

export class UsageTracker implements vscode.Disposable {
  private document: vscode.TextDocument | undefined;
  private usages: readonly Usage[] = [];
  private view: DocumentAnalysis | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly post: (m: ToWebview) => void,
    private readonly analysis: Pick<AnalysisService, 'get'>,
    /** Called with each new analysis of the tracked document, so linked curves can follow the code. */
    private readonly onAnalysis?: (uri: string, view: DocumentAnalysis) => void,
  ) {
    const editor = vscode.window.activeTextEditor;
    if (editor && isPython(editor.document)) this.document = editor.document;
    this.subscriptions.push(
      // The panel itself taking focus leaves no active editor: keep the last Python file then.
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && isPython(e.document) && e.document !== this.document) {
          this.document = e.document;
          this.schedule(0);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document) this.schedule(DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) {
          this.document = undefined;
          this.schedule(0);
        }
      }),
    );
  }

  /** Scans now and posts the list. */
  refresh(): void {
    const doc = this.document;
    const view = doc ? this.analysis.get(doc) : undefined;
    this.usages = view?.usages ?? [];
    this.view = view;
    if (doc && view) this.onAnalysis?.(doc.uri.toString(), view);
    const name = doc ? (doc.uri.path.split('/').pop() ?? doc.uri.toString()) : '';
    this.post({ type: 'usages', fileName: name, uri: doc?.uri.toString() ?? '', usages: doc ? usageItems(this.usages, (l) => (l < doc.lineCount ? doc.lineAt(l).text : '')) : [] });
  }

  /** The Keras version the tracked file's analysis targets (what its hovers and Problems view assume). */
  get kerasVersion(): string | undefined {
    const versions = this.view?.analysis?.versions;
    return versions ? String(versions.kerasMajor) : undefined;
  }

  /** The curve source of the usage at a position of the tracked file, and its link to the code. */
  sourceAt(uri: string, line: number, col: number): { source: CurveSource; link: CodeLink } | undefined {
    if (this.document?.uri.toString() !== uri) return undefined;
    const u = usageAt(this.usages, line, col);
    return u && isPlottable(u) ? { source: sourceInFile(u, this.view?.analysis?.versions), link: linkOf(uri, u) } : undefined;
  }

  /** Opens the file and selects the usage. Only the tracked file: the URI came from the webview. */
  async reveal(uri: string, line: number, col: number): Promise<void> {
    const doc = this.document;
    if (!doc || doc.uri.toString() !== uri) return;
    const pos = new vscode.Position(Math.min(line, doc.lineCount - 1), col);
    const u = usageAt(this.usages, line, col);
    const end = u ? new vscode.Position(u.endLine, u.endCol) : pos;
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: new vscode.Range(pos, end), preserveFocus: false });
    editor.revealRange(new vscode.Range(pos, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, ms);
  }
}
