/** `compileUserFormula`: a user-typed activation formula -> fast f(x) and f'(x), or a readable error. */
import type { MathNode } from 'mathjs';
import { compileToClosure } from './closure';
import { boundedDerivativeInX, MAX_DERIVATIVE_NODES, parseMath } from './mathjs';
import { MAX_DEPTH, MAX_FORMULA_LENGTH, findForbidden } from './restricted';

interface UserFormula {
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
  /** `symbolic` when mathjs could differentiate it within bounds, else a central difference. */
  readonly dfSource: 'symbolic' | 'numeric';
  /** Why the derivative is numeric, in words for the user. */
  readonly dfNote?: string;
  /** The cleaned-up expression and its TeX (and its derivative's), for display. */
  readonly expr: string;
  readonly tex: string;
  readonly derivativeTex?: string;
}

interface UserFormulaError {
  readonly error: string;
}

/** Longest a single evaluation may take during the trial run before the formula is rejected. */
const MAX_EVAL_MS = 5;

/** Accepts Python-ish spellings: `f(x) = ...`, `**`, `np.exp`, `torch.tanh`, `math.e`. */
export function normaliseFormula(text: string): string {
  return text
    .trim()
    .replace(/^(?:[a-zA-Z_]\w*\s*\(\s*x\s*\)|y)\s*=(?!=)\s*/, '')
    .replace(/\*\*/g, '^')
    .replace(/\b(?:np|numpy|math|torch|tf|F|jnp)\.(?:special\.|math\.|nn\.)?/g, '');
}

const isConstant = (n: MathNode, v: number): boolean => n.type === 'ConstantNode' && (n as unknown as { value: unknown }).value === v;

/**
 * The tree without the identities mathjs' unsimplified derivative is full of (`1 * a`, `a * 1`, `0 + a`, `a + 0`,
 * `a - 0`) and without parentheses around a single number, name or call: the same function, for display only (its
 * TeX is typeset; evaluation uses the tree as differentiated). One bottom-up pass over a tree already bounded.
 */
export function withoutIdentities(node: MathNode): MathNode {
  const n = node.map((child) => withoutIdentities(child));
  if (n.type === 'OperatorNode') {
    const { op, args } = n as unknown as { op: string; args: MathNode[] };
    if (args.length === 2) {
      const [a, b] = args;
      if (op === '*' && isConstant(a, 1)) return b;
      if (op === '*' && isConstant(b, 1)) return a;
      if (op === '+' && isConstant(a, 0)) return b;
      if ((op === '+' || op === '-') && isConstant(b, 0)) return a;
    }
  }
  if (n.type === 'ParenthesisNode') {
    const inner = (n as unknown as { content: MathNode }).content;
    if (['ConstantNode', 'SymbolNode', 'FunctionNode', 'ParenthesisNode'].includes(inner.type)) return inner;
  }
  return n;
}

/** TeX for display: parentheses only where precedence needs them (mathjs' `auto`). */
function displayTex(node: MathNode): string {
  return node.toTex({ parenthesis: 'auto' });
}

function evaluator(node: MathNode, params: Readonly<Record<string, number>>): (x: number) => number {
  const fn = compileToClosure(node, params);
  return (x: number) => {
    const y = fn(x);
    return typeof y === 'number' ? y : NaN;
  };
}

/**
 * Compiles a formula of x (and optional named numeric parameters) in the restricted mathjs.
 * Never throws: problems come back as `{ error }`.
 */
export function compileUserFormula(text: string, params: Readonly<Record<string, number>> = {}): UserFormula | UserFormulaError {
  if (typeof text !== 'string' || !text.trim()) return { error: 'formula is empty' };
  if (text.length > MAX_FORMULA_LENGTH) return { error: `formula is longer than ${MAX_FORMULA_LENGTH} characters` };
  const expr = normaliseFormula(text);
  let node: MathNode;
  try {
    node = parseMath(expr);
  } catch (e) {
    return { error: `cannot parse formula: ${e instanceof Error ? e.message : String(e)}` };
  }
  const variables = new Set(['x', ...Object.keys(params).filter((k) => /^[a-zA-Z_]\w*$/.test(k))]);
  const forbidden = findForbidden(node, variables);
  if (forbidden) return { error: forbidden };
  const f = evaluator(node, params);
  let df: (x: number) => number;
  let dfSource: UserFormula['dfSource'] = 'symbolic';
  let derivativeTex: string | undefined;
  let dfNote: string | undefined;
  try {
    const d = boundedDerivativeInX(node);
    const bad = findForbidden(d, variables, MAX_DERIVATIVE_NODES, MAX_DEPTH * 4);
    if (bad) throw new Error(bad.replace(/^formula/, 'the derivative'));
    df = evaluator(d, params);
    derivativeTex = displayTex(withoutIdentities(d));
  } catch (e) {
    dfSource = 'numeric';
    const why = e instanceof Error ? e.message : String(e);
    dfNote = /more than|too large|nested/.test(why) ? `${why}, so f′ is computed numerically` : 'mathjs cannot differentiate it symbolically, so f′ is computed numerically';
    df = (x: number) => {
      const h = 1e-6 * Math.max(1, Math.abs(x));
      return (f(x + h) - f(x - h)) / (2 * h);
    };
  }
  // Sizes are capped above, so this only catches formulas that are slow per point. A pause of the process (garbage
  // collection, a busy machine) can make one pass look slow: a formula is refused only when two passes are.
  const slow = (): boolean => {
    const started = Date.now();
    for (const x of [-3, -1, 0, 1, 3]) {
      f(x);
      df(x);
    }
    return Date.now() - started > 10 * MAX_EVAL_MS;
  };
  if (slow() && slow()) return { error: 'formula takes too long to evaluate' };
  return { f, df, dfSource, ...(dfNote ? { dfNote } : {}), expr, tex: displayTex(node), ...(derivativeTex ? { derivativeTex } : {}) };
}
