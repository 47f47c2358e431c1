/**
 * A parser for the small subset of Python expressions that activation bodies use:
 * numbers, names, dotted names, calls (with keyword arguments), arithmetic, `**`, comparisons,
 * `and`/`or`/`not` and `a if c else b`. Anything else is rejected with a reason, never guessed.
 * Tokens and number literals come from the scanner's own tokenizer and literal reader (one Python front end).
 */
import { literalValue } from '../python/literal';
import { Tok, tokenText, type TokenStream } from '../python/tokenizer';

export type PyNode =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'unary'; readonly op: '-' | '+' | 'not'; readonly a: PyNode }
  | { readonly k: 'bin'; readonly op: '+' | '-' | '*' | '/' | '**' | 'and' | 'or'; readonly a: PyNode; readonly b: PyNode }
  | { readonly k: 'cmp'; readonly op: '<' | '<=' | '>' | '>=' | '==' | '!='; readonly a: PyNode; readonly b: PyNode }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly PyNode[]; readonly kw: ReadonlyMap<string, PyNode> }
  | { readonly k: 'cond'; readonly c: PyNode; readonly a: PyNode; readonly b: PyNode };

/** Thrown for anything outside the subset; the message is shown to the user as the reason. */
export class UnsupportedExpression extends Error {}

/** Tokens an activation body may hold; longer bodies are not translated. */
const MAX_TOKENS = 400;
const KEYWORDS = new Set(['if', 'else', 'and', 'or', 'not', 'lambda', 'for', 'in', 'is', 'await', 'yield']);

/** Tokens [from, to) of a stream from the shared tokenizer: one expression. */
export interface TokenRange { readonly from: number; readonly to: number }

interface Token { readonly text: string; readonly kind: Tok; readonly value?: number }

/** The expression's tokens with dotted names joined. */
function tokensOf(ts: TokenStream, range: TokenRange): Token[] {
  const out: Token[] = [];
  for (let t = range.from; t < range.to; t++) {
    const kind = ts.kind[t] as Tok;
    if (kind === Tok.Newline) continue;
    if (out.length >= MAX_TOKENS) throw new UnsupportedExpression('the expression is too long');
    const text = tokenText(ts, t);
    if (kind === Tok.String) throw new UnsupportedExpression('strings are not numbers');
    if (kind === Tok.Number) {
      const v = literalValue(ts, t, t + 1);
      if (typeof v !== 'number') throw new UnsupportedExpression(`cannot read the number \`${text.slice(0, 20)}\``);
      out.push({ text, kind, value: v });
    } else if (kind === Tok.Name && out.length && out[out.length - 1].text === '.' && out.length >= 2 && out[out.length - 2].kind === Tok.Name) {
      out.pop();
      const head = out.pop() as Token;
      out.push({ text: `${head.text}.${text}`, kind: Tok.Name });
    } else {
      out.push({ text, kind });
    }
  }
  return out;
}

/** Parses the Python expression in tokens `range` of `ts`. Throws UnsupportedExpression with a short reason. */
export function parsePyExpr(ts: TokenStream, range: TokenRange): PyNode {
  const t = tokensOf(ts, range);
  let i = 0;
  let depth = 0;
  const peek = (): string | undefined => t[i]?.text;
  const take = (want?: string): Token => {
    const tok = t[i];
    if (tok === undefined || (want !== undefined && tok.text !== want)) throw new UnsupportedExpression(`expected ${want ?? 'more'} but found ${tok?.text.slice(0, 20) ?? 'the end'}`);
    i++;
    return tok;
  };
  const expr = (): PyNode => {
    if (++depth > 60) throw new UnsupportedExpression('the expression nests too deeply');
    const body = orExpr();
    let result = body;
    if (peek() === 'if') {
      take();
      const c = orExpr();
      take('else');
      result = { k: 'cond', c, a: body, b: expr() };
    }
    depth--;
    return result;
  };
  const orExpr = (): PyNode => {
    let a = andExpr();
    while (peek() === 'or') { take(); a = { k: 'bin', op: 'or', a, b: andExpr() }; }
    return a;
  };
  const andExpr = (): PyNode => {
    let a = notExpr();
    while (peek() === 'and') { take(); a = { k: 'bin', op: 'and', a, b: notExpr() }; }
    return a;
  };
  const notExpr = (): PyNode => {
    if (peek() !== 'not') return comparison();
    take();
    if (++depth > 60) throw new UnsupportedExpression('the expression nests too deeply');
    const a = notExpr();
    depth--;
    return { k: 'unary', op: 'not', a };
  };
  const comparison = (): PyNode => {
    const a = sum();
    const op = peek();
    if (op === '<' || op === '<=' || op === '>' || op === '>=' || op === '==' || op === '!=') {
      take();
      const b = sum();
      if (['<', '<=', '>', '>=', '==', '!='].includes(peek() ?? '')) throw new UnsupportedExpression('chained comparisons are not supported');
      return { k: 'cmp', op, a, b };
    }
    return a;
  };
  const sum = (): PyNode => {
    let a = product();
    while (peek() === '+' || peek() === '-') { const op = take().text as '+' | '-'; a = { k: 'bin', op, a, b: product() }; }
    return a;
  };
  const product = (): PyNode => {
    let a = unary();
    while (peek() === '*' || peek() === '/') { const op = take().text as '*' | '/'; a = { k: 'bin', op, a, b: unary() }; }
    return a;
  };
  const unary = (): PyNode => {
    if (peek() === '-' || peek() === '+') {
      const op = take().text as '-' | '+';
      if (++depth > 60) throw new UnsupportedExpression('the expression nests too deeply');
      const a = unary();
      depth--;
      return { k: 'unary', op, a };
    }
    return power();
  };
  const power = (): PyNode => {
    const a = primary();
    if (peek() !== '**') return a;
    take();
    if (++depth > 60) throw new UnsupportedExpression('the expression nests too deeply');
    const b = unary();
    depth--;
    return { k: 'bin', op: '**', a, b };
  };
  const primary = (): PyNode => {
    const tok = take();
    if (tok.text === '(') { const e = expr(); take(')'); return e; }
    if (tok.kind === Tok.Number) return { k: 'num', v: tok.value as number };
    if (tok.kind === Tok.Name) {
      if (KEYWORDS.has(tok.text)) throw new UnsupportedExpression(`\`${tok.text}\` is not supported here`);
      if (tok.text === 'True' || tok.text === 'False') return { k: 'num', v: tok.text === 'True' ? 1 : 0 };
      if (peek() !== '(') return { k: 'name', name: tok.text };
      take('(');
      const args: PyNode[] = [];
      const kw = new Map<string, PyNode>();
      while (peek() !== ')') {
        const next = t[i];
        if (next?.kind === Tok.Name && !next.text.includes('.') && t[i + 1]?.text === '=') {
          take();
          take('=');
          kw.set(next.text, expr());
        } else {
          args.push(expr());
        }
        if (peek() === ',') take(); else break;
      }
      take(')');
      return { k: 'call', fn: tok.text, args, kw };
    }
    throw new UnsupportedExpression(`unexpected \`${tok.text.slice(0, 20)}\``);
  };
  const result = expr();
  if (i < t.length) throw new UnsupportedExpression(`unexpected \`${t[i].text.slice(0, 20)}\``);
  return result;
}
