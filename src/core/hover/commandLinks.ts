/** Command links in hovers. Only these ids are ever linked, and the editor trusts only these ids. */

import type { HoverCommand } from '../commandIds';

export { HOVER_COMMANDS } from '../commandIds';

/**
 * A Markdown link that runs `command` with `args`. The arguments are JSON, URI-encoded; parentheses and
 * quotes are encoded too, so text from user code can never close the link early.
 */
export function commandLink(label: string, command: HoverCommand, args: unknown, title?: string): string {
  const encoded = encodeURIComponent(JSON.stringify([args])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const tip = title ? ` "${title.replace(/["\\]/g, '')}"` : '';
  return `[${label}](command:${command}?${encoded}${tip})`;
}
