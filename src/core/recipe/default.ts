/**
 * Which recipe a framework is evaluated with when the user names none, and whether a built-in
 * CNIPA recipe fits a framework. Pure: the CLI, a server and a report writer share it; reading a
 * recipe file a framework names is left to the caller (io).
 */
import { RecipeError, type Problem } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import { BUILTIN_RECIPES } from './builtin.ts';
import type { Recipe } from './types.ts';
import { resolveRecipe } from './validate.ts';
import { own } from './own.ts';

/**
 * The default recipe for a framework that names none: min-max to 0–100 with bounds pooled over
 * every year of the run (so scores compare across years), the framework file's weights, weighted
 * arithmetic means level by level, and a missing value replaced by the latest earlier year's
 * (flagged). Edition E uses data year E − 1, as in the CNIPA reports. See docs/recipes.md.
 */
export const DEFAULT_RECIPE: Recipe = {
  id: 'default',
  name: { zh: '默认方案（极差标准化0–100，跨年统一上下限，框架权重，加权算术平均）', en: 'Default (min-max 0–100 pooled over years, framework weights, weighted arithmetic mean)' },
  description:
    "Min-max 100·(x − min)/(max − min) with min and max pooled over all years of the run, reversed for smaller-is-better indicators; the framework file's weights; weighted arithmetic means level by level; a missing value takes the latest earlier year's (flagged). Edition E uses data year E − 1.",
  dataLag: 1,
  normalisation: { method: 'minmax', params: { l: 0, u: 100 }, scope: 'pooled' },
  missing: { carryForward: true },
  weights: { scheme: 'framework' },
  aggregation: { method: 'arithmetic' },
  reporting: { threshold: 80, decimals: 2 },
};

/** The name under which {@link DEFAULT_RECIPE} can be passed as `--recipe`. */
export const DEFAULT_RECIPE_NAME = 'default';

/** Every recipe name that needs no file: the CNIPA recipes and `default`. */
export function builtinRecipeNames(): string[] {
  return [...Object.keys(BUILTIN_RECIPES), DEFAULT_RECIPE_NAME];
}

/** The recipe a name stands for (a CNIPA recipe or `default`), or undefined for a file name. */
export function builtinRecipe(name: string): Recipe | undefined {
  return name === DEFAULT_RECIPE_NAME ? DEFAULT_RECIPE : own(BUILTIN_RECIPES, name);
}

/** The framework id each built-in CNIPA recipe is made for. */
const RECIPE_FRAMEWORK: Record<string, string> = { 'cnipa-regional': 'cnipa-regional', 'cnipa-national': 'cnipa-national' };

/** How a framework's recipe was chosen, for the run manifest and messages. */
export type RecipeChoice =
  /** A recipe needing no file: the framework file names it (`recipe: cnipa-regional`), or the framework is a CNIPA one. */
  | { kind: 'builtin'; name: string; recipe: Recipe; why: 'framework-file' | 'framework-id' }
  /** The framework file names a recipe file (`recipe: recipe.yaml`, relative to the framework file). */
  | { kind: 'file'; path: string }
  /** Nothing named: {@link DEFAULT_RECIPE}, its first edition set from the data. */
  | { kind: 'default'; name: typeof DEFAULT_RECIPE_NAME; recipe: Recipe };

/** Options for {@link defaultRecipeFor}. */
export interface DefaultRecipeOptions {
  /**
   * The data years that have observations for the framework. With them, the default recipe's
   * first edition is the edition of the earliest data year (so a run scores every year of the
   * data); without them it is 2021.
   */
  dataYears?: number[];
}

/**
 * The recipe a framework is evaluated with when the user names none: the one its file names
 * (`recipe:` — a built-in name or a recipe file relative to the framework file), else the CNIPA
 * recipe of a CNIPA framework, else {@link DEFAULT_RECIPE}.
 * @example [defaultRecipeFor(workedFramework, { dataYears: [2018, 2019] }).kind, defaultRecipeFor(workedFramework, { dataYears: [2018, 2019] }).recipe.firstEdition] // => ['default', 2019]
 */
