import { rankInto, rankScratch, TIE_TOLERANCE, type RankScratch } from '../methods/rank.ts';
import { DIRECT } from './arena.ts';

/**
 * The ranks of a run's nodes, computed on first read (a what-if or a Monte Carlo replication
 * that reads only the index's ranks does not rank 99 nodes). A re-run's ranks fall back to the
 * first run's for the nodes it did not change.
 */
export class Ranks {
  private readonly cache: (Float64Array | undefined)[] = [];
  private scratch?: RankScratch;

  /**
   * @param units units per edition
   * @param editions edition indices to rank
   * @param scoresOf scores of a node (edition-major)
   * @param fallback ranks to use for nodes not in `changed`
   */
  constructor(
    private readonly units: number,
    private readonly editions: readonly number[],
    private readonly scoresOf: (node: number) => Float64Array,
    private readonly fallback?: Ranks,
    private readonly changed?: ReadonlySet<number>,
    private readonly arena = DIRECT,
    /** Relative tie tolerance (0: exact ties; see `ranking.ties`). */
    private readonly tol = TIE_TOLERANCE,
  ) {}

  /** Ranks of a node, edition-major like its scores (cells of editions not ranked are NaN). */
  get(node: number): Float64Array {
    const hit = this.cache[node];
    if (hit) return hit;
    if (this.fallback && !this.changed?.has(node)) return this.fallback.get(node);
    const s = this.scoresOf(node);
    const U = this.units;
    const r = this.arena.f64(s.length);
    if (this.editions.length * U < s.length) r.fill(NaN); // only some editions are ranked
    this.scratch ??= rankScratch(U);
    for (const e of this.editions) rankInto(s, r, e * U, (e + 1) * U, this.scratch, this.tol);
    this.cache[node] = r;
    return r;
  }
}
