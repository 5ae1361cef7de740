import { RecipeError } from '../errors.ts';
import { aggregatePresent } from '../methods/index.ts';
import type { AggregatorDef } from '../methods/aggregate/types.ts';

/**
 * How one node's change between two editions is split among its children (one unit, one pair of
 * editions). Every family is exact: the children's contributions sum to the node's change.
 *
 * - `linear` (weighted arithmetic mean y = Σ w̃ᵢsᵢ, w̃ the weights renormalised over the children
 *   present): cᵢ = w̃ᵢ(t)·sᵢ(t) − w̃ᵢ(t−1)·sᵢ(t−1) = w̄ᵢ·Δsᵢ (score effect) + Δw̃ᵢ·s̄ᵢ (weight effect),
 *   bars the mean of the two editions (the symmetric two-factor split, exact).
 * - `power` and `log` (the other quasi-arithmetic means φ(y) = Σ w̃ᵢφ(sᵢ): generalised mean
 *   φ = x^p, harmonic p = −1; geometric φ = ln x): cᵢ = L·Δ(w̃ᵢφ(sᵢ)) with L = Δy/Δφ(y), the
 *   reciprocal of the secant slope of φ between y(t−1) and y(t); for the geometric mean this is
 *   cᵢ = Δy·Δ(w̃ᵢ ln sᵢ)/Δln y. L is computed in a form that stays exact as Δy → 0 (the logarithmic
 *   mean of y(t−1), y(t) for the geometric mean; y^(1−p)/p in the limit).
 * - `shapley` (every other aggregator — Mazziotta–Pareto, Copeland, TOPSIS, grey relational, and
 *   any method added to the registry): the Shapley value of each child in the game whose players
 *   are the children that changed and whose value v(S) is the aggregate computed by the method
 *   itself with the children in S at their new scores and the others at their old ones (for the
 *   methods that compare units, S switches that child for every unit). Σ Shapley = v(all) − v(none)
 *   = y(t) − y(t−1) by construction; 2^n evaluations for n changed children.
 *   Reference: Shapley (1953), "A value for n-person games"; Shorrocks (2013), J. Econ. Inequality
 *   11, 99–126 (Shapley decomposition of changes).
 */
export type SplitFamily = 'linear' | 'power' | 'log' | 'shapley';

/**
 * One node's split for one unit and pair of editions. Arrays run over the node's children.
 * A child missing in an edition has effective weight 0 there and takes the other edition's score
 * (so its score effect is 0 and its whole contribution is a weight effect: it entered or left).
 *
 * For the indicators further down, each child's contribution is also written as
 * cᵢ = κᵢ·Δsᵢ + μᵢ·s̄ᵢ + ρᵢ, and the node's mean level as s̄ = Σ (κ'ᵢ·Δsᵢ + μ'ᵢ·s̄ᵢ + ρ'ᵢ): for the
 * linear family κ = w̄, μ = Δw̃, κ' = Δw̃/4, μ' = w̄ (so an arithmetic chain gives each indicator
 * Δ(W·s) with W the product of its effective weights); for the others the coefficients of the
 * score effect, the rest as amounts (ρ) shared by the children's mean effective weights.
 */
export interface LocalSplit {
  family: SplitFamily;
  /** The node's scores in the two editions, as the split saw them. */
  y0: number;
  y1: number;
  /** Children's effective weights (renormalised over those present) and scores in each edition. */
  w0: Float64Array;
  w1: Float64Array;
  s0: Float64Array;
  s1: Float64Array;
  /** Whether each child was present in each edition. */
  present0: Uint8Array;
  present1: Uint8Array;
  /** Contribution, score effect and weight effect of each child (score + weight = contribution). */
  c: Float64Array;
  score: Float64Array;
  weight: Float64Array;
  kappa: Float64Array;
  mu: Float64Array;
  rho: Float64Array;
  kappaL: Float64Array;
  muL: Float64Array;
  rhoL: Float64Array;
  /** Mean effective weight share of each child (sums to 1): how amounts are passed down. */
  share: Float64Array;
}

/** The exponent p of the quasi-arithmetic family of an aggregation method (0: geometric), or undefined. */
export function powerOf(method: string, params: Record<string, number>): number | undefined {
  switch (method) {
    case 'arithmetic':
      return 1;
    case 'geometric':
      return 0;
    case 'harmonic':
      return -1;
    case 'generalised':
      return Number.isFinite(params.p) ? params.p! : 1;
    default:
      return undefined;
  }
}

/** The family that splits a method's aggregates. */
export function familyOf(method: string, params: Record<string, number>): SplitFamily {
  const p = powerOf(method, params);
  return p === undefined ? 'shapley' : p === 1 ? 'linear' : p === 0 ? 'log' : 'power';
}

