/**
 * Target gap on hand-computed cases: 3 units × 3 indicators, min-max 0–100 with bounds pooled over
 * units and the two data years 2023–2024, equal weights, arithmetic mean. Every answer is applied
 * to the data and re-evaluated with a fresh `evaluate` (not the plan): the answer reaches the
 * target, the value just below it (`below`, within the tolerance) does not.
 *
 * The expected values are worked out by hand beside the literals and were checked by an
 * independent numpy bisection over the same pipeline (/tmp/gapcheck/hand.py, tie.py, derived.py
 * at the time of writing; their output is quoted where a literal comes from it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, evaluate, parseFramework, parseTidyCsv, Panel, type EvaluationResult, type Recipe } from '../src/core/index.ts';
import { targetGap, type GapOptions, type TargetGap } from '../src/core/analysis/gap.ts';
import type { IndicatorGap } from '../src/core/analysis/gap-single.ts';
import { gapLines, gapPlanTable, gapTable } from '../src/core/analysis/gap-report.ts';

const FRAMEWORK = `
id: gap-hand
version: "1"
name: {zh: 差距示例, en: Gap example}
nodes:
  - code: IDX
    name: {zh: 总指数, en: Index}
  - {code: X1, parent: IDX, name: {zh: 指标一, en: Indicator one}, unit: 件}
  - {code: X2, parent: IDX, name: {zh: 指标二, en: Indicator two}, unit: 件}
  - {code: X3, parent: IDX, name: {zh: 指标三, en: Indicator three}, unit: 件}
`;
const fw = parseFramework(FRAMEWORK, 'gap-hand.yaml');
/** Min-max 0–100, bounds pooled over units and years; editions 2024–2025 = data years 2023–2024. */
const RECIPE: Recipe = { id: 'gap-hand', dataLag: 1, firstEdition: 2024, normalisation: { method: 'minmax', params: { l: 0, u: 100 }, scope: 'pooled' }, weights: { scheme: 'equal' }, aggregation: { method: 'arithmetic' } };

const rows = (table: Record<string, Record<number, number[]>>, units: string[]): string =>
  'unit,year,variable,value\n' +
  Object.entries(table)
    .flatMap(([v, byYear]) => Object.entries(byYear).flatMap(([y, xs]) => xs.map((x, u) => `${units[u]},${y},${v},${x}`)))
    .join('\n');

// pooled bounds: X1 [10, 40] (40 is CCC's 2023 value), X2 [1, 5], X3 [0, 8]
const HAND = rows(
  {
    X1: { 2023: [12, 22, 40], 2024: [10, 20, 30] },
    X2: { 2023: [4, 2, 3], 2024: [5, 1, 4] },
    X3: { 2023: [1, 6, 5], 2024: [0, 8, 6] },
  },
  ['AAA', 'BBB', 'CCC'],
);

const planOf = (csv: string, f = fw, recipe = RECIPE) => compile(f, recipe, new Panel(parseTidyCsv(csv)).cube(), { edition: 2025 });

/** A fresh evaluation of the data with cells of 2024 changed. */
function fresh(csv: string, unit: string, values: Record<string, number>, f = fw, recipe = RECIPE): EvaluationResult {
  const panel = new Panel(parseTidyCsv(csv));
  for (const [variable, value] of Object.entries(values)) panel.add({ unit, year: 2024, variable, value });
  return evaluate(f, panel, recipe, { edition: 2025 });
}
const standing = (r: EvaluationResult, unit: string, node = 'IDX'): { score: number; rank: number } => {
  const k = r.editions.indexOf(2025) * r.units.length + r.units.indexOf(unit);
  return { score: r.scores[node]![k]!, rank: r.ranks[node]![k]! };
};
const reaches = (g: TargetGap, s: { score: number; rank: number }): boolean => ('rank' in g.target ? s.rank <= g.target.rank : s.score >= g.target.score);
const one = (g: TargetGap, code: string): IndicatorGap => g.indicators.find((x) => x.code === code)!;

