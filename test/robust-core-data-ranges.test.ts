/**
 * Issue 7 (robustness), part B: range checks on data. A negative count moved 广东 from rank 1 to
 * 31 and −1e308 blanked 154 scores, both without a word. Now: a value outside what its unit
 * implies (a count ≥ 0, a share in % within 0–100) or outside a framework `range` is an error
 * naming file, row, unit, indicator and year; a magnitude beyond `checks.maxMagnitude` (10¹⁵) is a
 * warning naming the cell; a score, derived value or aggregate that cannot be computed is a
 * warning naming the cells, never a silent blank.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_RECIPES, DataError, Panel, RecipeError, compile, evaluate, parseFramework, parseTidyCsv, type EvaluationResult, type Framework, type Recipe } from '../src/core/index.ts';
import { unitDomain } from '../src/core/units/unit.ts';
import { frameworkFile } from './helpers.ts';

const REG = frameworkFile('cnipa-regional-2025');
const REGIONAL = readFileSync(new URL('../data/sample/regional.csv', import.meta.url), 'utf8');
const recipe = BUILTIN_RECIPES['cnipa-regional']!;

/** The sample with some rows replaced: `{ 7813: '440000,2024,R18,-5,,,' }` (1-based file lines). */
function sampleWith(rows: Record<number, string>): Panel {
  const lines = REGIONAL.split('\n');
  for (const [n, row] of Object.entries(rows)) lines[Number(n) - 1] = row;
  return new Panel(parseTidyCsv(lines.join('\n'), { file: 'regional.csv' }));
}
const run = (panel: Panel, fw: Framework = REG, r: Recipe = recipe): EvaluationResult => evaluate(fw, panel, r, { edition: 2025 });

test('unit model: counts and durations are ≥ 0, a share in % lies within 0–100; money and scores say nothing', () => {
  assert.deepEqual(unitDomain('件'), { min: 0, why: 'its unit 件 counts things and cannot be negative' });
  assert.deepEqual(unitDomain('万件'), { min: 0, why: 'its unit 万件 counts things and cannot be negative' });
  assert.deepEqual(unitDomain('家/万件'), { min: 0, why: 'its unit 家/万件 counts things and cannot be negative' });
  assert.deepEqual(unitDomain('月'), { min: 0, why: 'its unit 月 measures counts or durations and cannot be negative' });
  assert.deepEqual(unitDomain('%'), { min: 0, max: 100, why: 'its unit % is a share within 0–100' });
  assert.deepEqual(unitDomain('‰'), { min: 0, max: 1000, why: 'its unit ‰ is a share within 0–1000' });
  for (const u of ['亿元', '万元/亿元', '分', '1', '', '万亿美元']) assert.equal(unitDomain(u), undefined, u);
  assert.equal(unitDomain('吨', { custom: ['吨'] }), undefined);
});

test('a negative count is an error naming file, row, unit, indicator and year (it moved 广东 from rank 1 to 31)', () => {
  const ok = run(sampleWith({}));
  const e = ok.editions.indexOf(2025);
  assert.equal(ok.ranks.RIDX![e * ok.units.length + ok.units.indexOf('440000')], 1);
  assert.throws(
    () => run(sampleWith({ 7813: '440000,2024,R18,-5,,sample,' })),
    (err: Error) =>
      err instanceof DataError &&
      err.problems.length === 1 &&
      err.message.startsWith('The data has 1 value outside what its indicator allows; nothing was evaluated\n') &&
      JSON.stringify(err.problems[0]) ===
        JSON.stringify({ file: 'regional.csv', line: 7813, node: 'R18', field: 'value', message: '440000, 2024: -5 is below 0 — its unit 件 counts things and cannot be negative; correct the value; if R18 can be negative, give it a range in the framework (e.g. range: [null, null])' }),
  );
  // a variable too (POP, 万人), and every bad cell is counted
  assert.throws(
    () => run(sampleWith({ 7621: '440000,2024,POP,-1,,sample,', 7813: '440000,2024,R18,-5,,sample,' })),
    (err: Error) => err instanceof DataError && err.problems.length === 2 && /^The data has 2 values outside what their indicators allow/.test(err.message) && err.problems.some((p) => p.node === 'POP' && p.line === 7621),
  );
});

