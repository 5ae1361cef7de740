/**
 * Target gap on the regional sample (data/sample/regional.csv, built-in cnipa-regional, edition
 * 2025): a rank target for 海南, every single-indicator answer on a raw indicator and the plan
 * applied to the data and re-evaluated with a fresh `evaluate`; and `ipindex analyse gap`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RECIPES, Cube, Panel, compile, evaluate, parseFramework, parseTidyCsv, type EvaluationResult } from '../src/core/index.ts';
import { GAP_COMMAND } from '../src/cli/analyse/gap.ts';
import { prepare, type AnalyseOptions } from '../src/cli/analyse/common.ts';
import { loadRegistry } from '../src/io/index.ts';
import { targetGap } from '../src/core/analysis/gap.ts';
import { GAP_COLUMNS } from '../src/core/analysis/gap-report.ts';

const read = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');
const fw = parseFramework(read('../frameworks/cnipa-regional-2025.yaml'), 'cnipa-regional-2025.yaml');
const obs = parseTidyCsv(read('../data/sample/regional.csv'), { registry: loadRegistry() });
const recipe = BUILTIN_RECIPES['cnipa-regional']!;
const HAINAN = '460000';
const BIN = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const DATA = new URL('../data/sample/regional.csv', import.meta.url).pathname;

const base = new Panel(obs).cube();

/**
 * A fresh evaluation (compile and run from scratch) of the sample with cells of 海南's 2024 data
 * changed: a copy of the sample's cube with those cells set.
 */
function fresh(values: Record<string, number>): EvaluationResult {
  const copy = base.values.slice();
  for (const [variable, value] of Object.entries(values)) copy[base.index(HAINAN, variable, 2024)] = value;
  return evaluate(fw, Cube.fromDense({ units: base.units, variables: base.variables, years: base.years, values: copy }), recipe, { edition: 2025 });
}
const rankOf = (r: EvaluationResult, node = 'RIDX'): number => r.ranks[node]![r.editions.indexOf(2025) * r.units.length + r.units.indexOf(HAINAN)]!;

test('海南 to rank 25: each raw answer and the plan, applied to the data and evaluated afresh, reach it; just below does not', () => {
  const plan = compile(fw, recipe, base, { edition: 2025 });
  const g = targetGap(plan, { unit: HAINAN, edition: 2025, target: { rank: 25 } });
  assert.equal(g.current.rank, 28);
  assert.equal(g.dataYear, 2024);
  assert.equal(g.indicators.length, 86);
  const feasible = g.indicators.filter((x) => x.feasible);
  assert.ok(feasible.length >= 10, `${feasible.length} feasible`);
  // every answer is one of the statuses, and an infeasible one says how far it gets
  for (const x of g.indicators) {
    assert.ok(['reached', 'capped', 'tie', 'missing'].includes(x.status), x.code);
    if (!x.feasible && x.status !== 'missing') assert.ok(x.outcome!.rank > 25, `${x.code} infeasible yet at rank ${x.outcome!.rank}`);
  }
  const raw = feasible.filter((x) => x.kind === 'raw');
  // some answers pass the pooled maximum (the bounds move), some stay inside it
  assert.ok(raw.some((x) => x.bounds) && raw.some((x) => !x.bounds), 'both kinds of answer');
  for (const x of raw) {
    const at = fresh({ [x.code]: x.required! });
    assert.ok(rankOf(at) <= 25, `${x.code} = ${x.required}: rank ${rankOf(at)}`);
    assert.equal(rankOf(at), x.outcome!.rank, `${x.code}: the plan's rank is the fresh evaluation's`);
    assert.ok(rankOf(fresh({ [x.code]: x.below! })) > 25, `${x.code} = ${x.below} (below) already reaches rank 25`);
    // an answer that passes the pooled maximum moved it to the new value
    if (x.bounds && x.direction === 1 && x.bounds.after[1] !== x.bounds.before[1]) assert.equal(x.bounds.after[1], x.required);
    // derived indicators that read it follow it in the fresh evaluation too
    for (const f of x.follows ?? []) assert.equal(at.values[f.code]![at.editions.indexOf(2025) * at.units.length + at.units.indexOf(HAINAN)], f.to, `${x.code} → ${f.code}`);
  }
  // the plan over every indicator costs no more than the cheapest single answer within its cap
  // (one that does not move the bound it improves towards): a single answer is a plan too
  const within = feasible.filter((x) => !x.bounds || x.bounds.after[x.direction === 1 ? 1 : 0] === x.bounds.before[x.direction === 1 ? 1 : 0]);
  assert.ok(g.plan!.totalNormalised <= Math.min(...within.map((x) => x.totalNormalisedChange!)) + 1e-6);
  // a plan over raw indicators (a derived one's value is no cell of the data) applied to the data
  const rawPlan = targetGap(plan, { unit: HAINAN, edition: 2025, target: { rank: 25 }, indicators: g.indicators.filter((x) => x.kind === 'raw').map((x) => x.code) }).plan!;
  assert.equal(rawPlan.status, 'reached');
  const at = fresh(Object.fromEntries(rawPlan.steps.map((s) => [s.code, s.required])));
  assert.ok(rankOf(at) <= 25, `plan gives rank ${rankOf(at)}`);
  assert.equal(rankOf(at), rawPlan.outcome.rank);
});

