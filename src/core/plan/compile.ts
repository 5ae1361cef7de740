import { RecipeError } from '../errors.ts';
import { parseFormula, type Expr } from '../expr/formula.ts';
import type { Framework } from '../framework/types.ts';
import type { Grouping } from '../panel/groupings.ts';
import { resolveAggregator, resolveImputer, resolveNormaliser, type TreatOptions } from '../methods/index.ts';
import type { Recipe, ResolvedRecipe } from '../recipe/types.ts';
import { MAX_YEAR, MIN_YEAR, recipeFileOf, resolveRecipe } from '../recipe/validate.ts';
import type { WarningSink } from '../warnings.ts';
import { checkDataValues, inputDomains, type LocateCell } from './check-data.ts';
import { own } from '../recipe/own.ts';
import { usesBuiltinWeights } from '../recipe/builtin.ts';
import type { AggregatePlan, Compiled, LeafPlan } from './compiled.ts';
import type { Cube } from '../panel/cube.ts';
import { childrenOf, flattenTree } from './flat-tree.ts';
import { Plan } from './plan.ts';
import { frameworkYearRange, selectUnits } from './select-units.ts';
import { screenUnits, type ScreenResult } from './screen-units.ts';
import { schemeOf, schemeWeights, weightsFromScores } from './weight-schemes.ts';

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
  /**
   * Where a cell of the data was read from, for messages about values outside their domain
   * (`evaluate` on a Panel gives it from the observations' file and row).
   */
  locate?: LocateCell;
}

/** The most editions one run may score (so that a mistyped year cannot ask for millions). */
export const MAX_EDITIONS = 50;

/**
 * Compiles a framework and a recipe over a cube into an evaluation {@link Plan}: the recipe is
 * validated and every method resolved once, the tree flattened, the units and editions chosen,
 * and the weights that do not depend on the data computed. `plan.run()` then evaluates, and
 * `plan.rerun(changes)` re-evaluates changed values, weights or bounds, reusing the rest.
 *
 * Checks made here, once (none in the re-run path): the editions are 4-digit years, at most
 * {@link MAX_EDITIONS} of them, whose data years — and the base edition's — lie within the years
 * the data has for the framework; every value the framework reads lies within its domain (a count
 * ≥ 0, a share in % within 0–100, a framework `range`), and values beyond the recipe's
 * `checks.maxMagnitude` are flagged; framework weights that the recipe's weight scheme replaces
 * are named in the warning `framework-weights-unused` (see {@link unusedFrameworkWeights}).
 * @throws RecipeError for an invalid recipe, edition range or grouping, or data that cannot score the framework
 * @throws DataError for values outside their domain (naming file and row when `locate` knows them)
 */
