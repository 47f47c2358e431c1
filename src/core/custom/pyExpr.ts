/**
 * A parser for the small subset of Python expressions that activation bodies use:
 * numbers, names, dotted names, calls (with keyword arguments), arithmetic, `**`, comparisons,
 * `and`/`or`/`not` and `a if c else b`. Anything else is rejected with a reason, never guessed.
 */

export type PyNode =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'unary'; readonly op: '-' | '+' | 'not'; readonly a: PyNode }
  | { readonly k: 'bin'; readonly op: '+' | '-' | '*' | '/' | '**' | 'and' | 'or'; readonly a: PyNode; readonly b: PyNode }
  | { readonly k: 'cmp'; readonly op: '<' | '<=' | '>' | '>=' | '==' | '!='; readonly a: PyNode; readonly b: PyNode }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly PyNode[]; readonly kw: Readonly<Record<string, PyNode>> }
  | { readonly k: 'cond'; readonly c: PyNode; readonly a: PyNode; readonly b: PyNode };

/** Thrown for anything outside the subset; the message is shown to the user as the reason. */
export class UnsupportedExpression extends Error {}

const TOKEN = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*(?:\s*\.\s*[A-Za-z_][A-Za-z_0-9]*)*)|(\*\*|<=|>=|==|!=|[-+*/()<>,=]))/y;

function tokenize(src: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new UnsupportedExpression(`cannot read \`${src.slice(pos).trim().slice(0, 20)}\``);
    tokens.push((m[1] ?? m[2] ?? m[3]).replace(/\s+/g, ''));
    pos = TOKEN.lastIndex;
  }
  if (tokens.length > 400) throw new UnsupportedExpression('the expression is too long');
  return tokens;
}

/** Parses one Python expression. Throws UnsupportedExpression with a short reason. */
export function parsePyExpr(src: string): PyNode {
  const t = tokenize(src);
  let i = 0;
  let depth = 0;
  const peek = (): string | undefined => t[i];
  const take = (want?: string): string => {
    const tok = t[i];
    if (tok === undefined || (want !== undefined && tok !== want)) throw new UnsupportedExpression(`expected ${want ?? 'more'} but found ${tok ?? 'the end'}`);
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
  const notExpr = (): PyNode => (peek() === 'not' ? (take(), { k: 'unary', op: 'not', a: notExpr() }) : comparison());
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
    while (peek() === '+' || peek() === '-') { const op = take() as '+' | '-'; a = { k: 'bin', op, a, b: product() }; }
    return a;
  };
  const product = (): PyNode => {
    let a = unary();
    while (peek() === '*' || peek() === '/') { const op = take() as '*' | '/'; a = { k: 'bin', op, a, b: unary() }; }
    return a;
  };
  const unary = (): PyNode => {
    if (peek() === '-' || peek() === '+') { const op = take() as '-' | '+'; return { k: 'unary', op, a: unary() }; }
    return power();
  };
  const power = (): PyNode => {
    const a = primary();
    if (peek() === '**') { take(); return { k: 'bin', op: '**', a, b: unary() }; }
    return a;
  };
  const primary = (): PyNode => {
    const tok = take();
    if (tok === '(') { const e = expr(); take(')'); return e; }
    if (/^[\d.]/.test(tok)) return { k: 'num', v: Number(tok) };
    if (/^[A-Za-z_]/.test(tok)) {
      if (['if', 'else', 'and', 'or', 'not', 'lambda', 'for', 'in', 'is'].includes(tok)) throw new UnsupportedExpression(`\`${tok}\` is not supported here`);
      if (tok === 'True' || tok === 'False') return { k: 'num', v: tok === 'True' ? 1 : 0 };
      if (peek() !== '(') return { k: 'name', name: tok };
      take('(');
      const args: PyNode[] = [];
      const kw: Record<string, PyNode> = {};
      while (peek() !== ')') {
        if (/^[A-Za-z_]\w*$/.test(peek() ?? '') && t[i + 1] === '=') {
          const key = take();
          take('=');
          kw[key] = expr();
        } else {
          args.push(expr());
        }
        if (peek() === ',') take(); else break;
      }
      take(')');
      return { k: 'call', fn: tok, args, kw };
    }
    throw new UnsupportedExpression(`unexpected \`${tok}\``);
  };
  const result = expr();
  if (i < t.length) throw new UnsupportedExpression(`unexpected \`${t[i]}\``);
  return result;
}