/** The answer reaches the target in a fresh evaluation, the value just below it does not. */
function verified(g: TargetGap, x: IndicatorGap, csv = HAND, f = fw, recipe = RECIPE): void {
  assert.equal(x.status, 'reached', `${x.code}: ${x.status}`);
  const at = standing(fresh(csv, g.unit, { [x.code]: x.required! }, f, recipe), g.unit, g.node);
  assert.ok(reaches(g, at), `${x.code} = ${x.required} gives ${JSON.stringify(at)}, short of ${g.targetLabel}`);
  assert.deepEqual(at, x.outcome, `${x.code}: the plan's outcome is the fresh evaluation's`);
  const below = standing(fresh(csv, g.unit, { [x.code]: x.below! }, f, recipe), g.unit, g.node);
  assert.ok(!reaches(g, below), `${x.code} = ${x.below} (below) already reaches ${g.targetLabel}: ${JSON.stringify(below)}`);
  assert.ok(Math.abs(x.required! - x.below!) <= 1e-9 * Math.max(Math.abs(x.current!), 30) + 1e-15, `${x.code}: bracket ${x.below}–${x.required} wider than the tolerance`);
}

const gap = (o: Omit<GapOptions, 'edition'>, csv = HAND): TargetGap => targetGap(planOf(csv), { edition: 2025, ...o });

test('hand case: the nominal scores the answers start from', () => {
  const r = planOf(HAND).run();
  // X1: (10−10)/30, (20−10)/30, (30−10)/30 → 0, 33.33, 66.67; X2: 100, 0, 75; X3: 0, 100, 75
  assert.ok(Math.abs(standing(r, 'AAA').score - 100 / 3) < 1e-12); // (0 + 100 + 0) / 3
  assert.ok(Math.abs(standing(r, 'BBB').score - 400 / 9) < 1e-12); // (33.33 + 0 + 100) / 3 = 44.44
  assert.ok(Math.abs(standing(r, 'CCC').score - 650 / 9) < 1e-12); // (66.67 + 75 + 75) / 3 = 72.22
  assert.deepEqual(r.bounds.X1, [10, 40]);
});

test('score target: the lower pooled bound moves when the unit was the minimum', () => {
  const g = gap({ unit: 'AAA', target: { score: 40 } });
  assert.equal(g.current.score, 100 / 3);
  // X1: AAA holds the pooled minimum 10; raised, the minimum becomes its own 2023 value 12, so
  // s = 100·(x − 12)/(40 − 12) and (s + 100 + 0)/3 = 40 ⇔ s = 20 ⇔ x = 12 + 0.2·28 = 17.6
  // (numpy bisection: 17.599999999999998)
  const x1 = one(g, 'X1');
  assert.ok(Math.abs(x1.required! - 17.6) < 1e-8, `X1 ${x1.required}`);
  assert.ok(Math.abs(x1.change! - 7.6) < 1e-8); // 17.6 − 10
  assert.ok(Math.abs(x1.changePct! - 76) < 1e-7); // 7.6 / 10
  assert.ok(Math.abs(x1.normalisedChange! - 20) < 1e-6); // 0 → 20
  assert.deepEqual(x1.bounds, { before: [10, 40], after: [12, 40] });
  // the linear estimate: gap 20/3 over effective weight 1/3 × slope 100/30 (secant to the cap 40) = 6
  assert.ok(Math.abs(x1.linearChange! - 6) < 1e-9);
  assert.equal(x1.effectiveWeight, 1 / 3);
  verified(g, x1);
  // X3: AAA's 0 is the minimum, its 2023 value 1 the next: s = 100·(x − 1)/7 = 20 ⇔ x = 2.4
  // (numpy: 2.3999999999999995); current 0, so no relative change
  const x3 = one(g, 'X3');
  assert.ok(Math.abs(x3.required! - 2.4) < 1e-8, `X3 ${x3.required}`);
  assert.equal(x3.changePct, null);
  verified(g, x3);
  // X2: AAA already holds its maximum (5 = U): capped at the score it has, 33.33
  const x2 = one(g, 'X2');
  assert.equal(x2.status, 'capped');
  assert.equal(x2.feasible, false);
  assert.equal(x2.best, 5);
  assert.ok(Math.abs(x2.outcome!.score - 100 / 3) < 1e-12);
});