test('a share above 100 % is an error; a framework range states another domain (a growth rate)', () => {
  assert.throws(
    () => run(sampleWith({ 98: '110000,2019,R02,104.5,,sample,' })),
    (err: Error) => err instanceof DataError && /regional\.csv:98 \[R02\] value: 110000, 2019: 104\.5 is above 100 — its unit % is a share within 0–100; correct the value; if R02 is not a share \(a growth rate, say\), give it a range in the framework \(e\.g\. range: \[-100, null\]\)/.test(err.message),
  );
  const text = readFileSync(new URL('../frameworks/cnipa-regional-2025.yaml', import.meta.url), 'utf8');
  const widened = parseFramework(text.replace('    unit: "%"\n    direction: +\n    kind: raw\n    weight: 1\n', '    unit: "%"\n    range: [-100, null]\n    direction: +\n    kind: raw\n    weight: 1\n'), 'wide.yaml');
  assert.deepEqual(widened.nodes.find((n) => n.code === 'R02')!.range, [-100, null]);
  const r = run(sampleWith({ 98: '110000,2019,R02,104.5,,sample,' }), widened);
  assert.equal(r.values.R02!.length, r.editions.length * r.units.length);
  // and the range is enforced in its turn
  assert.throws(() => run(sampleWith({ 98: '110000,2019,R02,-104.5,,sample,' }), widened), (err: Error) => err instanceof DataError && /-104\.5 is below -100 — the framework gives R02 the range \[-100, null\]; correct the value, or widen the range in the framework/.test(err.message));
});

test('an implausible magnitude is used, with a warning naming the cell; checks.maxMagnitude moves the limit', () => {
  const panel = sampleWith({ 7813: '440000,2024,R18,1e20,,sample,' });
  const r = run(panel);
  const w = r.warnings.filter((x) => x.code === 'implausible-value');
  assert.deepEqual(w, [{ code: 'implausible-value', path: 'R18', message: 'R18: 1 value beyond ±1e+15 (440000 2024 = 1e+20 (regional.csv row 7813)); used as given — check the data, or set checks.maxMagnitude in the recipe' }]);
  const r2 = run(panel, REG, { ...recipe, checks: { maxMagnitude: 1e21 } });
  assert.equal(r2.warnings.filter((x) => x.code === 'implausible-value').length, 0);
  assert.equal(r2.values.R18![r2.editions.indexOf(2025) * r2.units.length + r2.units.indexOf('440000')], 1e20);
});

test('−1e308 and 1e308 (a score indicator, 分): both flagged, and the 154 scores the span overflow blanks are named', () => {
  const r = run(sampleWith({ 193: '110000,2024,R17,-1e308,,sample,', 7807: '440000,2024,R17,1e308,,sample,' }));
  const codes = r.warnings.filter((w) => w.code !== 'carried-forward').map((w) => `${w.code} ${w.path}`);
  assert.deepEqual(codes, ['implausible-value R17', 'score-undefined R17']);
  const su = r.warnings.find((w) => w.code === 'score-undefined')!;
  // R17 has 31 units × 5 editions = 155 present values; with bounds −1e308 and 1e308 the span
  // U − L overflows to Infinity and all but one score are blank — named, with the first cells
  const blank = Array.from(r.scores.R17!).filter((x, k) => !Number.isFinite(x) && Number.isFinite(r.values.R17![k]!)).length;
  assert.equal(blank, 154);
  assert.match(su.message, /^R17: no score for 154 present values \(110000 2021, 120000 2021, 130000 2021, 140000 2021, 150000 2021, 210000 2021, …\): the normalisation is undefined there/);
});

