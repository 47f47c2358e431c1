/**
 * The one gate for text from user code on its way into hover Markdown. `userText` makes it one bounded line (every
 * line terminator Python or Markdown knows, other control characters and bidi overrides become spaces or go);
 * `escapeMarkdown` and `inlineCode` then write it for a Markdown context, and both pass through `userText` first,
 * so nothing reaches Markdown unflattened or unbounded.
 */

/**
 * Line terminators of Python (`str.splitlines`: \n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029) and Markdown
 * (\n, \r): any of them left in a code span could end it, or start a new block under it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const LINE_TERMINATORS = /[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BREAKS = /(?:\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])[ \t]*/g;
/** Remaining C0/C1 controls and DEL, shown as spaces. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]/g;
/** Bidirectional overrides and isolates, which can make text read differently from what it is. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

declare const userTextBrand: unique symbol;
/** Text from user code made safe for hovers by `userText`: hover models hold user text only in this type. */
export type UserText = string & { readonly [userTextBrand]: true };

/** Text from user code as one line of at most `max` characters (an ellipsis marks a cut). */
export function userText(text: string, max = 120): UserText {
  // Cut before the replacements so the work is bounded by `max`, however long the input.
  const head = text.length > max * 2 + 8 ? text.slice(0, max * 2 + 8) : text;
  const flat = head.replace(BREAKS, ' ').replace(CONTROLS, ' ').replace(BIDI, '');
  return (flat.length <= max && head === text ? flat : `${flat.slice(0, max - 1)}…`) as UserText;
}

/**
 * Escapes text so Markdown renders it literally: no emphasis, links, images, HTML tags or entities.
 * Angle brackets and ampersands become entities, so `<img onerror=...>` shows as text even if HTML were enabled.
 */
export function escapeMarkdown(text: string, max = 400): string {
  return userText(text, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~$:]/g, (c) => `\\${c}`);
}

/**
 * Wraps text in an inline code span that cannot be broken out of: the fence is longer than any backtick run
 * inside, and line breaks are flattened. Code spans render their content literally (no HTML, no links).
 */
export function inlineCode(text: string, max = 240): string {
  // `$(` would be read as a theme icon; a zero-width space keeps the text looking the same.
  const flat = userText(text, max).replace(/\$\(/g, '$\u200b(');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Limits text from user code to a length that keeps the hover compact. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
