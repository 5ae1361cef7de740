import { MethodError } from '../errors.ts';

/**
 * An aggregator combines the scores of a node's children for one unit. `x` and `w` are aligned;
 * missing children have already been removed and the weights are those of the present ones.
 * Returns NaN when undefined (e.g. a non-positive value in a geometric mean).
 */
export type AggregateFn = (x: number[], w: number[], params: Record<string, number>) => number;

/**
 * A matrix-level aggregator scores all units at once (TOPSIS, Copeland, grey relational
 * analysis compare units with each other). `X` is units × children with NaN = missing, `w` the
 * children's weights (any positive scale; children with weight ≤ 0 are ignored). Returns one
 * score per unit, NaN where the method cannot score the unit.
 */
export type MatrixAggregateFn = (X: number[][], w: number[], params: Record<string, number>) => number[];

/** Aggregates cells `from..to` of children's score columns into `out` (NaN where undefined). */
export type ColumnAggregateFn = (kids: readonly Float64Array[], w: readonly number[], out: Float64Array, from: number, to: number) => void;

export interface AggregatorDef {
  describe: { zh: string; en: string };
  formula: string;
  defaults: Record<string, number>;
  /** Row-wise form (for matrix-level methods it throws a MethodError). */
  fn: AggregateFn;
  /** Matrix-level form; when present the engine calls it once per edition instead of `fn`. */
  matrixFn?: MatrixAggregateFn;
  /**
   * The engine's form over whole columns: cells `from..to` of the children's score columns into
   * `out`, missing children (NaN) and zero weights dropped — the same arithmetic as
   * {@link aggregatePresent} with `fn`, without a call or an array per cell.
   */
  columns?: ColumnAggregateFn;
  /** Checks merged parameters; returns a message naming the fix, or undefined when valid. */
  check?: (params: Record<string, number>) => string | undefined;
}

function sum(a: number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

function arithmeticMean(x: number[], w: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += w[i]! * x[i]!;
  return s / sum(w);
}

function geometricMean(x: number[], w: number[]): number {
  const W = sum(w);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i]! > 0)) return NaN;
    s += (w[i]! / W) * Math.log(x[i]!);
  }
  return Math.exp(s);
}

function needsAllUnits(method: string): AggregateFn {
  return () => {
    throw new MethodError(
      `${method} compares units with each other, so it cannot score one unit's children alone; call its matrixFn with the units × children matrix (the engine does this per edition)`,
    );
  };
}

/** Indices of the children that take part (weight > 0). */
function activeChildren(w: number[]): number[] {
  const idx: number[] = [];
  for (let j = 0; j < w.length; j++) if (w[j]! > 0) idx.push(j);
  return idx;
}

/** Whether row `r` has a finite value in every active child. */
function complete(r: number[], cols: number[]): boolean {
  for (const j of cols) if (!Number.isFinite(r[j]!)) return false;
  return true;
}

