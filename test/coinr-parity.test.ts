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
import { compare, hasRecipe, hasSet, pipelines, readSet, recipeOf, runPipeline, type CoinrSet, type Mismatch } from './coinr-parity-lib.ts';
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
 * COINr's `n_fracmax` divides by the best value of d·x: for a smaller-is-better indicator whose
 * minimum is 0 that is x/0, which R gives as Inf (and 0/0 as NaN, which COINr then treats as
 * missing). ipindex never scores ±Inf: those cells are missing, with a warning — and aggregates
 * above such a cell, Inf in COINr, are finite means of the children present here. These cells
 * are the only ones the fracmax pipeline does not reproduce (docs/coinr.md).
 */
function infiniteCells(set: CoinrSet): { indicator: Set<string>; units: Set<string> } {
  const indicator = new Set<string>();
  const units = new Set<string>();
  for (const [key, row] of set.rows) {
    for (const [c, v] of row) {
      if (v !== Infinity && v !== -Infinity) continue;
      indicator.add(`${key} ${c}`);
      units.add(key);
    }
  }
  return { indicator, units };
}

for (const p of ALL) {
  test(`COINr ${p.id}: ${p.description}`, { skip: !hasRecipe(p.id) && 'no recipe' }, () => {
    const res = runPipeline(p.id, PANEL.has(p.id));
    let inf: ReturnType<typeof infiniteCells> | undefined;
    for (const name of p.datasets) {
      const set = readSet(p.id, name);
      const pick = WHERE[name]!(res);
      const { cells, ...cmp } = compare(set, res, pick);
      let mismatches = cmp.mismatches;
      if (p.id === 'fracmax-amean' && name === 'Aggregated') {
        inf = infiniteCells(set);
        const indicators = new Set(res.nodes.filter((n) => res.values[n]));
        for (const m of mismatches) if (inf.indicator.has(`${m.key} ${m.column}`) && indicators.has(m.column)) assert.ok(Number.isNaN(m.ipindex), `${m.key} ${m.column}: COINr Inf, ipindex must leave it missing`);
        // aggregates of a unit with an Inf child: Inf in COINr, finite here
        mismatches = mismatches.filter((m) => !inf!.units.has(m.key) || (indicators.has(m.column) && !inf!.indicator.has(`${m.key} ${m.column}`)));
        assert.ok(inf.indicator.size > 0, 'COINr has Inf cells');
        assert.ok(res.warnings.some((w) => w.code === 'zero-reference' && /fracmax/.test(w.message)), 'the missing cells are named in a warning');
      }
      assert.ok(cells > 1000, `${p.id}/${name}: ${cells} cells compared`);
      assert.equal(mismatches.length, 0, `${p.id}/${name}: ${mismatches.length} of ${cells} cells differ: ${show(mismatches)}`);
    }
    // ranks exactly (COINr's rank_df: rank(-x, ties.method = "min"), ties of equal numbers only)
    const ranks = readSet(p.id, 'ranks');
    let { mismatches } = compare(ranks, res, (c) => res.ranks[c], { exact: true });
    if (inf) mismatches = mismatches.filter((m) => !(inf!.indicator.has(`${m.key} ${m.column}`) || [...inf!.indicator].some((k) => k.endsWith(` ${m.column}`)) || res.values[m.column] === undefined));
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
