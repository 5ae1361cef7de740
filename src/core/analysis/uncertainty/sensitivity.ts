import { mulberry32 } from '../../methods/random.ts';
import { Replicator, type ReplicationSetup } from './replicate.ts';
import { SOBOL_MAX_DIMENSIONS, sobolPoints } from './sobol-sequence.ts';
import { bootstrapRows, sobolIndices, type SobolIndex } from './sobol-indices.ts';
import { inlineRunner, type DesignRunner } from './uncertainty.ts';
import { SpecError } from './spec.ts';

/**
 * The Saltelli design for `d` inputs and base sample `N`: N·(d + 2) rows, in blocks of N —
 * A, B, then A_B^1 … A_B^d (A with column i from B). A and B are the two halves of a 2d-dimensional
 * Sobol sequence (point 0, the origin, skipped) with a random digital shift from the seed, or,
 * with `sampling: 'random'`, independent uniform values from the seed.
 */
export function saltelliDesign(N: number, d: number, seed: number, sampling: 'sobol' | 'random' = 'sobol'): Float64Array {
  const rand = mulberry32(seed >>> 0);
  let AB: Float64Array;
  if (sampling === 'sobol') {
    if (2 * d > SOBOL_MAX_DIMENSIONS) throw new SpecError(`sensitivity: ${d} inputs need a ${2 * d}-dimensional Sobol sequence (at most ${SOBOL_MAX_DIMENSIONS}); use "sampling": "random" or fewer inputs`);
    const shift = new Uint32Array(2 * d);
    for (let i = 0; i < shift.length; i++) shift[i] = Math.floor(rand() * 2 ** 30);
    AB = sobolPoints(N, 2 * d, 1, shift);
  } else {
    AB = new Float64Array(N * 2 * d);
    for (let i = 0; i < AB.length; i++) AB[i] = rand();
  }
  const out = new Float64Array(N * (d + 2) * d);
  for (let j = 0; j < N; j++) {
    const a = AB.subarray(j * 2 * d, j * 2 * d + d);
    const b = AB.subarray(j * 2 * d + d, (j + 1) * 2 * d);
    out.set(a, j * d);
    out.set(b, (N + j) * d);
    for (let i = 0; i < d; i++) {
      const row = ((2 + i) * N + j) * d;
      out.set(a, row);
      out[row + i] = b[i]!;
    }
  }
  return out;
}

/** One Sobol index row: an input, an output (`mean_abs_rank_shift` or a unit's rank), the indices. */
export interface SensitivityRow extends SobolIndex {
  input: string;
  /** `mean_abs_rank_shift`, or the unit code whose rank is explained. */
  target: string;
}

/** Result of a sensitivity analysis. */
export interface SensitivityResult {
  edition: number;
  node: string;
  samples: number;
  runs: number;
  seed: number;
  inputs: string[];
  rows: SensitivityRow[];
  /** Mean absolute rank shift of each run of block A (its distribution). */
  meanShiftA: Float64Array;
}

/**
 * Variance-based sensitivity analysis of the target node's ranks: first-order and total Sobol
 * indices of each uncertain input, with bootstrap intervals, for the mean absolute rank shift
 * (mean over units of |rank − nominal rank|) and for each unit's rank; N·(d + 2) model runs.
 */
export async function sensitivityAnalysis(setupIn: ReplicationSetup, options: { samples: number; seed: number }, run: DesignRunner = inlineRunner()): Promise<SensitivityResult> {
  const spec = setupIn.spec;
  const setup: ReplicationSetup = { ...setupIn, spec: { ...spec, nodes: [spec.target] } };
  const d = spec.inputs.length;
  const N = options.samples;
  const design = saltelliDesign(N, d, options.seed, spec.sampling);
  const rows = N * (d + 2);
  const ranks = await run(setup, design, d, rows);
  const rep = new Replicator(setup);
  const U = rep.units.length;
  const nominal = new Float64Array(U);
  rep.runNominal(nominal);
  // outputs per run: the mean absolute rank shift, then each unit's rank
  const outputs = Array.from({ length: U + 1 }, () => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    let s = 0;
    let m = 0;
    for (let u = 0; u < U; u++) {
      const x = ranks[r * U + u]!;
      outputs[u + 1]![r] = x;
      if (x === x && nominal[u] === nominal[u]) {
        s += Math.abs(x - nominal[u]!);
        m++;
      }
    }
    outputs[0]![r] = m ? s / m : NaN;
  }
  const targets = ['mean_abs_rank_shift', ...rep.units];
  // one set of bootstrap resamples for every output
  const resamples = bootstrapRows(spec.bootstrap, N, (options.seed + 1) >>> 0);
  const out: SensitivityRow[] = [];
  outputs.forEach((y, t) => {
    const yA = y.subarray(0, N);
    const yB = y.subarray(N, 2 * N);
    const yAB = spec.inputs.map((_, i) => y.subarray((2 + i) * N, (3 + i) * N));
    const idx = sobolIndices(yA, yB, yAB, { bootstrap: spec.bootstrap, confidence: spec.confidence, resamples });
    idx.forEach((x, i) => out.push({ input: spec.inputs[i]!.id, target: targets[t]!, ...x }));
  });
  return { edition: setup.edition, node: spec.target, samples: N, runs: rows, seed: options.seed, inputs: spec.inputs.map((i) => i.id), rows: out, meanShiftA: outputs[0]!.slice(0, N) };
}
