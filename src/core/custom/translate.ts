/**
 * Turns a parsed Python activation body into a mathjs expression (for display and the plot panel) and a plain
 * JavaScript evaluator (for the hover's curve). Only the functions below are known; any other call is reported.
 */
import { erf, sigmoid, softplus } from '../maths/scalar';
import { parsePyExpr, UnsupportedExpression, type PyNode } from './pyExpr';

type Fn = (...a: number[]) => number;

/** `x`, `f(x)` or `(a + b)`: parentheses only when the operand needs them. */
function atom(a: string): string {
  return /^[\w.]+$/.test(a) || (/^[a-z]+\(/.test(a) && balancedCall(a)) ? a : `(${a})`;
}
const neg = (a: string): string => `-${atom(a)}`;

/** Known functions by the last part of their dotted name: how to evaluate, and how to write in mathjs. */
const FUNCTIONS: Readonly<Record<string, { arity: number[]; run: Fn; math: (a: string[]) => string }>> = {
  sigmoid: { arity: [1], run: sigmoid, math: ([a]) => `1 / (1 + exp(${neg(a)}))` },
  tanh: { arity: [1], run: Math.tanh, math: ([a]) => `tanh(${a})` },
  exp: { arity: [1], run: Math.exp, math: ([a]) => `exp(${a})` },
  log: { arity: [1], run: Math.log, math: ([a]) => `log(${a})` },
  log1p: { arity: [1], run: Math.log1p, math: ([a]) => `log(1 + ${a})` },
  sqrt: { arity: [1], run: Math.sqrt, math: ([a]) => `sqrt(${a})` },
  abs: { arity: [1], run: Math.abs, math: ([a]) => `abs(${a})` },
  square: { arity: [1], run: (v) => v * v, math: ([a]) => `(${a})^2` },
  erf: { arity: [1], run: erf, math: ([a]) => `erf(${a})` },
  sin: { arity: [1], run: Math.sin, math: ([a]) => `sin(${a})` },
  cos: { arity: [1], run: Math.cos, math: ([a]) => `cos(${a})` },
  relu: { arity: [1], run: (v) => Math.max(v, 0), math: ([a]) => `max(${a}, 0)` },
  softplus: { arity: [1], run: softplus, math: ([a]) => `log(1 + exp(${a}))` },
  softsign: { arity: [1], run: (v) => v / (1 + Math.abs(v)), math: ([a]) => `${atom(a)} / (1 + abs(${a}))` },
  silu: { arity: [1], run: (v) => v * sigmoid(v), math: ([a]) => `${atom(a)} / (1 + exp(${neg(a)}))` },
  swish: { arity: [1], run: (v) => v * sigmoid(v), math: ([a]) => `${atom(a)} / (1 + exp(${neg(a)}))` },
  maximum: { arity: [2], run: Math.max, math: ([a, b]) => `max(${a}, ${b})` },
  minimum: { arity: [2], run: Math.min, math: ([a, b]) => `min(${a}, ${b})` },
  max: { arity: [2], run: Math.max, math: ([a, b]) => `max(${a}, ${b})` },
  min: { arity: [2], run: Math.min, math: ([a, b]) => `min(${a}, ${b})` },
  pow: { arity: [2], run: Math.pow, math: ([a, b]) => `(${a})^(${b})` },
  where: { arity: [3], run: (c, a, b) => (c ? a : b), math: ([c, a, b]) => `(${c}) ? (${a}) : (${b})` },
  clamp: { arity: [3], run: (v, lo, hi) => Math.min(Math.max(v, lo), hi), math: ([v, lo, hi]) => `min(max(${v}, ${lo}), ${hi})` },
  clip: { arity: [3], run: (v, lo, hi) => Math.min(Math.max(v, lo), hi), math: ([v, lo, hi]) => `min(max(${v}, ${lo}), ${hi})` },
};

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, inf: Infinity };

/** A custom activation translated: f(x) with named parameters bound to their defaults. */
export interface TranslatedFormula {
  /** mathjs expression in `x` and the parameter names. */
  readonly mathjs: string;
  /** Parameter names with the literal defaults used for the curve. */
  readonly params: Readonly<Record<string, number>>;
  readonly evaluate: (x: number) => number;
}

type Compiled = { math: string; prec: number; run: (scope: Record<string, number>) => number };

const PREC = { cond: 1, or: 2, and: 3, not: 4, cmp: 5, add: 6, mul: 7, unary: 8, pow: 9, atom: 10 } as const;

function wrap(c: Compiled, min: number): string {
  return c.prec < min ? `(${c.math})` : c.math;
}

/**
 * Translates a Python expression in the variable `input` to mathjs, given the names that are parameters
 * (with defaults) and attribute constants (e.g. `self.beta`). Throws UnsupportedExpression with a reason.
 */
