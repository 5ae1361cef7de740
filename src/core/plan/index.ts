export { compile, type CompileOptions } from './compile.ts';
export { Plan, type Changes } from './plan.ts';
export type { CellChange } from './derive.ts';
export { cell, type EvaluationResult } from './result.ts';
export { WEIGHT_SCHEMES, type SchemeDef, type SchemeContext } from './weight-schemes.ts';
