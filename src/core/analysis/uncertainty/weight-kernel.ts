import { AGGREGATORS, aggregateMatrix, type AggregatorDef } from '../../methods/index.ts';

const ARITHMETIC: AggregatorDef = AGGREGATORS.arithmetic;
import type { Plan } from '../../plan/plan.ts';
import { weightsFromScores } from '../../plan/weight-schemes.ts';

/** One aggregate of the kernel: flat children, nominal weights, the method. */
interface KernelNode {
  at: number;
  children: Int32Array;
  /** Weights before renormalisation (as the plan's), and the replication's copy. */
  w0: Float64Array;
  w: number[];
  kids: Float64Array[];
  out: Float64Array;
  def: AggregatorDef;
  params: Record<string, number>;
  xsOf: number[][];
  wsOf: number[][];
  xi: Int32Array;
}

/**
 * Re-aggregation of one edition of a plan with other weights, on flat arrays prepared once: the
 * indicators' normalised scores of the edition are fixed (weights do not reach them), and each
 * replication recombines the aggregates bottom-up into one `nodes × units` buffer, with the plan's
 * own methods and the same weight vectors `plan.rerun({ weights })` would use — so it gives the
 * same scores, without assembling a result. Another aggregation method for every node (an
 * uncertainty input) recombines the same indicator scores, as a plan compiled with that method
 * would: aggregation reaches no indicator score. A node whose children's weights are all 0 (every
 * indicator of a group left out) is missing, and its parent renormalises over the rest.
 * Plans with data-driven weights or row-mean filling at aggregation re-run instead
 * ({@link WeightKernel.supports}).
 */
export class WeightKernel {
  readonly units: number;
  /** Scores of every node of the edition, `[node · U + unit]` (node = flat-tree index). */
  readonly scores: Float64Array;
  private readonly nodes: KernelNode[];
  private readonly slot = new Map<string, [number, number]>();
  private readonly index: ReadonlyMap<string, number>;
  private readonly acc: Float64Array;
  private readonly wsum: Float64Array;

  /** Whether a plan's aggregation can run on the kernel. */
  static supports(plan: Plan): boolean {
    const c = plan.compiled;
    return c.recipe.missing.aggregate !== 'row-mean' && c.aggregates.every((a) => a.staticWeights && !weightsFromScores(c.recipe, a.node));
  }

  constructor(plan: Plan, edition: number) {
    const c = plan.compiled;
    const U = c.units.length;
    this.units = U;
    this.acc = new Float64Array(U);
    this.wsum = new Float64Array(U);
    const res = plan.rerun({ editions: [edition] });
    this.scores = new Float64Array(c.tree.codes.length * U);
    this.index = c.tree.index;
    c.leaves.forEach((l) => this.scores.set(res.scores[l.node.code]!, l.at * U));
    this.nodes = c.aggregates.map((a, ai) => {
      const K = a.children.length;
      a.children.forEach((ch, i) => this.slot.set(c.tree.codes[ch]!, [ai, i]));
      return {
        at: a.at,
        children: Int32Array.from(a.children),
        w0: Float64Array.from(a.staticWeights!),
        w: [...a.staticWeights!],
        kids: a.children.map((ch) => this.scores.subarray(ch * U, (ch + 1) * U)),
        out: this.scores.subarray(a.at * U, (a.at + 1) * U),
        def: a.aggregator.def,
        params: a.aggregator.params,
        xsOf: Array.from({ length: K + 1 }, (_, n) => new Array<number>(n).fill(0)),
        wsOf: Array.from({ length: K + 1 }, (_, n) => new Array<number>(n).fill(0)),
        xi: new Int32Array(K),
      };
    });
  }

  private readonly flats = new WeakMap<Record<string, number>, { node: Int32Array; child: Int32Array; value: Float64Array }>();
  /** A weight set as flat (aggregate, child position, weight) triples, made once per set. */
  private flat(set: Record<string, number>): { node: Int32Array; child: Int32Array; value: Float64Array } {
    let f = this.flats.get(set);
    if (!f) {
      const keys = Object.keys(set).filter((k) => this.slot.has(k));
      f = { node: Int32Array.from(keys, (k) => this.slot.get(k)![0]), child: Int32Array.from(keys, (k) => this.slot.get(k)![1]), value: Float64Array.from(keys, (k) => set[k]!) };
      this.flats.set(set, f);
    }
    return f;
  }

  /** Flat-tree index of a node code. */
  at(code: string): number {
    return this.index.get(code)!;
  }

  /**
   * Re-aggregates with weight sets laid over the plan's in order (node → weight relative to its
   * siblings, as `plan.rerun({ weights })`); returns {@link scores}.
   */
  run(sets: readonly Record<string, number>[] = [], aggregator?: { def: AggregatorDef; params: Record<string, number> }): Float64Array {
    for (const n of this.nodes) for (let i = 0; i < n.w.length; i++) n.w[i] = n.w0[i]!;
    for (const set of sets) {
      const f = this.flat(set);
      for (let j = 0; j < f.node.length; j++) this.nodes[f.node[j]!]!.w[f.child[j]!] = f.value[j]!;
    }
    const U = this.units;
    for (const n of this.nodes) {
      const def = aggregator?.def ?? n.def;
      const params = aggregator?.params ?? n.params;
      let sw = 0;
      for (const x of n.w) sw += x;
      if (!(sw > 0)) {
        n.out.fill(NaN);
        continue;
      }
      if (def.matrixFn) {
        const X: number[][] = [];
        for (let u = 0; u < U; u++) X.push(n.kids.map((s) => s[u]!));
        const r = aggregateMatrix(def, X, n.w, params);
        for (let u = 0; u < U; u++) n.out[u] = Number.isFinite(r[u]!) ? r[u]! : NaN;
      } else if (def === ARITHMETIC) {
        // child by child over contiguous columns: per cell the same sums in the same child order
        // as the arithmetic mean's own loop (so the same bits), at memory speed
        const acc = this.acc;
        const wsum = this.wsum;
        acc.fill(0);
        wsum.fill(0);
        for (let i = 0; i < n.kids.length; i++) {
          const wi = n.w[i]!;
          if (!(wi > 0)) continue;
          const x = n.kids[i]!;
          for (let u = 0; u < U; u++) {
            const v = x[u]!;
            if (v - v === 0) {
              acc[u] = acc[u]! + wi * v;
              wsum[u] = wsum[u]! + wi;
            }
          }
        }
        for (let u = 0; u < U; u++) n.out[u] = wsum[u]! > 0 ? acc[u]! / wsum[u]! : NaN;
      } else if (def.columns) {
        def.columns(n.kids, n.w, n.out, 0, U);
        for (let u = 0; u < U; u++) if (!Number.isFinite(n.out[u]!)) n.out[u] = NaN;
      } else {
        const K = n.kids.length;
        for (let u = 0; u < U; u++) {
          let m = 0;
          for (let i = 0; i < K; i++) if (Number.isFinite(n.kids[i]![u]!) && n.w[i]! > 0) n.xi[m++] = i;
          let r = NaN;
          if (m) {
            const xs = n.xsOf[m]!;
            const ws = n.wsOf[m]!;
            for (let j = 0; j < m; j++) {
              xs[j] = n.kids[n.xi[j]!]![u]!;
              ws[j] = n.w[n.xi[j]!]!;
            }
            r = def.fn(xs, ws, params);
          }
          n.out[u] = Number.isFinite(r) ? r : NaN;
        }
      }
    }
    return this.scores;
  }
}
