/**
 * The catalog's own mathjs instance: trusted expressions only (ours). Only the parser and `derivative` are
 * bundled (formulas run as plain closures, see ../maths/closure.ts), which keeps mathjs' share of the bundles small.
 * User-typed formulas go through `../maths` instead, which is locked down.
 */
import { create, derivativeDependencies, parseDependencies, type MathNode } from 'mathjs';

let math: ReturnType<typeof create> | undefined;

/** Created on first use: importing the catalog (the scanner does) costs nothing. */
function instance(): ReturnType<typeof create> {
  return (math ??= create({ parseDependencies, derivativeDependencies }));
}

const parsed = new Map<string, MathNode>();

/** Parses a catalog expression once and caches the tree by text. */
export function parseExpr(expr: string): MathNode {
  let node = parsed.get(expr);
  if (!node) {
    node = instance().parse(expr);
    parsed.set(expr, node);
  }
  return node;
}

/** Symbolic derivative in x of a catalog expression (throws when mathjs cannot differentiate it). */
export function symbolicDerivative(expr: string): MathNode {
  return instance().derivative(parseExpr(expr), 'x');
}
