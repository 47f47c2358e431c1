// Runs in the extension host (Node or web worker). The plot panel: one webview at a time, created
// or revealed by the commands, restored after a reload by the serializer.
import * as vscode from 'vscode';
import { VIEW_TYPES } from '../../core/commandIds';
import { parseFromWebview, parsePanelState, type CurveSource, type FromWebview, type ParamValues, type ToWebview } from '../../shared/protocol';
import type { AnalysisService } from '../analysisService';
import type { FormulaCompiler } from '../../core/panel/curves';
import type { TexPort } from '../../core/hover/userMath';
import { renderPanelHtml } from './html';
import { PlotSession } from '../../core/panel/session';
import { UsageTracker } from './usageTracker';
import type { DocumentAnalysis } from '../../core/scan/documentAnalysis';
import { followEdits, type CodeLink } from './codeLinks';

/** What every panel needs from the extension. */
export interface PanelServices {
  readonly extensionUri: vscode.Uri;
  readonly compileFormula: FormulaCompiler;
  /** The shared scan cache (one scan per document version; notebook cells scanned together). */
  readonly analysis: Pick<AnalysisService, 'get' | 'usageAt' | 'analyze'>;
  readonly log?: vscode.LogOutputChannel;
  /** Typesets formulas in the legend (loaded with the first formula curve). */
  readonly tex?: TexPort;
}

/** The panel class: `createOrShow` for commands, `revive` for the serializer. */
export class PlotPanel implements vscode.Disposable {
  static readonly viewType = VIEW_TYPES.plot;
  private static current: PlotPanel | undefined;

  private readonly session: PlotSession;
  private readonly usages: UsageTracker;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** Curves plotted from the code, by source: they follow edits of their usage. */
  private readonly links = new Map<string, CodeLink>();
  /** Session version embedded in the page's HTML: a `ready` from that page needs no new plot. */
  private renderedVersion = -1;

  /** The open panel, if any (tests and commands that add to it). */
  static get active(): PlotPanel | undefined {
    return PlotPanel.current;
  }

  /** Shows the panel with these curves, creating it if needed. Returns problems with sources that could not be plotted. */
  static createOrShow(services: PanelServices, sources: readonly CurveSource[], values?: readonly (ParamValues | undefined)[], links?: readonly (CodeLink | undefined)[]): { panel: PlotPanel; problems: string[] } {
    const existing = PlotPanel.current;
    if (existing) {
      existing.setLinks(sources, links);
      const problems = existing.session.setSources(sources, values);
      existing.session.publish();
      existing.panel.reveal(undefined, true);
      return { panel: existing, problems };
    }
    const panel = vscode.window.createWebviewPanel(PlotPanel.viewType, 'Activation plot', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, PlotPanel.options(services.extensionUri));
    const p = new PlotPanel(services, panel);
    p.setLinks(sources, links);
    const problems = p.session.setSources(sources, values);
    p.render();
    return { panel: p, problems };
  }

  /** Restores a panel VS Code kept across a reload, from the state the webview saved. */
  static revive(services: PanelServices, panel: vscode.WebviewPanel, state: unknown): PlotPanel {
    PlotPanel.current?.dispose();
    panel.webview.options = PlotPanel.options(services.extensionUri);
    const p = new PlotPanel(services, panel);
    const s = parsePanelState(state);
    if (s) p.session.setSources(s.sources, s.values);
    p.render();
    return p;
  }

  /** Scripts on, forms off, and only our two folders readable. */
  static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private constructor(
    private readonly services: PanelServices,
    readonly panel: vscode.WebviewPanel,
  ) {
    PlotPanel.current = this;
    this.usages = new UsageTracker((m) => this.post(m), services.analysis, (uri, view) => this.followCode(uri, view));
    // Curves without a version of their own (a catalog pick) take the one the tracked file's analysis targets.
    const tracker = this.usages;
    this.session = new PlotSession((m) => this.post(m), { compileFormula: services.compileFormula, tex: services.tex, get kerasVersion() { return tracker.kerasVersion; } });
    this.disposables.push(
      this.usages,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
    );
  }