/** Aggregation methods by name. */
export const AGGREGATORS = {
  /**
   * Weighted arithmetic mean Σwᵢxᵢ / Σwᵢ (fully compensatory). OECD/JRC Handbook (2008) §6.
   * @example aggregate([80, 90], [1, 3], { method: 'arithmetic' }) // => 87.5
   */
  arithmetic: {
    describe: { zh: '加权算术平均', en: 'Weighted arithmetic mean' },
    formula: 'Σ wᵢ·xᵢ / Σ wᵢ',
    defaults: {},
    fn: (x, w) => arithmeticMean(x, w),
    columns: (kids, w, out, from, to) => {
      for (let k = from; k < to; k++) {
        // Σ wᵢxᵢ and Σ wᵢ over the present children, in child order (as arithmeticMean sums them)
        let s = 0;
        let sw = 0;
        let n = 0;
        for (let i = 0; i < kids.length; i++) {
          const x = kids[i]![k]!;
          if (Number.isFinite(x) && w[i]! > 0) {
            s += w[i]! * x;
            sw += w[i]!;
            n++;
          }
        }
        out[k] = n ? s / sw : NaN;
      }
    },
  },
  /**
   * Weighted geometric mean Π xᵢ^(wᵢ/Σw) (partially compensatory); needs xᵢ > 0.
   * OECD/JRC Handbook (2008) §6.
   * @example aggregate([4, 9], [1, 1], { method: 'geometric' }) // => 6
   */
  geometric: {
    describe: { zh: '加权几何平均（要求得分为正）', en: 'Weighted geometric mean (scores must be positive)' },
    formula: 'Π xᵢ^(wᵢ/Σw)',
    defaults: {},
    fn: (x, w) => geometricMean(x, w),
  },
  /**
   * Weighted harmonic mean Σwᵢ / Σ(wᵢ/xᵢ) (least compensatory of the three Pythagorean means);
   * needs xᵢ > 0, else NaN. Harmonic ≤ geometric ≤ arithmetic.
   * Reference: OECD/JRC Handbook (2008) §6.2; COINr a_hmean().
   * @example aggregate([2, 6], [1, 1], { method: 'harmonic' }) // => 3
   */
  harmonic: {
    describe: { zh: '加权调和平均（要求得分为正）', en: 'Weighted harmonic mean (scores must be positive)' },
    formula: 'Σ wᵢ / Σ (wᵢ/xᵢ)',
    defaults: {},
    fn: (x, w) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        if (!(x[i]! > 0)) return NaN;
        s += w[i]! / x[i]!;
      }
      return sum(w) / s;
    },
  },
  /**
   * Weighted generalised (power) mean ((Σ wᵢ xᵢ^p)/Σw)^(1/p); p = 1 arithmetic, p = 0 geometric
   * (the limit), p = −1 harmonic; larger p is more compensatory. For p ≤ 0 needs xᵢ > 0, for
   * p > 0 (p ≠ 1) needs xᵢ ≥ 0; otherwise NaN.
   * Reference: Hardy, Littlewood & Pólya, Inequalities (1934), ch. II; COINr a_genmean().
   * @example aggregate([1, 7], [1, 1], { method: 'generalised', params: { p: 2 } }) // => 5
   */
  generalised: {
    describe: { zh: '广义（幂）平均：p = 1 算术、0 几何、−1 调和', en: 'Generalised (power) mean: p = 1 arithmetic, 0 geometric, −1 harmonic' },
    formula: '((Σ wᵢ·xᵢ^p)/Σw)^(1/p), p = 0: Π xᵢ^(wᵢ/Σw)',
    defaults: { p: 1 },
    check: (p) => (Number.isFinite(p.p) ? undefined : `parameter p must be a finite number, got ${p.p}`),
    fn: (x, w, params) => {
      const p = params.p ?? 1;
      if (p === 1) return arithmeticMean(x, w);
      if (p === 0) return geometricMean(x, w);
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        if (p < 0 ? !(v > 0) : !(v >= 0)) return NaN;
        s += w[i]! * Math.pow(v, p);
      }
      return Math.pow(s / sum(w), 1 / p);
    },
  },
  /**
   * Mazziotta–Pareto index MPI = M + penalty·S·cv with M the (weighted) mean of the unit's
   * children, S their (weighted) population standard deviation √(Σw(x − M)²/Σw), cv = S/M.
   * `penalty` −1 (default, “negative” penalty) lowers the score of unbalanced units when higher
   * is better; +1 for indices where higher is worse. With equal weights this is the aggregation
   * step of the published MPI, which expects inputs standardised as 100 ± 10·z with the
   * population σ (`zscore` with m 100, s 10, pop 1); M ≤ 0 gives NaN.
   * Reference: Mazziotta & Pareto (2016), Social Indicators Research 127, 983–1003 (R: Compind ci_mpi).
   * @example aggregate([90, 110], [1, 1], { method: 'mazziotta-pareto' }) // => 99 (M = 100, S = 10, cv = 0.1)
   */
  'mazziotta-pareto': {
    describe: { zh: 'Mazziotta–Pareto 指数：均值 − 标准差 × 变异系数（惩罚不均衡）', en: 'Mazziotta–Pareto index: mean − sd × cv (penalises unbalanced profiles)' },
    formula: 'M + penalty·S·(S/M), S population sd, penalty = −1',
    defaults: { penalty: -1 },
    check: (p) => (p.penalty === -1 || p.penalty === 1 ? undefined : `parameter penalty must be -1 (negative penalty, higher is better) or 1 (positive penalty), got ${p.penalty}`),
    fn: (x, w, params) => {
      const M = arithmeticMean(x, w);
      if (!(M > 0)) return NaN;
      const W = sum(w);
      let v = 0;
      for (let i = 0; i < x.length; i++) v += w[i]! * (x[i]! - M) * (x[i]! - M);
      const S = Math.sqrt(v / W);
      return M + (params.penalty ?? -1) * S * (S / M);
    },
  },
  /**
   * Copeland rule (non-compensatory): for each pair of units a, b compare them child by child,
   * wins = Σ w_j over children where a scores higher, losses = Σ w_j where b does (ties count
   * for neither); a beats b when wins > losses. Score = number of units beaten − number of units
   * lost to. Only children present for both units are compared; a unit with no child present
   * gets NaN and takes no part.
   * Reference: Munda & Nardo (2009), Applied Economics 41(12), 1513–1523; OECD/JRC Handbook (2008) §6.2.
   * @example aggregate([[3, 1], [2, 2], [1, 3]], [2, 1], { method: 'copeland' }) // => [2, 0, -2]
   */
  copeland: {
    describe: { zh: 'Copeland 两两比较法（非补偿）：胜场数 − 负场数', en: 'Copeland pairwise rule (non-compensatory): wins − losses' },
    formula: 'sᵤ = #{v: Σ_j w_j[x_uj > x_vj] > Σ_j w_j[x_uj < x_vj]} − #{v: the reverse}',
    defaults: {},
    fn: needsAllUnits('copeland'),
    matrixFn: (X, w) => {
      const U = X.length;
      const cols = activeChildren(w);
      const eps = 1e-12 * cols.reduce((s, j) => s + w[j]!, 0);
      const present = X.map((r) => cols.some((j) => Number.isFinite(r[j]!)));
      const score = new Array<number>(U).fill(0);
      for (let a = 0; a < U; a++) {
        if (!present[a]) continue;
        for (let b = a + 1; b < U; b++) {
          if (!present[b]) continue;
          let win = 0;
          let loss = 0;
          for (const j of cols) {
            const xa = X[a]![j]!;
            const xb = X[b]![j]!;
            if (!Number.isFinite(xa) || !Number.isFinite(xb)) continue;
            if (xa > xb) win += w[j]!;
            else if (xa < xb) loss += w[j]!;
          }
          if (win > loss + eps) {
            score[a]!++;
            score[b]!--;
          } else if (loss > win + eps) {
            score[a]!--;
            score[b]!++;
          }
        }
      }
      return score.map((s, u) => (present[u] ? s : NaN));
    },
  },
  /**
   * TOPSIS closeness C = d⁻/(d⁺ + d⁻) with d⁺, d⁻ the Euclidean distances of the weighted
   * scores v_j = w_j·x_j (w scaled to sum 1) to the ideal (column max of v) and anti-ideal
   * (column min). Inputs are already normalised and direction-adjusted, so no vector
   * normalisation is applied and every ideal is a maximum. Units with a missing child get NaN
   * and do not enter the ideals. C = 0.5 when every unit is identical. C ∈ [0, 1].
   * Reference: Hwang & Yoon (1981), Multiple Attribute Decision Making, Springer, §2.3.
   * @example aggregate([[1, 0], [0, 1], [1, 1]], [1, 1], { method: 'topsis' }) // => [0.5, 0.5, 1]
   */
  topsis: {
    describe: { zh: 'TOPSIS 逼近理想解法：与正、负理想解的相对贴近度', en: 'TOPSIS: relative closeness to the ideal and anti-ideal units' },
    formula: 'C = d⁻/(d⁺ + d⁻), d± = ‖w∘(x − x±)‖₂, x⁺ = column max, x⁻ = column min',
    defaults: {},
    fn: needsAllUnits('topsis'),
    matrixFn: (X, w) => {
      const cols = activeChildren(w);
      const W = cols.reduce((s, j) => s + w[j]!, 0);
      const ok = X.map((r) => cols.length > 0 && complete(r, cols));
      const hi = new Map<number, number>();
      const lo = new Map<number, number>();
      for (const j of cols) {
        let mx = -Infinity;
        let mn = Infinity;
        X.forEach((r, u) => {
          if (!ok[u]) return;
          mx = Math.max(mx, r[j]!);
          mn = Math.min(mn, r[j]!);
        });
        hi.set(j, mx);
        lo.set(j, mn);
      }
      return X.map((r, u) => {
        if (!ok[u]) return NaN;
        let dp = 0;
        let dm = 0;
        for (const j of cols) {
          const wj = w[j]! / W;
          dp += (wj * (r[j]! - hi.get(j)!)) ** 2;
          dm += (wj * (r[j]! - lo.get(j)!)) ** 2;
        }
        dp = Math.sqrt(dp);
        dm = Math.sqrt(dm);
        return dp + dm > 0 ? dm / (dp + dm) : 0.5;
      });
    },
  },
  /**
   * Grey relational grade (灰色关联度) against the reference sequence x⁰_j = column max:
   * Δ_uj = |x⁰_j − x_uj|, ξ_uj = (Δmin + ρΔmax)/(Δ_uj + ρΔmax) with Δmin, Δmax over all units
   * and children, grade γ_u = Σ_j w_j ξ_uj / Σw. ρ (distinguishing coefficient) defaults to 0.5.
   * Inputs should share one scale (normalised scores). Units with a missing child get NaN and
   * do not enter the reference or Δ; γ = 1 when every unit is identical. γ ∈ (0, 1].
   * Reference: Deng Julong (邓聚龙) (1989), Journal of Grey System 1(1), 1–24; 《灰色系统理论教程》.
   * @example aggregate([[1, 0], [0, 1], [1, 1]], [1, 1], { method: 'grey-relational' }) // => [2/3, 2/3, 1]
   */
  'grey-relational': {
    describe: { zh: '灰色关联分析：与最优参考序列的关联度（分辨系数 ρ = 0.5）', en: 'Grey relational grade to the best reference sequence (ρ = 0.5)' },
    formula: 'γ = Σ w_j·(Δmin + ρΔmax)/(Δ_j + ρΔmax) / Σw, Δ_j = |max_j − x_j|',
    defaults: { rho: 0.5 },
    check: (p) => (p.rho! > 0 && p.rho! <= 1 ? undefined : `parameter rho (distinguishing coefficient) must be in (0, 1], got ${p.rho}`),
    fn: needsAllUnits('grey-relational'),
    matrixFn: (X, w, params) => {
      const rho = params.rho ?? 0.5;
      const cols = activeChildren(w);
      const W = cols.reduce((s, j) => s + w[j]!, 0);
      const ok = X.map((r) => cols.length > 0 && complete(r, cols));
      const ref = new Map<number, number>();
      for (const j of cols) {
        let mx = -Infinity;
        X.forEach((r, u) => {
          if (ok[u]) mx = Math.max(mx, r[j]!);
        });
        ref.set(j, mx);
      }
      let dMin = Infinity;
      let dMax = -Infinity;
      X.forEach((r, u) => {
        if (!ok[u]) return;
        for (const j of cols) {
          const d = Math.abs(ref.get(j)! - r[j]!);
          dMin = Math.min(dMin, d);
          dMax = Math.max(dMax, d);
        }
      });
      return X.map((r, u) => {
        if (!ok[u]) return NaN;
        if (!(dMax > 0)) return 1;
        let g = 0;
        for (const j of cols) g += (w[j]! / W) * ((dMin + rho * dMax) / (Math.abs(ref.get(j)! - r[j]!) + rho * dMax));
        return g;
      });
    },
  },
} satisfies Record<string, AggregatorDef>;