test('rank target: the new value passes the pooled maximum, moving the bounds and every score', () => {
  const g = gap({ unit: 'BBB', target: { rank: 1 } });
  assert.equal(g.current.rank, 2);
  assert.equal(g.needed, 650 / 9); // CCC's 72.22 now
  assert.equal(g.neededBy, 'CCC');
  // X1 (BBB 20): within the bounds BBB reaches at most (100 + 0 + 100)/3 = 66.67 < CCC's 72.22.
  // Past the pooled maximum 40 the bound follows the value: CCC's X1 = 100·(30 − 10)/(x − 10), so
  // BBB 200/3 ≥ CCC (2000/(x − 10) + 150)/3 ⇔ x − 10 ≥ 40 ⇔ x = 50 (a tie with CCC counts as rank 1;
  // the tie tolerance of ranks, 1e-9 relative, puts it a little below: numpy 49.999999839999994)
  const x1 = one(g, 'X1');
  assert.ok(Math.abs(x1.required! - 50) < 1e-6, `X1 ${x1.required}`);
  assert.deepEqual(x1.bounds!.before, [10, 40]);
  assert.ok(Math.abs(x1.bounds!.after[1] - 50) < 1e-6, 'the pooled maximum is the new value');
  verified(g, x1);
  const after = fresh(HAND, 'BBB', { X1: x1.required! });
  // every unit's X1 score moved: CCC's 66.67 → 100·20/40 = 50
  assert.ok(Math.abs(after.scores.X1![1 * 3 + 2]! - 50) < 1e-5);
  // X2 (BBB 1, the minimum; next 2, its own 2023 value): s = 100·(x − 2)/3, CCC's X2 falls to
  // 100·2/3; BBB (33.33 + s + 100)/3 ≥ CCC (66.67 + 66.67 + 75)/3 ⇔ s ≥ 75 ⇔ x = 4.25 (numpy 4.24999999375)
  const x2 = one(g, 'X2');
  assert.ok(Math.abs(x2.required! - 4.25) < 1e-6, `X2 ${x2.required}`);
  verified(g, x2);
  // X3: BBB holds the maximum 8 already; past it CCC's X3 = 600/x only tends to 0, and
  // CCC → (66.67 + 75)/3 = 47.2 stays above BBB's 44.44: at the limit 8 + 1000·8 = 8008,
  // CCC = (141.67 + 600/8008)/3 = 47.2472 (numpy 47.24719725)
  const x3 = one(g, 'X3');
  assert.equal(x3.status, 'capped');
  assert.equal(x3.best, 8);
  assert.equal(x3.limit, 8008);
  assert.equal(x3.limitOutcome!.rank, 2);
});

test('rank target reached only past the maximum, while the plan (capped at the maximum) cannot', () => {
  const g = gap({ unit: 'AAA', target: { rank: 1 }, indicators: ['X3'] });
  // X3 (AAA 0): at its cap 8 AAA = 66.67 but CCC = (66.67 + 75 + 100·5/7)/3 = 71.03 (the minimum
  // moved to AAA's 2023 value 1); past 8, CCC's X3 = 100·5/(x − 1): 200 ≥ 141.67 + 500/(x − 1)
  // ⇔ x = 1 + 60/7 = 9.5714 (numpy 9.571428542040815, the rank tie tolerance a little below)
  const x3 = one(g, 'X3');
  assert.ok(Math.abs(x3.required! - (1 + 60 / 7)) < 1e-6, `X3 ${x3.required}`);
  verified(g, x3);
  const p = g.plan!;
  assert.equal(p.status, 'capped');
  assert.equal(p.feasible, false);
  assert.ok(Math.abs(p.outcome.score - 200 / 3) < 1e-9); // (0 + 100 + 100)/3
  assert.equal(p.outcome.rank, 2);
  const lines = gapLines(g, { lang: 'en', unitName: (c) => c });
  assert.ok(lines.some((l) => /Infeasible: with every indicator at its maximum the unit reaches only 66\.67 \(rank 2\)/.test(l)), lines.join('\n'));
});

