/**
 * COINr parity: every pipeline of test/fixtures/coinr/pipelines.csv — run by COINr 1.1.14 itself
 * on COINr's ASEM example (test/fixtures/coinr/make.R) — reproduced by ipindex with the committed
 * recipe test/fixtures/coinr/recipes/<pipeline>.yaml: every data set COINr made (Denominated,
 * Imputed, Screened, Treated, the normalised indicators and the aggregates) cell by cell to 1e-9
 * with the same missing cells, the same units, the ranks exactly (COINr's rank_df), and the
 * points outlier treatment changed. The expected numbers are COINr's, never ipindex's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { importCoinr } from '../src/cli/coinr.ts';
import type { CoinrStep } from '../src/core/formats/coinr/recipe.ts';
import { gunzipSync } from 'node:zlib';
import { parseCsv } from '../src/core/index.ts';
import { asem, compare, hasRecipe, hasSet, pipelines, readSet, recipeOf, runPipeline, type Mismatch } from './coinr-parity-lib.ts';
import type { EvaluationResult } from '../src/core/index.ts';

const ALL = pipelines();
const PANEL = { has: (id: string): boolean => id.startsWith('panel') };

/** Where each COINr data set is in an ipindex result. */
const WHERE: Record<string, (res: EvaluationResult) => (code: string) => ArrayLike<number> | undefined> = {
  Denominated: (res) => (code) => res.denominated?.[code],
  Imputed: (res) => (code) => res.values[code],
  Screened: (res) => (code) => res.values[code],
  Treated: (res) => (code) => res.treated?.[code],
  Aggregated: (res) => (code) => res.scores[code],
};

const show = (m: Mismatch[]): string => m.slice(0, 5).map((x) => `${x.key} ${x.column}: COINr ${x.coinr}, ipindex ${x.ipindex}`).join('; ');

/**
 * COINr's `n_fracmax` is x′/max′ with x′ = d·x. For a larger-is-better indicator with non-negative
 * values that is ipindex's `distance-to-frontier` (scale 1), reproduced to the last bit; for a
 * smaller-is-better one COINr's definition gives x/min — worse units score higher, ±Inf at a zero
 * minimum — which ipindex does not reproduce on purpose (min/x keeps a higher score better; see
 * docs/coinr.md), nor the aggregates above such an indicator. The fracmax pipeline is compared on
 * the cells where the two definitions are the same: these columns.
 */
function fracmaxComparable(res: EvaluationResult): string[] {
  const a = asem();
  const ok = new Set<string>();
  for (const n of a.framework.nodes) {
    if (n.kind === 'aggregate') continue;
    const v = res.values[n.code]!;
    if (n.direction === 1 && !v.some((x) => x < 0)) ok.add(n.code);
  }
  // aggregates deepest first: comparable when every child is
  const aggs = a.framework.nodes.filter((n) => n.kind === 'aggregate').sort((x, y) => y.level - x.level);
  for (const n of aggs) if (n.children.every((c) => ok.has(c))) ok.add(n.code);
  return [...ok];
}

for (const p of ALL) {
  test(`COINr ${p.id}: ${p.description}`, { skip: !hasRecipe(p.id) && 'no recipe' }, () => {
    const res = runPipeline(p.id, PANEL.has(p.id));
    for (const name of p.datasets) {
      const set = readSet(p.id, name);
      const pick = WHERE[name]!(res);
      const { cells, ...cmp } = compare(set, res, pick);
      let mismatches = cmp.mismatches;
      if (p.id === 'fracmax-amean') {
        const columns = fracmaxComparable(res);
        assert.ok(columns.length >= 30 && columns.includes('Physical'), `${columns.length} comparable columns`);
        mismatches = compare(set, res, pick, { columns }).mismatches;
        // the other columns do differ: COINr's x/min for a smaller-is-better indicator
        assert.ok(compare(set, res, pick, { columns: ['Tariff'] }).mismatches.length > 10);
      }
      assert.ok(cells > 1000, `${p.id}/${name}: ${cells} cells compared`);
      assert.equal(mismatches.length, 0, `${p.id}/${name}: ${mismatches.length} of ${cells} cells differ: ${show(mismatches)}`);
    }
    // ranks exactly (COINr's rank_df: rank(-x, ties.method = "min"), ties of equal numbers only)
    const ranks = readSet(p.id, 'ranks');
    const { mismatches } = compare(ranks, res, (c) => res.ranks[c], { exact: true, ...(p.id === 'fracmax-amean' ? { columns: fracmaxComparable(res) } : {}) });
    assert.equal(mismatches.length, 0, `${p.id}/ranks: ${mismatches.length} ranks differ: ${show(mismatches)}`);
  });
}

