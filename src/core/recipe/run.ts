import { RecipeError } from '../errors.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { leavesUnder, nodeMap } from '../framework/tree.ts';
import { aggregateMatrix, aggregatePresent, resolveAggregator } from '../methods/aggregate.ts';
import { resolveNormaliser, type NormaliseContext } from '../methods/normalise.ts';
import { rankDescending } from '../methods/rank.ts';
import { extent } from '../methods/stats.ts';
import { deriveIndicators } from '../panel/derive.ts';
import type { Panel } from '../panel/panel.ts';
import { WarningSink, type Warning } from '../warnings.ts';
import { resolveRecipe } from './validate.ts';
import type { Recipe, ResolvedRecipe } from './types.ts';

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
  /** The last edition to score (edition E uses data year E − dataLag). */
  edition: number;
  /** First edition of the run (default: the recipe's firstEdition, else 2021). */
  firstEdition?: number;
  /** Restrict to these units (default: every unit with data for the framework). */
  units?: string[];
}

/**
 * The result of a run. Arrays are indexed `[editionIndex * units.length + unitIndex]`;
 * NaN marks a missing value inside the arrays (serialisers write it as empty, never "NaN").
 */
export interface EvaluationResult {
  recipe: ResolvedRecipe;
  framework: { id: string; version: string };
  editions: number[];
  dataYears: number[];
  units: string[];
  /** Node codes in framework order. */
  nodes: string[];
  /** Indicator values used (raw or derived, after imputation). */
  values: Record<string, Float64Array>;
  /** Scores of every node: normalised indicators and aggregates. */
  scores: Record<string, Float64Array>;
  /** Ranks of every node within each edition (1 = best). */
  ranks: Record<string, Float64Array>;
  /** Per indicator cell: why a value is imputed or missing (`carried-forward:2023`, `missing`). */
  flags: Record<string, (string | undefined)[]>;
  /** Normalisation bounds used per indicator (pooled/fixed scope), for traceability. */
  bounds: Record<string, [number, number]>;
  /** Effective (renormalised among siblings) weight of every non-root node. */
  weights: Record<string, number>;
  warnings: Warning[];
}

/** Score, rank, value, or flag of one cell. */
export function cell(res: EvaluationResult, node: string, edition: number, unit: string): { score: number | null; rank: number | null; value: number | null; flag?: string } {
  const e = res.editions.indexOf(edition);
  const u = res.units.indexOf(unit);
  if (e < 0 || u < 0) return { score: null, rank: null, value: null };
  const k = e * res.units.length + u;
  const n = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);
  const flag = res.flags[node]?.[k];
  return { score: n(res.scores[node]?.[k]), rank: n(res.ranks[node]?.[k]), value: n(res.values[node]?.[k]), ...(flag ? { flag } : {}) };
}

/** Effective weights of a node's children under a recipe. */
export function childWeights(fw: Framework, node: FrameworkNode, recipe: ResolvedRecipe, map = nodeMap(fw)): number[] {
  return node.children.map((c) => {
    const set = recipe.weights.set[c];
    if (set !== undefined) return set;
    switch (recipe.weights.scheme) {
      case 'equal':
        return 1;
      case 'leaf-count':
        return leavesUnder(fw, c, map).length;
      default:
        return map.get(c)!.weight;
    }
  });
}

/**
 * Runs a recipe on a panel: derives indicators, imputes (carry-forward, flagged), normalises,
 * aggregates level by level with missing children dropped and weights renormalised, and ranks.
 * Every edition from the first to `edition` is scored in one run, with the same pooled bounds,
 * so year-on-year changes can be read off.
 * @throws RecipeError for an invalid recipe or edition range
 */