/**
 * The secant slope (φ(b) − φ(a))/(b − a) of φ(x) = x^p (p ≠ 0) or ln x (p = 0), written so that
 * it stays accurate as b → a (its limit φ'(a) when b = a).
 * @example secant(0, 1, Math.E) // => 1/(Math.E - 1)
 */
export function secant(p: number, a: number, b: number): number {
  if (p === 1) return 1;
  if (a === b) return p === 0 ? 1 / a : p * Math.pow(a, p - 1);
  if (a > 0 && b > 0) {
    const x = (b - a) / a;
    const lg = Math.log1p(x);
    return p === 0 ? lg / (b - a) : (Math.pow(a, p) * Math.expm1(p * lg)) / (b - a);
  }
  return p === 0 ? (Math.log(b) - Math.log(a)) / (b - a) : (Math.pow(b, p) - Math.pow(a, p)) / (b - a);
}

const phi = (p: number, x: number): number => (p === 0 ? Math.log(x) : Math.pow(x, p));

/** Inputs of one cell's split: the children's scores (NaN = missing) and weights, the node's scores. */
export interface SplitInput {
  s0: ArrayLike<number>;
  s1: ArrayLike<number>;
  /** The children's weights (any positive scale; ≤ 0 takes no part). */
  w: ArrayLike<number>;
  y0: number;
  y1: number;
}

function alloc(K: number): LocalSplit {
  const f = (): Float64Array => new Float64Array(K);
  return {
    family: 'linear',
    y0: 0,
    y1: 0,
    w0: f(),
    w1: f(),
    s0: f(),
    s1: f(),
    present0: new Uint8Array(K),
    present1: new Uint8Array(K),
    c: f(),
    score: f(),
    weight: f(),
    kappa: f(),
    mu: f(),
    rho: f(),
    kappaL: f(),
    muL: f(),
    rhoL: f(),
    share: f(),
  };
}

/** Effective weights, presence and substituted scores of both editions. */
function prepare(inp: SplitInput, family: SplitFamily): LocalSplit {
  const K = inp.w.length;
  const sp = alloc(K);
  sp.family = family;
  sp.y0 = inp.y0;
  sp.y1 = inp.y1;
  let sw0 = 0;
  let sw1 = 0;
  for (let i = 0; i < K; i++) {
    const w = inp.w[i]!;
    const a = inp.s0[i]!;
    const b = inp.s1[i]!;
    const pa = Number.isFinite(a) && w > 0;
    const pb = Number.isFinite(b) && w > 0;
    sp.present0[i] = pa ? 1 : 0;
    sp.present1[i] = pb ? 1 : 0;
    if (pa) sw0 += w;
    if (pb) sw1 += w;
    sp.s0[i] = Number.isFinite(a) ? a : Number.isFinite(b) ? b : 0;
    sp.s1[i] = Number.isFinite(b) ? b : sp.s0[i]!;
  }
  let share = 0;
  for (let i = 0; i < K; i++) {
    sp.w0[i] = sp.present0[i] ? inp.w[i]! / sw0 : 0;
    sp.w1[i] = sp.present1[i] ? inp.w[i]! / sw1 : 0;
    sp.share[i] = (sp.w0[i]! + sp.w1[i]!) / 2;
    share += sp.share[i]!;
  }
  if (share > 0) for (let i = 0; i < K; i++) sp.share[i]! /= share;
  return sp;
}

/** Fills the level decomposition of a non-linear node: its mean level shared by the mean weights. */
function levelByShares(sp: LocalSplit): void {
  const mean = (sp.y0 + sp.y1) / 2;
  for (let i = 0; i < sp.c.length; i++) sp.rhoL[i] = sp.share[i]! * mean;
}

/** Fills ρ (the part of each contribution not written as κΔs + μs̄) and the score/weight effects. */
function finish(sp: LocalSplit): void {
  for (let i = 0; i < sp.c.length; i++) {
    const ds = sp.s1[i]! - sp.s0[i]!;
    const sbar = (sp.s0[i]! + sp.s1[i]!) / 2;
    if (!Number.isFinite(sp.kappa[i]!)) sp.kappa[i] = 0;
    sp.score[i] = sp.kappa[i]! * ds;
    sp.weight[i] = sp.c[i]! - sp.score[i]!;
    sp.rho[i] = sp.c[i]! - sp.kappa[i]! * ds - sp.mu[i]! * sbar;
  }
}

/**
 * The split of a weighted arithmetic mean: cᵢ = w̄ᵢΔsᵢ + Δw̃ᵢs̄ᵢ.
 * @example splitLinear({ s0: [50, 60], s1: [70, 60], w: [1, 1], y0: 55, y1: 65 }).c // => [10, 0]
 */
