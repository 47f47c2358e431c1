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