export function translateExpression(src: string, input: string, params: Readonly<Record<string, number>>, aliases: Readonly<Record<string, string>> = {}): TranslatedFormula {
  const compile = (n: PyNode): Compiled => {
    switch (n.k) {
      case 'num':
        return { math: String(n.v), prec: PREC.atom, run: () => n.v };
      case 'name': {
        const name = n.name;
        if (name === input) return { math: 'x', prec: PREC.atom, run: (s) => s.x };
        if (name in params) {
          const id = name.replace(/^self\./, '');
          return { math: id, prec: PREC.atom, run: (s) => s[id] };
        }
        const last = name.split('.').pop() as string;
        if (last in CONSTANTS && (name === last || /^(math|np|numpy|torch|tf)\./.test(name))) {
          const v = CONSTANTS[last];
          return { math: last === 'inf' ? 'Infinity' : last, prec: PREC.atom, run: () => v };
        }
        throw new UnsupportedExpression(`\`${name}\` is neither the input nor a parameter with a literal default`);
      }
      case 'unary': {
        const a = compile(n.a);
        if (n.op === 'not') return { math: `not ${wrap(a, PREC.not)}`, prec: PREC.not, run: (s) => (a.run(s) ? 0 : 1) };
        const sign = n.op === '-' ? -1 : 1;
        return { math: `${n.op}${wrap(a, PREC.unary)}`, prec: PREC.unary, run: (s) => sign * a.run(s) };
      }
      case 'bin': {
        const a = compile(n.a);
        const b = compile(n.b);
        switch (n.op) {
          case '+': return { math: `${wrap(a, PREC.add)} + ${wrap(b, PREC.mul)}`, prec: PREC.add, run: (s) => a.run(s) + b.run(s) };
          case '-': return { math: `${wrap(a, PREC.add)} - ${wrap(b, PREC.mul)}`, prec: PREC.add, run: (s) => a.run(s) - b.run(s) };
          case '*': return { math: `${wrap(a, PREC.mul)} * ${wrap(b, PREC.unary)}`, prec: PREC.mul, run: (s) => a.run(s) * b.run(s) };
          case '/': return { math: `${wrap(a, PREC.mul)} / ${wrap(b, PREC.unary)}`, prec: PREC.mul, run: (s) => a.run(s) / b.run(s) };
          case '**': return { math: `${wrap(a, PREC.atom)} ^ ${wrap(b, PREC.unary)}`, prec: PREC.pow, run: (s) => Math.pow(a.run(s), b.run(s)) };
          case 'and': return { math: `${wrap(a, PREC.and)} and ${wrap(b, PREC.not)}`, prec: PREC.and, run: (s) => (a.run(s) && b.run(s) ? 1 : 0) };
          case 'or': return { math: `${wrap(a, PREC.or)} or ${wrap(b, PREC.and)}`, prec: PREC.or, run: (s) => (a.run(s) || b.run(s) ? 1 : 0) };
        }
        break;
      }
      case 'cmp': {
        const a = compile(n.a);
        const b = compile(n.b);
        const test: Record<string, (p: number, q: number) => boolean> = { '<': (p, q) => p < q, '<=': (p, q) => p <= q, '>': (p, q) => p > q, '>=': (p, q) => p >= q, '==': (p, q) => p === q, '!=': (p, q) => p !== q };
        const op = test[n.op];
        return { math: `${wrap(a, PREC.add)} ${n.op} ${wrap(b, PREC.add)}`, prec: PREC.cmp, run: (s) => (op(a.run(s), b.run(s)) ? 1 : 0) };
      }
      case 'cond': {
        const c = compile(n.c);
        const a = compile(n.a);
        const b = compile(n.b);
        return { math: `${wrap(c, PREC.or)} ? ${wrap(a, PREC.or)} : ${wrap(b, PREC.cond)}`, prec: PREC.cond, run: (s) => (c.run(s) ? a.run(s) : b.run(s)) };
      }
      case 'call': {
        const parts = n.fn.split('.');
        // A method on the input (`x.sigmoid()`) applies to the input; `self.act(x)` uses a stored module's alias.
        const receiver = parts.slice(0, -1).join('.');
        const fnName = aliases[n.fn] ?? parts[parts.length - 1];
        const spec = FUNCTIONS[fnName];
        if (!spec) throw new UnsupportedExpression(`\`${n.fn}\` is not a function the translator knows`);
        const args = receiver === input ? [{ k: 'name', name: input } as PyNode, ...n.args] : [...n.args];
        if ((fnName === 'clamp' || fnName === 'clip') && args.length === 1) {
          const lo = n.kw.min ?? n.kw.clip_value_min ?? n.kw.a_min;
          const hi = n.kw.max ?? n.kw.clip_value_max ?? n.kw.a_max;
          args.push(lo ?? { k: 'unary', op: '-', a: { k: 'name', name: 'inf' } }, hi ?? { k: 'name', name: 'inf' });
        } else if (Object.keys(n.kw).length) {
          throw new UnsupportedExpression(`keyword arguments of \`${n.fn}\` are not supported`);
        }
        if (!spec.arity.includes(args.length)) throw new UnsupportedExpression(`\`${n.fn}\` with ${args.length} arguments is not supported`);
        const compiled = args.map(compile);
        const runs = compiled.map((c) => c.run);
        const math = spec.math(compiled.map((c) => c.math));
        return { math, prec: /^[a-z]+\(/.test(math) && math.endsWith(')') && balancedCall(math) ? PREC.atom : PREC.cond, run: (s) => spec.run(...runs.map((r) => r(s))) };
      }
    }
    throw new UnsupportedExpression('unsupported expression');
  };
  const root = compile(parsePyExpr(src));
  const scope: Record<string, number> = {};
  for (const [k, v] of Object.entries(params)) scope[k.replace(/^self\./, '')] = v;
  const displayParams: Record<string, number> = { ...scope };
  return {
    mathjs: root.math,
    params: displayParams,
    evaluate: (x: number) => root.run({ ...scope, x }),
  };
}

/** True when `text` is one call `name(...)` whose closing bracket is the last character. */
function balancedCall(text: string): boolean {
  let depth = 0;
  for (let i = text.indexOf('('); i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i === text.length - 1;
  }
  return false;
}