test('the cheapest plan over several indicators, corrected by re-evaluation', () => {
  const g = gap({ unit: 'AAA', target: { score: 80 } });
  // one indicator alone gives at most (100 + 100 + 0)/3 = 66.67: every single answer is capped
  for (const x of g.indicators) assert.equal(x.status, 'capped', x.code);
  const p = g.plan!;
  assert.equal(p.status, 'reached');
  // greedy: X1 and X3 weigh 1/3 each with room 100 (X2 has none) → X1 first (framework order),
  // filled to its cap 40, then X3: (100 + 100 + s3)/3 = 80 ⇔ s3 = 40 = 100·(x − 1)/7 ⇔ x = 3.8
  // (numpy: 3.799999999999999); the linear view asked x = 8·0.4 = 3.2 (bounds at [0, 8]) first
  assert.deepEqual(p.steps.map((s) => s.code), ['X1', 'X3']);
  assert.equal(p.steps[0]!.required, 40);
  assert.equal(p.steps[0]!.atCap, true);
  assert.ok(Math.abs(p.steps[1]!.required - 3.8) < 1e-8, `X3 ${p.steps[1]!.required}`);
  assert.ok(Math.abs(p.totalNormalised - 140) < 1e-6); // +100 on X1, +40 on X3
  assert.deepEqual(p.excluded, [{ code: 'X2', why: 'no-room' }]);
  // applied to the data and evaluated afresh it reaches 80; a hair less of X3 does not
  const values = Object.fromEntries(p.steps.map((s) => [s.code, s.required]));
  const at = standing(fresh(HAND, 'AAA', values), 'AAA');
  assert.ok(at.score >= 80, `plan gives ${at.score}`);
  assert.deepEqual(at, p.outcome);
  const short = standing(fresh(HAND, 'AAA', { ...values, X3: p.steps[1]!.required - 1e-6 }), 'AAA');
  assert.ok(short.score < 80);
  // tables: one row per indicator / per step
  const t = gapTable(g, { lang: 'zh', unitName: (c) => c });
  assert.deepEqual(t[0]!.slice(0, 14), ['edition', 'unit', 'node', 'target', 'indicator', 'name', 'current_value', 'required_value', 'change', 'unit_of_measure', 'change_pct', 'normalised_change', 'feasible', 'reason']);
  assert.deepEqual(t[1]!.slice(0, 6), [2025, 'AAA', 'IDX', 'score>=80', 'X1', '指标一']);
  assert.equal(t[1]![12], false);
  assert.equal(t[1]![13], 'capped');
  const pt = gapPlanTable(g, { lang: 'zh', unitName: (c) => c });
  assert.equal(pt.length, 3);
  assert.deepEqual(pt[2]!.slice(5, 7), [2, 'X3']);
});

test('relative cost: an indicator at 0 has no relative change and is left out', () => {
  const g = gap({ unit: 'AAA', target: { score: 80 }, cost: 'relative' });
  const p = g.plan!;
  assert.deepEqual(p.excluded, [
    { code: 'X2', why: 'no-room' },
    { code: 'X3', why: 'zero-value' },
  ]);
  // X1 alone, at its cap: (100 + 100 + 0)/3
  assert.equal(p.status, 'capped');
  assert.ok(Math.abs(p.outcome.score - 200 / 3) < 1e-9);
});

test('a target met already needs nothing', () => {
  const g = gap({ unit: 'CCC', target: { rank: 1 } });
  assert.equal(g.met, true);
  for (const x of g.indicators) assert.deepEqual([x.status, x.change], ['met', 0]);
  assert.equal(g.plan!.status, 'met');
  assert.deepEqual(gapLines(g, { lang: 'zh', unitName: (c) => c }).slice(1), ['已达到目标，无需改动。']);
});

