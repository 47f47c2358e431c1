/**
 * Reads a user-defined activation from the source text: a `def`, a `lambda`, or an `nn.Module`/`Layer`
 * subclass whose `forward`/`call` returns an expression. It reads the scanner's own tokens and literals (one Python
 * front end), so comments, strings, line continuations, tabs and line ends mean what they mean to Python.
 */
import { argsBetween } from '../python/callArgs';
import { lineStartBefore } from '../python/lineIndex';
import { literalValue } from '../python/literal';
import { blockStatements as blockStarts, firstTokenFrom, statementEnd, statementStart } from '../python/statements';
import { Tok, tokenIs, tokenize, tokenText, type TokenStream } from '../python/tokenizer';
import { UnsupportedExpression, type TokenRange } from './pyExpr';
import { translateProgram, type Local, type TranslatedFormula } from './translate';

type Kind = 'def' | 'lambda' | 'class';

type CustomTranslation =
  | ({ readonly ok: true; readonly kind: Kind } & TranslatedFormula)
  | { readonly ok: false; readonly kind: Kind | 'unknown'; readonly reason: string };

/** Characters read from the definition's line on: a class with its methods fits; what lies past it is not read. */
export const MAX_DEFINITION_CHARS = 100_000;

const MODULE_ALIASES: Readonly<Record<string, string>> = { Sigmoid: 'sigmoid', Tanh: 'tanh', ReLU: 'relu', Softplus: 'softplus', Softsign: 'softsign', SiLU: 'silu' };

/** One statement (logical line, or part of one between `;`): its tokens and the indentation it starts at. */
interface Statement extends TokenRange { readonly indent: number }

function fail(kind: Kind | 'unknown', reason: string): CustomTranslation {
  return { ok: false, kind, reason };
}

/** The first top-level `text` operator in tokens [from, to), jumping over brackets; -1 when there is none. */
function topLevel(ts: TokenStream, from: number, to: number, text: string): number {
  for (let t = from; t < to; t++) {
    if (ts.kind[t] === Tok.Open && ts.match[t] > t) t = ts.match[t];
    else if (ts.kind[t] === Tok.Op && tokenIs(ts, t, text)) return t;
  }
  return -1;
}

/** A parameter default or attribute value written as a number or a boolean, as the scanner reads literals. */
function literalNumber(ts: TokenStream, from: number, to: number): number | undefined {
  const v = literalValue(ts, from, to);
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined;
}

/** The first plain parameter of tokens [from, to) (`a, b=1.0, *, c: float = 2`) and the literal numeric defaults. */
function readParams(ts: TokenStream, from: number, to: number, skipSelf: boolean): { input?: string; defaults: Record<string, number> } {
  const defaults: Record<string, number> = Object.create(null) as Record<string, number>;
  let input: string | undefined;
  for (const arg of argsBetween(ts, from, to)) {
    if (arg.star) continue;
    let name: string;
    let value: TokenRange | undefined;
    if (arg.keyword !== undefined) {
      name = arg.keyword;
      value = arg;
    } else {
      if (ts.kind[arg.from] !== Tok.Name) continue;
      name = tokenText(ts, arg.from);
      const eq = topLevel(ts, arg.from, arg.to, '=');
      if (eq >= 0) value = { from: eq + 1, to: arg.to };
    }
    if (skipSelf && (name === 'self' || name === 'cls') && input === undefined) continue;
    if (input === undefined && value === undefined) { input = name; continue; }
    const num = value && literalNumber(ts, value.from, value.to);
    if (num !== undefined) defaults[name] = num;
  }
  return { input, defaults };
}

/** A statement that is only a string (a docstring): it computes nothing. */
function isStringOnly(ts: TokenStream, st: TokenRange): boolean {
  for (let t = st.from; t < st.to; t++) if (ts.kind[t] !== Tok.String) return false;
  return true;
}

/**
 * The statements of the block whose header statement starts at token `header` and ends with the `:` at token
 * `colon`, nested blocks included (each with its indentation), docstrings left out. A body on the header's own line
 * (`def f(x): return x`) is that line's statements.
 */
