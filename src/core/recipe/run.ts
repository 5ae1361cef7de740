import { RecipeError } from '../errors.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { aggregatesBottomUp, leavesUnder, nodeMap } from '../framework/tree.ts';
import { aggregateMatrix, aggregatePresent, resolveAggregator } from '../methods/aggregate.ts';
import { resolveNormaliser, type NormaliseContext } from '../methods/normalise.ts';
import { rankDescending } from '../methods/rank.ts';
import { extent } from '../methods/stats.ts';
import { deriveIndicators } from '../panel/derive.ts';
import type { Panel } from '../panel/panel.ts';
import { WarningSink, type Warning } from '../warnings.ts';
import { resolveRecipe } from './validate.ts';
import { resolveImputer, rowMean } from '../methods/impute.ts';
import { treatOutliers } from '../methods/treat.ts';
import { ahpWeights, weightsFromData, resolveWeighter } from '../methods/weights.ts';
import type { Grouping } from '../analysis/groupings.ts';
import type { Recipe, ResolvedRecipe } from './types.ts';

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
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
 * The result of a run. Arrays are indexed `[editionIndex * units.length + unitIndex]`;
 * NaN marks a missing value inside the arrays (serialisers write it as empty, never "NaN").
 */
export interface EvaluationResult {
  recipe: ResolvedRecipe;
  /** First edition of the run, and the edition whose data year is the base of ratio methods. */
  firstEdition: number;
  baseEdition: number;
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

/**
 * Weights of a node's children under a recipe (before renormalisation). Data-driven schemes
 * (entropy, critic, cv, pca, optimise) need `data`: the children's scores as rows of a matrix
 * (one row per unit and edition of the run); explicit `weights.set` values override any scheme.
 * @throws RecipeError when a data-driven scheme has no data or an AHP matrix is missing
 */
export function childWeights(fw: Framework, node: FrameworkNode, recipe: ResolvedRecipe, map = nodeMap(fw), data?: () => number[][]): number[] {
  const scheme = recipe.weights.byNode[node.code] ?? recipe.weights.scheme;
  let base: number[] | undefined;
  const needed = node.children.some((c) => recipe.weights.set[c] === undefined);
  if (needed) {
    switch (scheme) {
      case 'framework':
        base = node.children.map((c) => map.get(c)!.weight);
        break;
      case 'equal':
        base = node.children.map(() => 1);
        break;
      case 'leaf-count':
        base = node.children.map((c) => leavesUnder(fw, c, map).length);
        break;
      case 'child-count':
        base = node.children.map((c) => Math.max(1, map.get(c)!.children.length));
        break;
      case 'ahp': {
        const A = recipe.weights.ahp[node.code];
        if (!A) throw new RecipeError(`weights: scheme ahp needs a pairwise matrix for ${node.code} under weights.ahp`);
        base = ahpWeights(A, { labels: node.children }).weights;
        break;
      }
      default: {
        resolveWeighter(scheme);
        if (!data) throw new RecipeError(`weights: scheme ${scheme} derives weights from data; call evaluate() rather than childWeights() without data`);
        base = weightsFromData(scheme, data(), { labels: node.children, ...recipe.weights.params });
      }
    }
  }
  return node.children.map((c, i) => recipe.weights.set[c] ?? base![i]!);
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

  // units: those with data for this framework's raw codes, less those with far fewer indicators
  // than the best-covered unit (e.g. a national total in a provincial file)
  const rawCodes = new Set([...leaves.filter((n) => n.kind === 'raw').map((n) => n.code), ...framework.variables.map((v) => v.code)]);
  const rawIndicators = new Set(leaves.filter((n) => n.kind === 'raw').map((n) => n.code));
  const derivedCodes = new Set(leaves.filter((n) => n.kind === 'derived').map((n) => n.code));
  const lastYear = dataYears[dataYears.length - 1]!;
  const covered = new Map<string, Set<string>>();
  const yearsWithData = new Set<number>();
  const unknownVars = new Set<string>();
  const derivedInData = new Set<string>();
  for (const o of panel.observations()) {
    if (o.value === null) continue;
    if (!rawCodes.has(o.variable)) {
      if (derivedCodes.has(o.variable)) derivedInData.add(o.variable);
      else if (!map.has(o.variable)) unknownVars.add(o.variable);
      continue;
    }
    let c = covered.get(o.unit);
    if (!c) covered.set(o.unit, (c = new Set()));
    if (o.year <= lastYear && (rawIndicators.has(o.variable) || rawIndicators.size === 0)) c.add(o.variable);
    yearsWithData.add(o.year);
  }
  if (derivedInData.size) sink.add('derived-in-data', [...derivedInData].join(','), `The data gives values for derived indicators (${[...derivedInData].slice(0, 8).join(', ')}${derivedInData.size > 8 ? ', …' : ''}); they are ignored and computed from their formulas`);
  if (unknownVars.size) sink.add('unknown-variable', [...unknownVars].join(','), `The data has variables that framework ${framework.id} does not use (${[...unknownVars].slice(0, 8).join(', ')}${unknownVars.size > 8 ? ', …' : ''}); they are ignored`);
  let units = options.units ?? [...covered.keys()].sort();
  if (!units.length) {
    throw new RecipeError(`No data for framework ${framework.id}: no observation names any of its indicators or variables (e.g. ${[...rawCodes].slice(0, 5).join(', ')})`);
  }
  if (!options.units) {
    const best = Math.max(...units.map((u) => covered.get(u)!.size));
    const low = units.filter((u) => covered.get(u)!.size < recipe.units.minCoverage * best);
    if (low.length) {
      units = units.filter((u) => !low.includes(u));
      sink.add('low-coverage', low.join(','), `Left out for too little data (fewer than ${Math.round(recipe.units.minCoverage * 100)}% of the ${best} indicators of the best-covered unit): ${low.map((u) => `${u} (${covered.get(u)!.size})`).join(', ')}`);
    }
  }
  const minData = Math.min(...yearsWithData);
  const maxData = Math.max(...yearsWithData);
  const gaps = dataYears.filter((y) => !yearsWithData.has(y) && y > minData && y < maxData);
  if (gaps.length) sink.add('no-data-year', gaps.join(','), `No observation at all for data year${gaps.length > 1 ? 's' : ''} ${gaps.join(', ')}: ${gaps.length > 1 ? 'they are' : 'it is'} scored from imputed (carried-forward) values only`);
  const noData = dataYears.filter((y) => y < minData || y > maxData);
  if (noData.length) {
    const span = yearsWithData.size ? `the data covers ${Math.min(...yearsWithData)}–${Math.max(...yearsWithData)}` : 'there is no data';
    throw new RecipeError(`No data for data year${noData.length > 1 ? 's' : ''} ${noData.join(', ')} (edition${noData.length > 1 ? 's' : ''} ${noData.map((y) => y + recipe.dataLag).join(', ')}); ${span}. Choose editions whose data year (edition − ${recipe.dataLag}) has data, e.g. --first-edition/--edition`);
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

  // imputation: the recipe's steps in order, over each indicator's years × units table
  let groupOf: (string | undefined)[] | undefined;
  if (recipe.missing.grouping !== undefined) {
    const g = options.groupings?.find((x) => x.id === recipe.missing.grouping);
    if (!g) throw new RecipeError(`missing.grouping "${recipe.missing.grouping}" is not among the groupings given (${(options.groupings ?? []).map((x) => x.id).join(', ') || 'none'})`);
    groupOf = units.map((u) => g.groups.find((gr) => gr.members.includes(u))?.code);
  }
  const values: Record<string, Float64Array> = {};
  const flags: Record<string, (string | undefined)[]> = {};
  const tables: Record<string, number[][]> = {};
  const missingCount = new Map<string, string[]>();
  const filled = new Map<string, Map<string, string[]>>(); // method → code → cells
  const note = (method: string, code: string, what: string): void => {
    let m = filled.get(method);
    if (!m) filled.set(method, (m = new Map()));
    const list = m.get(code) ?? [];
    list.push(what);
    m.set(code, list);
  };
  const valueAt = (code: string, unit: string, year: number): number => derived.get(unit)!.get(code)!.get(year) ?? NaN;
  for (const n of leaves) {
    const table: number[][] = years.map((y) => units.map((u) => valueAt(n.code, u, y)));
    const tflag: (string | undefined)[][] = years.map(() => new Array<string | undefined>(U).fill(undefined));
    for (const step of recipe.missing.steps) {
      const { def, params } = resolveImputer(step.method, step.method === 'carry-forward' && step.params.maxYears === undefined && recipe.missing.maxCarryYears !== null ? { maxYears: recipe.missing.maxCarryYears } : step.params);
      const r = def.fn(table, params, { years, ...(groupOf ? { groupOf } : {}) });
      r.imputed.forEach(([t, u], k) => {
        table[t]![u] = r.values[t]![u]!;
        const src = r.from?.[k];
        tflag[t]![u] = src === undefined ? `imputed:${step.method}` : `carried-forward:${years[src]}`;
        note(step.method, n.code, src === undefined ? `${units[u]} ${years[t]}` : `${units[u]} ${years[t]}←${years[src]}`);
      });
    }
    tables[n.code] = table;
    const v = new Float64Array(E * U);
    const f = new Array<string | undefined>(E * U).fill(undefined);
    for (let e = 0; e < E; e++) {
      const t = years.indexOf(dataYears[e]!);
      for (let u = 0; u < U; u++) {
        const x = table[t]![u]!;
        v[e * U + u] = x;
        f[e * U + u] = tflag[t]![u];
        if (!Number.isFinite(x)) {
          f[e * U + u] = 'missing';
          const list = missingCount.get(n.code) ?? [];
          list.push(`${units[u]} ${dataYears[e]}`);
          missingCount.set(n.code, list);
        }
      }
    }
    values[n.code] = v;
    flags[n.code] = f;
  }
  const some = (list: string[]): string => `${list.slice(0, 6).join(', ')}${list.length > 6 ? ', …' : ''}`;
  const plural = (k: number): string => `${k} value${k > 1 ? 's' : ''}`;
  for (const [method, byCode] of filled) {
    for (const [code, list] of byCode) {
      if (method === 'carry-forward') sink.add('carried-forward', code, `${code}: ${plural(list.length)} carried forward from an earlier year (${some(list)})`);
      else sink.add('imputed', code, `${code}: ${plural(list.length)} imputed by ${method} (${some(list)})`);
    }
  }
  for (const [code, list] of missingCount) {
    sink.add('missing-dropped', code, `${code}: ${plural(list.length)} still missing after imputation (${some(list)}); dropped from aggregation with weights renormalised`);
  }

  // outlier treatment (before normalisation; the reported values stay the raw ones)
  const treated: Record<string, Float64Array> = {};
  if (recipe.treatment.method !== 'none' || recipe.treatment.byIndicator) {
    const t = recipe.treatment;
    const opts = {
      ...(t.winMax !== undefined ? { winMax: t.winMax } : {}),
      ...(t.skewThreshold !== undefined ? { skewThreshold: t.skewThreshold } : {}),
      ...(t.kurtThreshold !== undefined ? { kurtThreshold: t.kurtThreshold } : {}),
      ...(t.logFallback !== undefined ? { logFallback: t.logFallback } : {}),
      ...(t.logShift !== undefined ? { logShift: t.logShift } : {}),
    };
    for (const n of leaves) {
      if ((t.byIndicator?.[n.code] ?? t.method) !== 'winsorise') continue;
      const v = values[n.code]!;
      const out = Float64Array.from(v);
      const slices = t.scope === 'per-year' ? editions.map((_, e) => [e * U, (e + 1) * U] as const) : [[0, E * U] as const];
      let wins = 0;
      let logged = 0;
      for (const [a, b] of slices) {
        const r = treatOutliers(v.subarray(a, b), opts);
        r.values.forEach((x, i) => (out[a + i] = x));
        for (const i of r.winsorised) flags[n.code]![a + i] = [flags[n.code]![a + i], 'winsorised'].filter(Boolean).join(';');
        if (r.log) for (let i = a; i < b; i++) if (Number.isFinite(v[i]!)) flags[n.code]![i] = [flags[n.code]![i], 'log-transformed'].filter(Boolean).join(';');
        wins += r.winsorised.length;
        if (r.log) logged++;
      }
      if (wins || logged) {
        treated[n.code] = out;
        sink.add('treated', n.code, `${n.code}: ${wins ? `${wins} value${wins > 1 ? 's' : ''} winsorised` : ''}${wins && logged ? '; ' : ''}${logged ? 'log-transformed (winsorising was not enough)' : ''} to bring |skewness| and kurtosis within bounds`);
      }
    }
  }

  // normalisation
  const scores: Record<string, Float64Array> = {};
  const bounds: Record<string, [number, number]> = {};
  const baseIdx = years.indexOf(baseYear);
  for (const n of leaves) {
    const spec = recipe.normalisation.byIndicator?.[n.code] ?? recipe.normalisation;
    const { def, params } = resolveNormaliser(spec.method, spec.params ?? (spec === recipe.normalisation ? recipe.normalisation.params : {}));
    const v = treated[n.code] ?? values[n.code]!;
    const out = new Float64Array(E * U).fill(NaN);
    const ctx: NormaliseContext = {
      direction: n.direction,
      indicator: n.code,
      warn: (code, message) => sink.add(code, n.code, message),
    };
    if (recipe.normalisation.scope === 'fixed' && def.usesBounds) ctx.bounds = recipe.normalisation.bounds?.[n.code];
    // base values: the unit's (imputed) value in the base year
    // base values: the unit's value in the base year after imputation (before treatment),
    // whether or not the base edition is part of the run
    let baseOf: ((u: number) => number) | undefined;
    if (!def.usesBounds) {
      const row = tables[n.code]![baseIdx]!;
      baseOf = (u) => row[u]!;
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
  const aggregates = aggregatesBottomUp(framework);
  for (const node of aggregates) {
    const w = childWeights(framework, node, recipe, map, () => {
      const rows: number[][] = [];
      for (let k = 0; k < E * U; k++) rows.push(node.children.map((c) => scores[c]![k]!));
      return rows;
    });
    const sw = w.reduce((s, x) => s + x, 0);
    if (!(sw > 0)) throw new RecipeError(`Weights of the children of ${node.code} (${node.children.join(', ')}) sum to zero`);
    node.children.forEach((c, i) => (weights[c] = w[i]! / sw));
    const spec = recipe.aggregation.byNode[node.code] ?? recipe.aggregation;
    const { def, params } = resolveAggregator(spec.method, spec.params ?? {});
    let kids = node.children.map((c) => scores[c]!);
    if (recipe.missing.aggregate === 'row-mean') {
      // a missing child takes the unit's mean score over its present siblings
      const rows: number[][] = [];
      for (let k = 0; k < E * U; k++) rows.push(kids.map((s) => s[k]!));
      const r = rowMean(rows, [kids.map((_, i) => i)]);
      if (r.imputed.length) {
        kids = kids.map((_, i) => Float64Array.from(r.values, (row) => row[i]!));
        sink.add('row-mean', node.code, `${node.code}: ${r.imputed.length} missing child score${r.imputed.length > 1 ? 's' : ''} filled with the unit's mean over the present children`);
      }
    }
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
    firstEdition,
    baseEdition,
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
