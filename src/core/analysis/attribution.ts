import { RecipeError } from '../errors.ts';
import type { Plan } from '../plan/plan.ts';
import type { EvaluationResult } from '../plan/result.ts';
import { familyOf, powerOf, splitLinear, splitPower, splitShapleyMatrix, splitShapleyRow, splitStatic, type LocalSplit, type SplitFamily } from './attribution-split.ts';

/**
 * Change attribution (变化分解): for each unit, node and edition, the change of the node's score on
 * the previous edition split into the contributions of its children and, down the tree, of its
 * indicators, summing exactly to the change. The split of each node follows its aggregation method
 * (see {@link SplitFamily}: the linear split w̄·Δs + Δw̃·s̄ for weighted arithmetic means, the
 * log/power split for geometric, harmonic and generalised means, Shapley values through the method
 * itself for the rest); an indicator's contribution to a node is its contribution to its parent
 * passed up through the splits of its ancestors — for a chain of arithmetic means Δ(W·s), W the
 * product of the effective weights on the path (W·Δs when the weights did not change).
 * Reference: OECD/JRC Handbook on Constructing Composite Indicators (2008), §7 (decomposition);
 * Shorrocks (2013), J. Econ. Inequality 11, 99–126 (Shapley decompositions).
 */

/** Options of {@link attribute}. */
export interface AttributionOptions {
  /** Editions to attribute, each against the edition before it in the result (default: every edition after the first). */
  editions?: number[];
  /** Nodes whose change is split (default: every aggregate). Splits below them are computed as needed. */
  nodes?: string[];
  /** Add the indicator rows down the tree (default true). */
  indicators?: boolean;
  /** Most changed children a Shapley split takes (2ⁿ evaluations of the aggregator), default 12. */
  maxShapleyChildren?: number;
}

/** One contribution: of a child (`kind: 'child'`) or of an indicator anywhere below (`kind: 'indicator'`) to a node's change. */
export interface AttributionRow {
  edition: number;
  previous: number;
  unit: string;
  node: string;
  child: string;
  kind: 'child' | 'indicator';
  /** Contribution to the node's change; the rows of one kind of a node sum to its change. */
  contribution: number;
  /** Part due to the child's (indicator's) score change, at its mean effective weight. */
  scoreEffect: number;
  /** Part due to changed effective weights (a missing value renormalising them, a child entering or leaving). */
  weightEffect: number;
  /** Whether the child's effective weight in the node differs between the editions. */
  weightsChanged: boolean;
  /** Effective weight in the node in each edition (indicator rows: the product along the path). */
  weightPrev: number;
  weight: number;
  /** The child's score in each edition (null: missing). */
  scorePrev: number | null;
  score: number | null;
}

/** One node's change for a unit and edition, with how it was split. */
export interface NodeChange {
  edition: number;
  previous: number;
  unit: string;
  node: string;
  /** Aggregation method of the node, and the family of its split. */
  method: string;
  family: SplitFamily;
  scorePrev: number | null;
  score: number | null;
  /** score − scorePrev; null when either is missing (then no rows). */
  change: number | null;
  /** Whether any child's effective weight differs between the editions. */
  weightsChanged: boolean;
  /** change − Σ child contributions, and change − Σ indicator contributions (rounding only). */
  residual: number;
  indicatorResidual: number;
}

/** Something the attribution could not do, and why. */
export interface AttributionNote {
  edition: number;
  unit: string;
  node: string;
  message: string;
}

