/**
 * Checks the numpy peer against ipindex: dumps the regional sample, runs regional.py, runs
 * evaluate() with the built-in recipe cnipa-regional on the same data, and asserts that every
 * score of every node × edition × unit agrees to 1e-9 (missing where ipindex's is missing) and
 * that every rank is equal.
 *
 *   node --import tsx bench/peers/check.ts [--county <units>]
 *
 * `--county N` also checks a synthetic county panel of N units (bench/county.ts, editions 2016–2025).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILTIN_RECIPES, Panel, evaluate, type EvaluationResult, type Observation } from '../../src/core/index.ts';
import { countyObservations, countyPanel } from '../county.ts';
import { dumpInputs, regionalFramework, sampleInput, sampleObservations, type DenseInput } from './dump.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The peer script. */
export const PEER_SCRIPT = join(HERE, 'regional.py');

interface PeerScores {
  editions: number[];
  units: string[];
  nodes: string[];
  scores: Record<string, (number | null)[][]>;
  ranks: Record<string, (number | null)[][]>;
}

/** What to check: the regional sample (default) or a synthetic county panel of `county` units. */
export interface CheckOptions {
  county?: number;
  seed?: number;
  /** Python interpreter (default `python3`, or $PYTHON). */
  python?: string;
  /** Allowed absolute difference of a score (default 1e-9). */
  tolerance?: number;
}

/** Runs the peer on a dump folder; returns its timing line and (unless `scores` is false) its scores. */
export function runPeer(dir: string, runs = 1, python = process.env.PYTHON ?? 'python3', scores = true): { timing: Record<string, unknown>; scores?: PeerScores } {
  const out = join(dir, 'peer-scores.json');
  const line = execFileSync(python, [PEER_SCRIPT, dir, '--runs', String(runs), ...(scores ? ['--scores', out] : [])], { encoding: 'utf8' });
  const timing = JSON.parse(line.trim().split('\n').pop()!) as Record<string, unknown>;
  return scores ? { timing, scores: JSON.parse(readFileSync(out, 'utf8')) as PeerScores } : { timing };
}

/**
 * Compares the peer's scores with ipindex's. Throws on the first kind of disagreement (with up to
 * five examples); returns the largest absolute score difference.
 */
export function compareScores(res: EvaluationResult, peer: PeerScores, tolerance = 1e-9): number {
  const fail = (what: string, list: string[]): never => {
    throw new Error(`numpy peer disagrees with ipindex: ${what} (${list.length} cells, e.g. ${list.slice(0, 5).join('; ')})`);
  };
  if (peer.units.join() !== res.units.join()) fail('units differ', [`peer ${peer.units.slice(0, 5).join(',')}…`, `ipindex ${res.units.slice(0, 5).join(',')}…`]);
  if (peer.editions.join() !== res.editions.join()) fail('editions differ', [peer.editions.join(','), res.editions.join(',')]);
  if (peer.nodes.join() !== res.nodes.join()) fail('nodes differ', [peer.nodes.join(',')]);
  const U = res.units.length;
  let max = 0;
  const off: string[] = [];
  const rankOff: string[] = [];
  for (const node of res.nodes) {
    const s = res.scores[node]!;
    const r = res.ranks[node]!;
    res.editions.forEach((ed, e) => {
      for (let u = 0; u < U; u++) {
        const a = s[e * U + u]!;
        const b = peer.scores[node]![e]![u] ?? NaN;
        const where = `${node} ${ed} ${res.units[u]}: ipindex ${a}, peer ${b}`;
        if (Number.isNaN(a) !== Number.isNaN(b)) off.push(where);
        else if (!Number.isNaN(a)) {
          const d = Math.abs(a - b);
          if (d > max) max = d;
          if (!(d <= tolerance)) off.push(where);
        }
        const ra = r[e * U + u]!;
        const rb = peer.ranks[node]![e]![u] ?? NaN;
        if (!(ra === rb || (Number.isNaN(ra) && Number.isNaN(rb)))) rankOff.push(`${node} ${ed} ${res.units[u]}: rank ${ra} vs ${rb}`);
      }
    });
  }
  if (off.length) fail(`scores differ by more than ${tolerance} or in being missing`, off);
  if (rankOff.length) fail('ranks differ', rankOff);
  return max;
}

/**
 * Dumps the inputs into `dir`, runs the numpy peer there and ipindex's evaluate() on the same
 * data, and asserts they agree (scores to 1e-9, ranks exactly).
 * @returns the largest absolute score difference
 * @throws Error naming the cells that disagree
 */
export function checkPeer(dir: string, options: CheckOptions = {}): number {
  const fw = regionalFramework();
  const recipe = BUILTIN_RECIPES['cnipa-regional']!;
  let input: DenseInput;
  let observations: Iterable<Observation>;
  let firstEdition: number;
  if (options.county) {
    input = countyPanel({ units: options.county, years: 10, seed: options.seed ?? 1 });
    observations = countyObservations(input);
    firstEdition = 2016;
  } else {
    input = sampleInput(fw);
    observations = sampleObservations();
    firstEdition = 2021;
  }
  dumpInputs(dir, input, fw, { recipe, firstEdition, edition: 2025 });
  const { scores } = runPeer(dir, 1, options.python);
  if (!scores) throw new Error('the numpy peer wrote no scores');
  const res = evaluate(fw, new Panel(observations), recipe, { edition: 2025, firstEdition });
  return compareScores(res, scores, options.tolerance);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const ci = args.indexOf('--county');
  const cases: { name: string; county?: number }[] = [{ name: 'regional sample (31 provinces, editions 2021–2025)' }];
  if (ci >= 0) cases.push({ name: `county panel (${Number(args[ci + 1] ?? 300)} units, editions 2016–2025)`, county: Number(args[ci + 1] ?? 300) });
  for (const c of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'ipindex-peer-'));
    try {
      const d = checkPeer(dir, c.county ? { county: c.county } : {});
      process.stdout.write(`${c.name}: numpy peer agrees with ipindex; max abs score difference ${d}; ranks equal\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