export function evaluate(framework: Framework, panel: Panel, recipeIn: Recipe | ResolvedRecipe, options: EvaluateOptions): EvaluationResult {
  const recipe = resolveRecipe(recipeIn, framework);
  const sink = new WarningSink();
  const map = nodeMap(framework);
  const leaves = framework.nodes.filter((n) => n.kind !== 'aggregate');
  const firstEdition = options.firstEdition ?? recipe.firstEdition;
  if (!Number.isInteger(options.edition) || options.edition < firstEdition) {
    throw new RecipeError(`Edition ${options.edition} is before the first edition ${firstEdition} of the run`);
  }
  const editions: number[] = [];
  for (let e = firstEdition; e <= options.edition; e++) editions.push(e);
  const dataYears = editions.map((e) => e - recipe.dataLag);

  // units: those with any data for this framework's raw codes
  const rawCodes = new Set([...leaves.filter((n) => n.kind === 'raw').map((n) => n.code), ...framework.variables.map((v) => v.code)]);
  const withData = new Set<string>();
  for (const o of panel.observations()) if (rawCodes.has(o.variable) && o.value !== null) withData.add(o.unit);
  const units = options.units ?? [...withData].sort();
  if (!units.length) {
    throw new RecipeError(`No data for framework ${framework.id}: no observation names any of its indicators or variables (e.g. ${[...rawCodes].slice(0, 5).join(', ')})`);
  }
  const U = units.length;
  const E = editions.length;

  // years needed: the run's data years, earlier years for carry-forward, the base year
  const baseEdition = recipe.normalisation.baseEdition ?? firstEdition;
  const baseYear = baseEdition - recipe.dataLag;
  const panelYears = panel.years();
  const minYear = Math.min(baseYear, dataYears[0]!, ...(panelYears.length ? [panelYears[0]!] : []));
  const years: number[] = [];
  for (let y = minYear; y <= dataYears[E - 1]!; y++) years.push(y);
  const derived = deriveIndicators(framework, panel, units, years);

  // values after carry-forward imputation
  const values: Record<string, Float64Array> = {};
  const flags: Record<string, (string | undefined)[]> = {};
  const missingCount = new Map<string, string[]>();
  const carried = new Map<string, string[]>();
  const valueAt = (code: string, unit: string, year: number): number => derived.get(unit)!.get(code)!.get(year) ?? NaN;
  for (const n of leaves) {
    const v = new Float64Array(E * U);
    const f = new Array<string | undefined>(E * U).fill(undefined);
    for (let e = 0; e < E; e++) {
      for (let u = 0; u < U; u++) {
        const y = dataYears[e]!;
        let x = valueAt(n.code, units[u]!, y);
        if (!Number.isFinite(x) && recipe.missing.carryForward) {
          for (let y2 = y - 1; y2 >= minYear && (recipe.missing.maxCarryYears === null || y - y2 <= recipe.missing.maxCarryYears); y2--) {
            const x2 = valueAt(n.code, units[u]!, y2);
            if (Number.isFinite(x2)) {
              x = x2;
              f[e * U + u] = `carried-forward:${y2}`;
              const list = carried.get(n.code) ?? [];
              list.push(`${units[u]} ${y}←${y2}`);
              carried.set(n.code, list);
              break;
            }
          }
        }
        if (!Number.isFinite(x)) {
          f[e * U + u] = 'missing';
          const list = missingCount.get(n.code) ?? [];
          list.push(`${units[u]} ${y}`);
          missingCount.set(n.code, list);
        }
        v[e * U + u] = x;
      }
    }
    values[n.code] = v;
    flags[n.code] = f;
  }
  for (const [code, list] of carried) {
    sink.add('carried-forward', code, `${code}: ${list.length} value${list.length > 1 ? 's' : ''} carried forward from an earlier year (${list.slice(0, 6).join(', ')}${list.length > 6 ? ', …' : ''})`);
  }
  for (const [code, list] of missingCount) {
    sink.add('missing-dropped', code, `${code}: ${list.length} value${list.length > 1 ? 's' : ''} missing with no earlier year to carry forward (${list.slice(0, 6).join(', ')}${list.length > 6 ? ', …' : ''}); dropped from aggregation with weights renormalised`);
  }

  // normalisation
  const scores: Record<string, Float64Array> = {};
  const bounds: Record<string, [number, number]> = {};
  const baseIdx = years.indexOf(baseYear);
  for (const n of leaves) {
    const spec = recipe.normalisation.byIndicator?.[n.code] ?? recipe.normalisation;
    const { def, params } = resolveNormaliser(spec.method, spec.params ?? (spec === recipe.normalisation ? recipe.normalisation.params : {}));
    const v = values[n.code]!;
    const out = new Float64Array(E * U).fill(NaN);
    const ctx: NormaliseContext = {
      direction: n.direction,
      indicator: n.code,
      warn: (code, message) => sink.add(code, n.code, message),
    };
    if (recipe.normalisation.scope === 'fixed' && def.usesBounds) ctx.bounds = recipe.normalisation.bounds?.[n.code];
    // base values: the unit's (imputed) value in the base year
    let baseOf: ((u: number) => number) | undefined;
    if (!def.usesBounds) {
      const baseE = editions.indexOf(baseEdition);
      baseOf = (u) => {
        if (baseE >= 0) return v[baseE * U + u]!;
        return baseIdx >= 0 ? valueAt(n.code, units[u]!, baseYear) : NaN;
      };
    }
    const apply = (idx: number[]): void => {
      const x = idx.map((k) => v[k]!);
      if (baseOf) ctx.base = idx.map((k) => baseOf!(k % U));
      ctx.units = idx.map((k) => units[k % U]!);
      const s = def.fn(x, params, ctx);
      idx.forEach((k, i) => (out[k] = s[i]!));
    };
    const all = Array.from({ length: E * U }, (_, k) => k);
    if (recipe.normalisation.scope === 'pooled' || !def.usesBounds || recipe.normalisation.scope === 'fixed') {
      if (def.usesBounds) bounds[n.code] = ctx.bounds ?? extent(v);
      apply(all);
    } else {
      for (let e = 0; e < E; e++) apply(all.slice(e * U, (e + 1) * U));
    }
    scores[n.code] = out;
  }

  // aggregation, deepest first
  const weights: Record<string, number> = {};
  const aggregates = framework.nodes.filter((n) => n.kind === 'aggregate').sort((a, b) => b.level - a.level);
  for (const node of aggregates) {
    const w = childWeights(framework, node, recipe, map);
    const sw = w.reduce((s, x) => s + x, 0);
    if (!(sw > 0)) throw new RecipeError(`Weights of the children of ${node.code} (${node.children.join(', ')}) sum to zero`);
    node.children.forEach((c, i) => (weights[c] = w[i]! / sw));
    const spec = recipe.aggregation.byNode[node.code] ?? recipe.aggregation;
    const { def, params } = resolveAggregator(spec.method, spec.params ?? {});
    const kids = node.children.map((c) => scores[c]!);
    const out = new Float64Array(E * U);
    const xs = new Array<number>(kids.length);
    let undefinedCells = 0;
    if (def.matrixFn) {
      // matrix-level methods (copeland, topsis, grey-relational) score all units of an edition at
      // once; the method decides how to treat a missing child (copeland compares the children two
      // units share; topsis and grey-relational leave a unit with a missing child unscored)
      for (let e = 0; e < E; e++) {
        const X: number[][] = [];
        const present: number[] = [];
        for (let u = 0; u < U; u++) {
          const row = kids.map((s) => s[e * U + u]!);
          X.push(row);
          present.push(row.filter((v) => Number.isFinite(v)).length);
        }
        const r = aggregateMatrix(def, X, w, params);
        for (let u = 0; u < U; u++) {
          const v = r[u]!;
          if (!Number.isFinite(v) && present[u]! > 0) undefinedCells++;
          out[e * U + u] = Number.isFinite(v) ? v : NaN;
        }
      }
    } else {
      for (let k = 0; k < E * U; k++) {
        let present = 0;
        for (let i = 0; i < kids.length; i++) {
          xs[i] = kids[i]![k]!;
          if (Number.isFinite(xs[i]!)) present++;
        }
        const r = aggregatePresent(def.fn, xs, w, params);
        if (!Number.isFinite(r) && present > 0) undefinedCells++;
        out[k] = Number.isFinite(r) ? r : NaN;
      }
    }
    if (undefinedCells) {
      const why = def.matrixFn ? `a unit with a missing child, which ${spec.method} does not drop` : 'e.g. a non-positive score in a geometric mean';
      sink.add('aggregate-undefined', node.code, `${node.code}: ${spec.method} aggregate undefined for ${undefinedCells} unit-edition${undefinedCells > 1 ? 's' : ''} (${why}); left missing`);
    }
    scores[node.code] = out;
  }
  const rootScores = scores[framework.root]!;
  for (let k = 0; k < E * U; k++) {
    if (!Number.isFinite(rootScores[k]!)) sink.add('no-score', framework.root, `${units[k % U]}, edition ${editions[Math.floor(k / U)]}: no index score (no indicator has data)`);
  }

  // ranks
  const ranks: Record<string, Float64Array> = {};
  for (const n of framework.nodes) {
    const s = scores[n.code]!;
    const r = new Float64Array(E * U);
    for (let e = 0; e < E; e++) {
      const rk = rankDescending(s.subarray(e * U, (e + 1) * U));
      for (let u = 0; u < U; u++) r[e * U + u] = rk[u]!;
    }
    ranks[n.code] = r;
  }

  return {
    recipe,
    framework: { id: framework.id, version: framework.version },
    editions,
    dataYears,
    units,
    nodes: framework.nodes.map((n) => n.code),
    values,
    scores,
    ranks,
    flags,
    bounds,
    weights,
    warnings: sink.list,
  };
}
