// Runs in the extension host; no vscode import. Typed formulas for the panel: parsed by mathjs,
// then accepted only if every node is arithmetic on x (an allow-list walk of the syntax tree), so
// `import`, `createUnit`, `evaluate`, `parse`, `simplify`, assignments and the like never run.
import { all, create, type MathNode } from 'mathjs';
import { LIMITS } from '../../shared/protocol';
import type { FormulaCompiler } from './curves';

const math = create(all, {});

/** Functions a formula may call: elementary maths only. */
const FUNCTIONS = new Set([
  'abs', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'pow', 'sign', 'min', 'max',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
  'floor', 'ceil', 'round', 'erf', 'square', 'cube', 'mod',
]);
const CONSTANTS = new Set(['x', 'pi', 'e', 'Infinity']);
const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'larger', 'smaller', 'largerEq', 'smallerEq', 'equal', 'unequal', 'and', 'or', 'not', 'mod']);

/** The first node that is not plain arithmetic on x, described for the user; undefined when all are. */
function disallowed(root: MathNode): string | undefined {
  let problem: string | undefined;
  root.traverse((node, _path, parent) => {
    if (problem) return;
    const n = node as MathNode & { fn?: { name?: string } | string; name?: string; value?: unknown };
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number') problem = 'only numbers are allowed as constants';
        return;
      case 'SymbolNode': {
        const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node;
        if (!isCallee && !CONSTANTS.has(n.name ?? '')) problem = `unknown symbol '${n.name}': use x (and pi, e)`;
        return;
      }
      case 'FunctionNode': {
        const name = typeof n.fn === 'object' ? n.fn?.name : undefined;
        if (!name || !FUNCTIONS.has(name)) problem = `function '${name ?? '?'}' is not allowed in a formula`;
        return;
      }
      case 'OperatorNode':
        if (!OPERATORS.has(String(n.fn))) problem = `operator '${(node as unknown as { op: string }).op}' is not allowed`;
        return;
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      default:
        problem = `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed: write arithmetic on x`;
    }
  });
  return problem;
}

/**
 * Compiles a formula of x to a number function, or returns a message for the user. Arithmetic only;
 * at most 200 characters. Evaluation cannot loop or call out, so its time is bounded by its length.
 */
export const compileFormula: FormulaCompiler = (text) => {
  const t = text.trim();
  if (!t) return { error: 'Type a formula of x, e.g. x * tanh(log(1 + exp(x))).' };
  if (t.length > LIMITS.formula) return { error: `The formula is longer than ${LIMITS.formula} characters.` };
  let node: MathNode;
  try {
    node = math.parse(t);
  } catch (e) {
    return { error: `Syntax error: ${e instanceof Error ? e.message : String(e)}` };
  }
  const problem = disallowed(node);
  if (problem) return { error: problem.charAt(0).toUpperCase() + problem.slice(1) + '.' };
  const f = numberFunction(node);
  // Symbolic derivative where mathjs can (not through conditionals); the caller falls back to differences.
  let df: ((x: number) => number) | undefined;
  try {
    df = numberFunction(math.derivative(node, 'x'));
  } catch {
    df = undefined;
  }
  return df ? { f, df } : { f };
};

function numberFunction(node: MathNode): (x: number) => number {
  const code = node.compile();
  const scope = { x: 0 };
  return (x: number) => {
    scope.x = x;
    try {
      const y: unknown = code.evaluate(scope);
      return typeof y === 'number' ? y : typeof y === 'boolean' ? Number(y) : NaN;
    } catch {
      return NaN;
    }
  };
}