function blockStatements(ts: TokenStream, header: number, colon: number): Statement[] {
  const out: Statement[] = [];
  const push = (st: Statement): void => { if (st.to > st.from && !isStringOnly(ts, st)) out.push(st); };
  let t = colon + 1;
  if (t < ts.count && ts.kind[t] !== Tok.Newline) {
    // Inline body: statements up to the end of the physical line (`;` ends a statement but not the line).
    for (;;) {
      const end = statementEnd(ts, t);
      push({ from: t, to: end, indent: ts.indent[header] + 1 });
      if (end >= ts.count || !tokenIs(ts, end, ';')) return out;
      t = end + 1;
    }
  }
  for (const s of blockStarts(ts, header)) push({ from: s, to: statementEnd(ts, s), indent: ts.indent[s] });
  return out;
}

/** A statement's text for a message, white space and line continuations folded. */
function statementText(ts: TokenStream, st: TokenRange): string {
  return ts.text.slice(ts.start[st.from], ts.end[st.to - 1]).replace(/\s*\\?\s*(?:\r\n|\r|\n)\s*/g, ' ').slice(0, 40);
}

/**
 * Translates a function body: local assignments in order (each compiled once and shared by every use, never
 * substituted as text), then the first `return` gives f(x).
 */
function translateBody(ts: TokenStream, statements: readonly Statement[], input: string, params: Record<string, number>, aliases: Record<string, string>): TranslatedFormula {
  const locals: Local[] = [];
  for (const st of statements) {
    if (ts.kind[st.from] === Tok.Name && tokenIs(ts, st.from + 1, '=') && st.to > st.from + 2) {
      locals.push({ name: tokenText(ts, st.from), value: { from: st.from + 2, to: st.to } });
      continue;
    }
    if (tokenIs(ts, st.from, 'return') && st.to > st.from + 1) return translateProgram(ts, locals, { from: st.from + 1, to: st.to }, input, params, aliases);
    throw new UnsupportedExpression(`the statement \`${statementText(ts, st)}\` is beyond the translator`);
  }
  throw new UnsupportedExpression('no `return` statement found');
}

/** A `def` (token `d`): its parameters and body, or why not. */
function readDef(ts: TokenStream, d: number): { params: TokenRange; statements: Statement[] } | string {
  const open = d + 2;
  if (ts.kind[d + 1] !== Tok.Name || ts.kind[open] !== Tok.Open || !(ts.match[open] > open)) return 'the parameter list could not be read';
  const close = ts.match[open];
  const colon = topLevel(ts, close + 1, statementEnd(ts, close), ':');
  if (colon < 0) return 'the function body could not be read';
  return { params: { from: open + 1, to: close }, statements: blockStatements(ts, statementStart(ts, d), colon) };
}

function translateDef(ts: TokenStream, d: number): CustomTranslation {
  const def = readDef(ts, d);
  if (typeof def === 'string') return fail('def', def);
  const { input, defaults } = readParams(ts, def.params.from, def.params.to, false);
  if (!input) return fail('def', 'the function takes no input');
  return { ok: true, kind: 'def', ...translateBody(ts, def.statements, input, defaults, {}) };
}

function translateLambda(ts: TokenStream, l: number): CustomTranslation {
  const end = statementEnd(ts, l);
  const colon = topLevel(ts, l + 1, end, ':');
  if (colon < 0) return fail('lambda', 'the lambda has no body');
  const { input, defaults } = readParams(ts, l + 1, colon, false);
  if (!input) return fail('lambda', 'the lambda takes no input');
  // A lambda passed as an argument ends at the enclosing call's comma or bracket.
  let t = colon + 1;
  while (t < end && !(ts.kind[t] === Tok.Op && tokenIs(ts, t, ','))) {
    if (ts.kind[t] === Tok.Close) break;
    t = ts.kind[t] === Tok.Open && ts.match[t] > t ? ts.match[t] + 1 : t + 1;
  }
  return { ok: true, kind: 'lambda', ...translateProgram(ts, [], { from: colon + 1, to: t }, input, defaults) };
}

/** The methods defined directly in a class body (not nested in other methods), by name; a later one replaces an earlier one. */
function methodsOf(ts: TokenStream, body: readonly Statement[]): Map<string, number> {
  const methods = new Map<string, number>();
  const direct = body.length ? body[0].indent : 0;
  for (const st of body) {
    if (st.indent !== direct) continue;
    const d = tokenIs(ts, st.from, 'async') ? st.from + 1 : st.from;
    if (tokenIs(ts, d, 'def') && ts.kind[d + 1] === Tok.Name) methods.set(tokenText(ts, d + 1), d);
  }
  return methods;
}

