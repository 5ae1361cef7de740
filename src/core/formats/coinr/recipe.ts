/**
 * The recipe of a COINr import: COINr's defaults as an ipindex recipe, with the construction
 * steps the user names (`ipindex import coinr --steps denominate,impute,screen,treat`). Pure.
 */
import { IpIndexError } from '../../errors.ts';
import type { Recipe } from '../../recipe/types.ts';

/** The COINr construction steps an import can write into its recipe, in the order ipindex runs them. */
export const COINR_STEPS = ['denominate', 'impute', 'screen', 'treat'] as const;
/** A COINr construction step (see {@link COINR_STEPS}). */
export type CoinrStep = (typeof COINR_STEPS)[number];

/** Options of {@link coinrRecipe}. */
export interface CoinrRecipeOptions {
  /** Framework id (the recipe's id is `<id>-coinr`). */
  frameworkId: string;
  /** Data years of the import: the first is the recipe's first edition (edition = data year). */
  years: number[];
  /**
   * COINr's construction steps before Normalise and Aggregate, in COINr's call order (default
   * none: COINr's minimal build, `new_coin` → `Normalise` → `Aggregate`).
   */
  steps?: readonly CoinrStep[];
  /** iMeta's Denominator column (indicator → denominator), for `denominate`. */
  denominators?: Record<string, string>;
}

/**
 * A recipe reproducing COINr's defaults: `Normalise()` (n_minmax to 0–100, in its order of
 * operations: `ratioFirst`; bounds over all
 * years, as `Normalise(purse, global = TRUE)`, the same as per year for one year), the iMeta
 * weights, `Aggregate()` (a_amean, missing children dropped, summed as COINr does:
 * `exactSum`), ranks as `get_results()` / `rank_df()` make them (exact ties, min), every unit
 * kept (no coverage rule: COINr keeps units until `Screen()`), no imputation (COINr without
 * `Impute()`), and `dataLag` 0 with the first edition at the first data year (edition = data
 * year). Each step named adds COINr's default for it: `denominate` — `Denominate()` by iMeta's
 * Denominator column; `impute` — `Impute()`'s `i_mean`; `screen` — `Screen(unit_screen = "byNA")`
 * with `dat_thresh` 2/3, counting the imputed data when it comes after `impute`; `treat` —
 * `Treat()`: winsorise up to 5 points, then `log_CT`, each year on its own.
 * @throws IpIndexError for an unknown step, a step named twice, or an order ipindex cannot run
 *   (it denominates, imputes and treats in that order; the screen may come before or after imputing)
 * @example coinrRecipe({ frameworkId: 'asem', years: [2018], steps: ['impute', 'screen'] }).units // => { minCoverage: 0, screen: { by: 'missing', minData: 0.6666666666666666, stage: 'imputed' } }
 */
export function coinrRecipe(options: CoinrRecipeOptions): Recipe {
  const steps = options.steps ?? [];
  for (const s of steps) if (!(COINR_STEPS as readonly string[]).includes(s)) throw new IpIndexError(`Unknown COINr step "${s}" (valid: ${COINR_STEPS.join(', ')})`);
  if (new Set(steps).size !== steps.length) throw new IpIndexError(`A COINr step is named twice in ${steps.join(', ')}`);
  const fixed = steps.filter((s) => s !== 'screen');
  const order = COINR_STEPS.filter((s) => s !== 'screen' && fixed.includes(s));
  if (fixed.join() !== order.join()) {
    throw new IpIndexError(`ipindex runs the COINr steps in the order ${COINR_STEPS.filter((s) => s !== 'screen').join(' → ')} (Screen before or after imputing); ${steps.join(', ')} is another order: reorder them, or edit recipe.yaml by hand`);
  }
  const has = (s: CoinrStep): boolean => steps.includes(s);
  const names = ['min-max 0–100', 'iMeta weights', 'weighted arithmetic mean'];
  const recipe: Recipe = {
    id: `${options.frameworkId}-coinr`,
    name: {
      zh: `COINr 默认方案（${[has('denominate') ? '除以分母' : '', has('impute') ? '均值插补' : '', has('screen') ? '单位筛选' : '', has('treat') ? '异常值处理' : '', '极差标准化0–100', 'iMeta 权重', '加权算术平均'].filter(Boolean).join('，')}）`,
      en: `COINr defaults (${[...steps.map((s) => s), ...names].join(', ')})`,
    },
    description:
      `Written by ipindex import coinr${steps.length ? ` with the steps ${steps.join(', ')}` : ''}: COINr's default build. Edition = data year (dataLag 0). ` +
      'Min-max 0–100 with bounds over all years (Normalise(global = TRUE)), the iMeta weights, weighted arithmetic means as COINr sums them, ranks with exact ties as rank_df; every unit kept unless screened; missing values are not imputed unless impute is a step (dropped at aggregation, weights renormalised).',
    dataLag: 0,
    firstEdition: options.years.length ? Math.min(...options.years) : 2021,
    normalisation: { method: 'minmax', params: { l: 0, u: 100, ratioFirst: 1 }, scope: 'pooled' },
    missing: has('impute') ? { carryForward: false, steps: ['indicator-mean'] } : { carryForward: false },
    weights: { scheme: 'framework' },
    aggregation: { method: 'arithmetic', params: { exactSum: 1 } },
    ranking: { ties: 'exact' },
    units: { minCoverage: 0 },
  };
  if (has('denominate')) {
    const d = options.denominators ?? {};
    if (!Object.keys(d).length) throw new IpIndexError('COINr step denominate: iMeta has no Denominator column entries (indicator → denominator) to denominate by');
    recipe.denominate = { byIndicator: { ...d } };
  }
  if (has('screen')) {
    const after = has('impute') && steps.indexOf('screen') > steps.indexOf('impute');
    recipe.units = { minCoverage: 0, screen: { by: 'missing', minData: 2 / 3, stage: after ? 'imputed' : 'raw' } };
  }
  if (has('treat')) recipe.treatment = { method: 'winsorise', winMax: 5, fallback: 'log_CT', scope: 'per-year' };
  return recipe;
}
