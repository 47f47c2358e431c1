// The plot panel's editor-free logic (no vscode, no DOM). Typed formulas go through the core's restricted
// mathjs (arithmetic on x only; no import, createUnit, evaluate, parse or simplify; bounded).
import { compileUserFormula } from '../maths';
import { LIMITS } from '../../shared/protocol';
import type { FormulaCompiler } from './curves';

/** Compiles a formula of x for the panel, or returns the message to show next to the input. */
export const compileFormula: FormulaCompiler = (text, params = {}) => {
  if (text.length > LIMITS.formula) return { error: `The formula is longer than ${LIMITS.formula} characters.` };
  const r = compileUserFormula(text, params);
  if ('error' in r) return { error: r.error.charAt(0).toUpperCase() + r.error.slice(1) };
  return { f: r.f, df: r.df, tex: r.tex, ...(r.derivativeTex ? { derivativeTex: r.derivativeTex } : {}) };
};