export function splitLinear(inp: SplitInput): LocalSplit {
  const sp = prepare(inp, 'linear');
  for (let i = 0; i < sp.c.length; i++) {
    const wbar = (sp.w0[i]! + sp.w1[i]!) / 2;
    const dw = sp.w1[i]! - sp.w0[i]!;
    const ds = sp.s1[i]! - sp.s0[i]!;
    const sbar = (sp.s0[i]! + sp.s1[i]!) / 2;
    sp.kappa[i] = wbar;
    sp.mu[i] = dw;
    sp.c[i] = wbar * ds + dw * sbar;
    sp.kappaL[i] = dw / 4;
    sp.muL[i] = wbar;
    // mean level of the child's term: (w̃₀s₀ + w̃₁s₁)/2 = w̄s̄ + Δw̃Δs/4
    sp.rhoL[i] = (sp.w0[i]! * sp.s0[i]! + sp.w1[i]! * sp.s1[i]!) / 2 - (wbar * sbar + (dw * ds) / 4);
  }
  finish(sp);
  return sp;
}

/**
 * The split of a quasi-arithmetic mean φ(y) = Σ w̃ᵢφ(sᵢ), φ = x^p (p ≠ 0, 1) or ln x (p = 0):
 * cᵢ = L·Δ(w̃ᵢφ(sᵢ)), L = Δy/Δφ(y). Undefined (undefined returned) when a score the mean needs
 * positive is not.
 * @example splitPower(0, { s0: [4, 9], s1: [9, 4], w: [1, 1], y0: 6, y1: 6 }).c // => [2.4327906486489863, -2.4327906486489863] (y·w̃·Δln s = 6·½·ln(9/4))
 */
export function splitPower(p: number, inp: SplitInput): LocalSplit | undefined {
  const sp = prepare(inp, p === 0 ? 'log' : 'power');
  const sl = secant(p, sp.y0, sp.y1);
  const L = 1 / sl;
  if (!Number.isFinite(L)) return undefined;
  for (let i = 0; i < sp.c.length; i++) {
    const a = sp.s0[i]!;
    const b = sp.s1[i]!;
    const t0 = sp.present0[i] ? sp.w0[i]! * phi(p, a) : 0;
    const t1 = sp.present1[i] ? sp.w1[i]! * phi(p, b) : 0;
    if (!Number.isFinite(t0) || !Number.isFinite(t1)) return undefined;
    sp.c[i] = L * (t1 - t0);
    // score effect L·w̄·Δφ = (L·w̄·secant)·Δs
    const wbar = (sp.w0[i]! + sp.w1[i]!) / 2;
    sp.kappa[i] = L * wbar * secant(p, a, b);
  }
  finish(sp);
  levelByShares(sp);
  return sp;
}

/** Shapley weights |S|!(n − |S| − 1)!/n! by coalition size. */
function shapleyCoefficients(n: number): Float64Array {
  const f = [1];
  for (let k = 1; k <= n; k++) f.push(f[k - 1]! * k);
  return Float64Array.from({ length: n }, (_, s) => (f[s]! * f[n - s - 1]!) / f[n]!);
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** Shapley values of n players from the values of all 2ⁿ coalitions (bit i = player i). */
export function shapleyValues(v: ArrayLike<number>, n: number): Float64Array {
  const coef = shapleyCoefficients(n);
  const out = new Float64Array(n);
  const full = 1 << n;
  for (let m = 0; m < full; m++) {
    const s = popcount(m);
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      if (m & bit) continue;
      out[i]! += coef[s]! * (v[m | bit]! - v[m]!);
    }
  }
  return out;
}

/** Options of the Shapley split. */
export interface ShapleyOptions {
  /** Most changed children a Shapley split takes (2ⁿ evaluations); default 12. */
  maxChildren: number;
  /** Node code and method, for messages. */
  node: string;
  method: string;
}

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

function tooMany(o: ShapleyOptions, n: number): RecipeError {
  return new RecipeError(
    `attribution: ${o.node} is aggregated with ${o.method}, which has no additive split; its change is split by Shapley values over the children that changed, ` +
      `but ${n} of its children changed (2^${n} evaluations; the limit is ${o.maxChildren}). ` +
      `Aggregate ${o.node} with arithmetic, geometric, harmonic or generalised (exact closed-form splits), give it fewer children, or raise maxShapleyChildren`,
  );
}

/** Players: the children whose score or presence changed (the others are null players). */
function players(s0: ArrayLike<number>, s1: ArrayLike<number>, w: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < w.length; i++) if (w[i]! > 0 && !same(s0[i]!, s1[i]!)) out.push(i);
  return out;
}

/**
 * Shapley split of a row-wise aggregator (one unit's children): v(S) = the method's aggregate of
 * the children present, those in S at their new scores. Undefined when some coalition's aggregate
 * is undefined.
 * @throws RecipeError when more than `maxChildren` children changed
 */
