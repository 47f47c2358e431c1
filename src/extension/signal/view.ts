// Runs in the extension host (Node or web worker). "Signal through this model": one webview at a time showing
// a model's predicted activation std and gradient per layer; its what-if controls come back here to re-predict.
import * as vscode from 'vscode';
import { VIEW_TYPES } from '../../core/commandIds';
import type { ModelSignal } from '../../core/signal';
import { NO_WHAT_IF, viewModel } from '../../core/signal/whatIf';
import { parseSignalMessage, parseWhatIf, type SignalToWebview, type SignalViewModel, type WhatIf } from '../../shared/signalProtocol';
import { renderSignalHtml } from './html';
import type { AnalysisService } from '../analysisService';
import { cellIndexOf, modelsOf } from './predictions';

export interface SignalServices {
  readonly extensionUri: vscode.Uri;
  readonly log?: vscode.LogOutputChannel;
  /** The one analysis per document version the models are read from. */
  readonly analysis: AnalysisService;
}

/** What the command returns (tests read it): whether the view opened and what it shows. */
export interface ShowSignalResult {
  readonly opened: boolean;
  readonly model?: SignalViewModel;
  readonly problem?: string;
}

export class SignalView implements vscode.Disposable {
  static readonly viewType = VIEW_TYPES.signal;
  static current: SignalView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  private constructor(
    private readonly services: SignalServices,
    readonly panel: vscode.WebviewPanel,
    private signal: ModelSignal,
    private document: vscode.Uri,
  ) {
    SignalView.current = this;
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
    );
  }

  /** Shows a model (creating the view or reusing it) under a what-if; returns what the view shows. */
  static show(services: SignalServices, signal: ModelSignal, document: vscode.Uri, whatIf: WhatIf): SignalViewModel {
    let view = SignalView.current;
    if (view) {
      view.signal = signal;
      view.document = document;
      view.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(SignalView.viewType, 'Signal through this model', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableForms: false,
        localResourceRoots: [vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(services.extensionUri, 'media')],
      });
      view = new SignalView(services, panel, signal, document);
    }
    const model = viewModel(signal, whatIf);
    view.render(model);
    return model;
  }

  private render(model: SignalViewModel): void {
    const webview = this.panel.webview;
    const base = vscode.Uri.joinPath(this.services.extensionUri, 'dist', 'webview');
    webview.html = renderSignalHtml({
      cspSource: webview.cspSource,
      script: webview.asWebviewUri(vscode.Uri.joinPath(base, 'signal.js')).toString(),
      styles: [webview.asWebviewUri(vscode.Uri.joinPath(this.services.extensionUri, 'media', 'signal.css')).toString()],
    }, { type: 'signal', model });
  }

  /** Re-predicts under a what-if and posts the result (the page redraws without reloading). */
  apply(whatIf: WhatIf): SignalViewModel {
    const model = viewModel(this.signal, whatIf);
    this.post({ type: 'signal', model });
    return model;
  }

  private post(m: SignalToWebview): void {
    if (this.disposed) return;
    this.panel.webview.postMessage(m).then(undefined, (e: unknown) => this.services.log?.warn(`signal view: post failed: ${String(e)}`));
  }

  private receive(raw: unknown): void {
    const m = parseSignalMessage(raw);
    if (!m) {
      this.services.log?.warn('signal view: ignored a malformed message from the webview');
      return;
    }
    if (m.type === 'whatIf') this.apply(m.whatIf);
    else if (m.type === 'reveal') void this.reveal(m.line);
  }

  /** Puts the cursor on a layer's line in the model's document. */
  private async reveal(line: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.document);
    const at = new vscode.Position(Math.min(line - 1, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (SignalView.current === this) SignalView.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * `activationLens.showSignal(uri, modelId, whatIf?)`: CodeLenses pass the document and model; without arguments,
 * the first model of the active editor. Arguments are checked (command links are user-clickable text).
 */
export async function showSignal(services: SignalServices, uriArg?: unknown, modelArg?: unknown, whatIfArg?: unknown): Promise<ShowSignalResult> {
  const whatIf = whatIfArg === undefined ? NO_WHAT_IF : parseWhatIf(whatIfArg);
  if (!whatIf) return { opened: false, problem: 'malformed what-if' };
  let document: vscode.TextDocument | undefined;
  if (uriArg === undefined) document = vscode.window.activeTextEditor?.document;
  else if (typeof uriArg === 'string' && uriArg.length <= 4096) {
    document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriArg);
    if (!document) {
      try { document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriArg, true)); } catch { document = undefined; }
    }
  }
  if (!document) return { opened: false, problem: 'no document' };
  if (modelArg !== undefined && !(typeof modelArg === 'number' && Number.isInteger(modelArg) && modelArg >= 0)) return { opened: false, problem: 'malformed model id' };
  const cell = cellIndexOf(document);
  const models = modelsOf(services.analysis, document);
  const signal = modelArg === undefined ? models.find((s) => s.model.range.cell === cell) : models.find((s) => s.model.id === modelArg);
  if (!signal) {
    void vscode.window.showInformationMessage('Activation Lens: no model with known layers here.');
    return { opened: false, problem: 'no model' };
  }
  return { opened: true, model: SignalView.show(services, signal, document.uri, whatIf) };
}
