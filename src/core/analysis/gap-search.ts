/**
 * The one-dimensional search of the target gap: the smallest step t ≥ 0 along a direction that
 * reaches a target, for a target reached from some t* on (monotone). The predicate `reached` is
 * the truth (it comes from a re-evaluation); the margin (how far past the target, < 0 below it)
 * only guides where to look next.
 */

/** What one evaluation at step t gave. */
export interface StepOutcome {
  reached: boolean;
  /** How far past the target (< 0 below it); NaN when unknown (then the search bisects). */
  margin: number;
}

/** Options of {@link smallestReaching}. */
export interface SearchOptions<T extends StepOutcome> {
  /** A step known not to reach the target, and what it gave. */
  lo: number;
  loOutcome: T;
  /** A step known to reach it, and what it gave. */
  hi: number;
  hiOutcome: T;
  /** A first step to try inside (lo, hi), e.g. a linear estimate. */
  start?: number;
  /** Stop when hi − lo ≤ tol (absolute, in the units of t). */
  tol: number;
  /** At most this many evaluations (default 200). */
  maxEvaluations?: number;
}

/** The bracket the search ended with: `hi` reaches the target, `lo` does not, hi − lo ≤ tol. */
export interface SearchResult<T extends StepOutcome> {
  hi: number;
  hiOutcome: T;
  lo: number;
  loOutcome: T;
  evaluations: number;
  /** Whether the bracket shrank to the tolerance (false: stopped at maxEvaluations). */
  converged: boolean;
}

/**
 * The smallest step that reaches a monotone target, to a tolerance: regula falsi on the margin
 * with the Illinois modification (Dowell & Jarratt 1971), kept inside a bracket that `reached`
 * maintains, and a bisection whenever interpolation does not halve the bracket in two steps or
 * the margins cannot guide it (NaN, or signs that disagree with `reached` — a rank reached at a
 * tie). Returns the bracket: `hi` is the answer (it reaches the target, verified by `evaluate`),
 * `lo` a step within `tol` below it that does not.
 */
export function smallestReaching<T extends StepOutcome>(evaluate: (t: number) => T, o: SearchOptions<T>): SearchResult<T> {
  let a = o.lo;
  let fa = o.loOutcome;
  let b = o.hi;
  let fb = o.hiOutcome;
  const max = o.maxEvaluations ?? 200;
  let n = 0;
  // Illinois: the margin kept at an end that stays put twice running is halved
  let ma = fa.margin;
  let mb = fb.margin;
  let kept = 0; // +1: b kept last time, −1: a kept last time
  const widths: number[] = [b - a];
  const take = (t: number, f: T): void => {
    n++;
    if (f.reached) {
      b = t;
      fb = f;
      mb = f.margin;
      if (kept === -1) ma /= 2;
      kept = -1;
    } else {
      a = t;
      fa = f;
      ma = f.margin;
      if (kept === 1) mb /= 2;
      kept = 1;
    }
    widths.push(b - a);
  };
  const inside = (t: number): boolean => t > a && t < b;
  if (o.start !== undefined && Number.isFinite(o.start) && inside(o.start) && b - a > o.tol) take(o.start, evaluate(o.start));
  while (b - a > o.tol && n < max) {
    const w = widths.length;
    const slow = w >= 3 && widths[w - 1]! > 0.5 * widths[w - 3]!;
    let t = NaN;
    if (!slow && ma < 0 && mb >= 0 && Number.isFinite(ma) && Number.isFinite(mb)) t = b - (mb * (b - a)) / (mb - ma);
    // keep a step clear of the ends (at least a quarter of the tolerance inside: a root at an
    // end is then bracketed in one step); bisect when the margins give nothing
    const edge = Math.min(o.tol / 4, (b - a) / 4);
    if (!Number.isFinite(t)) t = a + (b - a) / 2;
    else t = Math.min(Math.max(t, a + edge), b - edge);
    if (!inside(t)) break; // the bracket is as narrow as the numbers allow
    take(t, evaluate(t));
    if (slow) widths.length = 0;
  }
  return { hi: b, hiOutcome: fb, lo: a, loOutcome: fa, evaluations: n, converged: b - a <= o.tol };
}
