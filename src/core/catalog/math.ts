/**
 * The catalog's own mathjs instance: trusted expressions only (ours), plus three numerically stable helpers
 * the formulas use. User-typed formulas go through `../maths` instead, which is locked down.
 */
import { all, create, type EvalFunction, type MathNode } from 'mathjs';

const math = create(all, {});

/** Logistic function without overflow in either tail. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
/** log(1 + e^z) without overflow or cancellation. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}
/** log(sigmoid(z)) = -softplus(-z). */
export function logsigmoid(z: number): number {
  return Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
}

math.import({ sigmoid, softplus, logsigmoid }, { override: false });
// The catalog only ever takes min/max of two scalars; mathjs' generic versions (matrices, variadic dispatch)
// cost about 50 times more per call, and plots and property scans call them tens of thousands of times.
math.import({ max: (a: number, b: number) => (a > b || Number.isNaN(a) ? a : b), min: (a: number, b: number) => (a < b || Number.isNaN(a) ? a : b) }, { override: true });

const compiled = new Map<string, EvalFunction>();

/** Compiles a catalog expression once and caches it by text. */
export function compileExpr(expr: string): EvalFunction {
  let c = compiled.get(expr);
  if (!c) {
    c = math.compile(expr);
    compiled.set(expr, c);
  }
  return c;
}

/** Symbolic derivative in x of a catalog expression (throws when mathjs cannot differentiate it). */
export function symbolicDerivative(expr: string): MathNode {
  return math.derivative(expr, 'x');
}

/** Parses for inspection (symbol lists in tests). */
export function parseExpr(expr: string): MathNode {
  return math.parse(expr);
}
