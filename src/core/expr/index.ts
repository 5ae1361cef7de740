export { parseFormula, formulaVariables, evaluateFormula, inferFormulaUnit } from './formula.ts';
export type { Expr } from './formula.ts';
