/** Maths for user-typed formulas: a restricted mathjs and `compileUserFormula`. */
export { compileUserFormula, normaliseFormula, type UserFormula, type UserFormulaError } from './userFormula';
export { ALLOWED_CONSTANTS, ALLOWED_FUNCTIONS, MAX_FORMULA_LENGTH } from './restricted';
