// Runs in the extension host: answers hovers over activation usages from the shared analysis cache.
import * as vscode from 'vscode';
import { catalogPort, HOVER_COMMANDS, hoverMarkdown } from '../../core/hover';
import type { AnalysisCache } from '../analysisCache';
import { definitionSource, type DocumentAnalysis } from '../../core/scan/documentAnalysis';
import { readHoverSettings } from './hoverSettings';

/**
 * Builds hovers from the cached scan of the document's current version. Markdown is memoised per analysis
 * (a new document version gets a new analysis object), so hovering the same line twice does no work.
 */
export class ActivationHoverProvider implements vscode.HoverProvider {
  private readonly rendered = new WeakMap<DocumentAnalysis, Map<string, string | undefined>>();

  constructor(private readonly analysis: AnalysisCache) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = readHoverSettings(document);
    if (!settings.enabled) return undefined;
    const hit = this.analysis.usageAt(document, position);
    if (!hit) return undefined;
    const { usage, analysis } = hit;
    const key = `${usage.start}|${usage.end}|${JSON.stringify(settings.options)}`;
    let memo = this.rendered.get(analysis);
    if (!memo) this.rendered.set(analysis, (memo = new Map()));
    let markdown = memo.get(key);
    if (!memo.has(key)) {
      const source = usage.form === 'custom' ? definitionSource(analysis, usage) : analysis.source;
      markdown = hoverMarkdown(usage, catalogPort, settings.options, source);
      memo.set(key, markdown);
    }
    if (!markdown) return undefined;
    const content = new vscode.MarkdownString(markdown, true);
    // Command links run only our own commands; no raw HTML from anywhere.
    content.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    content.supportHtml = false;
    const range = new vscode.Range(document.positionAt(usage.start), document.positionAt(usage.end));
    return new vscode.Hover(content, range);
  }
}