/** The attribution of a result's changes. */
export interface Attribution {
  framework: { id: string; version: string };
  root: string;
  /** Edition pairs [previous, edition] attributed. */
  pairs: [number, number][];
  units: string[];
  /** Per aggregate: its method and split family. */
  methods: Record<string, { method: string; family: SplitFamily }>;
  changes: NodeChange[];
  rows: AttributionRow[];
  notes: AttributionNote[];
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Splits the changes of a result on the previous edition into the contributions of children and
 * indicators, for every unit, aggregate and edition pair.
 * @param plan the compiled plan the result comes from (its tree and aggregation methods)
 * @param result a result of `plan` (default `plan.run()`), e.g. of a re-run with other weights
 * @throws RecipeError for an edition not in the result or without a previous one, an unknown node,
 *   or a Shapley split over more changed children than `maxShapleyChildren`
 * Usage: `attribute(plan).rows.filter((r) => r.edition === 2025 && r.unit === '440000' && r.node === 'RIDX' && r.kind === 'child')`
 * are 广东's pillars' contributions to its 2025 index change, and they sum to it.
 */
export function attribute(plan: Plan, result: EvaluationResult = plan.run(), options: AttributionOptions = {}): Attribution {
  const c = plan.compiled;
  const tree = c.tree;
  const U = result.units.length;
  const maxChildren = options.maxShapleyChildren ?? 12;
  const pairs = editionPairs(result, options.editions);
  const top = topNodes(plan, options.nodes);
  const aggOf = new Map(c.aggregates.map((a, i) => [a.at, i]));
  const methods: Attribution['methods'] = {};
  for (const a of c.aggregates) methods[a.node.code] = { method: a.aggregator.method, family: familyOf(a.aggregator.method, a.aggregator.params) };
  const changes: NodeChange[] = [];
  const rows: AttributionRow[] = [];
  const notes: AttributionNote[] = [];
  const wantIndicators = options.indicators ?? true;

  for (const [prev, edition] of pairs) {
    const k0 = result.editions.indexOf(prev);
    const k1 = result.editions.indexOf(edition);
    const col = (code: string, k: number): Float64Array => result.scores[code]!.subarray(k * U, (k + 1) * U);
    const splits = c.aggregates.map((ap) => splitNode(plan, result, ap, col, k0, k1, maxChildren, (u, message) => notes.push({ edition, unit: result.units[u]!, node: ap.node.code, message })));

    for (let u = 0; u < U; u++) {
      const unit = result.units[u]!;
      for (const at of top) {
        const ap = c.aggregates[aggOf.get(at)!]!;
        const code = ap.node.code;
        const y0 = col(code, k0)[u]!;
        const y1 = col(code, k1)[u]!;
        const sp = splits[aggOf.get(at)!]![u];
        const base = { edition, previous: prev, unit, node: code, method: ap.aggregator.method, scorePrev: num(y0), score: num(y1) };
        if (!Number.isFinite(y0) || !Number.isFinite(y1) || !sp) {
          changes.push({ ...base, family: methods[code]!.family, change: null, weightsChanged: false, residual: 0, indicatorResidual: 0 });
          continue;
        }
        const change = y1 - y0;
        let sum = 0;
        let anyChanged = false;
        ap.children.forEach((ch, j) => {
          const childCode = tree.codes[ch]!;
          const changed = Math.abs(sp.w1[j]! - sp.w0[j]!) > 1e-12;
          anyChanged ||= changed;
          sum += sp.c[j]!;
          rows.push({ edition, previous: prev, unit, node: code, child: childCode, kind: 'child', contribution: sp.c[j]!, scoreEffect: sp.score[j]!, weightEffect: sp.weight[j]!, weightsChanged: changed, weightPrev: sp.w0[j]!, weight: sp.w1[j]!, scorePrev: num(col(childCode, k0)[u]!), score: num(col(childCode, k1)[u]!) });
        });
        let indicatorSum = change;
        if (wantIndicators) {
          indicatorSum = 0;
          const walk = (at: number, sp: LocalSplit, C: number, K: number, B: number, W0: number, W1: number): void => {
            const R = C - K * (sp.y1 - sp.y0) - (B * (sp.y0 + sp.y1)) / 2;
            const kids = c.aggregates[aggOf.get(at)!]!.children;
            kids.forEach((ch, j) => {
              const ds = sp.s1[j]! - sp.s0[j]!;
              const sbar = (sp.s0[j]! + sp.s1[j]!) / 2;
              const Cj = K * sp.c[j]! + B * (sp.kappaL[j]! * ds + sp.muL[j]! * sbar + sp.rhoL[j]!) + sp.share[j]! * R;
              const Kj = K * sp.kappa[j]! + B * sp.kappaL[j]!;
              const Bj = K * sp.mu[j]! + B * sp.muL[j]!;
              const W0j = W0 * sp.w0[j]!;
              const W1j = W1 * sp.w1[j]!;
              const childCode = tree.codes[ch]!;
              if (tree.leafOf[ch]! >= 0) {
                const score = Kj * ds;
                indicatorSum += Cj;
                rows.push({ edition, previous: prev, unit, node: code, child: childCode, kind: 'indicator', contribution: Cj, scoreEffect: score, weightEffect: Cj - score, weightsChanged: Math.abs(W1j - W0j) > 1e-12, weightPrev: W0j, weight: W1j, scorePrev: num(col(childCode, k0)[u]!), score: num(col(childCode, k1)[u]!) });
                return;
              }
              const below = splits[aggOf.get(ch)!]![u];
              if (!below) {
                if (Cj !== 0) notes.push({ edition, unit, node: childCode, message: `${childCode}'s own split is undefined, so its contribution ${Cj} to ${code} is not passed down to its indicators` });
                return;
              }
              walk(ch, below, Cj, Kj, Bj, W0j, W1j);
            });
          };
          walk(at, sp, change, 1, 0, 1, 1);
        }
        changes.push({ ...base, family: sp.family, change, weightsChanged: anyChanged, residual: change - sum, indicatorResidual: change - indicatorSum });
      }
    }
  }
  return { framework: result.framework, root: tree.codes[tree.root]!, pairs, units: result.units.slice(), methods, changes, rows, notes };
}

/** Pairs of an edition and the one before it, both in the result, restricted to the editions asked for. */
function editionPairs(result: EvaluationResult, editions: number[] | undefined): [number, number][] {
  const all: [number, number][] = [];
  for (let k = 1; k < result.editions.length; k++) if (result.editions[k]! - result.editions[k - 1]! === 1) all.push([result.editions[k - 1]!, result.editions[k]!]);
  if (!editions) return all;
  return [...new Set(editions)].sort((a, b) => a - b).map((e) => {
    const p = all.find((x) => x[1] === e);
    if (!p) {
      const why = !result.editions.includes(e)
        ? `it is not in the result (editions ${result.editions.join(', ')})`
        : `the result has no edition ${e - 1} to compare it with${e === result.editions[0] ? ' (it is the first edition of the result)' : ''}`;
      throw new RecipeError(`attribution: cannot attribute edition ${e}: ${why}`);
    }
    return p;
  });
}

/** Node indices of the aggregates whose change is split, in framework order. */
function topNodes(plan: Plan, nodes: string[] | undefined): number[] {
  const tree = plan.compiled.tree;
  const aggs = new Set(plan.compiled.aggregates.map((a) => a.at));
  if (!nodes) return tree.codes.map((_, i) => i).filter((i) => aggs.has(i));
  return nodes.map((code) => {
    const at = tree.index.get(code);
    if (at === undefined) throw new RecipeError(`attribution: ${code} is not a node of framework ${plan.compiled.framework.id}`);
    if (!aggs.has(at)) throw new RecipeError(`attribution: ${code} is an indicator; give an aggregate (its change is split among its children), e.g. ${tree.codes[tree.parent[at]!]}`);
    return at;
  });
}

type AggregatePlan = Plan['compiled']['aggregates'][number];

/** The children's scores as the aggregator sees them: with `row-mean`, a missing child takes the mean of the unit's present children. */
function rowMeanFilled(kids: Float64Array[], u: number): number[] {
  const x = kids.map((k) => k[u]!);
  let s = 0;
  let n = 0;
  for (const v of x) if (Number.isFinite(v)) {
    s += v;
    n++;
  }
  return n ? x.map((v) => (Number.isFinite(v) ? v : s / n)) : x;
}

/** One aggregate's splits for every unit (undefined where the node is missing in both editions or the split is undefined). */
function splitNode(plan: Plan, result: EvaluationResult, ap: AggregatePlan, col: (code: string, k: number) => Float64Array, k0: number, k1: number, maxChildren: number, note: (u: number, message: string) => void): (LocalSplit | undefined)[] {
  const c = plan.compiled;
  const U = result.units.length;
  const code = ap.node.code;
  const codes = ap.children.map((ch) => c.tree.codes[ch]!);
  const w = codes.map((x) => result.weights[x] ?? 0);
  const kids0 = codes.map((x) => col(x, k0));
  const kids1 = codes.map((x) => col(x, k1));
  const y0 = col(code, k0);
  const y1 = col(code, k1);
  const rowMean = c.recipe.missing.aggregate === 'row-mean';
  const x0 = (u: number): number[] => (rowMean ? rowMeanFilled(kids0, u) : kids0.map((k) => k[u]!));
  const x1 = (u: number): number[] => (rowMean ? rowMeanFilled(kids1, u) : kids1.map((k) => k[u]!));
  const { method, def, params } = ap.aggregator;
  const family = familyOf(method, params);
  const p = powerOf(method, params);
  const shapley = { maxChildren, node: code, method };
  const out: (LocalSplit | undefined)[] = new Array(U).fill(undefined);
  const matrix = family === 'shapley' && def.matrixFn ? splitShapleyMatrix(def, params, Array.from({ length: U }, (_, u) => x0(u)), Array.from({ length: U }, (_, u) => x1(u)), w, y0, y1, shapley) : undefined;
  for (let u = 0; u < U; u++) {
    const a = y0[u]!;
    const b = y1[u]!;
    const has0 = Number.isFinite(a);
    const has1 = Number.isFinite(b);
    if (!has0 && !has1) continue;
    if (!has0 || !has1) {
      out[u] = splitStatic(family, { s1: has1 ? x1(u) : x0(u), w, y1: has1 ? b : a });
      continue;
    }
    const inp = { s0: x0(u), s1: x1(u), w, y0: a, y1: b };
    let sp: LocalSplit | undefined;
    if (matrix) sp = matrix[u];
    else if (p === 1) sp = splitLinear(inp);
    else if (p !== undefined) sp = splitPower(p, inp);
    else sp = splitShapleyRow(def, params, inp, shapley);
    // a closed-form split that does not reproduce the aggregate falls back to the method itself
    if (sp && sp.family !== 'shapley' && !sums(sp, b - a) && !def.matrixFn) {
      let sh: LocalSplit | undefined;
      try {
        sh = splitShapleyRow(def, params, inp, shapley);
      } catch {
        sh = undefined; // too many children for Shapley: keep the closed form, noted below
      }
      if (sh && sums(sh, b - a)) sp = sh;
    }
    if (!sp) note(u, `${code} (${method}): the aggregate is undefined for some combination of old and new child scores, so its change is not split`);
    else if (!sums(sp, b - a)) note(u, `${code} (${method}): the children's contributions sum to ${sp.c.reduce((s, x) => s + x, 0)}, not to the change ${b - a}`);
    out[u] = sp;
  }
  return out;
}

/** Whether a split's contributions sum to the change (to rounding). */
function sums(sp: LocalSplit, change: number): boolean {
  let s = 0;
  for (const x of sp.c) s += x;
  return Math.abs(s - change) <= 1e-10 * Math.max(1, Math.abs(sp.y0), Math.abs(sp.y1));
}

/** One driver of a change: a child's or an indicator's contribution. */
export interface Driver {
  edition: number;
  unit: string;
  node: string;
  child: string;
  kind: 'child' | 'indicator';
  contribution: number;
}

/** The largest contributions up and down to one node's change for one unit and edition. */
export interface Drivers {
  edition: number;
  unit: string;
  node: string;
  change: number;
  /** Positive contributions, largest first. */
  up: Driver[];
  /** Negative contributions, most negative first. */
  down: Driver[];
}

/** Options of {@link topDrivers}. */
export interface DriverOptions {
  /** Default: the last edition attributed. */
  edition?: number;
  /** Default: every unit. */
  units?: string[];
  /** Default: the root (the index). */
  node?: string;
  /** `indicator` (default) or `child`. */
  kind?: 'child' | 'indicator';
  /** How many up and how many down (default 3). */
  n?: number;
}

/**
 * The top drivers of each unit's change of a node: the `n` largest positive and the `n` most
 * negative contributions, for the narrative ("广东 总指数 +1.23：主要来自 …"). Units in the
 * attribution's order; a unit whose change is undefined is left out. Usage:
 * `topDrivers(attribute(plan), { node: 'RIDX', n: 3 })[0].up` lists the first unit's three
 * indicators that raised its index most, as `{ edition, unit, node: 'RIDX', child, kind, contribution }`.
 */
export function topDrivers(a: Attribution, options: DriverOptions = {}): Drivers[] {
  const edition = options.edition ?? a.pairs[a.pairs.length - 1]?.[1];
  const node = options.node ?? a.root;
  const kind = options.kind ?? 'indicator';
  const n = options.n ?? 3;
  const units = options.units ?? a.units;
  const out: Drivers[] = [];
  for (const unit of units) {
    const ch = a.changes.find((x) => x.edition === edition && x.unit === unit && x.node === node);
    if (!ch || ch.change === null) continue;
    const list: Driver[] = a.rows
      .filter((r) => r.edition === edition && r.unit === unit && r.node === node && r.kind === kind)
      .map((r) => ({ edition: r.edition, unit: r.unit, node: r.node, child: r.child, kind: r.kind, contribution: r.contribution }));
    const up = list.filter((d) => d.contribution > 0).sort((x, y) => y.contribution - x.contribution).slice(0, n);
    const down = list.filter((d) => d.contribution < 0).sort((x, y) => x.contribution - y.contribution).slice(0, n);
    out.push({ edition: edition!, unit, node, change: ch.change, up, down });
  }
  return out;
}
