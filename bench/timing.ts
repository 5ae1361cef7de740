/** Timing helpers of the benchmarks: medians of repeated runs after a warm-up. */

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One timed step: median and minimum in milliseconds. */
export interface Timing {
  runs: number;
  median: number;
  min: number;
}

/**
 * Runs `fn` once to warm up, then `runs` times in batches of `batch` calls (for steps of a few
 * microseconds, so the clock's resolution does not matter); returns ms per call.
 */
export function time(runs: number, fn: () => unknown, batch = 1): Timing {
  for (let i = 0; i < batch; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    for (let j = 0; j < batch; j++) fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6 / batch);
  }
  return { runs, median: median(t), min: Math.min(...t) };
}
