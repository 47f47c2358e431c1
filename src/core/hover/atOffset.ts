/**
 * The hover under an offset of an analysed document, memoised per analysis (a new document version gets a new
 * analysis object), so hovering the same line twice does no work. Shared by the VS Code provider and the
 * language server.
 */
import type { Usage } from '../scan/types';
import { definitionSource, usageAt, type DocumentAnalysis } from '../scan/documentAnalysis';
import { catalogPort } from './catalogAdapter';
import { buildModel } from './buildModel';
import type { HoverOptions } from './model';
import { renderHover } from './renderHover';
import { rendererId } from './userMath';
import { MemoOnKey } from '../memoOnKey';

interface Rendered {
  readonly markdown: string | undefined;
  /** A user formula was written as text for want of a renderer (options.texRenderer): one would typeset it. */
  readonly wantsTex: boolean;
}

export class HoverMemo {
  private readonly rendered = new MemoOnKey<DocumentAnalysis, Map<string, Rendered>>('hovers');

  /** The usage under `offset` and its hover Markdown, or undefined when there is nothing to say. */
  at(analysis: DocumentAnalysis, offset: number, options: HoverOptions): { usage: Usage; markdown: string; wantsTex: boolean } | undefined {
    const usage = usageAt(analysis, offset);
    if (!usage) return undefined;
    const key = `${usage.start}|${usage.end}|${JSON.stringify(options)}|${options.texRenderer ? rendererId(options.texRenderer) : ''}`;
    let memo = this.rendered.get(analysis);
    if (!memo) this.rendered.set(analysis, (memo = new Map()));
    let hit = memo.get(key);
    if (!hit) {
      const source = usage.form === 'custom' ? definitionSource(analysis, usage) : analysis.source;
      const model = buildModel(usage, catalogPort, options, source);
      const shown = options.images !== false && options.sections.formula;
      hit = { markdown: model ? renderHover(model, options) : undefined, wantsTex: model?.kind === 'custom' && !!model.tex && shown && !options.texRenderer };
      memo.set(key, hit);
    }
    return hit.markdown ? { usage, markdown: hit.markdown, wantsTex: hit.wantsTex } : undefined;
  }
}