test('rank 1 for 海南 is out of reach for any one indicator: the leader stays above its best', () => {
  const plan = compile(fw, recipe, base, { edition: 2025 });
  const g = targetGap(plan, { unit: HAINAN, edition: 2025, target: { rank: 1 }, indicators: ['R18', 'R19', 'R59', 'R63'], plan: false });
  assert.equal(g.neededBy, '440000'); // 广东 leads the sample
  for (const x of g.indicators) {
    assert.equal(x.feasible, false, x.code);
    assert.ok(x.outcome!.score < g.needed, `${x.code}`);
  }
});

test('national index (ratio to the base year, no bounds): a relative-cost plan is never dearer than one indicator alone', () => {
  const nfw = parseFramework(read('../frameworks/cnipa-national-2025.yaml'), 'cnipa-national-2025.yaml');
  const nobs = parseTidyCsv(read('../data/sample/national.csv'), { registry: loadRegistry() });
  const nrecipe = BUILTIN_RECIPES['cnipa-national']!;
  const plan = compile(nfw, nrecipe, new Panel(nobs).cube(), { edition: 2025 });
  const now = plan.run().scores.NIDX![plan.editions.indexOf(2025)]!;
  const target = Math.ceil(now) + 1;
  const g = targetGap(plan, { unit: 'CN', edition: 2025, target: { score: target }, indicators: ['N03', 'N04', 'N75', 'N80'], cost: 'relative' });
  const p = g.plan!;
  assert.equal(p.status, 'reached');
  const best = Math.min(...g.indicators.filter((x) => x.feasible).map((x) => Math.abs(x.changePct!)));
  assert.ok(p.totalRelative <= best + 1e-9, `plan ${p.totalRelative}% vs one indicator ${best}%`);
  // applied to the data and evaluated afresh, the plan reaches the score
  const panel = new Panel(nobs);
  for (const s of p.steps) panel.add({ unit: 'CN', year: 2024, variable: s.code, value: s.required });
  const r = evaluate(nfw, panel, nrecipe, { edition: 2025 });
  assert.ok(r.scores.NIDX![r.editions.indexOf(2025)]! >= target);
  // smaller-is-better indicators (审查周期) are lowered
  for (const x of g.indicators.filter((i) => i.direction === -1 && i.feasible)) assert.ok(x.change! < 0, x.code);
});

