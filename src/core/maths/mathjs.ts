/**
 * The one mathjs instance, for the catalog's own expressions and for formulas users type alike. Only the parser
 * and `derivative` are bundled: no evaluate, import, createUnit, simplify or units exist in it, and trees never
 * run through mathjs (they become closures, see closure.ts). User formulas are vetted before anything else
 * (restricted.ts); the parser itself is safe on any text.
 */
import { create, derivativeDependencies, parseDependencies, type MathNode } from 'mathjs';

let math: ReturnType<typeof create> | undefined;

/** Created on first use: importing the catalog (the scanner does) costs nothing. */
function instance(): ReturnType<typeof create> {
  return (math ??= create({ parseDependencies, derivativeDependencies }));
}

/** Parses an expression into a mathjs tree (throws on a syntax error). */
export function parseMath(text: string): MathNode {
  return instance().parse(text);
}

/** Symbolic derivative in x (throws when mathjs cannot differentiate the tree). */
export function derivativeInX(node: MathNode): MathNode {
  return instance().derivative(node, 'x');
}

/**
 * Largest symbolic derivative (tree nodes) of a user formula that is kept. mathjs' simplification after
 * differentiating is the step whose time has no useful bound (`x^x^x^x^x^x^x^x^x^x^x^x` took 18 s), so user formulas
 * are differentiated without it: one pass over a vetted tree of at most MAX_NODES (restricted.ts) parts. Past this
 * size the caller falls back to a numeric derivative and says so.
 */
export const MAX_DERIVATIVE_NODES = 3000;

/** Unsimplified symbolic derivative in x, or an Error when it passes MAX_DERIVATIVE_NODES (or mathjs cannot). */
export function boundedDerivativeInX(node: MathNode): MathNode {
  const d = instance().derivative(node, 'x', { simplify: false });
  let count = 0;
  d.traverse(() => { count++; });
  if (count > MAX_DERIVATIVE_NODES) throw new Error(`the symbolic derivative has more than ${MAX_DERIVATIVE_NODES} parts`);
  return d;
}
