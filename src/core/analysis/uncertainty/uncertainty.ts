import { mulberry32 } from '../../methods/random.ts';
import { quantileOfCounts } from './quantile.ts';
import { Replicator, type ReplicationSetup } from './replicate.ts';

/**
 * Runs the replications of a design: rows × d input values in [0, 1) → ranks, rows × (nodes ·
 * units). The core's runner works inline; the CLI's runs the same rows on worker threads. Either
 * way row r's ranks depend only on row r, so the results do not depend on how rows are shared out.
 */
export type DesignRunner = (setup: ReplicationSetup, design: Float64Array, d: number, rows: number) => Promise<Float32Array>;

/** Runs a design on this thread, calling `progress(done, total)` after every block of rows. */
export function inlineRunner(progress?: (done: number, total: number) => void): DesignRunner {
  return async (setup, design, d, rows) => {
    const rep = new Replicator(setup);
    const out = new Float32Array(rows * rep.width);
    const block = 256;
    for (let r = 0; r < rows; r += block) {
      const to = Math.min(rows, r + block);
      rep.runRows(design, d, r, to, out.subarray(r * rep.width, to * rep.width));
      progress?.(to, rows);
    }
    return out;
  };
}

/** The Monte Carlo design: `samples` rows of `d` independent uniform values from the seed (mulberry32). */
export function monteCarloDesign(samples: number, d: number, seed: number): Float64Array {
  const rand = mulberry32(seed >>> 0);
  const out = new Float64Array(samples * d);
  for (let i = 0; i < out.length; i++) out[i] = rand();
  return out;
}

/** One unit's rank interval at one node over the replications. */
export interface RankInterval {
  node: string;
  unit: string;
  nominal: number;
  median: number;
  q05: number;
  q95: number;
  mean: number;
  min: number;
  max: number;
  /** Replications in which the unit had a rank. */
  n: number;
}

/** Result of an uncertainty analysis. */
export interface UncertaintyResult {
  edition: number;
  samples: number;
  seed: number;
  nodes: string[];
  units: string[];
  intervals: RankInterval[];
  /** The alternative each replication picked, per input: `choices[input][replication]`. */
  choices: Int32Array[];
}

/**
 * Uncertainty analysis: `samples` Monte Carlo replications of the uncertain choices (each input's
 * alternative drawn uniformly), and per node and unit the nominal rank, the median and the
 * 5 %–95 % interval of the rank (quantiles as R's type 7), the mean, min and max.
 */
export async function uncertaintyAnalysis(setup: ReplicationSetup, options: { samples: number; seed: number }, run: DesignRunner = inlineRunner()): Promise<UncertaintyResult> {
  const d = setup.spec.inputs.length;
  const N = options.samples;
  const design = monteCarloDesign(N, d, options.seed);
  const ranks = await run(setup, design, d, N);
  const rep = new Replicator(setup);
  const nominal = new Float64Array(rep.width);
  rep.runNominal(nominal);
  const U = rep.units.length;
  const nodes = setup.spec.nodes;
  const w = rep.width;
  // ranks are whole numbers 1…U: one pass over the replications counts them per cell, and the
  // quantiles are read off the counts (the order statistics, interpolated as R's type 7)
  const H = U + 1;
  const hist = new Int32Array(w * H);
  for (let r = 0; r < N; r++) {
    const row = r * w;
    for (let k = 0; k < w; k++) {
      const x = ranks[row + k]!;
      if (x === x) hist[k * H + x]!++;
    }
  }
  const intervals: RankInterval[] = [];
  for (let n = 0; n < nodes.length; n++) {
    for (let u = 0; u < U; u++) {
      const k = n * U + u;
      const h = hist.subarray(k * H, (k + 1) * H);
      let m = 0;
      let sum = 0;
      let min = NaN;
      let max = NaN;
      for (let x = 1; x < H; x++) {
        const c = h[x]!;
        if (!c) continue;
        if (min !== min) min = x;
        max = x;
        m += c;
        sum += c * x;
      }
      const q = (p: number): number => quantileOfCounts(h, m, p);
      intervals.push({ node: nodes[n]!, unit: rep.units[u]!, nominal: nominal[k]!, median: q(0.5), q05: q(0.05), q95: q(0.95), mean: m ? sum / m : NaN, min, max, n: m });
    }
  }
  const choices = setup.spec.inputs.map((inp, i) => {
    const c = new Int32Array(N);
    const k = inp.labels.length;
    for (let r = 0; r < N; r++) c[r] = Math.min(k - 1, Math.floor(design[r * d + i]! * k));
    return c;
  });
  return { edition: setup.edition, samples: N, seed: options.seed, nodes: [...nodes], units: [...rep.units], intervals, choices };
}
