export type { Recipe, ResolvedRecipe, NormalisationSpec, BoundsScope } from './types.ts';
export { BUILTIN_RECIPES } from './builtin.ts';
export { resolveRecipe } from './validate.ts';
export { evaluate, cell, childWeights, type EvaluateOptions, type EvaluationResult } from './run.ts';