export type AggregateMethod = keyof typeof AGGREGATORS;

/**
 * Resolves an aggregation method by name and merges its parameters over the defaults.
 * @throws MethodError listing the valid names, naming an unknown parameter, or an invalid value
 * @example resolveAggregator('generalised', {p: 2}).params // => {p: 2}
 */
export function resolveAggregator(method: string, params: Record<string, number> = {}): { def: AggregatorDef; params: Record<string, number> } {
  const def = (AGGREGATORS as Record<string, AggregatorDef>)[method];
  if (!def) throw new MethodError(`Unknown aggregation method "${method}" (valid: ${Object.keys(AGGREGATORS).join(', ')})`);
  for (const k of Object.keys(params)) {
    if (!(k in def.defaults)) throw new MethodError(`Aggregation ${method} has no parameter "${k}" (valid: ${Object.keys(def.defaults).join(', ') || 'none'})`);
    if (typeof params[k] !== 'number' || !Number.isFinite(params[k])) throw new MethodError(`Aggregation ${method}: parameter ${k} must be a finite number, got ${String(params[k])}`);
  }
  const merged = { ...def.defaults, ...params };
  const problem = def.check?.(merged);
  if (problem) throw new MethodError(`Aggregation ${method}: ${problem}`);
  return { def, params: merged };
}