test('a division by zero in a formula is a warning naming the cell (POP = 0 for 广东 2024)', () => {
  const r = run(sampleWith({ 7621: '440000,2024,POP,0,,sample,' }));
  const f = r.warnings.filter((w) => w.code === 'formula-undefined');
  // the regional per-capita indicators that divide by POP alone
  const perCapita = REG.nodes.filter((n) => n.kind === 'derived' && /\/ POP\b/.test(n.formula!)).map((n) => n.code);
  assert.deepEqual(f.map((w) => w.path), perCapita);
  assert.equal(f[0]!.message, 'R19 = R18 / POP: undefined for 1 cell whose inputs are present (440000 2024): a zero denominator or an overflow; left missing');
});

test('an aggregate undefined for some cells names them', () => {
  const fw = parseFramework('id: g\nname: g\nnodes:\n  - {code: ROOT, name: r}\n  - {code: A, parent: ROOT, name: a, unit: 件}\n  - {code: B, parent: ROOT, name: b, unit: 件}\n', 'g.yaml');
  const data = new Panel(['U1', 'U2', 'U3'].flatMap((u, i) => [{ unit: u, year: 2023, variable: 'A', value: [1, 2, 3][i]! }, { unit: u, year: 2023, variable: 'B', value: [3, 2, 1][i]! }]));
  const geo: Recipe = { id: 'geo', dataLag: 0, firstEdition: 2023, normalisation: { method: 'minmax', params: { l: 0, u: 100 } }, aggregation: { method: 'geometric' } };
  const r = evaluate(fw, data, geo, { edition: 2023 });
  // min-max gives U1 0 on A and U3 0 on B: the geometric mean of a 0 is undefined there
  const w = r.warnings.find((x) => x.code === 'aggregate-undefined');
  assert.ok(w, JSON.stringify(r.warnings));
  assert.match(w.message, /^ROOT: geometric aggregate undefined for 2 unit-editions \(e\.g\. a non-positive score in a geometric mean: U1 2023, U3 2023\); left missing$/);
});

test('a what-if value outside its domain is refused; on a Cube (no file) the message names unit and year', () => {
  const plan = compile(REG, recipe, sampleWith({}).cube(), { edition: 2025 });
  assert.throws(() => plan.rerun({ values: [{ code: 'R18', unit: '440000', year: 2024, value: -1 }] }), (e: Error) => e instanceof RecipeError && /rerun: the value of R18 for 440000 2024: -1 is below 0 — its unit 件 counts things and cannot be negative/.test(e.message));
  assert.throws(() => plan.rerun({ values: [{ code: 'R02', unit: '440000', year: 2024, value: 101 }] }), (e: Error) => e instanceof RecipeError && /101 is above 100/.test(e.message));
  assert.doesNotThrow(() => plan.rerun({ values: [{ code: 'R18', unit: '440000', year: 2024, value: 0 }] }));
  assert.throws(
    () => evaluate(REG, sampleWith({ 7813: '440000,2024,R18,-5,,,' }).cube(), recipe, { edition: 2025 }),
    (e: Error) => e instanceof DataError && e.problems[0]!.file === undefined && e.problems[0]!.line === undefined && /^440000, 2024: -5 is below 0/.test(e.problems[0]!.message),
  );
});

test('the sample runs raise none of the new warnings (their pinned results stay as they were)', () => {
  const fresh = ['implausible-value', 'score-undefined', 'formula-undefined', 'framework-weights-unused'];
  const r = run(sampleWith({}));
  assert.deepEqual(r.warnings.filter((w) => fresh.includes(w.code)), []);
  const nat = evaluate(frameworkFile('cnipa-national-2025'), new Panel(parseTidyCsv(readFileSync(new URL('../data/sample/national.csv', import.meta.url), 'utf8'))), BUILTIN_RECIPES['cnipa-national']!, { edition: 2025 });
  assert.deepEqual(nat.warnings.filter((w) => fresh.includes(w.code)), []);
});
