/**
 * Reads a user-defined activation from the source text: a `def`, a `lambda`, or an `nn.Module`/`Layer`
 * subclass whose `forward`/`call` returns an expression. Works on text alone (the scanner gives the offset).
 */
import { lineBreakAfter, lineStartBefore, pastLineBreak, splitLines } from '../python/lineIndex';
import { translateExpression, translateProgram, type TranslatedFormula } from './translate';
import { UnsupportedExpression } from './pyExpr';

type CustomTranslation =
  | ({ readonly ok: true; readonly kind: 'def' | 'lambda' | 'class'; readonly source: string } & TranslatedFormula)
  | { readonly ok: false; readonly kind: 'def' | 'lambda' | 'class' | 'unknown'; readonly reason: string };

const MAX_SCAN = 20_000;

/** Parses `a, b=1.0, *, c=2` into the first plain parameter and literal numeric defaults. */
function readParams(text: string, skipSelf: boolean): { input?: string; defaults: Record<string, number> } {
  const defaults: Record<string, number> = Object.create(null) as Record<string, number>;
  let input: string | undefined;
  for (const raw of splitTopLevel(text)) {
    const part = raw.replace(/:[^=]*/, '').trim();
    if (!part || part === '*' || part === '/' || part.startsWith('*')) continue;
    const [name, value] = part.split('=').map((s) => s.trim());
    if (skipSelf && (name === 'self' || name === 'cls') && input === undefined) continue;
    if (input === undefined && value === undefined) { input = name; continue; }
    const num = value === undefined ? NaN : literalNumber(value);
    if (!Number.isNaN(num)) defaults[name] = num;
  }
  return { input, defaults };
}

function literalNumber(text: string): number {
  const t = text.trim();
  if (t === 'True') return 1;
  if (t === 'False') return 0;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : NaN;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index just after the bracket matching the one at `open`, or -1. Skips strings roughly. */
function matchBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length && i < open + MAX_SCAN; i++) {
    const c = text[i];
    if (c === '"' || c === "'") { const end = text.indexOf(c, i + 1); if (end < 0) return -1; i = end; continue; }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) return i + 1;
  }
  return -1;
}