export function splitShapleyRow(def: AggregatorDef, params: Record<string, number>, inp: SplitInput, o: ShapleyOptions): LocalSplit | undefined {
  const sp = prepare(inp, 'shapley');
  const pl = players(inp.s0, inp.s1, inp.w);
  const n = pl.length;
  if (n > o.maxChildren) throw tooMany(o, n);
  const x = Array.from(inp.s0);
  const w = Array.from(inp.w);
  const v = new Float64Array(1 << n);
  for (let m = 0; m < 1 << n; m++) {
    for (let j = 0; j < n; j++) x[pl[j]!] = m & (1 << j) ? inp.s1[pl[j]!]! : inp.s0[pl[j]!]!;
    v[m] = aggregatePresent(def.fn, x, w, params);
    if (!Number.isFinite(v[m]!)) return undefined;
  }
  const phiv = shapleyValues(v, n);
  pl.forEach((i, j) => (sp.c[i] = phiv[j]!));
  shapleyCoefficientsOf(sp);
  return sp;
}

/** κ of a Shapley split: contribution per unit of score change, where that is well defined. */
function shapleyCoefficientsOf(sp: LocalSplit): void {
  for (let i = 0; i < sp.c.length; i++) {
    const ds = sp.s1[i]! - sp.s0[i]!;
    const scale = Math.abs(sp.s0[i]!) + Math.abs(sp.s1[i]!) + 1;
    sp.kappa[i] = sp.present0[i] && sp.present1[i] && Math.abs(ds) > 1e-12 * scale ? sp.c[i]! / ds : 0;
  }
  finish(sp);
  levelByShares(sp);
}

/**
 * Shapley splits of a method that scores all units at once (Copeland, TOPSIS, grey relational):
 * the game's value v(S) is the vector of every unit's aggregate with the children in S switched to
 * their new scores for every unit. `X0`, `X1`: units × children (NaN = missing); `y0`, `y1`: the
 * node's scores. Returns one split per unit, undefined where some coalition leaves the unit's
 * aggregate undefined or the node is missing in an edition.
 * @throws RecipeError when more than `maxChildren` children changed
 */
export function splitShapleyMatrix(def: AggregatorDef, params: Record<string, number>, X0: number[][], X1: number[][], w: number[], y0: ArrayLike<number>, y1: ArrayLike<number>, o: ShapleyOptions): (LocalSplit | undefined)[] {
  const U = X0.length;
  const K = w.length;
  const changed: number[] = [];
  for (let j = 0; j < K; j++) if (w[j]! > 0 && X0.some((r, u) => !same(r[j]!, X1[u]![j]!))) changed.push(j);
  const n = changed.length;
  if (n > o.maxChildren) throw tooMany(o, n);
  const X = X0.map((r) => r.slice());
  const v: number[][] = [];
  for (let m = 0; m < 1 << n; m++) {
    for (let u = 0; u < U; u++) for (let k = 0; k < n; k++) X[u]![changed[k]!] = m & (1 << k) ? X1[u]![changed[k]!]! : X0[u]![changed[k]!]!;
    v.push(def.matrixFn!(X, w, params));
  }
  const out: (LocalSplit | undefined)[] = [];
  const vu = new Float64Array(1 << n);
  for (let u = 0; u < U; u++) {
    if (!Number.isFinite(y0[u]!) || !Number.isFinite(y1[u]!)) {
      out.push(undefined);
      continue;
    }
    let ok = true;
    for (let m = 0; m < 1 << n; m++) {
      vu[m] = v[m]![u]!;
      if (!Number.isFinite(vu[m]!)) ok = false;
    }
    if (!ok) {
      out.push(undefined);
      continue;
    }
    const sp = prepare({ s0: X0[u]!, s1: X1[u]!, w, y0: y0[u]!, y1: y1[u]! }, 'shapley');
    const phiv = shapleyValues(vu, n);
    changed.forEach((j, k) => (sp.c[j] = phiv[k]!));
    shapleyCoefficientsOf(sp);
    out.push(sp);
  }
  return out;
}

/**
 * The split of a node present in one edition only, for the indicators below it: both editions
 * taken as the present one (no change inside the node; what it adds to its parent is its entry).
 */
export function splitStatic(family: SplitFamily, inp: Omit<SplitInput, 's0' | 'y0'>): LocalSplit {
  const sp = prepare({ s0: inp.s1, s1: inp.s1, w: inp.w, y0: inp.y1, y1: inp.y1 }, family);
  if (family === 'linear') {
    for (let i = 0; i < sp.c.length; i++) {
      sp.kappa[i] = sp.w1[i]!;
      sp.muL[i] = sp.w1[i]!;
    }
    finish(sp);
  } else {
    finish(sp);
    levelByShares(sp);
  }
  return sp;
}