function translateClass(ts: TokenStream, c: number): CustomTranslation {
  let t = c + 2;
  if (ts.kind[t] === Tok.Open && ts.match[t] > t) t = ts.match[t] + 1;
  if (ts.kind[c + 1] !== Tok.Name || !tokenIs(ts, t, ':')) return fail('class', 'the class body could not be read');
  const methods = methodsOf(ts, blockStatements(ts, statementStart(ts, c), t));
  const forwardAt = methods.get('forward') ?? methods.get('call');
  if (forwardAt === undefined) return fail('class', 'no `forward` or `call` method returning an expression');
  const forward = readDef(ts, forwardAt);
  if (typeof forward === 'string') return fail('class', forward);
  const params: Record<string, number> = Object.create(null) as Record<string, number>;
  const aliases: Record<string, string> = Object.create(null) as Record<string, string>;
  const initAt = methods.get('__init__');
  const init = initAt === undefined ? undefined : readDef(ts, initAt);
  if (init && typeof init !== 'string') {
    const { defaults } = readParams(ts, init.params.from, init.params.to, true);
    for (const st of init.statements) {
      // `self.name = value`, also inside `if` blocks: a literal, a parameter's default, or a stored module.
      if (!tokenIs(ts, st.from, 'self') || !tokenIs(ts, st.from + 1, '.') || ts.kind[st.from + 2] !== Tok.Name || !tokenIs(ts, st.from + 3, '=')) continue;
      const key = `self.${tokenText(ts, st.from + 2)}`;
      const from = st.from + 4;
      const literal = literalNumber(ts, from, st.to);
      if (literal !== undefined) params[key] = literal;
      else if (st.to === from + 1 && ts.kind[from] === Tok.Name && Object.hasOwn(defaults, tokenText(ts, from))) params[key] = defaults[tokenText(ts, from)];
      const module = storedModule(ts, from, st.to);
      if (module && Object.hasOwn(MODULE_ALIASES, module)) aliases[key] = MODULE_ALIASES[module];
    }
  }
  const { input } = readParams(ts, forward.params.from, forward.params.to, true);
  if (!input) return fail('class', '`forward` takes no input');
  return { ok: true, kind: 'class', ...translateBody(ts, forward.statements, input, params, aliases) };
}

/** `nn.Sigmoid()` in tokens [from, to): the last name of a dotted name called with no arguments. */
function storedModule(ts: TokenStream, from: number, to: number): string | undefined {
  if (to - from < 3 || !tokenIs(ts, to - 2, '(') || !tokenIs(ts, to - 1, ')')) return undefined;
  for (let t = from; t < to - 2; t++) {
    if ((t - from) % 2 === 0 ? ts.kind[t] !== Tok.Name : !tokenIs(ts, t, '.')) return undefined;
  }
  return (to - 2 - from) % 2 === 1 ? tokenText(ts, to - 3) : undefined;
}

/** The first token at or after offset `at`: a `def`, `class` or (after decorators) one of those, or a `lambda` on its line. */
function definitionToken(ts: TokenStream, at: number): number {
  let t = firstTokenFrom(ts, at);
  // Decorators above a definition are statements of their own.
  while (t < ts.count && tokenIs(ts, t, '@') && ts.indent[t] >= 0) t = statementEnd(ts, t) + 1;
  if (tokenIs(ts, t, 'async') && tokenIs(ts, t + 1, 'def')) return t + 1;
  if (tokenIs(ts, t, 'def') || tokenIs(ts, t, 'class')) return t;
  for (let i = t, end = statementEnd(ts, t); i < end; i++) if (ts.kind[i] === Tok.Name && tokenIs(ts, i, 'lambda')) return i;
  return -1;
}

/** Translates the definition starting at (or on the line of) `offset` in `text`. Never throws. */
export function translateDefinition(text: string, offset: number): CustomTranslation {
  try {
    const lineStart = lineStartBefore(text, offset);
    const ts = tokenize(text.slice(lineStart, lineStart + MAX_DEFINITION_CHARS));
    const head = definitionToken(ts, offset - lineStart);
    if (head < 0) return fail('unknown', 'the definition could not be found');
    if (tokenIs(ts, head, 'lambda')) return translateLambda(ts, head);
    if (tokenIs(ts, head, 'def')) return translateDef(ts, head);
    return translateClass(ts, head);
  } catch (err) {
    return fail('unknown', err instanceof UnsupportedExpression ? err.message : 'the body is beyond the translator');
  }
}
