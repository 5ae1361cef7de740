/**
 * Helpers of test/coinr-parity.test.ts: COINr-made data sets (test/fixtures/coinr/, written by
 * make.R with COINr 1.1.14) read back, ipindex run on the same ASEM inputs with a committed
 * recipe, and the two compared cell by cell — numbers to 1e-9, the missing pattern exactly,
 * ranks exactly.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { Panel, buildGroupings, evaluate, parseCsv, type EvaluationResult, type Recipe } from '../src/core/index.ts';
import { coinrToFramework, coinrToObservations } from '../src/core/formats/coinr.ts';

const FIX = new URL('./fixtures/coinr/', import.meta.url);
const ASEM = new URL('./fixtures/coinr-asem/', import.meta.url);

/** A COINr data set: rows keyed `uCode` (or `Time uCode`), columns by iCode; NaN = NA. */
export interface CoinrSet {
  columns: string[];
  rows: Map<string, Map<string, number>>;
}

/** Reads `<pipeline>/<name>.csv.gz` (or `.csv`). */
export function readSet(pipeline: string, name: string): CoinrSet {
  let text: string;
  try {
    text = gunzipSync(readFileSync(new URL(`${pipeline}/${name}.csv.gz`, FIX))).toString('utf8');
  } catch {
    text = readFileSync(new URL(`${pipeline}/${name}.csv`, FIX), 'utf8');
  }
  const [head, ...body] = parseCsv(text);
  const timed = head![0] === 'Time';
  const key = (r: string[]): string => (timed ? `${r[0]} ${r[1]}` : r[0]!);
  const skip = timed ? 2 : 1;
  const columns = head!.slice(skip);
  const rows = new Map<string, Map<string, number>>();
  for (const r of body) {
    const m = new Map<string, number>();
    columns.forEach((c, i) => {
      const v = r[i + skip]!;
      m.set(c, v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : v === 'NA' || v === 'NaN' ? NaN : Number(v));
    });
    rows.set(key(r), m);
  }
  return { columns, rows };
}

/** Whether a pipeline has a data set. */
export function hasSet(pipeline: string, name: string): boolean {
  try {
    readFileSync(new URL(`${pipeline}/${name}.csv.gz`, FIX));
    return true;
  } catch {
    return false;
  }
}

/** The pipelines make.R wrote: id, description, data sets. */
export function pipelines(): { id: string; description: string; datasets: string[] }[] {
  const [, ...rows] = parseCsv(readFileSync(new URL('pipelines.csv', FIX), 'utf8'));
  return rows.map((r) => ({ id: r[0]!, description: r[1]!, datasets: r[2]!.split(' ') }));
}

/** The committed ipindex recipe of a pipeline. */
export function recipeOf(pipeline: string): Recipe {
  return parseYaml(readFileSync(new URL(`recipes/${pipeline}.yaml`, FIX), 'utf8')) as Recipe;
}

/** Whether a pipeline has a committed recipe. */
export function hasRecipe(pipeline: string): boolean {
  try {
    readFileSync(new URL(`recipes/${pipeline}.yaml`, FIX));
    return true;
  } catch {
    return false;
  }
}

const asemCache = new Map<string, ReturnType<typeof loadAsem>>();
function loadAsem(dataFile: string) {
  const table = (name: string): string[][] => parseCsv(readFileSync(new URL(name, ASEM), 'utf8'));
  const fw = coinrToFramework(table('ASEM_iMeta.csv'), { file: 'ASEM_iMeta.csv' });
  const data = coinrToObservations(table(dataFile), { file: dataFile, meta: fw });
  const extra = extraObservations();
  const panel = new Panel([...data.observations, ...extra]);
  const groupings = data.groupings ? buildGroupings(data.groupings) : [];
  return { framework: fw.framework, panel, groupings, years: data.years };
}
/** The WorldDenoms columns as variables `World_GDP`, `World_Population`, `World_Area` (2018). */
function extraObservations() {
  const [head, ...rows] = parseCsv(readFileSync(new URL('WorldDenoms-ASEM.csv', FIX), 'utf8'));
  const out: { unit: string; year: number; variable: string; value: number; source: string }[] = [];
  for (const r of rows) for (let i = 1; i < head!.length; i++) for (const year of [2018]) out.push({ unit: r[0]!, year, variable: `World_${head![i]}`, value: Number(r[i]), source: 'WorldDenoms-ASEM.csv' });
  return out;
}

/** The ASEM inputs as ipindex reads them (single year, or the panel). */
export function asem(panel = false) {
  const f = panel ? 'ASEM_iData_p.csv' : 'ASEM_iData.csv';
  let hit = asemCache.get(f);
  if (!hit) asemCache.set(f, (hit = loadAsem(f)));
  return hit;
}

/** Runs a pipeline's recipe on ASEM: every edition (= data year) of the data. */
export function runPipeline(pipeline: string, panel = false): EvaluationResult {
  const a = asem(panel);
  const recipe = recipeOf(pipeline);
  const last = Math.max(...a.years);
  return evaluate(a.framework, a.panel, recipe, { edition: last, groupings: a.groupings });
}

/** One mismatch of a comparison. */
export interface Mismatch {
  key: string;
  column: string;
  coinr: number;
  ipindex: number;
}

/**
 * Compares a COINr data set with an ipindex record (code → edition-major values): every cell of
 * every column COINr has for the units of `units` (default: all of COINr's rows), NA against a
 * missing value, numbers within `tol` (absolute, or relative for |x| > 1), exactly when `exact`.
 * COINr rows absent from ipindex's run, and ipindex units absent from COINr, are mismatches.
 */
export function compare(set: CoinrSet, res: EvaluationResult, pick: (code: string) => ArrayLike<number> | undefined, options: { tol?: number; exact?: boolean; columns?: string[] } = {}): { mismatches: Mismatch[]; cells: number; maxDiff: number } {
  const tol = options.tol ?? 1e-9;
  const U = res.units.length;
  const mismatches: Mismatch[] = [];
  let cells = 0;
  let maxDiff = 0;
  const timed = [...set.rows.keys()][0]!.includes(' ');
  const seen = new Set<string>();
  for (const [key, row] of set.rows) {
    const [year, unit] = timed ? key.split(' ') : [String(res.editions[res.editions.length - 1]), key];
    const e = res.editions.indexOf(Number(year));
    const u = res.units.indexOf(unit!);
    seen.add(`${e} ${u}`);
    for (const column of options.columns ?? set.columns) {
      const arr = pick(column);
      if (!arr) continue;
      const c = row.get(column)!;
      const x = e < 0 || u < 0 ? NaN : arr[e * U + u]!;
      cells++;
      const bothMissing = !Number.isFinite(c) && !Number.isFinite(x);
      if (bothMissing) continue;
      const d = Math.abs(c - x) / Math.max(1, Math.abs(c));
      if (Number.isFinite(d)) maxDiff = Math.max(maxDiff, d);
      if (!(options.exact ? c === x : d <= tol)) mismatches.push({ key, column, coinr: c, ipindex: x });
    }
  }
  for (let e = 0; e < res.editions.length; e++)
    for (let u = 0; u < U; u++) if (!seen.has(`${e} ${u}`) && (timed || e === res.editions.length - 1)) mismatches.push({ key: `${res.editions[e]} ${res.units[u]}`, column: '(unit)', coinr: NaN, ipindex: 0 });
  return { mismatches, cells, maxDiff };
}