export function compile(framework: Framework, recipeIn: Recipe | ResolvedRecipe, cube: Cube, options: CompileOptions): Plan {
  const recipe = resolveRecipe(recipeIn, framework);
  const firstEdition = options.firstEdition ?? recipe.firstEdition;
  const range = frameworkYearRange(framework, cube);
  checkEditions(framework, recipe, firstEdition, options.edition, range, options.firstEdition === undefined);
  const editions: number[] = [];
  for (let e = firstEdition; e <= options.edition; e++) editions.push(e);
  const dataYears = editions.map((e) => e - recipe.dataLag);
  const screen = recipe.units.screen;
  let given = options.units;
  let screened: ScreenResult | undefined;
  if (screen && !given) {
    // the screen counts the data as read, or after imputation (a run without the screen first)
    const leafCodes = framework.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code);
    if ((screen.stage ?? 'raw') === 'imputed') {
      const pre = compile(framework, { ...recipe, units: { minCoverage: recipe.units.minCoverage } }, cube, options).run();
      const U = pre.units.length;
      screened = screenUnits(pre.units, leafCodes, dataYears, (code, unit, year) => pre.values[code]![dataYears.indexOf(year) * U + pre.units.indexOf(unit)]!, screen);
    } else {
      const pre = selectUnits(framework, recipe, cube, dataYears);
      const raw = leafCodes.filter((c) => framework.nodes.find((n) => n.code === c)!.kind === 'raw');
      screened = screenUnits(pre.units, raw, dataYears, (code, unit, year) => cube.value(unit, code, year) ?? NaN, screen);
    }
    given = screened.kept;
  }
  const selection = selectUnits(framework, recipe, cube, dataYears, given);
  if (screened?.removed.length) {
    const r = screened.removed;
    selection.warnings.add('screened-out', r.map((x) => x.unit).join(','), `Screened out (units.screen by ${screen!.by}): ${r.map((x) => `${x.unit} (${x.forced ? 'excluded' : `data ${(x.dataShare * 100).toFixed(1)}%, non-zero ${(x.nonZeroShare * 100).toFixed(1)}%`})`).join(', ')}`);
  }
  const units = selection.units;
  const domains = inputDomains(framework);
  checkDataValues(framework, recipe, cube, domains, selection.warnings, options.locate);

  // table years: the run's data years, earlier years for imputation, the base year
  const baseEdition = recipe.normalisation.baseEdition ?? firstEdition;
  const baseYear = baseEdition - recipe.dataLag;
  if (range && (baseYear < range[0] || baseYear > range[1])) {
    throw recipeUnfit(
      recipe,
      recipe.normalisation.baseEdition === undefined ? 'firstEdition' : 'normalisation.baseEdition',
      `${baseEdition} uses data year ${baseYear}, but the data for framework ${framework.id} covers ${range[0]}–${range[1]}; choose a base edition within ${range[0] + recipe.dataLag}–${range[1] + recipe.dataLag}`,
    );
  }
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

  // a denominator is a variable of the framework or any variable of the data (e.g. COINr's WorldDenoms)
  const noDenominator = [...new Set(Object.values(recipe.denominate?.byIndicator ?? {}))].filter((d) => cube.variableIndex(d) < 0 && !framework.nodes.some((n) => n.code === d && n.kind !== 'aggregate'));
  if (noDenominator.length) throw recipeUnfit(recipe, 'denominate.byIndicator', `denominator${noDenominator.length > 1 ? 's' : ''} ${noDenominator.join(', ')} ${noDenominator.length > 1 ? 'are' : 'is'} neither a variable of the data nor an indicator of framework ${framework.id} (variables: ${framework.variables.map((v) => v.code).join(', ') || 'none'}); add the denominators' data file (-d), e.g. COINr's WorldDenoms as tidy rows`);
  const tree = flattenTree(framework);
  const n = recipe.normalisation;
  const treatOptions = treatOptionsOf(recipe.treatment);
  const leaves: LeafPlan[] = Array.from(tree.leaves, (at) => {
    const node = tree.nodes[at]!;
    const spec = own(n.byIndicator, node.code) ?? n;
    const normaliser = resolveNormaliser(spec.method, spec.params ?? (spec === n ? n.params : {}));
    let formula: Expr | undefined;
    if (node.kind === 'derived' && node.formula) formula = parseFormula(node.formula);
    const fixed = n.scope === 'fixed' ? own(n.bounds, node.code) : undefined;
    const tspec = own(recipe.treatment.byIndicator, node.code);
    const own_ = typeof tspec === 'object' ? tspec : undefined;
    const method = (typeof tspec === 'string' ? tspec : own_?.method) ?? recipe.treatment.method;
    const denom = own(recipe.denominate?.byIndicator, node.code);
    return {
      node,
      at,
      ...(formula ? { formula } : {}),
      cubeVar: cube.variableIndex(node.code),
      normaliser,
      treat: method === 'winsorise',
      ...(own_ ? { treatOptions: { ...treatOptions, ...treatOptionsOf(own_) } } : {}),
      ...(denom ? { denominator: { code: denom, scale: own(recipe.denominate?.scale, node.code) ?? 1 } } : {}),
      ...(fixed ? { fixedBounds: fixed } : {}),
    };
  });

  const leafCount = new Int32Array(tree.nodes.length);
  for (const at of tree.leaves) for (let k = at; k >= 0; k = tree.parent[k]!) leafCount[k]!++;
  const aggregates: AggregatePlan[] = Array.from(tree.bottomUp, (at) => {
    const node = tree.nodes[at]!;
    const children = Array.from(childrenOf(tree, at));
    const spec = own(recipe.aggregation.byNode, node.code) ?? recipe.aggregation;
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
  if (baseRow < 0 && leaves.some((l) => !l.normaliser.def.usesBounds)) {
    throw new RecipeError(`normalisation.baseEdition ${baseEdition} is after the last edition ${options.edition} of the run; choose a base edition within ${firstEdition}–${options.edition}`);
  }

  // row imputation: the leaves below each node of the group level (default: each leaf's parent)
  let byRow: Compiled['byRow'];
  const br = recipe.missing.byRow;
  if (br) {
    const groups = new Map<number, number[]>();
    leaves.forEach((l, i) => {
      let g = tree.parent[l.at]!;
      if (br.level !== undefined) for (g = l.at; g >= 0 && tree.nodes[g]!.level > br.level; g = tree.parent[g]!);
      if (g < 0) return;
      const list = groups.get(g) ?? [];
      list.push(i);
      groups.set(g, list);
    });
    byRow = { groups: [...groups.values()], method: br.method, normaliseFirst: br.normaliseFirst };
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
    ...(byRow ? { byRow } : {}),
    ...(groupOf ? { groupOf } : {}),
    treatOptions,
    domains,
    selectionWarnings: selection.warnings.list,
  };
  if (usesBuiltinWeights(recipe)) unusedFrameworkWeights(compiled, selection.warnings);
  return new Plan(compiled);
}

/** The options of {@link treatOutliers} a recipe's treatment (or one indicator's) states. */
function treatOptionsOf(t: { winMax?: number; skewThreshold?: number; kurtThreshold?: number; logFallback?: boolean; logShift?: TreatOptions['logShift']; fallback?: TreatOptions['fallback']; lambda?: number }): TreatOptions {
  return {
    ...(t.winMax !== undefined ? { winMax: t.winMax } : {}),
    ...(t.skewThreshold !== undefined ? { skewThreshold: t.skewThreshold } : {}),
    ...(t.kurtThreshold !== undefined ? { kurtThreshold: t.kurtThreshold } : {}),
    ...(t.logFallback !== undefined ? { logFallback: t.logFallback } : {}),
    ...(t.logShift !== undefined ? { logShift: t.logShift } : {}),
    ...(t.fallback !== undefined ? { fallback: t.fallback } : {}),
    ...(t.lambda !== undefined ? { lambda: t.lambda } : {}),
  };
}

/**
 * Refuses an edition range that cannot be a run — editions that are not 4-digit years, a last
 * edition before the first, more than {@link MAX_EDITIONS} editions — before anything is made
 * for it, each message giving the data's year range.
 * @throws RecipeError
 */
function checkEditions(fw: Framework, recipe: ResolvedRecipe, first: number, last: number, range: [number, number] | undefined, firstFromRecipe: boolean): void {
  const lag = recipe.dataLag;
  const covers = range ? `the data for framework ${fw.id} covers ${range[0]}–${range[1]} (editions ${range[0] + lag}–${range[1] + lag}: edition E uses data year E − ${lag})` : `there is no data for framework ${fw.id}`;
  // the first edition comes from the recipe (its field is named) or from the caller (--first-edition)
  const fail = (message: string): RecipeError => (firstFromRecipe ? recipeUnfit(recipe, 'firstEdition', message) : new RecipeError(message));
  if (!Number.isInteger(last) || last < MIN_YEAR || last > MAX_YEAR) throw new RecipeError(`The edition must be a 4-digit year (${MIN_YEAR}–${MAX_YEAR}), got ${last}; ${covers}`);
  if (!Number.isInteger(first) || first < MIN_YEAR || first > MAX_YEAR) throw fail(`The first edition must be a 4-digit year (${MIN_YEAR}–${MAX_YEAR}), got ${first}; ${covers}`);
  if (last < first) throw fail(`Edition ${last} is before the first edition ${first} of the run; ${covers}`);
  if (last - first + 1 > MAX_EDITIONS) throw fail(`Editions ${first}–${last} are ${last - first + 1} editions; a run scores at most ${MAX_EDITIONS} (MAX_EDITIONS); ${covers}`);
  // data years outside the data are refused by selectUnits, year by year
}

/** A recipe that does not fit the data: the error names the recipe (its file when known) and the field. */
function recipeUnfit(recipe: ResolvedRecipe, field: string, message: string): RecipeError {
  const file = recipeFileOf(recipe);
  return new RecipeError(`Recipe ${file ?? recipe.id} does not fit the data`, [{ ...(file ? { file } : {}), field, message }]);
}

/**
 * Framework weights the built-in CNIPA recipes do not use are said so, never silently ignored.
 * Those recipes are chosen by a CNIPA framework's id without the user naming them, and weigh by
 * their own scheme (indicators equal within groups, pillars 0.25/0.50/0.25; indicator counts for
 * the national index), not the file's. When a node's children are weighed by such a scheme and
 * the file gives weights to some of those children that would weigh them otherwise (an edited
 * copy of a CNIPA framework, say, with a weight set to 0), the warning `framework-weights-unused`
 * names the node, the scheme in use and the weights the file gives. Weights the recipe reproduces
 * (the national file's 8/18/26/9/7/17, its indicator counts) raise nothing; nor do children whose
 * weights the file leaves at the default. The choice: the recipe's weights are the ones applied —
 * a recipe is the method, and to use the file's weights one passes a recipe with
 * `weights.scheme: framework` (e.g. `--recipe default`). A recipe of one's own states its weight
 * scheme itself, so it raises nothing (see {@link usesBuiltinWeights}).
 */
export function unusedFrameworkWeights(c: Compiled, sink: WarningSink): void {
  const { recipe, tree } = c;
  const list: string[] = [];
  let count = 0;
  for (const ap of c.aggregates) {
    const kids = ap.children.map((i) => tree.nodes[i]!);
    if (!kids.some((k) => k.weightGiven)) continue;
    const set = kids.map((k) => own(recipe.weights.set, k.code));
    const scheme = schemeOf(recipe, ap.node);
    if (scheme === 'framework' && set.every((w, i) => w === undefined || w === kids[i]!.weight)) continue;
    let same = false;
    if (ap.staticWeights) {
      const fs = kids.reduce((s, k) => s + k.weight, 0);
      const rs = ap.staticWeights.reduce((s, w) => s + w, 0);
      same = fs > 0 && rs > 0 && kids.every((k, i) => Math.abs(k.weight / fs - ap.staticWeights![i]! / rs) <= 1e-12);
    }
    if (same) continue;
    count++;
    if (list.length < 6) {
      // the children whose weight stands out: those off the most common weight of the file
      const counts = new Map<number, number>();
      for (const k of kids) counts.set(k.weight, (counts.get(k.weight) ?? 0) + 1);
      const [mode, modeCount] = [...counts].sort((x, y) => y[1] - x[1])[0]!;
      const odd = modeCount > 1 ? kids.filter((k) => k.weightGiven && k.weight !== mode) : [];
      const shown = (odd.length ? odd : kids.filter((k) => k.weightGiven)).map((k) => `${k.code} ${k.weight}`);
      const given = odd.length && odd.length < kids.length ? [...shown.slice(0, 4), ...(shown.length > 4 ? ['…'] : []), `the others ${mode}`] : shown;
      const how = set.every((w) => w !== undefined) ? 'weights.set' : `scheme ${scheme}${set.some((w) => w !== undefined) ? ' and weights.set' : ''}`;
      list.push(`${ap.node.code} (${how}; the framework gives ${given.length > 5 ? `${given.slice(0, 4).join(', ')}, …` : given.join(', ')})`);
    }
  }
  if (count) {
    sink.add(
      'framework-weights-unused',
      list.map((l) => l.split(' ')[0]).join(','),
      `Recipe ${recipe.id} weighs the children of ${count} node${count > 1 ? 's' : ''} otherwise than the framework's weights, which are not used there: ${list.join('; ')}${count > list.length ? '; …' : ''}. To use the framework's weights, use a recipe with weights.scheme: framework`,
    );
  }
}
