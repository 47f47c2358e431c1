/**
 * Compiles a parsed mathjs tree of scalars into plain JavaScript closures (no eval, no mathjs dispatch at run
 * time): about 50 times faster than mathjs' own evaluate, and nothing but the listed operators and functions
 * can run. Parameters are baked in at compile time; only x varies.
 */
import type { MathNode } from 'mathjs';
import { erf, logsigmoid, sigmoid, softplus } from './scalar';

type Num = (x: number) => number;

/** Scalar functions a compiled tree may call, by mathjs name. */
const SCALAR_FUNCTIONS: Readonly<Record<string, (...a: number[]) => number>> = {
  abs: Math.abs, exp: Math.exp, expm1: Math.expm1, log1p: Math.log1p, log2: Math.log2, log10: Math.log10, sqrt: Math.sqrt, cbrt: Math.cbrt,
  log: (a: number, b?: number) => (b === undefined ? Math.log(a) : Math.log(a) / Math.log(b)),
  pow: Math.pow, sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan, atan2: Math.atan2,
  sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh, asinh: Math.asinh, acosh: Math.acosh, atanh: Math.atanh,
  sec: (a: number) => 1 / Math.cos(a), csc: (a: number) => 1 / Math.sin(a), cot: (a: number) => 1 / Math.tan(a),
  sech: (a: number) => 1 / Math.cosh(a), csch: (a: number) => 1 / Math.sinh(a), coth: (a: number) => 1 / Math.tanh(a),
  erf, max: (...a: number[]) => (a.some(Number.isNaN) ? NaN : Math.max(...a)), min: (...a: number[]) => (a.some(Number.isNaN) ? NaN : Math.min(...a)),
  sign: Math.sign, floor: Math.floor, ceil: Math.ceil, round: Math.round, hypot: Math.hypot,
  mod: (a: number, b: number) => (b === 0 ? a : a - b * Math.floor(a / b)),
  square: (a: number) => a * a, cube: (a: number) => a * a * a,
  sigmoid, softplus, logsigmoid,
};

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, Infinity, NaN, true: 1, false: 0 };

const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  add: (a, b) => a + b, subtract: (a, b) => a - b, multiply: (a, b) => a * b, divide: (a, b) => a / b, pow: Math.pow,
  mod: SCALAR_FUNCTIONS.mod as (a: number, b: number) => number,
  larger: (a, b) => +(a > b), largerEq: (a, b) => +(a >= b), smaller: (a, b) => +(a < b), smallerEq: (a, b) => +(a <= b),
  equal: (a, b) => +(a === b), unequal: (a, b) => +(a !== b), xor: (a, b) => +(!a !== !b),
};

/** Thrown for anything outside the supported scalar subset. */
export class UnsupportedNodeError extends Error {}

/** Compiles the tree to a function of x; `constants` fixes every other symbol. Throws UnsupportedNodeError. */
export function compileToClosure(root: MathNode, constants: Readonly<Record<string, unknown>> = {}): Num {
  const build = (node: MathNode): Num => {
    const n = node as MathNode & { value?: unknown; name?: string; fn?: unknown; args?: MathNode[]; content?: MathNode; condition?: MathNode; trueExpr?: MathNode; falseExpr?: MathNode };
    switch (node.type) {
      case 'ConstantNode': {
        const v = typeof n.value === 'boolean' ? +n.value : n.value;
        if (typeof v !== 'number') throw new UnsupportedNodeError('only numeric constants');
        return () => v;
      }
      case 'SymbolNode': {
        const name = n.name ?? '';
        if (name === 'x') return (x) => x;
        const c = name in constants ? constants[name] : CONSTANTS[name];
        const v = typeof c === 'boolean' ? +c : c;
        if (typeof v !== 'number') throw new UnsupportedNodeError(`unknown symbol ${name}`);
        return () => v;
      }
      case 'ParenthesisNode':
        return build(n.content as MathNode);
      case 'ConditionalNode': {
        const c = build(n.condition as MathNode);
        const t = build(n.trueExpr as MathNode);
        const f = build(n.falseExpr as MathNode);
        return (x) => (c(x) ? t(x) : f(x));
      }
      case 'OperatorNode': {
        const fn = String(n.fn);
        const args = (n.args ?? []).map(build);
        const [a, b] = args as [Num, Num];
        if (args.length === 1) {
          if (fn === 'unaryMinus') return (x) => -a(x);
          if (fn === 'unaryPlus') return a;
          if (fn === 'not') return (x) => +!a(x);
        }
        if (args.length === 2) {
          if (fn === 'and') return (x) => +(!!a(x) && !!b(x));
          if (fn === 'or') return (x) => +(!!a(x) || !!b(x));
          const op = BINARY[fn];
          if (op) {
            if (fn === 'multiply') return (x) => a(x) * b(x);
            if (fn === 'add') return (x) => a(x) + b(x);
            if (fn === 'subtract') return (x) => a(x) - b(x);
            if (fn === 'divide') return (x) => a(x) / b(x);
            return (x) => op(a(x), b(x));
          }
        }
        throw new UnsupportedNodeError(`operator ${fn}`);
      }
      case 'FunctionNode': {
        const fnNode = n.fn as MathNode & { name?: string };
        const name = fnNode.type === 'SymbolNode' ? fnNode.name ?? '' : '';
        const impl = Object.prototype.hasOwnProperty.call(SCALAR_FUNCTIONS, name) ? SCALAR_FUNCTIONS[name] : undefined;
        if (!impl) throw new UnsupportedNodeError(`function ${name || '(expression)'}`);
        const args = (n.args ?? []).map(build);
        if (args.length === 1) { const [a] = args as [Num]; return (x) => impl(a(x)); }
        if (args.length === 2) { const [a, b] = args as [Num, Num]; return (x) => impl(a(x), b(x)); }
        return (x) => impl(...args.map((g) => g(x)));
      }
      default:
        throw new UnsupportedNodeError(`${node.type}`);
    }
  };
  return build(root);
}