test('a rank target inside a tie of other units: infeasible, and why', () => {
  // BBB and CCC the same in both years: (50 + 100 + 100)/3 = 83.33 each, sharing rank 1
  const TIE = rows(
    {
      X1: { 2023: [0, 5, 5, 10], 2024: [0, 5, 5, 10] },
      X2: { 2023: [0, 10, 10, 0], 2024: [0, 10, 10, 0] },
      X3: { 2023: [10, 10, 10, 0], 2024: [10, 10, 10, 0] },
    },
    ['AAA', 'BBB', 'CCC', 'DDD'],
  );
  const g = gap({ unit: 'AAA', target: { rank: 2 } }, TIE);
  const x1 = one(g, 'X1');
  // rank 2 lies inside the tie: AAA must equal 83.33; X1 at its cap 10 gives (100 + 0 + 100)/3 = 66.67,
  // and at the limit 10 + 1000·10 the tied pair still has (100·5/10010 + 200)/3 = 66.683 (numpy 66.6833167)
  assert.equal(x1.status, 'tie');
  assert.deepEqual(x1.tie, { score: 250 / 3, units: ['BBB', 'CCC'], ranks: [1, 2] });
  assert.ok(Math.abs(x1.outcome!.score - 200 / 3) < 1e-9);
  assert.ok(Math.abs(one(g, 'X1').limitOutcome!.score - 200 / 3) < 1e-9);
  const why = gapTable(g, { lang: 'en', unitName: (c) => c })[1]![14] as string;
  assert.match(why, /^rank 2 lies inside a tie: BBB, CCC share rank 1 at 83\.33/);
  // X2 alone gets there past the pooled maximum 10: the pair's X2 falls to 100·10/x, and
  // AAA (0 + 100 + 100)/3 = 66.67 ≥ their (50 + 1000/x + 100)/3 ⇔ x ≥ 20 (numpy 19.999999919999997,
  // the ranks' tie tolerance a hair below): AAA then shares rank 1 with them
  const x2 = one(g, 'X2');
  assert.ok(Math.abs(x2.required! - 20) < 1e-6, `X2 ${x2.required}`);
  verified(g, x2, TIE);
  // over several indicators the plan stays within each maximum (X2's single answer passes it):
  // X1 to its cap, X2 to (100 + s2 + 100)/3 = 83.33 ⇔ s2 = 50 ⇔ x2 = 5, taking rank 1 with the
  // pair (a tie within the ranks' tolerance, so a hair below 5)
  const p = g.plan!;
  assert.equal(p.status, 'reached');
  assert.equal(p.from, 'greedy');
  assert.deepEqual(p.steps.map((s) => s.code), ['X1', 'X2']);
  assert.ok(Math.abs(p.steps[1]!.required - 5) < 1e-6, `X2 ${p.steps[1]!.required}`);
  assert.ok(Math.abs(p.totalNormalised - 150) < 1e-5);
  const at = standing(fresh(TIE, 'AAA', Object.fromEntries(p.steps.map((s) => [s.code, s.required]))), 'AAA');
  assert.equal(at.rank, 1);
});