  /** Remembers which curves came from the code (by their source), so they follow its edits. */
  private setLinks(sources: readonly CurveSource[], links: readonly (CodeLink | undefined)[] = []): void {
    this.links.clear();
    sources.forEach((s, i) => { const link = links[i]; if (link) this.links.set(JSON.stringify(s), link); });
  }

  /** A new analysis of the tracked file: curves linked to its usages take their new parameters. */
  private followCode(uri: string, view: DocumentAnalysis): void {
    const values = this.session.values();
    const curves = this.session.sources.map((source, i) => ({ source, values: values[i], link: this.links.get(JSON.stringify(source)) }));
    if (!curves.some((c) => c.link?.uri === uri)) return;
    const next = followEdits(curves, uri, view.usages, view.analysis?.versions);
    if (!next) return;
    this.setLinks(next.sources, next.links);
    this.session.setSources(next.sources, next.values);
    this.session.publish();
  }

  /** Adds a typed formula to the curves shown. */
  addFormula(text: string): boolean {
    return this.session.addFormula(text);
  }

  /** Number of curves shown (for tests). */
  get curveCount(): number {
    return this.session.curveCount;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (PlotPanel.current === this) PlotPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** Sends to the webview unless the panel is gone (posting to a disposed webview throws). */
  private post(m: ToWebview): void {
    if (this.disposed) return;
    this.panel.webview.postMessage(m).then(undefined, (e: unknown) => this.services.log?.warn(`plot panel: post failed: ${String(e)}`));
  }

  private render(): void {
    this.renderedVersion = this.session.version;
    const webview = this.panel.webview;
    const base = vscode.Uri.joinPath(this.services.extensionUri, 'dist', 'webview');
    this.panel.webview.html = renderPanelHtml(
      {
        cspSource: webview.cspSource,
        script: webview.asWebviewUri(vscode.Uri.joinPath(base, 'main.js')).toString(),
        styles: [webview.asWebviewUri(vscode.Uri.joinPath(base, 'main.css')).toString(), webview.asWebviewUri(vscode.Uri.joinPath(this.services.extensionUri, 'media', 'panel.css')).toString()],
      },
      this.session.plotMessage(),
    );
  }

  private receive(raw: unknown): void {
    const m = parseFromWebview(raw);
    if (!m) {
      this.services.log?.warn('plot panel: ignored a malformed message from the webview');
      return;
    }
    try {
      if (!this.session.handle(m)) void this.handleEditorMessage(m);
    } catch (e) {
      this.services.log?.error(`plot panel: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async handleEditorMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        // The page drew the plot embedded in its HTML; send a new one only if the curves changed since
        // (the page reloads from that HTML when its tab is shown again).
        if (this.session.version !== this.renderedVersion) this.session.publish();
        else this.session.publishAnalysis();
        this.usages.refresh();
        return;
      case 'revealUsage':
        return this.usages.reveal(m.uri, m.line, m.col);
      case 'plotUsage': {
        const at = this.usages.sourceAt(m.uri, m.line, m.col);
        if (!at) return;
        this.setLinks([at.source], [at.link]);
        const problems = this.session.setSources([at.source]);
        this.session.publish();
        if (problems.length) this.post({ type: 'notice', message: problems.join('; ') });
        return;
      }
      case 'export':
        return this.export(m.format, m.data);
      default:
        return;
    }
  }

  private async export(format: 'png' | 'svg', data: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `activation-plot.${format}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
      title: `Export the plot as ${format.toUpperCase()}`,
    });
    if (!target) return;
    const bytes = format === 'png' ? base64ToBytes(data.slice(data.indexOf(',') + 1)) : new TextEncoder().encode(data);
    await vscode.workspace.fs.writeFile(target, bytes);
    this.post({ type: 'notice', message: `Saved ${target.path.split('/').pop() ?? name}.` });
  }
}

/** Decodes base64 with `atob` (present in Node 16+ and web workers alike). */
function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
