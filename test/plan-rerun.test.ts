/**
 * plan.rerun gives exactly the result of a fresh evaluation of the changed inputs: random value,
 * weight and bound changes (seeded), on the regional and national sample and on recipes with
 * data-driven weights, treatment and other imputation steps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_RECIPES, Panel, compile, evaluate, mulberry32, parseFramework, parseTidyCsv, RecipeError, type CellChange, type Framework, type Observation, type Recipe } from '../src/core/index.ts';
import { loadRegistry } from '../src/io/index.ts';
import { resultToJson } from './regression-cases.ts';

const read = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');
const fw = (name: string): Framework => parseFramework(read(`../frameworks/${name}.yaml`), `${name}.yaml`);
const registry = loadRegistry();
const regionalObs = parseTidyCsv(read('../data/sample/regional.csv'), { registry });
const nationalObs = parseTidyCsv(read('../data/sample/national.csv'), { registry });
const R = fw('cnipa-regional-2025');
const N = fw('cnipa-national-2025');

const rng = mulberry32;

/** Observations with the changes applied (a changed cell that was absent is added). */
function applyChanges(obs: Observation[], changes: CellChange[]): Panel {
  const p = new Panel(obs);
  for (const c of changes) p.add({ unit: c.unit, year: c.year, variable: c.code, value: c.value });
  return p;
}

const same = (got: unknown, exp: unknown, what: string): void => {
  const g = JSON.parse(JSON.stringify(resultToJson(got as never))) as Record<string, unknown>;
  const e = JSON.parse(JSON.stringify(resultToJson(exp as never))) as Record<string, unknown>;
  for (const k of ['values', 'scores', 'ranks', 'flags', 'bounds', 'weights', 'warnings', 'units', 'editions']) assert.deepEqual(g[k], e[k], `${what}: ${k} differs`);
};

const CASES: { id: string; f: Framework; obs: Observation[]; recipe: Recipe; vars: string[] }[] = [
  { id: 'regional', f: R, obs: regionalObs, recipe: BUILTIN_RECIPES['cnipa-regional']!, vars: ['R18', 'POP', 'GDP', 'R01', 'R40', 'R59'] },
  { id: 'national', f: N, obs: nationalObs, recipe: BUILTIN_RECIPES['cnipa-national']!, vars: ['N01', 'N26', 'N37', 'N80'] },
  {
    id: 'regional entropy + winsorise + interpolate',
    f: R,
    obs: regionalObs,
    recipe: { ...BUILTIN_RECIPES['cnipa-regional']!, id: 'x', weights: { scheme: 'entropy', set: { P1: 0.25, P2: 0.5, P3: 0.25 } }, treatment: { method: 'winsorise' }, missing: { steps: ['interpolate', 'carry-forward', 'indicator-mean'] } },
    vars: ['R18', 'POP', 'R05', 'R69', 'PREF_CITIES'],
  },
];

