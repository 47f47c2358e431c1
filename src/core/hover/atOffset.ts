/**
 * The hover under an offset of an analysed document, memoised per analysis (a new document version gets a new
 * analysis object), so hovering the same line twice does no work. Shared by the VS Code provider and the
 * language server.
 */
import type { Usage } from '../scan/types';
import { definitionSource, usageAt, type DocumentAnalysis } from '../scan/documentAnalysis';
import { catalogPort } from './catalogAdapter';
import type { HoverOptions } from './model';
import { hoverMarkdown } from '.';

export class HoverMemo {
  private readonly rendered = new WeakMap<DocumentAnalysis, Map<string, string | undefined>>();

  /** The usage under `offset` and its hover Markdown, or undefined when there is nothing to say. */
  at(analysis: DocumentAnalysis, offset: number, options: HoverOptions): { usage: Usage; markdown: string } | undefined {
    const usage = usageAt(analysis, offset);
    if (!usage) return undefined;
    const key = `${usage.start}|${usage.end}|${JSON.stringify(options)}`;
    let memo = this.rendered.get(analysis);
    if (!memo) this.rendered.set(analysis, (memo = new Map()));
    let markdown = memo.get(key);
    if (!memo.has(key)) {
      const source = usage.form === 'custom' ? definitionSource(analysis, usage) : analysis.source;
      markdown = hoverMarkdown(usage, catalogPort, options, source);
      memo.set(key, markdown);
    }
    return markdown ? { usage, markdown } : undefined;
  }
}
