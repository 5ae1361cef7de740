import { RecipeError } from '../errors.ts';
import type { FrameworkNode } from '../framework/types.ts';
import { ahpWeights, resolveWeighter, weightsFromData } from '../methods/index.ts';
import type { ResolvedRecipe, WeightScheme } from '../recipe/types.ts';
import { own } from '../recipe/own.ts';

/** What a weight scheme sees of the node whose children it weighs. */
export interface SchemeContext {
  node: FrameworkNode;
  children: readonly FrameworkNode[];
  recipe: ResolvedRecipe;
  /** Number of indicators below each child. */
  leafCounts: readonly number[];
  /** The children's scores as rows (one per unit and edition of the run); data schemes only. */
  data?: () => number[][];
}

/** A weight scheme: where a node's children's weights come from. */
export interface SchemeDef {
  describe: { zh: string; en: string };
  /** `tree`: from the framework and recipe alone; `data`: from the children's scores. */
  input: 'tree' | 'data';
  fn: (ctx: SchemeContext) => number[];
}

const fromData = (scheme: WeightScheme, describe: SchemeDef['describe']): SchemeDef => ({
  describe,
  input: 'data',
  fn: (ctx) => {
    resolveWeighter(scheme);
    if (!ctx.data) throw new RecipeError(`weights: scheme ${scheme} derives weights from data; call evaluate() rather than childWeights() without data`);
    return weightsFromData(scheme, ctx.data(), { labels: ctx.node.children, ...ctx.recipe.weights.params });
  },
});

/**
 * The weight schemes a recipe may name (`weights.scheme`, `weights.byNode`), each with its
 * function beside its name: the one place scheme names are resolved.
 */
export const WEIGHT_SCHEMES = {
  framework: { describe: { zh: '框架文件中的权重', en: "The framework file's weights" }, input: 'tree', fn: (c) => c.children.map((n) => n.weight) },
  equal: { describe: { zh: '等权', en: 'Equal weights' }, input: 'tree', fn: (c) => c.children.map(() => 1) },
  'leaf-count': { describe: { zh: '按下属指标个数加权', en: 'Proportional to the indicators below each child' }, input: 'tree', fn: (c) => [...c.leafCounts] },
  'child-count': { describe: { zh: '按下一级子项个数加权', en: "Proportional to each child's own children" }, input: 'tree', fn: (c) => c.children.map((n) => Math.max(1, n.children.length)) },
  ahp: {
    describe: { zh: '层次分析法（判断矩阵）', en: 'AHP (pairwise comparison matrix)' },
    input: 'tree',
    fn: (c) => {
      const A = own(c.recipe.weights.ahp, c.node.code);
      if (!A) throw new RecipeError(`weights: scheme ahp needs a pairwise matrix for ${c.node.code} under weights.ahp`);
      return ahpWeights(A, { labels: c.node.children }).weights;
    },
  },
  entropy: fromData('entropy', { zh: '熵权法', en: 'Entropy weights' }),
  critic: fromData('critic', { zh: 'CRITIC 法', en: 'CRITIC weights' }),
  cv: fromData('cv', { zh: '变异系数法', en: 'Coefficient-of-variation weights' }),
  pca: fromData('pca', { zh: '主成分分析法', en: 'PCA weights' }),
  optimise: fromData('optimise', { zh: '优化权重（使各子项与上级得分的相关性均衡）', en: 'Optimised weights (balanced correlations with the aggregate)' }),
} satisfies Record<WeightScheme, SchemeDef>;

/** The scheme that weighs a node's children under a recipe. */
export function schemeOf(recipe: ResolvedRecipe, node: FrameworkNode): WeightScheme {
  return own(recipe.weights.byNode, node.code) ?? recipe.weights.scheme;
}

/**
 * Weights of a node's children under a recipe (before renormalisation): the scheme's, with the
 * recipe's explicit `weights.set` values over them. The scheme is not consulted when every child
 * has an explicit weight.
 */
export function schemeWeights(ctx: SchemeContext): number[] {
  const set = ctx.recipe.weights.set;
  const needed = ctx.node.children.some((c) => own(set, c) === undefined);
  const base = needed ? (WEIGHT_SCHEMES[schemeOf(ctx.recipe, ctx.node)] as SchemeDef).fn(ctx) : undefined;
  return ctx.node.children.map((c, i) => own(set, c) ?? base![i]!);
}

/** Whether a node's weights come from data (and so change when its children's scores do). */
export function weightsFromScores(recipe: ResolvedRecipe, node: FrameworkNode): boolean {
  return node.children.some((c) => own(recipe.weights.set, c) === undefined) && (WEIGHT_SCHEMES[schemeOf(recipe, node)] as SchemeDef).input === 'data';
}
