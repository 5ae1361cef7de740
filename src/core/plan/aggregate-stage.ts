import { Arena, DIRECT } from './arena.ts';
import type { WarningCode } from '../warnings.ts';
import { RecipeError } from '../errors.ts';
import { aggregateMatrix, rowMean } from '../methods/index.ts';
import type { ResolvedRecipe } from '../recipe/types.ts';
import type { AggregatePlan, Compiled } from './compiled.ts';
import type { AggregateState } from './state.ts';
import { schemeWeights } from './weight-schemes.ts';

/** Options of {@link aggregateNode}. */
export interface AggregateNodeOptions {
  /** A recipe whose weights replace the plan's (a what-if of `weights.set`). */
  recipe?: ResolvedRecipe;
  /** Only these editions (indices) are computed; the other cells are copied from `previous`. */
  editions?: readonly number[];
  previous?: Float64Array;
  /** Where the scores' array comes from. */
  arena?: Arena;
}

/**
 * The aggregation stage for one node: its children's scores combined with the node's method and
 * weights. A child still missing is dropped and the weights of the present ones renormalised
 * (or, with `missing.aggregate: row-mean`, filled with the unit's mean over its present
 * siblings); matrix methods (Copeland, TOPSIS, grey relational) score each edition's units at once.
 * @throws RecipeError when the weights of the children sum to zero, or a weight scheme cannot be applied
 */
export function aggregateNode(c: Compiled, ap: AggregatePlan, kids: Float64Array[], options: AggregateNodeOptions = {}): AggregateState {
  const U = c.units.length;
  const E = c.editions.length;
  const N = E * U;
  const node = ap.node;
  const w =
    (options.recipe ? undefined : ap.staticWeights) ??
    schemeWeights({
      node,
      children: ap.children.map((i) => c.tree.nodes[i]!),
      recipe: options.recipe ?? c.recipe,
      leafCounts: ap.leafCounts,
      data: () => {
        const rows: number[][] = [];
        for (let k = 0; k < N; k++) rows.push(kids.map((s) => s[k]!));
        return rows;
      },
    });
  const sw = w.reduce((s, x) => s + x, 0);
  if (!(sw > 0)) throw new RecipeError(`Weights of the children of ${node.code} (${node.children.join(', ')}) sum to zero`);
  const warnings: [WarningCode, string][] = [];
  const { method, def, params } = ap.aggregator;
  if (c.recipe.missing.aggregate === 'row-mean') {
    const rows: number[][] = [];
    for (let k = 0; k < N; k++) rows.push(kids.map((s) => s[k]!));
    const r = rowMean(rows, [kids.map((_, i) => i)]);
    if (r.imputed.length) {
      kids = kids.map((_, i) => Float64Array.from(r.values, (row) => row[i]!));
      warnings.push(['row-mean', `${node.code}: ${r.imputed.length} missing child score${r.imputed.length > 1 ? 's' : ''} filled with the unit's mean over the present children`]);
    }
  }
  const arena = options.arena ?? DIRECT;
  const out = options.previous && options.editions ? arena.copy(options.previous) : arena.f64(N);
  const editions = options.editions ?? c.editions.map((_, e) => e);
  const K = kids.length;
  let undefinedCells = 0;
  const shown: number[] = [];
  const undefinedAt = (k: number): void => {
    if (undefinedCells++ < 6) shown.push(k);
  };
  if (def.matrixFn) {
    for (const e of editions) {
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
        if (!Number.isFinite(v) && present[u]! > 0) undefinedAt(e * U + u);
        out[e * U + u] = Number.isFinite(v) ? v : NaN;
      }
    }
  } else if (def.columns) {
    for (const e of editions) def.columns(kids, w, out, e * U, (e + 1) * U, params);
    for (const e of editions) {
      for (let k = e * U; k < (e + 1) * U; k++) {
        if (Number.isFinite(out[k]!)) continue;
        out[k] = NaN;
        for (let i = 0; i < K; i++) if (Number.isFinite(kids[i]![k]!)) {
          undefinedAt(k);
          break;
        }
      }
    }
  } else {
    // the children present in a cell, in scratch arrays of each length (the methods only read them)
    const xsOf: number[][] = [];
    const wsOf: number[][] = [];
    for (let n = 0; n <= K; n++) {
      xsOf.push(new Array<number>(n).fill(0));
      wsOf.push(new Array<number>(n).fill(0));
    }
    const xi = new Int32Array(K);
    for (const e of editions) {
      for (let k = e * U; k < (e + 1) * U; k++) {
        let present = 0;
        let n = 0;
        for (let i = 0; i < K; i++) {
          const x = kids[i]![k]!;
          if (Number.isFinite(x)) {
            present++;
            if (w[i]! > 0) xi[n++] = i;
          }
        }
        let r = NaN;
        if (n) {
          const xs = xsOf[n]!;
          const ws = wsOf[n]!;
          for (let j = 0; j < n; j++) {
            xs[j] = kids[xi[j]!]![k]!;
            ws[j] = w[xi[j]!]!;
          }
          r = def.fn(xs, ws, params);
        }
        if (!Number.isFinite(r) && present > 0) undefinedAt(k);
        out[k] = Number.isFinite(r) ? r : NaN;
      }
    }
  }
  // COINr dat_thresh: too few children with a score leave the aggregate missing
  const minData = c.recipe.aggregation.minData ?? 0;
  if (minData > 0) {
    let dropped = 0;
    for (const e of editions) {
      for (let k = e * U; k < (e + 1) * U; k++) {
        let present = 0;
        for (let i = 0; i < K; i++) if (Number.isFinite(kids[i]![k]!)) present++;
        if (present / K < minData && Number.isFinite(out[k]!)) {
          out[k] = NaN;
          dropped++;
        }
      }
    }
    if (dropped) warnings.push(['aggregate-undefined', `${node.code}: ${dropped} unit-edition${dropped > 1 ? 's have' : ' has'} fewer than ${minData * 100}% of the children with a score (aggregation.minData); left missing`]);
  }
  if (undefinedCells) {
    const why = def.matrixFn ? `a unit with a missing child, which ${method} does not drop` : 'e.g. a non-positive score in a geometric mean';
    const cells = shown.map((k) => `${c.units[k % U]} ${c.editions[Math.floor(k / U)]}`).join(', ');
    warnings.push(['aggregate-undefined', `${node.code}: ${method} aggregate undefined for ${undefinedCells} unit-edition${undefinedCells > 1 ? 's' : ''} (${why}: ${cells}${undefinedCells > shown.length ? ', …' : ''}); left missing`]);
  }
  return { scores: out, weights: w.map((x) => x / sw), warnings };
}
