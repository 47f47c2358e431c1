/** Escaping for text that goes into hover Markdown. Everything taken from user code passes through here. */

/**
 * Escapes text so Markdown renders it literally: no emphasis, links, images, HTML tags or entities.
 * Angle brackets and ampersands become entities, so `<img onerror=...>` shows as text even if HTML were enabled.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~$:]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/**
 * Wraps text in an inline code span that cannot be broken out of: the fence is longer than any backtick run
 * inside, and line breaks are flattened. Code spans render their content literally (no HTML, no links).
 */
export function inlineCode(text: string): string {
  // `$(` would be read as a theme icon; a zero-width space keeps the text looking the same.
  const flat = text.replace(/\r?\n\s*/g, ' ').replace(/\$\(/g, '$\u200b(');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Limits text from user code to a length that keeps the hover compact. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
