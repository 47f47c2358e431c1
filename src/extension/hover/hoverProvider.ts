// Runs in the extension host: answers hovers over activation usages from the shared analysis.
import * as vscode from 'vscode';
import { HOVER_COMMANDS } from '../../core/hover';
import { HoverMemo } from '../../core/hover/atOffset';
import type { AnalysisService } from '../analysisService';
import { hoverOptions } from './hoverSettings';
import type { TexPort } from '../../core/hover/userMath';

/**
 * Builds hovers from the analysis of the document's current version, with the versions (and reasons) that analysis
 * resolved, as the Problems view and the panel do. Markdown is memoised per version.
 */
export class ActivationHoverProvider implements vscode.HoverProvider {
  private readonly memo = new HoverMemo();

  constructor(
    private readonly analysis: AnalysisService,
    private readonly tex?: TexPort,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (token?.isCancellationRequested) return undefined;
    const settings = this.analysis.settingsFor(document);
    if (!settings.hover.enabled) return undefined;
    const analysis = await this.analysis.analyze(document);
    // The analysis is shared and cached; the hover's own work (translation, plot) is skipped once the editor gave up.
    if (analysis.usages.length === 0 || token?.isCancellationRequested) return undefined;
    const offset = document.offsetAt(position);
    const options = hoverOptions(settings, analysis.analysis?.versions);
    const renderer = this.tex?.renderer;
    let hit = this.memo.at(analysis, offset, renderer ? { ...options, texRenderer: renderer } : options);
    if (!hit) return undefined;
    // A formula from user code, and the math renderer not loaded yet: load it now (only such hovers do), then
    // typeset; if it does not load, the hover keeps the formula as text.
    if (hit.wantsTex && this.tex && !renderer) {
      const loaded = await this.tex.load();
      if (token?.isCancellationRequested) return undefined;
      if (loaded) hit = this.memo.at(analysis, offset, { ...options, texRenderer: loaded }) ?? hit;
    }
    if (token?.isCancellationRequested) return undefined;
    const content = new vscode.MarkdownString(hit.markdown, true);
    // Command links run only our own commands; no raw HTML from anywhere.
    content.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    content.supportHtml = false;
    const range = new vscode.Range(document.positionAt(hit.usage.start), document.positionAt(hit.usage.end));
    return new vscode.Hover(content, range);
  }
}
