/**
 * One large-panel measurement in its own process, so that its peak memory is its own:
 *   node --import tsx bench/large-panel.ts <units> <runs>
 * Builds a synthetic county panel (bench/county.ts; not timed), then times the cube from the dense
 * arrays, compile, a full run (every score), and reading every rank (ranks are computed when first
 * read). Prints one JSON line.
 */
import { BUILTIN_RECIPES, Cube, compile, type EvaluationResult } from '../src/core/index.ts';
import { countyPanel } from './county.ts';
import { regionalFramework } from './peers/dump.ts';
import { median } from './timing.ts';

const units = Number(process.argv[2] ?? 2844);
const runs = Number(process.argv[3] ?? 3);
const fw = regionalFramework();
const dense = countyPanel({ units, years: 10, seed: 1 });
const afterInput = process.memoryUsage().rss;

/** Reads every rank, so lazily ranked nodes are ranked. */
const touch = (r: EvaluationResult): number => {
  let n = 0;
  for (const code of r.nodes) n += r.ranks[code]!.length;
  return n;
};
let firstPeak = 0;
const cubeT: number[] = [];
const compileT: number[] = [];
const runT: number[] = [];
const rankT: number[] = [];
for (let i = 0; i <= runs; i++) {
  let t = performance.now();
  const cube = Cube.fromDense(dense); // the plan never writes to the cube's values
  const tCube = performance.now() - t;
  t = performance.now();
  const plan = compile(fw, BUILTIN_RECIPES['cnipa-regional']!, cube, { edition: 2025, firstEdition: 2016 });
  const tCompile = performance.now() - t;
  t = performance.now();
  const r = plan.run();
  const tRun = performance.now() - t;
  t = performance.now();
  touch(r);
  const tRanks = performance.now() - t;
  if (i === 0) {
    // what one evaluation in a fresh process needs, before later runs leave garbage behind
    firstPeak = process.resourceUsage().maxRSS / 1024;
    continue; // warm-up
  }
  cubeT.push(tCube);
  compileT.push(tCompile);
  runT.push(tRun);
  rankT.push(tRanks);
}
const cells = dense.units.length * dense.variables.length * dense.years.length;
process.stdout.write(
  JSON.stringify({
    units,
    cells,
    runs,
    cube_ms: median(cubeT),
    compile_ms: median(compileT),
    run_ms: median(runT),
    ranks_ms: median(rankT),
    total_ms: median(cubeT) + median(compileT) + median(runT) + median(rankT),
    input_mb: (dense.values.byteLength / 2 ** 20),
    rss_after_input_mb: afterInput / 2 ** 20,
    peak_mb: firstPeak,
    peak_all_runs_mb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