for (const c of CASES) {
  test(`rerun = fresh evaluate for random value changes (${c.id})`, () => {
    const plan = compile(c.f, c.recipe, new Panel(c.obs).cube(), { edition: 2025 });
    const base = plan.run();
    const next = rng(7);
    for (let trial = 0; trial < 6; trial++) {
      const changes: CellChange[] = [];
      const k = 1 + Math.floor(next() * 4);
      for (let i = 0; i < k; i++) {
        const code = c.vars[Math.floor(next() * c.vars.length)]!;
        const unit = plan.units[Math.floor(next() * plan.units.length)]!;
        const year = base.dataYears[Math.floor(next() * base.dataYears.length)]!;
        const old = new Panel(c.obs).value(unit, code, year) ?? 100;
        // scale up or down, sometimes past the old extremes; sometimes make it missing
        const value = next() < 0.15 ? null : old * (0.2 + next() * 3);
        changes.push({ code, unit, year, value });
      }
      const fresh = evaluate(c.f, applyChanges(c.obs, changes), c.recipe, { edition: 2025, units: [...plan.units] });
      same(plan.rerun({ values: changes }), fresh, `${c.id} trial ${trial} ${JSON.stringify(changes)}`);
    }
    // the plan's own state is not changed by re-runs
    same(plan.run(), base, `${c.id} after re-runs`);
  });

  test(`rerun = fresh evaluate for random weight and bound changes (${c.id})`, () => {
    const plan = compile(c.f, c.recipe, new Panel(c.obs).cube(), { edition: 2025 });
    const base = plan.run();
    const next = rng(11);
    const nonRoot = c.f.nodes.filter((n) => n.parent !== null);
    const bounded = Object.keys(base.bounds);
    for (let trial = 0; trial < 5; trial++) {
      const weights: Record<string, number> = {};
      for (let i = 0; i < 3; i++) weights[nonRoot[Math.floor(next() * nonRoot.length)]!.code] = Math.round(next() * 100) / 10;
      const resolved = plan.recipe;
      const fresh = evaluate(c.f, new Panel(c.obs), { ...resolved, weights: { ...resolved.weights, set: { ...resolved.weights.set, ...weights } } }, { edition: 2025, units: [...plan.units] });
      same(plan.rerun({ weights }), fresh, `${c.id} weights ${JSON.stringify(weights)}`);
      if (!bounded.length) continue;
      const bounds: Record<string, [number, number]> = {};
      for (let i = 0; i < 2; i++) {
        const code = bounded[Math.floor(next() * bounded.length)]!;
        const [lo, hi] = base.bounds[code]!;
        bounds[code] = [lo - next() * (hi - lo), hi + next() * (hi - lo)];
      }
      const fixed: Recipe = { ...resolved, normalisation: { ...resolved.normalisation, scope: 'fixed', bounds: { ...base.bounds, ...bounds } } };
      const freshB = evaluate(c.f, new Panel(c.obs), fixed, { edition: 2025, units: [...plan.units] });
      const got = plan.rerun({ bounds });
      const g = resultToJson(got) as Record<string, unknown>;
      const f = resultToJson(freshB) as Record<string, unknown>;
      for (const k of ['values', 'scores', 'ranks', 'bounds', 'weights']) assert.deepEqual(g[k], f[k], `${c.id} bounds ${k}`);
    }
  });
}

test('rerun of one edition equals that edition of the full re-run, for new weights and new values', () => {
  const plan = compile(R, BUILTIN_RECIPES['cnipa-regional']!, new Panel(regionalObs).cube(), { edition: 2025 });
  const changes = { weights: { P1: 0.4, G11: 3 }, values: [{ code: 'R18', unit: '440000', year: 2024, value: 1 }] };
  for (const ch of [{ weights: changes.weights }, changes, {}]) {
    const full = plan.rerun(ch);
    const one = plan.rerun({ ...ch, editions: [2025] });
    const e = full.editions.indexOf(2025);
    const U = full.units.length;
    assert.deepEqual(one.editions, [2025]);
    assert.deepEqual(one.dataYears, [2024]);
    for (const code of full.nodes) {
      assert.deepEqual(Array.from(one.scores[code]!), Array.from(full.scores[code]!.subarray(e * U, (e + 1) * U)), `${code} scores`);
      assert.deepEqual(Array.from(one.ranks[code]!), Array.from(full.ranks[code]!.subarray(e * U, (e + 1) * U)), `${code} ranks`);
    }
  }
});

test('a raw change reaches the derived indicators that read it, and only their ancestors', () => {
  const plan = compile(R, BUILTIN_RECIPES['cnipa-regional']!, new Panel(regionalObs).cube(), { edition: 2025 });
  const base = plan.run();
  const r = plan.rerun({ values: [{ code: 'POP', unit: '460000', year: 2024, value: 1 }] });
  const perCapita = R.nodes.filter((n) => n.kind === 'derived' && /\bPOP\b/.test(n.formula ?? '')).map((n) => n.code);
  assert.ok(perCapita.length >= 3, 'the framework has per-capita indicators');
  const U = r.units.length;
  const k = (r.editions.length - 1) * U + r.units.indexOf('460000');
  for (const code of perCapita) assert.notEqual(r.values[code]![k], base.values[code]![k], `${code} follows POP`);
  // an indicator that does not read POP is the very same array (reused, not recomputed)
  const other = R.nodes.find((n) => n.kind === 'raw')!.code;
  assert.equal(r.scores[other], base.scores[other]);
});

