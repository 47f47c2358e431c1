/**
 * Turns a parsed Python activation body into a mathjs expression (for display and the plot panel) and a plain
 * JavaScript evaluator (for the hover's curve). Only the functions below are known; any other call is reported.
 */
import { erf, sigmoid, softplus } from '../maths/scalar';
import type { TokenStream } from '../python/tokenizer';
import { parsePyExpr, UnsupportedExpression, type PyNode, type TokenRange } from './pyExpr';

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

const CONSTANTS: ReadonlyMap<string, number> = new Map([['pi', Math.PI], ['e', Math.E], ['inf', Infinity]]);

/** A custom activation translated: f(x) with named parameters bound to their defaults. */
export interface TranslatedFormula {
  /** mathjs expression in `x` and the parameter names. */
  readonly mathjs: string;
  /** Parameter names with the literal defaults used for the curve. */
  readonly params: Readonly<Record<string, number>>;
  readonly evaluate: (x: number) => number;
}

/**
 * Longest formula, written out in x, that is translated. Locals are shared when evaluating (each computed once per
 * x), but the formula shown and plotted has them written out: `a1 = a0 + a0` ... doubles it at every step, so
 * past this size the translation gives up and says why instead of growing without bound.
 */
export const MAX_FORMULA_CHARS = 2000;

/** Values by slot: 0 is the input, then the parameters, then the locals in order. */
type Slots = Float64Array;
type Compiled = { math: string; prec: number; run: (s: Slots) => number };

const PREC = { cond: 1, or: 2, and: 3, not: 4, cmp: 5, add: 6, mul: 7, unary: 8, pow: 9, atom: 10 } as const;

/**
 * Names a parameter cannot have: the formula's own variable and the names of functions and constants in the
 * formula text (a parameter `exp` or `e` would change its meaning), and JavaScript's object plumbing.
 */
const RESERVED_NAMES = new Set(['x', 'e', 'pi', 'i', 'E', 'PI', 'Infinity', 'NaN', 'true', 'false', 'null', 'undefined', 'constructor', 'prototype', 'not', 'and', 'or', 'xor', 'mod', 'to', 'in', 'tanh', 'exp', 'log', 'sqrt', 'abs', 'erf', 'sin', 'cos', 'max', 'min']);

/** Whether a parameter name (without `self.`) can stand in the formula as itself. */
function isSafeParamName(id: string): boolean {
  return /^[A-Za-z_][A-Za-z_0-9]*$/.test(id) && !id.startsWith('__') && !RESERVED_NAMES.has(id);
}

function wrap(c: Compiled, min: number): string {
  return c.prec < min ? `(${c.math})` : c.math;
}

/** The compiled node, or UnsupportedExpression when its written-out formula passes the size budget. */
function bounded(c: Compiled): Compiled {
  if (c.math.length > MAX_FORMULA_CHARS) {
    throw new UnsupportedExpression(`written out in x, the formula passes ${MAX_FORMULA_CHARS} characters (each use of a local copies it), too large to show and plot`);
  }
  return c;
}

const COMPARE: ReadonlyMap<string, (p: number, q: number) => boolean> = new Map([
  ['<', (p, q) => p < q], ['<=', (p, q) => p <= q], ['>', (p, q) => p > q], ['>=', (p, q) => p >= q], ['==', (p, q) => p === q], ['!=', (p, q) => p !== q],
]);

/** A local assignment `name = expression` of a function body, the expression as a token range. */
export interface Local { readonly name: string; readonly value: TokenRange }

/**
 * Translates a function body read from `ts`: local assignments in order, then the returned expression, in the
 * variable `input`, given the names that are parameters (with defaults) and attribute constants (e.g.
 * `self.beta`). Each local is compiled once and read by slot, so evaluation is linear in the body however often
 * locals are reused; the mathjs text writes them out, bounded by MAX_FORMULA_CHARS. Throws UnsupportedExpression
 * with a reason.
 */
