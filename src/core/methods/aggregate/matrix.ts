import { MethodError } from '../../errors.ts';
import type { AggregateFn, AggregatorDef } from './types.ts';

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


/** Methods that score all units of an edition at once (the engine calls their matrixFn). */
export const MATRIX_METHODS = {
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
