/**
 * The hover's layout maths: how wide a line of hover Markdown draws and how tall the hover gets, so the renderer
 * picks whole lines that fit instead of cutting text. VS Code caps a hover at max(editor height / 4, 250 px)
 * and about 740 px wide; what does not fit scrolls out of sight, and the link row is the last line. The widths
 * are upper estimates for the workbench's 13 px sans-serif (measured by the UI check in test/harness/ui).
 */

export const HOVER_BOX = {
  /** Default height cap on a 1080p screen. */
  maxHeight: 250,
  /** Width a text line may use before it wraps (the hover's maximum less its padding, with a margin). */
  lineWidth: 680,
  /** Padding above the first block and below the last. */
  padding: 6,
  /** Space between blocks (header, figure, text). */
  gap: 11,
  /** One line of text (13 px font, 19 px line height). */
  line: 19,
} as const;

/** Average advance per character, in px: plain 13 px sans-serif, its bold, and the monospace of code spans. */
const ADVANCE = { plain: 6.8, bold: 7.5, code: 8.3, icon: 18 } as const;

/** Estimated width in px of one line of hover Markdown as drawn (link targets, escapes and markup cost nothing). */
export function lineWidthPx(markdown: string): number {
  let text = markdown
    .replace(/!\[(?:\\.|[^\]\\])*\]\([^)]*\)/g, '') // images are blocks of their own
    .replace(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\([^)\s]*(?: "[^"]*")?\)/g, '$1') // links: the label only
    .replace(/&nbsp;/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, '&');
  let width = 0;
  const icons = text.match(/\$\([\w-]+\)/g) ?? [];
  width += icons.length * ADVANCE.icon;
  text = text.replace(/\$\([\w-]+\)/g, '');
  // Code spans (any fence length), then bold, then the rest.
  text = text.replace(/(`+) ?([\s\S]*?) ?\1/g, (_m, _f, code: string) => {
    width += code.length * ADVANCE.code + 8;
    return '';
  });
  text = text.replace(/\*\*((?:\\.|[^*])*)\*\*/g, (_m, bold: string) => {
    width += unescape(bold).length * ADVANCE.bold;
    return '';
  });
  width += unescape(text.replace(/(?<!\\)\*/g, '')).length * ADVANCE.plain;
  return Math.ceil(width);
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** How many drawn lines a Markdown line takes at the hover's width. */
export function drawnLines(markdown: string): number {
  return Math.max(1, Math.ceil(lineWidthPx(markdown) / HOVER_BOX.lineWidth));
}

/** Height in px of a hover: a header line, an optional figure of `figureHeight` px, and text lines. */
export function hoverHeight(header: string, figureHeight: number | undefined, lines: readonly string[]): number {
  const { padding, gap, line } = HOVER_BOX;
  const text = lines.reduce((n, l) => n + drawnLines(l), 0);
  const blocks = [drawnLines(header) * line, figureHeight, text ? text * line : undefined].filter((h): h is number => h !== undefined);
  return 2 * padding + blocks.reduce((a, b) => a + b, 0) + gap * (blocks.length - 1);
}

/**
 * Chooses whole lines to show: `always` lines are kept, then `optional` lines in priority order while the hover
 * stays within its height. Returns the kept lines in display order (the order of `order`).
 */
export function fitLines(header: string, figureHeight: number | undefined, always: readonly string[], optional: readonly string[], order: readonly string[]): string[] {
  const kept = new Set(always);
  for (const l of optional) {
    if (hoverHeight(header, figureHeight, [...kept, l]) <= HOVER_BOX.maxHeight) kept.add(l);
  }
  return order.filter((l) => kept.has(l));
}