/**
 * Weighted aggregate of one unit's children, dropping missing (NaN) children and renormalising
 * the weights over those present. Returns NaN when no child is present or the weights of the
 * present children sum to zero.
 * @example aggregatePresent(AGGREGATORS.arithmetic.fn, [80, NaN, 90], [1, 1, 3]) // => 87.5
 */
export function aggregatePresent(fn: AggregateFn, x: ArrayLike<number>, w: ArrayLike<number>, params: Record<string, number> = {}): number {
  const xs: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!) && w[i]! > 0) {
      xs.push(x[i]!);
      ws.push(w[i]!);
    }
  }
  if (!xs.length) return NaN;
  return fn(xs, ws, params);
}

/**
 * Aggregates every unit of a units × children matrix (NaN = missing): with the method's
 * `matrixFn` when it has one (the method decides how to treat missing children), otherwise
 * row by row with {@link aggregatePresent} (missing children dropped, weights renormalised).
 * @example aggregateMatrix(AGGREGATORS.arithmetic, [[80, 90], [70, NaN]], [1, 3]) // => [87.5, 70]
 */
export function aggregateMatrix(def: AggregatorDef, X: number[][], w: number[], params: Record<string, number> = {}): number[] {
  if (def.matrixFn) return def.matrixFn(X, w, params);
  return X.map((row) => aggregatePresent(def.fn, row, w, params));
}