test('a derived indicator is set directly, and its answer said on its numerator reaches the target too', () => {
  const F2 = parseFramework(
    `
id: gap-derived
version: "1"
name: {zh: 派生示例}
variables:
  - {code: V, name: {zh: 计数}, unit: 件}
  - {code: POP, name: {zh: 人口}, unit: 万人}
nodes:
  - code: IDX
    name: {zh: 总指数}
  - {code: Y1, parent: IDX, name: {zh: 指标一}, unit: 件}
  - {code: Y2, parent: IDX, name: {zh: 每万人口计数}, unit: 件/万人, formula: V / POP}
`,
    'gap-derived.yaml',
  );
  const csv = rows(
    {
      Y1: { 2023: [3, 4, 5], 2024: [2, 4, 6] },
      V: { 2023: [20, 30, 40], 2024: [10, 30, 60] },
      POP: { 2023: [10, 10, 20], 2024: [10, 10, 20] },
    },
    ['AAA', 'BBB', 'CCC'],
  );
  const g = targetGap(planOf(csv, F2), { unit: 'AAA', edition: 2025, target: { score: 40 } });
  // Y2 = V/POP: 2023 2, 3, 2; 2024 1, 3, 3 → pooled [1, 3]; AAA scores (0 + 0)/2 = 0.
  // Raised from the minimum 1, the minimum becomes 2: s2 = 100·(y − 2)/(3 − 2) = 80 ⇔ y = 2.8
  const y2 = one(g, 'Y2');
  assert.equal(g.current.score, 0);
  assert.ok(Math.abs(y2.required! - 2.8) < 1e-8, `Y2 ${y2.required}`);
  // on the numerator, with POP = 10: V = 28 (numpy bisection on V: 28.000000000000004)
  assert.equal(y2.numerator!.code, 'V');
  assert.equal(y2.numerator!.isIndicator, false);
  assert.ok(Math.abs(y2.numerator!.required - 28) < 1e-7);
  assert.equal(y2.numerator!.unit, '件');
  const at = standing(fresh(csv, 'AAA', { V: y2.numerator!.required }, F2), 'AAA');
  assert.ok(at.score >= 40, `V = ${y2.numerator!.required} gives ${at.score}`);
  const below = standing(fresh(csv, 'AAA', { V: y2.below! * 10 * (1 - 1e-12) }, F2), 'AAA');
  assert.ok(below.score < 40);
  const lines = gapLines(g, { lang: 'zh', unitName: (c) => c });
  assert.ok(lines.some((l) => l.includes('Y2 每万人口计数：提高 1.8 件/万人') && l.includes('相当于计数（V）提高 18 件、其余不变')), lines.join('\n'));
});

test('an indicator the unit has no value for, even after carrying forward, cannot be changed', () => {
  // AAA without X3 in either year: missing after imputation, dropped from its mean (weights renormalised)
  const csv = HAND.split('\n').filter((l) => !/^AAA,\d+,X3,/.test(l)).join('\n');
  const g = gap({ unit: 'AAA', target: { score: 60 } }, csv);
  // AAA = (X1 0 + X2 100)/2 = 50 with X3 dropped
  assert.ok(Math.abs(g.current.score - 50) < 1e-12);
  const x3 = one(g, 'X3');
  assert.deepEqual([x3.status, x3.feasible, x3.current], ['missing', false, null]);
  assert.ok(g.plan!.excluded.some((e) => e.code === 'X3' && e.why === 'missing'));
  // X1 alone: (s + 100)/2 = 60 ⇔ s = 20; X1's pooled bounds are as before, so
  // s = 100·(x − 12)/28 = 20 ⇔ x = 17.6
  verified(g, one(g, 'X1'), csv);
  assert.ok(Math.abs(one(g, 'X1').required! - 17.6) < 1e-8);
  assert.match(gapTable(g, { lang: 'zh', unitName: (c) => c })[3]![14] as string, /2024 年无该单位此指标的数据/);
});

test('options that do not fit the run are refused, naming what is wrong', () => {
  const plan = planOf(HAND);
  assert.throws(() => targetGap(plan, { unit: 'ZZZ', edition: 2025, target: { rank: 1 } }), /gap: unit ZZZ is not in the run/);
  assert.throws(() => targetGap(plan, { unit: 'AAA', edition: 2019, target: { rank: 1 } }), /gap: edition 2019 is not in the run \(editions 2024–2025\)/);
  assert.throws(() => targetGap(plan, { unit: 'AAA', edition: 2025, target: { rank: 0 } }), /a rank target must be a whole number ≥ 1/);
  assert.throws(() => targetGap(plan, { unit: 'AAA', edition: 2025, node: 'X1', target: { rank: 1 }, indicators: ['X2'] }), /gap: X2 is not an indicator below X1/);
  assert.throws(() => targetGap(plan, { unit: 'AAA', edition: 2025, node: 'NOPE', target: { rank: 1 } }), /gap: node NOPE is not a node of framework gap-hand/);
});
