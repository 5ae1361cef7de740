import { RecipeError } from '../errors.ts';
import { parseFormula, type Expr } from '../expr/formula.ts';
import type { Framework } from '../framework/types.ts';
import type { Grouping } from '../panel/groupings.ts';
import { resolveAggregator, resolveImputer, resolveNormaliser } from '../methods/index.ts';
import type { Recipe, ResolvedRecipe } from '../recipe/types.ts';
import { resolveRecipe } from '../recipe/validate.ts';
import type { AggregatePlan, Compiled, LeafPlan } from './compiled.ts';
import type { Cube } from '../panel/cube.ts';
import { childrenOf, flattenTree } from './flat-tree.ts';
import { Plan } from './plan.ts';
import { selectUnits } from './select-units.ts';
import { schemeWeights, weightsFromScores } from './weight-schemes.ts';

/** Options of {@link compile}. */
export interface CompileOptions {
  /** The last edition to score (edition E uses data year E − dataLag). */
  edition: number;
  /** First edition of the run (default: the recipe's firstEdition, else 2021). */
  firstEdition?: number;
  /** Restrict to these units (default: every unit with data for the framework). */
  units?: string[];
  /** Groupings of the units, for group-based imputation (`missing.grouping`). */
  groupings?: Grouping[];
}

/**
 * Compiles a framework and a recipe over a cube into an evaluation {@link Plan}: the recipe is
 * validated and every method resolved once, the tree flattened, the units and editions chosen,
 * and the weights that do not depend on the data computed. `plan.run()` then evaluates, and
 * `plan.rerun(changes)` re-evaluates changed values, weights or bounds, reusing the rest.
 * @throws RecipeError for an invalid recipe, edition range or grouping, or data that cannot score the framework
 */
export function compile(framework: Framework, recipeIn: Recipe | ResolvedRecipe, cube: Cube, options: CompileOptions): Plan {
  const recipe = resolveRecipe(recipeIn, framework);
  const firstEdition = options.firstEdition ?? recipe.firstEdition;
  if (!Number.isInteger(options.edition) || options.edition < firstEdition) {
    throw new RecipeError(`Edition ${options.edition} is before the first edition ${firstEdition} of the run`);
  }
  const editions: number[] = [];
  for (let e = firstEdition; e <= options.edition; e++) editions.push(e);
  const dataYears = editions.map((e) => e - recipe.dataLag);
  const selection = selectUnits(framework, recipe, cube, dataYears, options.units);
  const units = selection.units;

  // table years: the run's data years, earlier years for imputation, the base year
  const baseEdition = recipe.normalisation.baseEdition ?? firstEdition;
  const baseYear = baseEdition - recipe.dataLag;
  const lastYear = dataYears[dataYears.length - 1]!;
  const minYear = Math.min(baseYear, dataYears[0]!, ...(cube.years.length ? [cube.years[0]!] : []));
  const years: number[] = [];
  for (let y = minYear; y <= lastYear; y++) years.push(y);
  const baseRow = years.indexOf(baseYear);

  let groupOf: (string | undefined)[] | undefined;
  if (recipe.missing.grouping !== undefined) {
    const g = options.groupings?.find((x) => x.id === recipe.missing.grouping);
    if (!g) throw new RecipeError(`missing.grouping "${recipe.missing.grouping}" is not among the groupings given (${(options.groupings ?? []).map((x) => x.id).join(', ') || 'none'})`);
    groupOf = units.map((u) => g.groups.find((gr) => gr.members.includes(u))?.code);
  }

  const tree = flattenTree(framework);
  const n = recipe.normalisation;
  const leaves: LeafPlan[] = Array.from(tree.leaves, (at) => {
    const node = tree.nodes[at]!;
    const spec = n.byIndicator?.[node.code] ?? n;
    const normaliser = resolveNormaliser(spec.method, spec.params ?? (spec === n ? n.params : {}));
    let formula: Expr | undefined;
    if (node.kind === 'derived' && node.formula) formula = parseFormula(node.formula);
    const fixed = n.scope === 'fixed' ? n.bounds?.[node.code] : undefined;
    return {
      node,
      at,
      ...(formula ? { formula } : {}),
      cubeVar: cube.variableIndex(node.code),
      normaliser,
      treat: (recipe.treatment.byIndicator?.[node.code] ?? recipe.treatment.method) === 'winsorise',
      ...(fixed ? { fixedBounds: fixed } : {}),
    };
  });

  const leafCount = new Int32Array(tree.nodes.length);
  for (const at of tree.leaves) for (let k = at; k >= 0; k = tree.parent[k]!) leafCount[k]!++;
  const aggregates: AggregatePlan[] = Array.from(tree.bottomUp, (at) => {
    const node = tree.nodes[at]!;
    const children = Array.from(childrenOf(tree, at));
    const spec = recipe.aggregation.byNode[node.code] ?? recipe.aggregation;
    const { def, params } = resolveAggregator(spec.method, spec.params ?? {});
    const leafCounts = children.map((i) => leafCount[i]!);
    const ap: AggregatePlan = { node, at, children, leafCounts, aggregator: { method: spec.method, def, params } };
    if (!weightsFromScores(recipe, node)) ap.staticWeights = schemeWeights({ node, children: children.map((i) => tree.nodes[i]!), recipe, leafCounts });
    return ap;
  });

  const steps = recipe.missing.steps.map((step) => {
    const { def, params } = resolveImputer(step.method, step.method === 'carry-forward' && step.params.maxYears === undefined && recipe.missing.maxCarryYears !== null ? { maxYears: recipe.missing.maxCarryYears } : step.params);
    return { method: step.method, def, params };
  });
  const t = recipe.treatment;
  const treatOptions = {
    ...(t.winMax !== undefined ? { winMax: t.winMax } : {}),
    ...(t.skewThreshold !== undefined ? { skewThreshold: t.skewThreshold } : {}),
    ...(t.kurtThreshold !== undefined ? { kurtThreshold: t.kurtThreshold } : {}),
    ...(t.logFallback !== undefined ? { logFallback: t.logFallback } : {}),
    ...(t.logShift !== undefined ? { logShift: t.logShift } : {}),
  };
  if (baseRow < 0 && leaves.some((l) => !l.normaliser.def.usesBounds)) {
    throw new RecipeError(`normalisation.baseEdition ${baseEdition} is after the last edition ${options.edition} of the run; choose a base edition within ${firstEdition}–${options.edition}`);
  }

  const compiled: Compiled = {
    framework,
    recipe,
    cube,
    tree,
    firstEdition,
    baseEdition,
    editions,
    dataYears,
    units,
    unitCube: Int32Array.from(units, (u) => cube.unitIndex(u)),
    years,
    yearCube: Int32Array.from(years, (y) => cube.yearIndex(y)),
    editionRow: Int32Array.from(dataYears, (y) => years.indexOf(y)),
    baseRow,
    leaves,
    aggregates,
    steps,
    ...(groupOf ? { groupOf } : {}),
    treatOptions,
    selectionWarnings: selection.warnings.list,
  };
  return new Plan(compiled);
}