/** Logical lines of an indented block (joined across open brackets), without comments, blanks and docstrings. */
function blockStatements(text: string, headerEnd: number, headerIndent: number): string[] {
  const rest = text.slice(headerEnd, headerEnd + MAX_SCAN);
  const firstLineEnd = lineBreakAfter(rest, 0);
  const inline = rest.slice(0, firstLineEnd).replace(/#.*/, '').trim();
  if (inline) return inline.split(';').map((s) => s.trim()).filter(Boolean);
  const lines = splitLines(rest.slice(pastLineBreak(rest, firstLineEnd)));
  const out: string[] = [];
  let pending = '';
  for (const line of lines) {
    const code = line.replace(/#.*/, '');
    if (!pending && !code.trim()) continue;
    const indent = line.length - line.trimStart().length;
    if (!pending && indent <= headerIndent) break;
    pending += ` ${code.trim()}`;
    const opens = (pending.match(/[([{]/g) ?? []).length - (pending.match(/[)\]}]/g) ?? []).length;
    if (opens > 0 || pending.endsWith('\\')) { pending = pending.replace(/\\$/, ''); continue; }
    out.push(pending.trim());
    pending = '';
  }
  return out.filter((s) => !/^[rRbBuU]?("""|'''|"|')/.test(s));
}

function indentAt(text: string, offset: number): number {
  return offset - lineStartBefore(text, offset);
}

/**
 * Translates a function body: local assignments in order (each compiled once and shared by every use, never
 * substituted as text), then the final `return` gives f(x).
 */
function translateBody(statements: readonly string[], input: string, params: Record<string, number>, aliases: Record<string, string>): TranslatedFormula {
  const locals: [string, string][] = [];
  for (const st of statements) {
    const assign = /^([A-Za-z_]\w*)\s*=\s*(?!=)(.+)$/.exec(st);
    if (assign) { locals.push([assign[1], assign[2]]); continue; }
    const ret = /^return\s+(.+)$/.exec(st);
    if (ret) return translateProgram(locals, ret[1], input, params, aliases);
    throw new UnsupportedExpression(`the statement \`${st.slice(0, 40)}\` is beyond the translator`);
  }
  throw new UnsupportedExpression('no `return` statement found');
}

const MODULE_ALIASES: Readonly<Record<string, string>> = { Sigmoid: 'sigmoid', Tanh: 'tanh', ReLU: 'relu', Softplus: 'softplus', Softsign: 'softsign', SiLU: 'silu' };

function fail(kind: 'def' | 'lambda' | 'class' | 'unknown', reason: string): CustomTranslation {
  return { ok: false, kind, reason };
}

/** Translates the definition starting at (or on the line of) `offset` in `text`. Never throws. */
export function translateDefinition(text: string, offset: number): CustomTranslation {
  try {
    const line = text.slice(offset, lineBreakAfter(text, offset));
    const head = /^(?:async\s+)?(def|class|lambda)\b/.exec(line) ?? /\b(lambda)\b/.exec(line);
    if (!head) return fail('unknown', 'the definition could not be found');
    const start = offset + (head.index ?? 0);
    if (head[1] === 'lambda') {
      const colon = text.indexOf(':', start);
      const { input, defaults } = readParams(text.slice(start + 6, colon), false);
      if (!input) return fail('lambda', 'the lambda takes no input');
      const end = lineBreakAfter(text, colon);
      let body = text.slice(colon + 1, end);
      // A lambda passed as an argument ends at the enclosing call's comma or bracket.
      let depth = 0;
      for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c === '(' || c === '[') depth++;
        else if (c === ')' || c === ']') { if (depth-- === 0) { body = body.slice(0, i); break; } }
        else if (c === ',' && depth === 0) { body = body.slice(0, i); break; }
      }
      return { ok: true, kind: 'lambda', source: body.trim(), ...translateExpression(body.replace(/#.*/, ''), input, defaults) };
    }
    if (head[1] === 'def') {
      const open = text.indexOf('(', start);
      const close = matchBracket(text, open);
      if (open < 0 || close < 0) return fail('def', 'the parameter list could not be read');
      const { input, defaults } = readParams(text.slice(open + 1, close - 1), false);
      if (!input) return fail('def', 'the function takes no input');
      const colon = text.indexOf(':', close);
      const statements = blockStatements(text, colon + 1, indentAt(text, start));
      const translated = translateBody(statements, input, defaults, {});
      return { ok: true, kind: 'def', source: statements.join('; '), ...translated };
    }
    return translateClass(text, start);
  } catch (err) {
    return fail('unknown', err instanceof UnsupportedExpression ? err.message : 'the body is beyond the translator');
  }
}

function translateClass(text: string, start: number): CustomTranslation {
  const colon = text.indexOf(':', matchBracket(text, text.indexOf('(', start)) || start);
  const classIndent = indentAt(text, start);
  const body = blockStatementsRaw(text, colon + 1, classIndent);
  const init = findMethod(text, body, '__init__');
  const forward = findMethod(text, body, 'forward') ?? findMethod(text, body, 'call');
  if (!forward) return fail('class', 'no `forward` or `call` method returning an expression');
  const params: Record<string, number> = Object.create(null) as Record<string, number>;
  const aliases: Record<string, string> = Object.create(null) as Record<string, string>;
  if (init) {
    const { defaults } = readParams(init.params, true);
    for (const st of init.statements) {
      const m = /^self\.(\w+)\s*=\s*(.+)$/.exec(st);
      if (!m) continue;
      const value = m[2].trim();
      const literal = literalNumber(value);
      if (!Number.isNaN(literal)) params[`self.${m[1]}`] = literal;
      else if (Object.hasOwn(defaults, value)) params[`self.${m[1]}`] = defaults[value];
      const module = /^(?:[\w.]+\.)?(\w+)\(\s*\)$/.exec(value);
      if (module && Object.hasOwn(MODULE_ALIASES, module[1])) aliases[`self.${m[1]}`] = MODULE_ALIASES[module[1]];
    }
  }
  const { input } = readParams(forward.params, true);
  if (!input) return fail('class', '`forward` takes no input');
  const translated = translateBody(forward.statements, input, params, aliases);
  return { ok: true, kind: 'class', source: forward.statements.join('; '), ...translated };
}

/** Start offsets of the class body's lines, used to find methods by name at the body's indentation. */
function blockStatementsRaw(text: string, from: number, indent: number): { start: number; end: number } {
  const chunk = text.slice(from, from + MAX_SCAN * 5);
  let end = from;
  let i = 0;
  for (const m of chunk.matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)) {
    const line = m[1];
    const code = line.replace(/#.*/, '');
    const lineIndent = line.length - line.trimStart().length;
    if (i++ > 0 && code.trim() && lineIndent <= indent) break;
    end = from + (m.index ?? 0) + m[0].length;
    if (!m[0]) break;
  }
  return { start: from, end };
}

function findMethod(text: string, range: { start: number; end: number }, name: string): { params: string; statements: string[] } | undefined {
  const re = new RegExp(`^([ \\t]*)def\\s+${name}\\s*\\(`, 'gm');
  re.lastIndex = range.start;
  const m = re.exec(text);
  if (!m || m.index >= range.end) return undefined;
  const open = m.index + m[0].length - 1;
  const close = matchBracket(text, open);
  if (close < 0) return undefined;
  const colon = text.indexOf(':', close);
  return { params: text.slice(open + 1, close - 1), statements: blockStatements(text, colon + 1, m[1].length) };
}
