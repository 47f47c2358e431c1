/** `# activation-lens: ignore[code, ...]` (or bare `ignore`) on a finding's line or the line above silences it. */
import { isRuleCode, type RuleCode } from './codes';
import { LineIndex } from '../python/lineIndex';

const DIRECTIVE = /#\s*activation-lens:\s*ignore(?:\[([^\]]*)\])?/g;

/**
 * Per 0-based line: the codes ignored there (`'all'` for a bare ignore). Only comment text is read, and only the
 * lines that mention `activation-lens` (found by search, so a file without directives costs one pass of indexOf).
 */
export function ignoredLines(text: string, lines: LineIndex = new LineIndex(text)): Map<number, Set<RuleCode> | 'all'> {
  const out = new Map<number, Set<RuleCode> | 'all'>();
  for (let at = mention(text, 0); at !== -1;) {
    const i = lines.lineAt(at);
    const next = i + 1 < lines.lineCount ? lines.lineStart(i + 1) : text.length;
    // The line's text without its break (`\r\n`, `\n` or a lone `\r`), as LineIndex counts lines.
    const line = text.slice(lines.lineStart(i), next).replace(/\r?\n$|\r$/, '');
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(line); m; m = DIRECTIVE.exec(line)) {
      if (!isComment(line, m.index)) continue;
      if (m[1] === undefined) { out.set(i, 'all'); continue; }
      const current = out.get(i);
      if (current === 'all') continue;
      const set = current ?? new Set<RuleCode>();
      for (const code of m[1].split(',').map((s) => s.trim())) if (isRuleCode(code)) set.add(code);
      out.set(i, set);
    }
    at = next < text.length ? mention(text, next) : -1;
  }
  return out;
}

/**
 * `text.indexOf('activation-lens', from)`, found by its `-lens`: a search is fast for a pattern whose first character
 * is rare in the text, and model code writes `activation` everywhere (a 10,000-line file took 0.1 ms, now 0.01).
 */
function mention(text: string, from: number): number {
  for (let at = text.indexOf('-lens', from + 10); at !== -1; at = text.indexOf('-lens', at + 1)) {
    if (text.startsWith('activation', at - 10)) return at - 10;
  }
  return -1;
}

/** Whether the `#` at `at` starts a comment rather than sitting inside a string on that line. */
function isComment(line: string, at: number): boolean {
  let quote = '';
  for (let i = 0; i < at; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return false;
  }
  return quote === '';
}

/** Whether a finding of `code` starting on `line` is silenced (directive on that line or the one above). */
export function isIgnored(ignored: Map<number, Set<RuleCode> | 'all'>, code: RuleCode, line: number): boolean {
  if (!ignored.size) return false; // no directive in the unit (nearly always)
  for (let l = line; l >= line - 1; l--) {
    const entry = ignored.get(l);
    if (entry === 'all' || entry?.has(code)) return true;
  }
  return false;
}
