/** Parsing and differentiating the catalog's own (trusted) expressions, cached by text, with the one mathjs instance. */
import type { MathNode } from 'mathjs';
import { derivativeInX, parseMath } from '../maths/mathjs';

const parsed = new Map<string, MathNode>();

/** Parses a catalog expression once and caches the tree by text. */
export function parseExpr(expr: string): MathNode {
  let node = parsed.get(expr);
  if (!node) {
    node = parseMath(expr);
    parsed.set(expr, node);
  }
  return node;
}

/** Symbolic derivative in x of a catalog expression (throws when mathjs cannot differentiate it). */
export function symbolicDerivative(expr: string): MathNode {
  return derivativeInX(parseExpr(expr));
}
