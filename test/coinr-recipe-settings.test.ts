/**
 * The recipe settings added for COINr parity, beyond the numbers test/coinr-parity.test.ts checks
 * against COINr: a re-run through the new stages (denomination, row imputation, screening)
 * equals a fresh evaluation; bad settings are refused naming the field and what is valid; the
 * tie rule of ranks; the unit screen on a hand-made case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Panel, RecipeError, compile, evaluate, rankDescending, resolveRecipe, type Recipe } from '../src/core/index.ts';
import { screenUnits } from '../src/core/plan/screen-units.ts';
import { asem, recipeOf } from './coinr-parity-lib.ts';

const same = (a: Float64Array, b: Float64Array, what: string): void => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    assert.ok((Number.isNaN(x) && Number.isNaN(y)) || x === y, `${what}[${i}]: rerun ${x}, fresh ${y}`);
  }
};

for (const [id, code, unit, value] of [
  ['full-build', 'GDP', 'DEU', 1234.5], // a denominator: every indicator divided by GDP follows
  ['irow-minmax-amean', 'Poverty', 'AUT', 2.5], // row imputation: the gaps of AUT's Social pillar follow
  ['irow-minmax-amean', 'Palma', 'BRN', 0.9], // a cell row imputation had filled
] as const) {
  test(`rerun through ${id} (${code} of ${unit} = ${value}) equals a fresh evaluation`, () => {
    const a = asem();
    const recipe = recipeOf(id);
    const plan = compile(a.framework, recipe, a.panel.cube(), { edition: 2018, groupings: a.groupings });
    plan.run();
    const changed = plan.rerun({ values: [{ code, unit, year: 2018, value }] });
    const obs = [...a.panel.observations()].map((o) => (o.unit === unit && o.variable === code && o.year === 2018 ? { ...o, value } : o));
    if (!obs.some((o) => o.unit === unit && o.variable === code)) obs.push({ unit, year: 2018, variable: code, value, source: 'test' } as (typeof obs)[number]);
    const fresh = evaluate(a.framework, new Panel(obs), recipe, { edition: 2018, groupings: a.groupings, units: [...plan.units] });
    for (const n of fresh.nodes) same(changed.scores[n]!, fresh.scores[n]!, `${id} ${n}`);
    for (const n of Object.keys(fresh.values)) same(changed.values[n]!, fresh.values[n]!, `${id} values ${n}`);
    // and the change reached something
    assert.ok(fresh.nodes.some((n) => changed.scores[n]!.some((v, i) => v !== plan.run().scores[n]![i])), 'the change moves a score');
  });
}

test('recipe settings for COINr are checked: each bad one named with what is valid', () => {
  const a = asem();
  const bad = (patch: Record<string, unknown>, field: RegExp, message: RegExp): void => {
    const r = { id: 'x', normalisation: { method: 'minmax' }, ...patch };
    try {
      resolveRecipe(r, a.framework);
      assert.fail(`accepted ${JSON.stringify(patch)}`);
    } catch (e) {
      assert.ok(e instanceof RecipeError, String(e));
      assert.ok(e.problems.some((p) => field.test(p.field ?? '') && message.test(p.message)), `${JSON.stringify(patch)}: ${JSON.stringify(e.problems)}`);
    }
  };
  bad({ ranking: { ties: 'loose' } }, /^ranking\.ties$/, /must be tolerant or exact/);
  bad({ ranking: { tie: 'exact' } }, /^ranking\.tie$/, /did you mean ties/);
  bad({ denominate: { byIndicator: { Nope: 'GDP' } } }, /denominate\.byIndicator\.Nope/, /unknown indicator Nope/);
  bad({ denominate: { byIndicator: { Goods: 'GDP' }, scale: { Goods: 0 } } }, /denominate\.scale\.Goods/, /> 0/);
  bad({ denominate: { byIndicator: { Goods: 'GDP' }, scale: { FDI: 2 } } }, /denominate\.scale\.FDI/, /no denominator/);
  bad({ units: { screen: { by: 'holes' } } }, /units\.screen\.by/, /missing, zeros or missing-and-zeros/);
  bad({ units: { screen: { by: 'missing', minData: 1.5 } } }, /units\.screen\.minData/, /between 0 and 1/);
  bad({ units: { screen: { by: 'missing', stage: 'treated' } } }, /units\.screen\.stage/, /raw or imputed/);
  bad({ aggregation: { minData: -0.1 } }, /aggregation\.minData/, /dat_thresh/);
  bad({ missing: { byRow: { method: 'mode' } } }, /missing\.byRow\.method/, /mean or median/);
  bad({ missing: { byRow: { level: 3 } } }, /missing\.byRow\.level/, /0 \(the root\) to 2/);
  bad({ treatment: { method: 'winsorise', fallback: 'sqrt' } }, /treatment\.fallback/, /log, log_CT, log_CT_plus, log_CT_orig, boxcox or none/);
  bad({ treatment: { method: 'winsorise', fallback: 'boxcox' } }, /treatment\.lambda/, /needs lambda/);
  bad({ treatment: { method: 'winsorise', byIndicator: { Goods: { winmax: 1 } } } }, /treatment\.byIndicator\.Goods\.winmax/, /valid here: method, winMax/);
  bad({ normalisation: { method: 'rank', params: { ties: 'first' } } }, /normalisation/, /ties must be one of average, min, max/);
  bad({ aggregation: { method: 'arithmetic', params: { exactSum: 2 } } }, /aggregation/, /exactSum must be 0 or 1/);
  // a denominator the data lacks is refused when the plan is made, naming the way out
  const r: Recipe = { ...recipeOf('minmax-amean'), denominate: { byIndicator: { Goods: 'World_GNI' } } };
  assert.throws(() => compile(a.framework, r, a.panel.cube(), { edition: 2018 }), (e: unknown) => e instanceof RecipeError && /World_GNI is neither a variable of the data nor an indicator/.test(JSON.stringify((e as RecipeError).problems)));
});

test('ranks: tolerant ties (default) join 5.1 and 5.1000000000000005; exact ties, as COINr, do not', () => {
  assert.deepEqual(rankDescending([5.1, 5.1000000000000005, 4]), [1, 1, 3]);
  assert.deepEqual(rankDescending([5.1, 5.1000000000000005, 4], { ties: 'exact' }), [2, 1, 3]);
  assert.deepEqual(rankDescending([5.1, 5.1, 4], { ties: 'exact' }), [1, 1, 3]);
});

test('units.screen by hand: shares of indicators present and of non-zero values, include and exclude', () => {
  // A: 3 of 3 present, one zero (non-zero 2/3); B: 1 of 3 present (1/3); C: 2 of 3, all zero
  const data: Record<string, (number | null)[]> = { A: [1, 0, 2], B: [5, null, null], C: [0, 0, null] };
  const codes = ['x', 'y', 'z'];
  const valueOf = (i: string, u: string): number => data[u]![codes.indexOf(i)] ?? NaN;
  const run = (s: Parameters<typeof screenUnits>[4]) => screenUnits(['A', 'B', 'C'], codes, [2020], valueOf, s);
  assert.deepEqual(run({ by: 'missing' }).kept, ['A', 'C']); // B 1/3 < 2/3
  assert.deepEqual(run({ by: 'zeros', minNonZero: 0.5 }).kept, ['A', 'B']); // C 0 non-zero of 2
  assert.deepEqual(run({ by: 'missing-and-zeros', minNonZero: 0.5 }).kept, ['A']);
  assert.deepEqual(run({ by: 'missing-and-zeros', minNonZero: 0.5, include: ['B'], exclude: ['A'] }).kept, ['B']);
  const removed = run({ by: 'missing' }).removed[0]!;
  assert.equal(removed.unit, 'B');
  assert.ok(Math.abs(removed.dataShare - 1 / 3) < 1e-15);
});
