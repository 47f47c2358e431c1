/** Hover content for an activation usage: plain Markdown text, built without the editor. */
import type { Usage } from '../scan/types';
import type { CatalogPort } from './catalogPort';
import { buildModel } from './buildModel';
import type { HoverOptions } from './model';
import { renderHover } from './renderHover';

export { HOVER_COMMANDS } from './commandLinks';
export { ALL_SECTIONS, DEFAULT_OPTIONS } from './model';
export type { HoverModel, HoverOptions, HoverSections, PlotCommandArgs } from './model';
export type { CatalogPort } from './catalogPort';

export { catalogPort, knownDocsUrls } from './catalogAdapter';

/**
 * The hover Markdown for a usage, or undefined when there is nothing to say. `source` is the text the usage's
 * offsets (and `definitionStart`) index, used to show the call's input and to read user-defined functions.
 */
export function hoverMarkdown(usage: Usage, port: CatalogPort, options: HoverOptions, source?: string): string | undefined {
  const model = buildModel(usage, port, options, source);
  return model ? renderHover(model, options) : undefined;
}
