import type { Framework, FrameworkNode } from '../framework/types.ts';
import { leavesUnder, nodeMap } from '../framework/tree.ts';
import { Cube } from '../panel/cube.ts';
import { Panel } from '../panel/panel.ts';
import { compile, type CompileOptions } from '../plan/compile.ts';
import type { EvaluationResult } from '../plan/result.ts';
import { schemeWeights } from '../plan/weight-schemes.ts';
import type { Recipe, ResolvedRecipe } from './types.ts';

/** Options for {@link evaluate}. */
export type EvaluateOptions = CompileOptions;

/**
 * Weights of a node's children under a recipe (before renormalisation). Data-driven schemes
 * (entropy, critic, cv, pca, optimise) need `data`: the children's scores as rows of a matrix
 * (one row per unit and edition of the run); explicit `weights.set` values override any scheme.
 * @throws RecipeError when a data-driven scheme has no data or an AHP matrix is missing
 */
export function childWeights(fw: Framework, node: FrameworkNode, recipe: ResolvedRecipe, map = nodeMap(fw), data?: () => number[][]): number[] {
  return schemeWeights({
    node,
    children: node.children.map((c) => map.get(c)!),
    recipe,
    leafCounts: node.children.map((c) => leavesUnder(fw, c, map).length),
    ...(data ? { data } : {}),
  });
}

/**
 * Runs a recipe on a panel: derives indicators, imputes (carry-forward, flagged), normalises,
 * aggregates level by level with missing children dropped and weights renormalised, and ranks.
 * Every edition from the first to `edition` is scored in one run, with the same pooled bounds,
 * so year-on-year changes can be read off. The same as `compile(framework, recipe, cube,
 * options).run()`; compile once and call `run`/`rerun` to evaluate many times.
 * @throws RecipeError for an invalid recipe or edition range
 * @throws DataError for values outside their domain (a negative count), naming file and row
 */
export function evaluate(framework: Framework, data: Panel | Cube, recipe: Recipe | ResolvedRecipe, options: EvaluateOptions): EvaluationResult {
  if (data instanceof Panel) {
    // messages about a bad value name the file and row the panel's observation came from
    const locate = options.locate ?? ((unit: string, variable: string, year: number) => data.get(unit, variable, year));
    return compile(framework, recipe, data.cube(), { ...options, locate }).run();
  }
  return compile(framework, recipe, data, options).run();
}

export { cell, type EvaluationResult } from '../plan/result.ts';
