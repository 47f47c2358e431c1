/**
 * Compiles a parsed mathjs tree of scalars into plain JavaScript closures (no eval, no mathjs dispatch at run
 * time): about 50 times faster than mathjs' own evaluate, and nothing but the listed operators and functions
 * can run. Parameters are baked in at compile time; only x varies.
 */
import type { MathNode } from 'mathjs';

type Num = (x: number) => number;

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

/** erf to about 1e-16 relative (W. J. Cody's rational approximations, as used by mathjs). */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y >= 6) return Math.sign(x);
  if (y <= 0.5) {
    const z = y * y;
    const P = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
    const Q = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
    let num = (P[4] as number) * z;
    let den = z;
    for (let i = 0; i < 3; i++) { num = (num + (P[i] as number)) * z; den = (den + (Q[i] as number)) * z; }
    return (x * (num + (P[3] as number))) / (den + (Q[3] as number));
  }
  return Math.sign(x) * (1 - erfcPositive(y));
}

function erfcPositive(y: number): number {
  if (y <= 4) {
    const P = [0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8];
    const Q = [15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216, 1230.3393548037495];
    let num = (P[8] as number) * y;
    let den = y;
    for (let i = 0; i < 7; i++) { num = (num + (P[i] as number)) * y; den = (den + (Q[i] as number)) * y; }
    const r = (num + (P[7] as number)) / (den + (Q[7] as number));
    const ysq = Math.trunc(y * 16) / 16;
    const del = (y - ysq) * (y + ysq);
    return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
  }
  const P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378, 0.016315387137302097];
  const Q = [2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
  const z = 1 / (y * y);
  let num = (P[5] as number) * z;
  let den = z;
  for (let i = 0; i < 4; i++) { num = (num + (P[i] as number)) * z; den = (den + (Q[i] as number)) * z; }
  let r = (z * (num + (P[4] as number))) / (den + (Q[4] as number));
  r = (1 / Math.sqrt(Math.PI) - r) / y;
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
}

/** Scalar functions a compiled tree may call, by mathjs name. */
export const SCALAR_FUNCTIONS: Readonly<Record<string, (...a: number[]) => number>> = {
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
  sigmoid, softplus, logsigmoid: (z: number) => Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z))),
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