export function defaultRecipeFor(framework: Framework, options: DefaultRecipeOptions = {}): RecipeChoice {
  if (framework.recipe) {
    const named = builtinRecipe(framework.recipe);
    if (named) return { kind: 'builtin', name: framework.recipe, recipe: named, why: 'framework-file' };
    return { kind: 'file', path: framework.recipe };
  }
  const mine = own(BUILTIN_RECIPES, framework.id);
  if (mine) return { kind: 'builtin', name: framework.id, recipe: mine, why: 'framework-id' };
  return { kind: 'default', name: DEFAULT_RECIPE_NAME, recipe: defaultRecipe(options.dataYears) };
}

/**
 * {@link DEFAULT_RECIPE} with its first edition at the edition of the earliest data year (so a
 * run scores every year of the data), or as it is (first edition 2021) without data years.
 * @example defaultRecipe([2018, 2019]).firstEdition // => 2019
 */
export function defaultRecipe(dataYears: number[] = []): Recipe {
  const years = dataYears.filter((y) => Number.isInteger(y));
  return years.length ? { ...DEFAULT_RECIPE, firstEdition: Math.min(...years) + DEFAULT_RECIPE.dataLag! } : DEFAULT_RECIPE;
}

/**
 * Refuses a built-in CNIPA recipe for a framework it was not made for — another framework id, or
 * node codes it names (e.g. the pillar weights P1, P2, P3) that the framework lacks — with a
 * message that says what to do instead. Other recipes pass untouched (they are checked by
 * `resolveRecipe` when evaluated).
 * @throws RecipeError naming the recipe, the framework and the way out
 */
export function checkBuiltinRecipeFits(name: string, framework: Framework): void {
  const intended = own(RECIPE_FRAMEWORK, name);
  const recipe = own(BUILTIN_RECIPES, name);
  if (!intended || !recipe) return;
  let problems: Problem[] = [];
  try {
    resolveRecipe(recipe, framework);
  } catch (e) {
    if (!(e instanceof RecipeError)) throw e;
    problems = e.problems;
  }
  if (framework.id === intended && !problems.length) return;
  const where = framework.file ? ` (${framework.file})` : '';
  const lacking = problems.length ? `: the recipe names nodes the framework lacks` : '';
  throw new RecipeError(
    `Recipe ${name} is made for framework ${intended}; framework ${framework.id}${where} is a different framework${lacking}. ` +
      `Pass --recipe <file> with a recipe for ${framework.id}, or use the default recipe (leave out --recipe, or pass --recipe default: min-max 0–100 pooled over the years, the framework's weights, weighted arithmetic mean; see docs/recipes.md). ` +
      `To apply the ${name} method to your framework on purpose, save it as a file (ipindex recipes ${name} > recipe.json), adapt it and pass --recipe recipe.json.`,
    problems.map((p) => ({ ...p, file: p.file ?? `recipe ${name}` })),
  );
}

/**
 * The data years that have a value for one of the framework's raw indicators or variables, in
 * ascending order — what the default recipe's first edition and the edition hint look at.
 * @example frameworkDataYears(workedFramework, [{ unit: 'A', year: 2019, variable: 'X1', value: 1 }, { unit: 'A', year: 2020, variable: 'other', value: 1 }]) // => [2019]
 */
export function frameworkDataYears(framework: Framework, observations: Iterable<{ year: number; variable: string; value: number | null }>): number[] {
  const codes = new Set([...framework.nodes.filter((n) => n.kind === 'raw').map((n) => n.code), ...framework.variables.map((v) => v.code)]);
  const years = new Set<number>();
  for (const o of observations) if (o.value !== null && codes.has(o.variable)) years.add(o.year);
  return [...years].sort((a, b) => a - b);
}
