// Runs in the extension host: answers hovers over activation usages from the shared analysis cache.
import * as vscode from 'vscode';
import { HOVER_COMMANDS } from '../../core/hover';
import { HoverMemo } from '../../core/hover/atOffset';
import type { AnalysisCache } from '../analysisCache';
import { readHoverSettings } from './hoverSettings';

/** Builds hovers from the cached scan of the document's current version (Markdown memoised per version). */
export class ActivationHoverProvider implements vscode.HoverProvider {
  private readonly memo = new HoverMemo();

  constructor(private readonly analysis: AnalysisCache) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): vscode.Hover | undefined {
    if (token?.isCancellationRequested) return undefined;
    const settings = readHoverSettings(document);
    if (!settings.enabled) return undefined;
    const analysis = this.analysis.get(document);
    // The scan is shared and cached; the hover's own work (translation, plot) is skipped once the editor gave up.
    if (analysis.usages.length === 0 || token?.isCancellationRequested) return undefined;
    const hit = this.memo.at(analysis, document.offsetAt(position), settings.options);
    if (!hit) return undefined;
    if (token?.isCancellationRequested) return undefined;
    const content = new vscode.MarkdownString(hit.markdown, true);
    // Command links run only our own commands; no raw HTML from anywhere.
    content.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    content.supportHtml = false;
    const range = new vscode.Range(document.positionAt(hit.usage.start), document.positionAt(hit.usage.end));
    return new vscode.Hover(content, range);
  }
}
