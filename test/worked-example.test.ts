/**
 * A small worked example for each built-in recipe type, with expected scores computed by hand
 * (the arithmetic is written out next to each literal). Fixture: test/fixtures/worked/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, cell, resolveRecipe, summarise, BUILTIN_RECIPES } from '../src/core/index.ts';
import { close, fixture, panelOf, worked } from './helpers.ts';

const efficacyRecipe = { ...JSON.parse(fixture('worked/recipe-efficacy.json')) };

test('efficacy coefficient, pooled bounds, 0.25/0.75 weights: hand-computed scores', () => {
  const res = evaluate(worked(), panelOf(fixture('worked/data.csv')), efficacyRecipe, { edition: 2025 });
  assert.deepEqual(res.editions, [2024, 2025]);
  assert.deepEqual(res.dataYears, [2023, 2024]);
  const s = (node: string, ed: number, u: string) => cell(res, node, ed, u).score;
  // X1 pooled over 2023–2024: L = 10, U = 60 → 60 + 40·(x − 10)/50
  close(s('X1', 2024, 'U1'), 60, 1e-12, 'X1 U1 2024'); // x = 10
  close(s('X1', 2025, 'U1'), 68, 1e-12, 'X1 U1 2025'); // x = 20 → 60 + 40·10/50
  close(s('X1', 2025, 'U3'), 100, 1e-12, 'X1 U3 2025'); // x = 60
  // X2 smaller is better: L = 6, U = 16 → 60 + 40·(16 − x)/10
  close(s('X2', 2024, 'U1'), 76, 1e-12, 'X2 U1 2024'); // x = 12
  close(s('X2', 2025, 'U2'), 100, 1e-12, 'X2 U2 2025'); // x = 6
  close(s('X2', 2024, 'U3'), 60, 1e-12, 'X2 U3 2024'); // x = 16
  // X3: U3 2024 missing → 300 carried forward from 2023, flagged; L = 100, U = 300
  assert.equal(cell(res, 'X3', 2025, 'U3').flag, 'carried-forward:2023');
  close(cell(res, 'X3', 2025, 'U3').value, 300, 0, 'X3 U3 2025 value');
  close(s('X3', 2025, 'U1'), 70, 1e-12, 'X3 U1 2025'); // x = 150 → 60 + 40·50/200
  // X4 = X3 / POP (derived); U3 2024 cannot be derived (X3 missing) → the derived 2023 value 1.5 is carried
  close(cell(res, 'X4', 2024, 'U2').value, 0.5, 1e-15, 'X4 U2 2023 = 200/400');
  close(cell(res, 'X4', 2025, 'U3').value, 1.5, 1e-15, 'X4 U3 carried (not 300/250)');
  close(s('X4', 2024, 'U1'), 80, 1e-12, 'X4 U1 2024'); // x = 1.0, L = 0.5, U = 1.5
  // X5: U3 has no value in any year → dropped, B renormalised over X3 and X4
  assert.equal(cell(res, 'X5', 2025, 'U3').flag, 'missing');
  assert.equal(cell(res, 'X5', 2025, 'U3').score, null);
  // pillars and index
  // 2024: U1 A = (60+76)/2 = 68, B = (60+80+80)/3 = 73.33…, index = 0.25·68 + 0.75·73.33… = 72
  close(s('A', 2024, 'U1'), 68, 1e-12, 'A U1 2024');
  close(s('B', 2024, 'U1'), 220 / 3, 1e-12, 'B U1 2024');
  close(s('ROOT', 2024, 'U1'), 72, 1e-12, 'index U1 2024');
  // U2 2024: A = (76+92)/2 = 84, B = (80+60+60)/3 = 66.67, index = 21 + 50 = 71
  close(s('ROOT', 2024, 'U2'), 71, 1e-12, 'index U2 2024');
  // U3 2024: A = (92+60)/2 = 76, B = (100+100)/2 = 100, index = 19 + 75 = 94
  close(s('ROOT', 2024, 'U3'), 94, 1e-12, 'index U3 2024');
  // 2025: U1 A = (68+84)/2 = 76, B = (70+100+100)/3 = 90 → 19 + 67.5 = 86.5
  close(s('ROOT', 2025, 'U1'), 86.5, 1e-12, 'index U1 2025');
  // U2: A = (84+100)/2 = 92, B = (80+60+60)/3 → 23 + 50 = 73
  close(s('ROOT', 2025, 'U2'), 73, 1e-12, 'index U2 2025');
  // U3: A = (100+68)/2 = 84, B = (100+100)/2 → 21 + 75 = 96
  close(s('ROOT', 2025, 'U3'), 96, 1e-12, 'index U3 2025');
  assert.deepEqual(['U1', 'U2', 'U3'].map((u) => cell(res, 'ROOT', 2025, u).rank), [2, 3, 1]);
  assert.ok(res.warnings.some((w) => w.code === 'carried-forward' && w.path === 'X3'));
  assert.ok(res.warnings.some((w) => w.code === 'missing-dropped' && w.path === 'X5'));
});

test('base-year ratio (2021 = 100), leaf-count weights: hand-computed national series', () => {
  const recipe = JSON.parse(fixture('worked/recipe-base.json'));
  const res = evaluate(worked(), panelOf(fixture('worked/national.csv')), recipe, { edition: 2023 });
  const s = (node: string, ed: number) => cell(res, node, ed, 'CN').score;
  // X1: 50 → 60 → 75: 100, 120, 150
  close(s('X1', 2022), 120, 1e-12, 'X1 2022');
  close(s('X1', 2023), 150, 1e-12, 'X1 2023');
  // X2 smaller is better: 100·20/16 = 125, 100·20/25 = 80
  close(s('X2', 2022), 125, 1e-12, 'X2 2022');
  close(s('X2', 2023), 80, 1e-12, 'X2 2023');
  // X3: 200, 210, (210 carried): 100, 105, 105; X4 = X3/POP: 2, 2.1, (2.1 carried): 100, 105, 105
  close(s('X3', 2023), 105, 1e-12, 'X3 2023');
  close(s('X4', 2023), 105, 1e-12, 'X4 2023');
  // X5: 80, 84, 88 → 100, 105, 110
  close(s('X5', 2023), 110, 1e-12, 'X5 2023');
  // A = mean(X1, X2): 100, 122.5, 115; B = mean(X3, X4, X5): 100, 105, 106.67
  close(s('A', 2022), 122.5, 1e-12, 'A 2022');
  close(s('B', 2023), 320 / 3, 1e-12, 'B 2023');
  // index with weights 2 : 3 (indicator counts) = mean of the five scores: 100, 112, 110
  close(s('ROOT', 2021), 100, 1e-12, 'index 2021');
  close(s('ROOT', 2022), 112, 1e-12, 'index 2022'); // (120+125+105+105+105)/5
  close(s('ROOT', 2023), 110, 1e-12, 'index 2023'); // (150+80+105+105+110)/5
});

test('CNIPA recipes resolve against their frameworks', () => {
  assert.equal(resolveRecipe(BUILTIN_RECIPES['cnipa-regional']).normalisation.params.low, 60);
  assert.equal(resolveRecipe(BUILTIN_RECIPES['cnipa-national']).normalisation.method, 'base-ratio');
});

test('invariants: pooled equals per-year for one year; equal weights give the plain mean; direction −1 reverses', () => {
  const panel = panelOf(fixture('worked/data.csv'));
  const one = { edition: 2025, firstEdition: 2025 };
  const pooled = evaluate(worked(), panel, { ...efficacyRecipe, firstEdition: 2025 }, one);
  const perYear = evaluate(worked(), panel, { ...efficacyRecipe, firstEdition: 2025, normalisation: { method: 'efficacy', scope: 'per-year' } }, one);
  for (const n of pooled.nodes) assert.deepEqual([...perYear.scores[n]!], [...pooled.scores[n]!], n);
  const eq = evaluate(worked(), panel, { ...efficacyRecipe, weights: { scheme: 'equal' } }, { edition: 2025 });
  const a = cell(eq, 'A', 2025, 'U1').score!;
  const b = cell(eq, 'B', 2025, 'U1').score!;
  close(cell(eq, 'ROOT', 2025, 'U1').score, (a + b) / 2, 1e-12, 'equal weights');
  const fw = worked();
  const flipped = { ...fw, nodes: fw.nodes.map((n) => (n.code === 'X1' ? { ...n, direction: -1 as const } : n)) };
  const r1 = evaluate(fw, panel, efficacyRecipe, { edition: 2025 });
  const r2 = evaluate(flipped, panel, efficacyRecipe, { edition: 2025 });
  const ranks = (r: typeof r1) => ['U1', 'U2', 'U3'].map((u) => cell(r, 'X1', 2025, u).rank);
  assert.deepEqual(ranks(r1), [3, 2, 1]);
  assert.deepEqual(ranks(r2), [1, 2, 3]);
});

test('summary sentences in the report’s style (zh) and in English', () => {
  const fw = worked();
  const res = evaluate(fw, panelOf(fixture('worked/data.csv')), efficacyRecipe, { edition: 2025 });
  const zh = summarise(res, fw, { lang: 'zh' });
  // mean 2025 = (86.5 + 73 + 96)/3 = 85.17; 2024 = (72 + 71 + 94)/3 = 79 → +6.17; medians 86.5 and 72
  assert.equal(zh[0], '2025年示例指数：3个地区平均得分85.17，较上年提高6.17；中位数86.50，较上年提高14.50。2个地区高于平均水平，2个地区得分在80分以上。');
  assert.equal(zh[1], 'U1较上年新进入80分以上行列。'); // 72 → 86.5
  assert.equal(zh[2], 'U3、U1、U2等地区位居全国前列。');
  assert.equal(zh[3], '得分提高较多的地区：U1（+14.50）、U2（+2.00）、U3（+2.00）。');
  // the data rule made visible: U3's X3 (and so X4) carried from 2023; X5 missing for U3
  assert.equal(zh.at(-2), '数据说明：X3、X4共2项指标部分2024年数据暂缺，以上一年度数据代替（2个数据点，见 indicators.csv 的 flag 列）。');
  assert.equal(zh.at(-1), 'X5共1项指标有缺失值，未参与相应单位的合成（权重按其余指标重新归一）。');
  const en = summarise(res, fw, { lang: 'en', unitName: (c) => c.toLowerCase() });
  assert.equal(en[0], 'Worked example 2025: mean of 3 units 85.17, up 6.17 on the previous edition; median 86.50, up 14.50 on the previous edition. 2 units score above the mean and 2 score 80 or more.');
  assert.equal(en[2], 'Leading: u3, u1, u2.');
});
