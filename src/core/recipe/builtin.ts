import { own } from './own.ts';
import type { Recipe, ResolvedRecipe } from './types.ts';

/**
 * The two CNIPA recipes, as the published 2025 figures show them (see docs/frameworks.md).
 */
export const BUILTIN_RECIPES: Record<string, Recipe> = {
  'cnipa-national': {
    id: 'cnipa-national',
    name: { zh: '知识产权强国建设指数（基期2021=100）', en: 'IP Power Construction Index (2021 = 100)' },
    description:
      'Base-year ratio against the data year of the 2021 edition (= 100), inverted for smaller-is-better indicators; every indicator weighs the same, so the total is the indicator-count-weighted mean of the six sub-indices.',
    dataLag: 1,
    firstEdition: 2021,
    normalisation: { method: 'base-ratio', params: { scale: 100 }, scope: 'per-year', baseEdition: 2021 },
    missing: { carryForward: true },
    weights: { scheme: 'leaf-count' },
    aggregation: { method: 'arithmetic' },
    reporting: { threshold: 100, decimals: 1 },
  },
  'cnipa-regional': {
    id: 'cnipa-regional',
    name: { zh: '地区知识产权发展指数（功效系数法）', en: 'Regional IP Development Index (efficacy coefficient)' },
    description:
      'Efficacy coefficient 60 + 40·(x − L)/(U − L) with bounds pooled over all years of the run (so scores compare across years); indicators equal within their group, groups equal within their pillar, pillars 0.25 / 0.50 / 0.25.',
    dataLag: 1,
    firstEdition: 2021,
    normalisation: { method: 'efficacy', params: { low: 60, span: 40 }, scope: 'pooled' },
    missing: { carryForward: true },
    weights: { scheme: 'equal', set: { P1: 0.25, P2: 0.5, P3: 0.25 } },
    aggregation: { method: 'arithmetic' },
    reporting: { threshold: 80, decimals: 2 },
  },
};

/**
 * Whether a recipe weighs as one of the built-in CNIPA recipes does (its id is a built-in one and
 * its weights part is that recipe's). Those recipes are picked for a CNIPA framework without the
 * user naming them, and weigh by their own scheme: a framework weight they replace is then said
 * (warning `framework-weights-unused`), where a recipe of one's own states its scheme itself.
 * @example usesBuiltinWeights(resolveRecipe(BUILTIN_RECIPES['cnipa-national'])) // => true
 * @example usesBuiltinWeights(resolveRecipe({ ...BUILTIN_RECIPES['cnipa-national'], weights: { scheme: 'entropy' } })) // => false
 */
export function usesBuiltinWeights(recipe: ResolvedRecipe): boolean {
  const b = own(BUILTIN_RECIPES, recipe.id);
  if (!b) return false;
  const w = b.weights ?? {};
  const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);
  return recipe.weights.scheme === (w.scheme ?? 'framework') && same(recipe.weights.set, w.set ?? {}) && same(recipe.weights.byNode, w.byNode ?? {}) && same(recipe.weights.ahp, w.ahp ?? {});
}