/** Options of {@link aggregate}. */
export interface AggregateOptions {
  /** A method named in {@link AGGREGATORS}. */
  method: AggregateMethod;
  /** Its parameters over the defaults (e.g. `{p: 2}` for `generalised`). */
  params?: Record<string, number>;
}

/**
 * Aggregates by a method named in {@link AGGREGATORS}, resolving and checking it first: the
 * callable entry of the aggregation family. On a vector (one unit's children) missing children
 * are dropped and the weights renormalised ({@link aggregatePresent}); on a units × children
 * matrix every unit is scored ({@link aggregateMatrix}), which the methods that compare units
 * (copeland, topsis, grey-relational) need.
 * @throws MethodError for an unknown method or parameter, or a matrix-level method given a vector
 * @example aggregate([80, NaN, 90], [1, 1, 3], { method: 'arithmetic' }) // => 87.5
 * @example aggregate([[3, 1], [2, 2], [1, 3]], [2, 1], { method: 'copeland' }) // => [2, 0, -2]
 */
export function aggregate(values: ArrayLike<number>, weights: ArrayLike<number>, options: AggregateOptions): number;
export function aggregate(matrix: number[][], weights: number[], options: AggregateOptions): number[];
export function aggregate(x: ArrayLike<number> | number[][], w: ArrayLike<number>, options: AggregateOptions): number | number[] {
  const { def, params } = resolveAggregator(options.method, options.params ?? {});
  if (Array.isArray(x) && Array.isArray(x[0])) return aggregateMatrix(def, x as number[][], Array.from(w), params);
  return aggregatePresent(def.fn, x as ArrayLike<number>, w, params);
}
