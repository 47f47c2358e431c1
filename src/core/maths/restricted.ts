/**
 * The allow-list for formulas users type (custom activations in the plot panel and hovers).
 * Defence in depth: the parsed tree must use only an allow-list of node types, symbols and functions; it is then
 * compiled to plain closures (closure.ts) that can only call listed scalar functions, so nothing inside an
 * expression can reach import, createUnit, evaluate, parse, simplify or derivative: they are not even callable.
 */
import type { MathNode } from 'mathjs';

/** Functions a formula may call (all scalar, all bounded-time). */
const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
  'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'sec', 'csc', 'cot', 'sech', 'csch', 'coth', 'erf', 'max', 'min', 'sign', 'floor',
  'ceil', 'round', 'mod', 'hypot', 'square', 'cube', 'sigmoid', 'softplus',
]);
/** How many arguments each function takes, [fewest, most]: `sin(x, x, x)` or `max()` is a mistake, not a value. */
const FUNCTION_ARITY: ReadonlyMap<string, readonly [number, number]> = new Map([...ALLOWED_FUNCTIONS].map((name): [string, readonly [number, number]] => {
  if (name === 'log') return [name, [1, 2]];
  if (name === 'pow' || name === 'atan2' || name === 'mod') return [name, [2, 2]];
  if (name === 'max' || name === 'min' || name === 'hypot') return [name, [1, 16]];
  return [name, [1, 1]];
}));

/** Symbols a formula may use besides x and its declared parameters. */
const ALLOWED_CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e', 'Infinity']);
const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'mod',
  'larger', 'largerEq', 'smaller', 'smallerEq', 'equal', 'unequal', 'and', 'or', 'not', 'xor',
]);

export const MAX_FORMULA_LENGTH = 500;
const MAX_NODES = 400;
export const MAX_DEPTH = 40;

/** Walks the tree and returns the first thing the allow-list forbids, or undefined. */
export function findForbidden(root: MathNode, variables: ReadonlySet<string>, maxNodes = MAX_NODES, maxDepth = MAX_DEPTH): string | undefined {
  let count = 0;
  const visit = (node: MathNode, depth: number): string | undefined => {
    if (++count > maxNodes) return `formula is too large (more than ${maxNodes} parts)`;
    if (depth > maxDepth) return `formula is nested too deeply (more than ${maxDepth} levels)`;
    const n = node as MathNode & { name?: string; fn?: MathNode & { name?: string }; op?: string; value?: unknown; args?: MathNode[] };
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number') return 'only numbers are allowed as constants';
        break;
      case 'SymbolNode':
        if (!variables.has(n.name ?? '') && !ALLOWED_CONSTANTS.has(n.name ?? '')) return `unknown name '${n.name}' (use x${variables.size > 1 ? ', parameters' : ''}, pi or e)`;
        break;
      case 'FunctionNode': {
        const name = n.fn?.type === 'SymbolNode' ? n.fn.name ?? '' : '';
        if (!ALLOWED_FUNCTIONS.has(name)) return name ? `function '${name}' is not allowed` : 'only named functions can be called';
        const [fewest, most] = FUNCTION_ARITY.get(name) ?? [1, 1];
        const count = n.args?.length ?? 0;
        if (count < fewest || count > most) return `${name} takes ${fewest === most ? fewest : `${fewest} to ${most}`} argument${most === 1 ? '' : 's'}, not ${count}`;
        for (const a of n.args ?? []) { const bad = visit(a, depth + 1); if (bad) return bad; }
        return undefined;
      }
      case 'OperatorNode':
        if (!ALLOWED_OPERATORS.has(n.fn as unknown as string)) return `operator '${n.op}' is not allowed`;
        break;
      case 'ParenthesisNode':
      case 'ConditionalNode':
        break;
      default:
        return `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed`;
    }
    for (const child of childrenOf(node)) { const bad = visit(child, depth + 1); if (bad) return bad; }
    return undefined;
  };
  return visit(root, 0);
}

function childrenOf(node: MathNode): MathNode[] {
  const out: MathNode[] = [];
  node.forEach((child) => out.push(child));
  return out;
}


