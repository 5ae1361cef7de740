export type { Recipe, ResolvedRecipe, NormalisationSpec, BoundsScope } from './types.ts';
export { BUILTIN_RECIPES } from './builtin.ts';
export { resolveRecipe } from './validate.ts';
export { evaluate, childWeights, type EvaluateOptions } from './run.ts';
export { cell, type EvaluationResult } from '../plan/result.ts';