export function translateProgram(ts: TokenStream, locals: readonly Local[], result: TokenRange, input: string, params: Readonly<Record<string, number>>, aliases: Readonly<Record<string, string>> = {}): TranslatedFormula {
  const known = new Map<string, { slot: number; math: string; prec: number }>([[input, { slot: 0, math: 'x', prec: PREC.atom }]]);
  const defaults: number[] = [0];
  const displayParams: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [name, value] of Object.entries(params)) {
    const id = name.replace(/^self\./, '');
    if (!isSafeParamName(id)) throw new UnsupportedExpression(`the parameter name \`${id.slice(0, 40)}\` cannot be used in a formula`);
    if (known.has(name)) continue;
    known.set(name, { slot: defaults.length, math: id, prec: PREC.atom });
    defaults.push(value);
    displayParams[id] = value;
  }
  const aliasOf = new Map(Object.entries(aliases));

  const compile = (n: PyNode): Compiled => {
    switch (n.k) {
      case 'num': {
        const v = n.v;
        return { math: String(v), prec: v < 0 ? PREC.unary : PREC.atom, run: () => v };
      }
      case 'name': {
        const name = n.name;
        const slot = known.get(name);
        if (slot) {
          const i = slot.slot;
          return { math: slot.math, prec: slot.prec, run: (s) => s[i] };
        }
        const last = name.slice(name.lastIndexOf('.') + 1);
        const v = CONSTANTS.get(last);
        if (v !== undefined && (name === last || /^(math|np|numpy|torch|tf)\./.test(name))) {
          return { math: last === 'inf' ? 'Infinity' : last, prec: PREC.atom, run: () => v };
        }
        throw new UnsupportedExpression(`\`${name.slice(0, 40)}\` is neither the input nor a parameter with a literal default`);
      }
      case 'unary': {
        const a = compile(n.a);
        if (n.op === 'not') return bounded({ math: `not ${wrap(a, PREC.not)}`, prec: PREC.not, run: (s) => (a.run(s) ? 0 : 1) });
        const sign = n.op === '-' ? -1 : 1;
        return bounded({ math: `${n.op}${wrap(a, PREC.unary)}`, prec: PREC.unary, run: (s) => sign * a.run(s) });
      }
      case 'bin': {
        const a = compile(n.a);
        const b = compile(n.b);
        switch (n.op) {
          case '+': return bounded({ math: `${wrap(a, PREC.add)} + ${wrap(b, PREC.mul)}`, prec: PREC.add, run: (s) => a.run(s) + b.run(s) });
          case '-': return bounded({ math: `${wrap(a, PREC.add)} - ${wrap(b, PREC.mul)}`, prec: PREC.add, run: (s) => a.run(s) - b.run(s) });
          case '*': return bounded({ math: `${wrap(a, PREC.mul)} * ${wrap(b, PREC.unary)}`, prec: PREC.mul, run: (s) => a.run(s) * b.run(s) });
          case '/': return bounded({ math: `${wrap(a, PREC.mul)} / ${wrap(b, PREC.unary)}`, prec: PREC.mul, run: (s) => a.run(s) / b.run(s) });
          case '**': return bounded({ math: `${wrap(a, PREC.atom)} ^ ${wrap(b, PREC.unary)}`, prec: PREC.pow, run: (s) => Math.pow(a.run(s), b.run(s)) });
          case 'and': return bounded({ math: `${wrap(a, PREC.and)} and ${wrap(b, PREC.not)}`, prec: PREC.and, run: (s) => (a.run(s) && b.run(s) ? 1 : 0) });
          case 'or': return bounded({ math: `${wrap(a, PREC.or)} or ${wrap(b, PREC.and)}`, prec: PREC.or, run: (s) => (a.run(s) || b.run(s) ? 1 : 0) });
        }
        break;
      }
      case 'cmp': {
        const a = compile(n.a);
        const b = compile(n.b);
        const op = COMPARE.get(n.op) as (p: number, q: number) => boolean;
        return bounded({ math: `${wrap(a, PREC.add)} ${n.op} ${wrap(b, PREC.add)}`, prec: PREC.cmp, run: (s) => (op(a.run(s), b.run(s)) ? 1 : 0) });
      }
      case 'cond': {
        const c = compile(n.c);
        const a = compile(n.a);
        const b = compile(n.b);
        return bounded({ math: `${wrap(c, PREC.or)} ? ${wrap(a, PREC.or)} : ${wrap(b, PREC.cond)}`, prec: PREC.cond, run: (s) => (c.run(s) ? a.run(s) : b.run(s)) });
      }
      case 'call': {
        const parts = n.fn.split('.');
        // A method on the input (`x.sigmoid()`) applies to the input; `self.act(x)` uses a stored module's alias.
        const receiver = parts.slice(0, -1).join('.');
        const fnName = aliasOf.get(n.fn) ?? parts[parts.length - 1];
        const spec = Object.hasOwn(FUNCTIONS, fnName) ? FUNCTIONS[fnName] : undefined;
        if (!spec) throw new UnsupportedExpression(`\`${n.fn.slice(0, 40)}\` is not a function the translator knows`);
        const args = receiver === input ? [{ k: 'name', name: input } as PyNode, ...n.args] : [...n.args];
        if ((fnName === 'clamp' || fnName === 'clip') && args.length === 1) {
          const lo = n.kw.get('min') ?? n.kw.get('clip_value_min') ?? n.kw.get('a_min');
          const hi = n.kw.get('max') ?? n.kw.get('clip_value_max') ?? n.kw.get('a_max');
          args.push(lo ?? { k: 'unary', op: '-', a: { k: 'name', name: 'inf' } }, hi ?? { k: 'name', name: 'inf' });
        } else if (n.kw.size) {
          throw new UnsupportedExpression(`keyword arguments of \`${n.fn.slice(0, 40)}\` are not supported`);
        }
        if (!spec.arity.includes(args.length)) throw new UnsupportedExpression(`\`${n.fn.slice(0, 40)}\` with ${args.length} arguments is not supported`);
        const compiled = args.map(compile);
        const runs = compiled.map((c) => c.run);
        const math = spec.math(compiled.map((c) => c.math));
        const run = runs.length === 1 ? ((r) => (s: Slots) => spec.run(r(s)))(runs[0]) : (s: Slots) => spec.run(...runs.map((r) => r(s)));
        return bounded({ math, prec: /^[a-z]+\(/.test(math) && math.endsWith(')') && balancedCall(math) ? PREC.atom : PREC.cond, run });
      }
    }
    throw new UnsupportedExpression('unsupported expression');
  };

  const steps: { slot: number; run: (s: Slots) => number }[] = [];
  let slots = defaults.length;
  for (const { name, value } of locals) {
    const c = compile(parsePyExpr(ts, value));
    const slot = slots++;
    steps.push({ slot, run: c.run });
    known.set(name, { slot, math: c.math, prec: c.prec });
  }
  const root = compile(parsePyExpr(ts, result));
  const size = slots;
  return {
    mathjs: root.math,
    params: { ...displayParams },
    evaluate: (x: number) => {
      const s = new Float64Array(size);
      for (let i = 1; i < defaults.length; i++) s[i] = defaults[i];
      s[0] = x;
      for (const step of steps) s[step.slot] = step.run(s);
      return root.run(s);
    },
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
