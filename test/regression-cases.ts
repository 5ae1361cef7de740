/**
 * Recipe variants whose results are pinned bit for bit in test/fixtures/regression/ (made with
 * the engine before the evaluation plan). Each case is a closure so the test and the fixture
 * script run exactly the same thing.
 */
import { readFileSync } from 'node:fs';
import { BUILTIN_RECIPES, Panel, evaluate, parseCsv, parseFramework, parseTidyCsv, type EvaluationResult, type Framework, type Recipe } from '../src/core/index.ts';
import { coinrToFramework, coinrToObservations } from '../src/core/formats/coinr.ts';
import { loadGroupings, loadRegistry, DEFAULT_GROUPINGS } from '../src/io/index.ts';

const read = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');
const fw = (name: string): Framework => parseFramework(read(`../frameworks/${name}.yaml`), `${name}.yaml`);

export interface RegressionCase {
  id: string;
  run: () => EvaluationResult;
}

/** Every case; the data is read lazily and shared. */
export function regressionCases(): RegressionCase[] {
  const registry = loadRegistry();
  let regional: Panel | undefined;
  let national: Panel | undefined;
  const reg = (): Panel => (regional ??= new Panel(parseTidyCsv(read('../data/sample/regional.csv'), { registry })));
  const nat = (): Panel => (national ??= new Panel(parseTidyCsv(read('../data/sample/national.csv'), { registry })));
  const groupings = loadGroupings(DEFAULT_GROUPINGS, registry);
  const R = fw('cnipa-regional-2025');
  const N = fw('cnipa-national-2025');
  const base = BUILTIN_RECIPES['cnipa-regional']!;
  const variant = (id: string, over: Partial<Recipe>): RegressionCase => ({
    id: `regional:${id}`,
    run: () => evaluate(R, reg(), { ...base, ...over, id } as Recipe, { edition: 2025, groupings }),
  });
  const cases: RegressionCase[] = [
    { id: 'regional:builtin', run: () => evaluate(R, reg(), base, { edition: 2025, groupings }) },
    { id: 'regional:builtin-2019', run: () => evaluate(R, reg(), base, { edition: 2025, firstEdition: 2020, groupings }) },
    { id: 'national:builtin', run: () => evaluate(N, nat(), BUILTIN_RECIPES['cnipa-national']!, { edition: 2025 }) },
    variant('per-year-minmax', { normalisation: { method: 'minmax', scope: 'per-year' } }),
    variant('zscore', { normalisation: { method: 'zscore', scope: 'pooled' } }),
    variant('rank', { normalisation: { method: 'rank', scope: 'per-year' } }),
    variant('winsorise', { treatment: { method: 'winsorise', scope: 'pooled' } }),
    variant('winsorise-per-year', { treatment: { method: 'winsorise', scope: 'per-year', logShift: 'range' } }),
    variant('entropy', { weights: { scheme: 'entropy', set: { P1: 0.25, P2: 0.5, P3: 0.25 } } }),
    variant('critic', { weights: { scheme: 'critic' } }),
    variant('pca', { weights: { scheme: 'pca', byNode: { RIDX: 'equal' } } }),
    variant('leaf-count', { weights: { scheme: 'leaf-count' } }),
    variant('geometric', { aggregation: { method: 'geometric' } }),
    variant('topsis-root', { aggregation: { method: 'arithmetic', byNode: { RIDX: { method: 'topsis' } } } }),
    variant('copeland-root', { aggregation: { method: 'arithmetic', byNode: { RIDX: { method: 'copeland' } } } }),
    variant('row-mean', { missing: { carryForward: false, aggregate: 'row-mean' } }),
    variant('no-impute', { missing: { carryForward: false } }),
    variant('max-carry-1', { missing: { carryForward: true, maxCarryYears: 1 } }),
    variant('interpolate-mean', { missing: { steps: [{ method: 'interpolate', params: { extendEnds: 1 } }, 'indicator-mean'] } }),
    variant('group-mean', { missing: { steps: ['group-mean', 'carry-forward'], grouping: 'region4' } }),
    variant('base-ratio', { normalisation: { method: 'base-ratio', params: { scale: 100 }, scope: 'per-year', baseEdition: 2022 } }),
  ];
  // the COINr ASEM example (data year 2018 = edition 2019): min-max per year, the file's weights
  const asem = (): { f: Framework; p: Panel } => {
    const t = (n: string): string[][] => parseCsv(read(`./fixtures/coinr-asem/${n}`));
    const meta = coinrToFramework(t('ASEM_iMeta.csv'), { file: 'ASEM_iMeta.csv' });
    return { f: meta.framework, p: new Panel(coinrToObservations(t('ASEM_iData.csv'), { file: 'ASEM_iData.csv', meta }).observations) };
  };
  const asemRecipe = (id: string, over: Partial<Recipe> = {}): Recipe => ({ id, normalisation: { method: 'minmax', params: { l: 0, u: 100 }, scope: 'per-year' }, weights: { scheme: 'framework' }, aggregation: { method: 'arithmetic' }, ...over });
  const asemCase = (id: string, recipe: Recipe): RegressionCase => ({ id, run: () => { const { f, p } = asem(); return evaluate(f, p, recipe, { edition: 2019, firstEdition: 2019 }); } });
  cases.push(
    asemCase('asem:minmax', asemRecipe('asem-minmax')),
    asemCase('asem:geometric', asemRecipe('asem-g', { normalisation: { method: 'minmax', params: { l: 1, u: 100 }, scope: 'per-year' }, aggregation: { method: 'geometric' } })),
    asemCase('asem:winsorise-zscore', asemRecipe('asem-wz', { treatment: { method: 'winsorise' }, normalisation: { method: 'zscore', params: { m: 10, s: 2 }, scope: 'per-year' } })),
  );
  // the worked example
  const W = parseFramework(read('./fixtures/worked/framework.yaml'), 'worked/framework.yaml');
  for (const r of ['recipe-efficacy', 'recipe-base']) {
    cases.push({
      id: `worked:${r}`,
      run: () => {
        const recipe = JSON.parse(read(`./fixtures/worked/${r}.json`)) as Recipe;
        const p = new Panel(parseTidyCsv(read(r === 'recipe-base' ? './fixtures/worked/national.csv' : './fixtures/worked/data.csv')));
        const years = p.years();
        return evaluate(W, p, recipe, { edition: years[years.length - 1]! + (recipe.dataLag ?? 1), firstEdition: recipe.firstEdition ?? years[0]! + (recipe.dataLag ?? 1) });
      },
    });
  }
  return cases;
}

/** A result as JSON with every number exact (JSON numbers round-trip; NaN written as null). */
export function resultToJson(r: EvaluationResult): unknown {
  const arr = (a: Float64Array): (number | null)[] => Array.from(a, (x) => (Number.isNaN(x) ? null : Object.is(x, -0) ? 0 : x));
  const rec = (o: Record<string, Float64Array>): Record<string, (number | null)[]> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, arr(v)]));
  return {
    editions: r.editions,
    dataYears: r.dataYears,
    units: r.units,
    nodes: r.nodes,
    firstEdition: r.firstEdition,
    baseEdition: r.baseEdition,
    values: rec(r.values),
    scores: rec(r.scores),
    ranks: rec(r.ranks),
    flags: Object.fromEntries(Object.entries(r.flags).map(([k, v]) => [k, v.map((x) => x ?? null)])),
    bounds: r.bounds,
    weights: r.weights,
    warnings: r.warnings,
  };
}