test('COINr treated points: the cells Treat() winsorised or log-transformed are flagged so', () => {
  let checked = 0;
  // boxcox returns a plain vector in COINr, so its Treated_Points record only the winsorising
  for (const p of ALL.filter((x) => x.datasets.includes('Treated') && x.id !== 'treat-boxcox-minmax-amean')) {
    const res = runPipeline(p.id, PANEL.has(p.id));
    const pts = readText(p.id);
    const U = res.units.length;
    for (const { key, column, mark } of pts) {
      const [year, unit] = key.includes(' ') ? key.split(' ') : [String(res.editions[0]), key];
      const k = res.editions.indexOf(Number(year)) * U + res.units.indexOf(unit!);
      const value = res.values[column]![k]!;
      const flag = res.flags[column]![k] ?? '';
      const expected = /log|boxcox/.test(mark) ? (Number.isFinite(value) ? 'log-transformed' : '') : /win/.test(mark) ? 'winsorised' : '';
      const got = /log-transformed/.test(flag) ? 'log-transformed' : /winsorised/.test(flag) ? 'winsorised' : '';
      assert.equal(got, expected, `${p.id} ${key} ${column}: COINr "${mark}", ipindex flag "${flag}"`);
      if (mark) checked++;
    }
  }
  assert.ok(checked > 300, `${checked} treated points checked`);
});

test('COINr Screen(): the units it removed are the units ipindex screens out, with the warning naming them', () => {
  for (const p of ALL.filter((x) => hasSet(x.id, 'Screened'))) {
    const res = runPipeline(p.id, PANEL.has(p.id));
    const removed = [...new Set(readRemoved(p.id))].sort();
    const screened = res.warnings.find((w) => w.code === 'screened-out');
    assert.deepEqual(screened ? screened.path.split(',').sort() : [], removed, p.id);
    for (const u of removed) assert.ok(!res.units.includes(u), `${p.id}: ${u} left out`);
  }
});

/** treated-points.csv.gz of a pipeline: one entry per cell. */
function readText(pipeline: string): { key: string; column: string; mark: string }[] {
  const text = gunzipSync(readFileSync(new URL(`./fixtures/coinr/${pipeline}/treated-points.csv.gz`, import.meta.url))).toString('utf8');
  const [head, ...rows] = parseCsv(text);
  const timed = head![0] === 'Time';
  const skip = timed ? 2 : 1;
  return rows.flatMap((r) => head!.slice(skip).map((column, i) => ({ key: timed ? `${r[0]} ${r[1]}` : r[0]!, column, mark: r[i + skip]! })));
}

/** removed.csv of a pipeline: the uCodes Screen() removed (of every year of a panel). */
function readRemoved(pipeline: string): string[] {
  const [, ...rows] = parseCsv(readFileSync(new URL(`./fixtures/coinr/${pipeline}/removed.csv`, import.meta.url), 'utf8'));
  return rows.map((r) => r[1]!);
}

test('import coinr writes the recipe that reproduces COINr: the committed defaults, defaults-steps and panel-defaults recipes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-coinr-'));
  try {
    const asemFile = (f: string): string => new URL(`./fixtures/coinr-asem/${f}`, import.meta.url).pathname;
    const cases: [string, string, CoinrStep[] | undefined][] = [
      ['defaults', 'ASEM_iData.csv', undefined],
      ['defaults-steps', 'ASEM_iData.csv', ['denominate', 'impute', 'screen', 'treat']],
      ['panel-defaults', 'ASEM_iData_p.csv', undefined],
    ];
    for (const [id, data, steps] of cases) {
      const out = join(dir, id);
      const r = importCoinr({ idata: asemFile(data), imeta: asemFile('ASEM_iMeta.csv'), out, ...(steps ? { steps } : {}) });
      assert.deepEqual(parseYaml(r.files['recipe.yaml']!), recipeOf(id), `${id}: recipe.yaml is the committed recipe, whose COINr numbers the test above reproduces`);
      // edition = data year: the recipe's first edition is the first data year, dataLag 0
      assert.equal(recipeOf(id).dataLag, 0);
      assert.equal(recipeOf(id).firstEdition, 2018);
    }
    assert.throws(() => importCoinr({ idata: asemFile('ASEM_iData.csv'), imeta: asemFile('ASEM_iMeta.csv'), out: join(dir, 'bad'), steps: ['treat', 'impute'] }), /order denominate → impute → treat/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