test('ipindex analyse gap: printed lines, gap.csv, gap-plan.csv, gap.json and the manifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-gap-'));
  try {
    const out = join(dir, 'gap');
    const zh = execFileSync(process.execPath, [BIN, 'analyse', 'gap', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '--unit', '海南', '--rank', '25', '--indicators', 'R59,R60,R61,R63,R02', '--out', out], { encoding: 'utf8' });
    assert.match(zh, /样本数据/);
    assert.match(zh, /2025年版（2024年数据）海南 · 地区知识产权发展指数（RIDX）：得分 \d+\.\d\d，第 28 位。目标：排名前 25 位/);
    assert.match(zh, /R59 知识产权质押融资登记金额：提高 \d+ 万元/);
    assert.match(zh, /多指标最省方案/);
    const csv = readFileSync(join(out, 'gap.csv'), 'utf8');
    assert.ok(csv.startsWith('\ufeff'));
    const lines = csv.slice(1).trim().split('\n');
    assert.equal(lines[0], GAP_COLUMNS.join(','));
    assert.equal(lines.length, 6);
    assert.match(lines.find((l) => l.includes(',R59,'))!, /^2025,460000,RIDX,rank<=25,R59,知识产权质押融资登记金额,387968,[\d.]+,[\d.]+,万元,[\d.]+,[\d.]+,true,,$/);
    // R02, a share in %: out of reach alone
    assert.match(lines.find((l) => l.includes(',R02,'))!, /,%,,,false,capped,/);
    const json = JSON.parse(readFileSync(join(out, 'gap.json'), 'utf8')) as { target: unknown; indicators: { code: string; required: number | null }[]; plan: { steps: unknown[] } };
    assert.deepEqual(json.target, { rank: 25 });
    assert.equal(json.indicators.length, 5);
    assert.ok(json.plan.steps.length >= 1);
    const plan = readFileSync(join(out, 'gap-plan.csv'), 'utf8').slice(1).trim().split('\n');
    assert.match(plan[0]!, /^edition,unit,node,target,cost,order,indicator,/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { analysis: Record<string, unknown> };
    assert.equal(manifest.analysis.kind, 'gap');
    assert.equal(manifest.analysis.target, 'rank<=25');
    // the same command in-process, in English, on a pillar's group
    const o = { framework: 'cnipa-regional', data: [DATA], edition: 2025, lang: 'en', unit: '460000', node: 'G21', score: 66, indicators: 'R18,R19', cost: 'normalised', top: 10 } as AnalyseOptions;
    const en = GAP_COMMAND.run(prepare(o), o) as { lines: string[] };
    const text = en.lines.join('\n');
    assert.match(text, /^2025 edition \(2024 data\), Hainan · High-quality creation \(G21\): score \d+\.\d\d, rank \d+\. Target: a score of 66\./);
    // R18 is read by R19 = R18 / POP: raising it moves R19 too, which is why it gets there alone
    assert.match(text, /R18 High-value invention patents in force: raise by \d+ items \(\+[\d.]+%, from 5563 to \d+; normalised score \+[\d.]+, with R19 \+[\d.]+\); reaches 66\.00 \(rank \d+\); derived indicators that read it move too: R19/);
    assert.match(text, /R19 High-value invention patents per 10,000 population: at its normalised maximum \(value 98\.38, the highest value of any unit and year\) the unit reaches only/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analyse gap refuses a missing or double target and an unknown unit', () => {
  const o = { framework: 'cnipa-regional', data: [DATA], edition: 2025, lang: 'zh', cost: 'normalised', top: 10 } as AnalyseOptions;
  const p = prepare(o);
  const run = (extra: Record<string, unknown>) => () => GAP_COMMAND.run(p, { ...o, ...extra });
  assert.throws(run({ unit: '海南' }), /give one target, --rank K .* or --score S/);
  assert.throws(run({ unit: '海南', rank: 3, score: 80 }), /give one target/);
  assert.throws(run({ unit: 'Atlantis', rank: 3 }), /--unit Atlantis: expected a known unit/);
  assert.throws(run({ unit: '海南', rank: 40 }), /--rank 40: the run has 31 units/);
  assert.throws(run({ unit: '海南', rank: 3, indicators: 'R18,X99' }), /gap: X99 is not an indicator below RIDX/);
});
