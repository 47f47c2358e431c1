/** Maths for user-typed formulas: a restricted mathjs and `compileUserFormula`. */
export { compileUserFormula, normaliseFormula } from './userFormula';
export { MAX_FORMULA_LENGTH } from './restricted';