test('a derived indicator can be set directly: its computed value is replaced, then imputed and scored as usual', () => {
  const plan = compile(R, BUILTIN_RECIPES['cnipa-regional']!, new Panel(regionalObs).cube(), { edition: 2025 });
  const base = plan.run();
  const U = base.units.length;
  const u = base.units.indexOf('630000');
  const e = base.editions.length - 1;
  const top = Math.max(...Array.from(base.values.R60!).filter(Number.isFinite));
  const r = plan.rerun({ values: [{ code: 'R60', unit: '630000', year: 2024, value: top * 2 }] });
  assert.equal(r.values.R60![e * U + u], top * 2);
  // the new maximum of the pooled bounds: it scores the top of the efficacy scale, 60 + 40 = 100
  assert.equal(r.scores.R60![e * U + u], 100);
  assert.deepEqual(r.bounds.R60, [base.bounds.R60![0], top * 2]);
});

test('rerun refuses changes that do not fit the plan, naming them', () => {
  const plan = compile(R, BUILTIN_RECIPES['cnipa-regional']!, new Panel(regionalObs).cube(), { edition: 2025 });
  assert.throws(() => plan.rerun({ values: [{ code: 'XX9', unit: '440000', year: 2024, value: 1 }] }), (e: unknown) => e instanceof RecipeError && /XX9 is neither an indicator/.test(e.message));
  assert.throws(() => plan.rerun({ values: [{ code: 'R18', unit: '999999', year: 2024, value: 1 }] }), /unit 999999 is not in the run/);
  assert.throws(() => plan.rerun({ values: [{ code: 'R18', unit: '440000', year: 2031, value: 1 }] }), /data year 2031 is outside the run's years/);
  assert.throws(() => plan.rerun({ weights: { RIDX: 2 } }), /weight for RIDX, which is not a node below the root/);
  assert.throws(() => plan.rerun({ weights: { P1: -1 } }), /weight of P1 must be a number ≥ 0/);
  assert.throws(() => plan.rerun({ bounds: { R01: [5, 1] } }), /bounds of R01 must be \[low, high\] with low < high/);
  assert.throws(() => plan.rerun({ editions: [2019] }), /edition 2019 is not in the run \(editions 2021–2025\)/);
});

test('ranks, flags and warnings are made when read, yet behave as plain properties', () => {
  const plan = compile(R, BUILTIN_RECIPES['cnipa-regional']!, new Panel(regionalObs).cube(), { edition: 2025 });
  const r = plan.rerun({ weights: { P1: 0.4 }, editions: [2024, 2025] });
  assert.deepEqual(Object.keys(r.ranks), R.nodes.map((n) => n.code));
  assert.deepEqual(Object.keys(r.flags), R.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code));
  assert.ok(Object.keys(r).includes('warnings'));
  const first = r.ranks.RIDX!;
  assert.equal(r.ranks.RIDX, first, 'read twice, the same array');
  assert.equal(first.length, 2 * r.units.length);
  // a plain copy and JSON see every property
  const copy = { ...r.ranks };
  assert.equal(Object.keys(copy).length, R.nodes.length);
  const json = JSON.parse(JSON.stringify({ flags: r.flags, warnings: r.warnings })) as { flags: Record<string, unknown[]>; warnings: unknown[] };
  assert.equal(json.flags.R01!.length, 2 * r.units.length);
  assert.ok(Array.isArray(json.warnings));
  r.ranks.RIDX = new Float64Array(0);
  assert.equal(r.ranks.RIDX.length, 0, 'and can be replaced like a plain property');
});
