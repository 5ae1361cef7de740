import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DataError, FrameworkError, Panel, buildGroupings, evaluate, groupStats, parseCsv, parseFramework, type Framework, type Observation, type Recipe } from '../src/core/index.ts';
import { coinrToFramework, coinrToObservations, frameworkToCoinr, observationsToCoinr } from '../src/core/formats/coinr.ts';
import { exportCoinr, importCoinr } from '../src/cli/coinr.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';

const FIX = new URL('./fixtures/coinr-asem/', import.meta.url);
const table = (name: string): string[][] => parseCsv(readFileSync(new URL(name, FIX), 'utf8'));
const fixturePath = (name: string): string => new URL(name, FIX).pathname;

const importAsem = (dataFile = 'ASEM_iData.csv') => {
  const fw = coinrToFramework(table('ASEM_iMeta.csv'), { file: 'ASEM_iMeta.csv' });
  const data = coinrToObservations(table(dataFile), { file: dataFile, meta: fw });
  return { fw, data };
};

/** COINr's default-style build: min-max to [0, 100] per year, the file's weights, arithmetic means. */
const RECIPE: Recipe = {
  id: 'coinr-minmax',
  normalisation: { method: 'minmax', params: { l: 0, u: 100 }, scope: 'per-year' },
  weights: { scheme: 'framework' },
  aggregation: { method: 'arithmetic' },
};

/**
 * Expected index scores, computed independently by test/fixtures/coinr-asem/hand_computed.py
 * (plain Python from the CSV files: min-max 0–100 per indicator, inverted for Direction −1;
 * weighted arithmetic means with missing children dropped and weights renormalised).
 * DEU has no missing indicator; MMR has 8.
 */
const EXPECTED = {
  DEU: { Index: 75.2278046542818, Conn: 81.15673666983994, Sust: 69.29887263872365 },
  MMR: { Index: 39.38986782169409, Conn: 15.298814827528668, Sust: 63.48092081585951 },
};

test('ASEM iMeta imports as a framework: 49 indicators, 8 pillars, 2 sub-indices, 1 index, 4 denominators', () => {
  const { fw } = importAsem();
  const f = fw.framework;
  const count = (level: number) => f.nodes.filter((n) => n.level === level).length;
  assert.equal(f.id, 'asem');
  assert.equal(f.root, 'Index');
  assert.deepEqual([count(0), count(1), count(2), count(3)], [1, 2, 8, 49]);
  assert.equal(f.nodes.filter((n) => n.kind === 'raw').length, 49);
  assert.deepEqual(f.nodes.find((n) => n.code === 'Index')!.children, ['Conn', 'Sust']);
  assert.deepEqual(f.variables.map((v) => v.code), ['Area', 'Energy', 'GDP', 'Population']);
  assert.deepEqual(fw.groups.map((g) => g.code), ['GDP_group', 'GDPpc_group', 'Pop_group', 'EurAsia_group']);
  const flights = f.nodes.find((n) => n.code === 'Flights')!;
  assert.equal(flights.parent, 'Physical');
  assert.deepEqual(flights.name, { zh: 'International flights passenger capacity', en: 'International flights passenger capacity' });
  assert.equal(flights.unit, 'Thousand seats');
  assert.deepEqual(
    f.nodes.filter((n) => n.direction === -1).map((n) => n.code),
    ['CostImpEx', 'Tariff', 'TBTs', 'PrimEner', 'CO2', 'MatCon', 'Forest', 'Poverty', 'Palma', 'FreePress', 'TolMin', 'PubDebt', 'PrivDebt', 'NEET'],
  );
  // the raw object is what framework.yaml holds: it parses back to the same framework
  assert.equal(fw.raw.nodes.find((n) => n.code === 'PrimEner')!.direction, '-');
  assert.equal(fw.raw.nodes[0]!.parent, undefined);
  assert.ok(fw.notes.some((n) => /Denominator column/.test(n)));
});

test('ASEM iData imports as tidy observations and groupings', () => {
  const { data } = importAsem();
  assert.equal(data.units.length, 51);
  assert.deepEqual(data.units[0], { code: 'AUT', name: 'Austria' });
  assert.deepEqual(data.years, [2018]);
  // 51 units × (49 indicators + 4 denominators) cells, less the 64 NA cells
  assert.equal(data.observations.length, 51 * 53 - 64);
  const lpi = data.observations.find((o) => o.unit === 'AUT' && o.variable === 'LPI')!;
  assert.equal(lpi.value, 4.097985);
  assert.equal(lpi.year, 2018);
  assert.equal(lpi.source, 'ASEM_iData.csv');
  assert.ok(data.observations.some((o) => o.unit === 'AUT' && o.variable === 'Population'), 'denominators are observations too');
  assert.ok(!data.observations.some((o) => o.unit === 'BRN' && o.variable === 'Tariff' && o.value === null));
  const gs = buildGroupings(data.groupings);
  assert.deepEqual(gs.map((g) => g.id), ['GDP_group', 'GDPpc_group', 'Pop_group', 'EurAsia_group']);
  const eurasia = gs.find((g) => g.id === 'EurAsia_group')!;
  assert.deepEqual(eurasia.groups.map((g) => g.code), ['Europe', 'Asia']);
  assert.equal(eurasia.groups.reduce((s, g) => s + g.members.length, 0), 51);
  assert.equal(eurasia.name.en, 'Europe or Asia');

  // NA kept as null on request
  const fw = coinrToFramework(table('ASEM_iMeta.csv'), { file: 'ASEM_iMeta.csv' });
  const withNa = coinrToObservations(table('ASEM_iData.csv'), { file: 'ASEM_iData.csv', meta: fw, keepMissing: true });
  assert.equal(withNa.observations.length, 51 * 53);
  assert.equal(withNa.observations.filter((o) => o.value === null).length, 64);
});

test('ASEM evaluates with min-max [0, 100] and arithmetic means; matches the hand computation', () => {
  const { fw, data } = importAsem();
  const res = evaluate(fw.framework, new Panel(data.observations), RECIPE, { edition: 2019, firstEdition: 2019 });
  assert.deepEqual(res.dataYears, [2018]);
  assert.equal(res.units.length, 51);
  for (const [unit, exp] of Object.entries(EXPECTED)) {
    const u = res.units.indexOf(unit);
    for (const [node, v] of Object.entries(exp)) assert.ok(Math.abs(res.scores[node]![u]! - v) < 1e-9, `${unit} ${node}: ${res.scores[node]![u]} vs ${v}`);
  }
  // DEU leads, as in the hand computation
  assert.equal(res.ranks.Index![res.units.indexOf('DEU')], 1);
  // groupings from the group columns work with the group statistics
  const stats = groupStats(res, buildGroupings(data.groupings));
  const europe = stats.find((s) => s.grouping === 'EurAsia_group' && s.group === 'Europe' && s.node === 'Index')!;
  assert.equal(europe.members, 30);
});

test('COINr export round-trips: framework codes, parents, weights, directions, levels and values', () => {
  const { fw, data } = importAsem();
  const groupings = buildGroupings(data.groupings);
  const iMeta = frameworkToCoinr(fw.framework, { groupings });
  const iData = observationsToCoinr(fw.framework, data.observations, groupings, { unitNames: Object.fromEntries(data.units.map((u) => [u.code, u.name])) });
  assert.deepEqual(iMeta[0], ['Level', 'iCode', 'iName', 'Direction', 'Weight', 'Unit', 'Target', 'Denominator', 'Parent', 'Type']);
  assert.deepEqual(iData[0]!.slice(0, 7), ['uName', 'uCode', 'GDP_group', 'GDPpc_group', 'Pop_group', 'EurAsia_group', 'Time']);
  assert.equal(iData.length, 52);
  // the exported iMeta has COINr's levels, as the original
  const orig = table('ASEM_iMeta.csv');
  const levelOf = (t: string[][]) => new Map(t.slice(1).filter((r) => r[9] === 'Indicator' || r[9] === 'Aggregate').map((r) => [r[1]!, r[0]!]));
  assert.deepEqual(levelOf(iMeta), levelOf(orig));

  const fw2 = coinrToFramework(iMeta, { file: 'iMeta.csv', id: 'asem' });
  const data2 = coinrToObservations(iData, { file: 'iData.csv', meta: fw2 });
  const shape = (f: Framework) => f.nodes.map((n) => ({ code: n.code, parent: n.parent, weight: n.weight, direction: n.direction, level: n.level, kind: n.kind, name: n.name, unit: n.unit }));
  assert.deepEqual(shape(fw2.framework), shape(fw.framework));
  assert.deepEqual(fw2.framework.variables.map((v) => [v.code, v.unit]), fw.framework.variables.map((v) => [v.code, v.unit]));
  const key = (o: Observation) => `${o.unit}|${o.year}|${o.variable}`;
  const values = (obs: Observation[]) => new Map(obs.map((o) => [key(o), o.value]));
  assert.deepEqual(values(data2.observations), values(data.observations));
  assert.deepEqual(data2.units, data.units);
  assert.deepEqual(buildGroupings(data2.groupings), groupings);

  // and the values equal the original file's cells
  const origData = table('ASEM_iData.csv');
  const col = origData[0]!.indexOf('Goods');
  const kor = origData.find((r) => r[1] === 'KOR')!;
  assert.equal(values(data2.observations).get('KOR|2018|Goods'), Number(kor[col]));
});

test('COINr panel iData (5 years) imports and round-trips', () => {
  const { fw, data } = importAsem('ASEM_iData_p.csv');
  assert.deepEqual(data.years, [2018, 2019, 2020, 2021, 2022]);
  assert.equal(data.units.length, 51);
  const iData = observationsToCoinr(fw.framework, data.observations, buildGroupings(data.groupings));
  assert.equal(iData.length, 1 + 51 * 5);
  const again = coinrToObservations(iData, { file: 'iData.csv', meta: fw });
  assert.deepEqual(new Map(again.observations.map((o) => [`${o.unit}|${o.year}|${o.variable}`, o.value])), new Map(data.observations.map((o) => [`${o.unit}|${o.year}|${o.variable}`, o.value])));
  const res = evaluate(fw.framework, new Panel(data.observations), RECIPE, { edition: 2023, firstEdition: 2019 });
  assert.deepEqual(res.dataYears, [2018, 2019, 2020, 2021, 2022]);
  // per-year scope: the first year scores as the single-year file does
  const u = res.units.indexOf('DEU');
  assert.ok(Math.abs(res.scores.Index![u]! - EXPECTED.DEU.Index) < 1e-9);
});

test('a bad parent in iMeta is reported with the row and the iCode', () => {
  const t = table('ASEM_iMeta.csv');
  const row = t.findIndex((r) => r[1] === 'Flights');
  t[row]![8] = 'Physcal';
  assert.throws(
    () => coinrToFramework(t, { file: 'ASEM_iMeta.csv' }),
    (e: unknown) => e instanceof FrameworkError && e.message.includes(`ASEM_iMeta.csv row ${row + 1} (iCode Flights): Parent 'Physcal' is not an iCode of level 2`),
  );
  // an indicator naming a sub-index (two levels up) is a level violation too
  const t2 = table('ASEM_iMeta.csv');
  t2[row]![8] = 'Conn';
  assert.throws(() => coinrToFramework(t2, { file: 'ASEM_iMeta.csv' }), /row 3 \(iCode Flights\): Parent 'Conn' is not an iCode of level 2 \(it is at level 3\)/);
  // an indicator not at Level 1, a bad direction: all reported at once
  const t3 = table('ASEM_iMeta.csv');
  t3[1]![0] = '2';
  t3[4]![3] = '0';
  assert.throws(
    () => coinrToFramework(t3, { file: 'ASEM_iMeta.csv' }),
    (e: unknown) => e instanceof FrameworkError && e.problems.length === 2 && /row 2 \(iCode LPI\): an Indicator must be at Level 1/.test(e.message) && /row 5 \(iCode Bord\): Direction must be 1 or -1/.test(e.message),
  );
});

test('iData without Time needs a year; bad cells name file, row and column', () => {
  const fw = coinrToFramework(table('ASEM_iMeta.csv'), { file: 'ASEM_iMeta.csv' });
  const t = table('ASEM_iData.csv');
  const ti = t[0]!.indexOf('Time');
  const noTime = t.map((r) => r.filter((_, i) => i !== ti));
  assert.throws(() => coinrToObservations(noTime, { file: 'ASEM_iData.csv', meta: fw }), (e: unknown) => e instanceof DataError && /no Time column: pass the data year with --year/.test(e.message));
  const d = coinrToObservations(noTime, { file: 'ASEM_iData.csv', meta: fw, year: 2020 });
  assert.deepEqual(d.years, [2020]);
  assert.equal(d.observations.length, 51 * 53 - 64);

  const bad = table('ASEM_iData.csv');
  bad[3]![bad[0]!.indexOf('LPI')] = 'n.a.';
  assert.throws(() => coinrToObservations(bad, { file: 'ASEM_iData.csv', meta: fw }), (e: unknown) => e instanceof DataError && e.problems[0]!.line === 4 && e.problems[0]!.field === 'LPI');
  const extra = table('ASEM_iData.csv').map((r, i) => [...r, i === 0 ? 'Mystery' : '1']);
  assert.throws(() => coinrToObservations(extra, { file: 'ASEM_iData.csv', meta: fw }), /Mystery is not an iCode of the iMeta table/);
});

test('CLI import/export: files written, framework.yaml parses, evaluate runs on them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-coinr-'));
  try {
    const out = join(dir, 'asem');
    const r = importCoinr({ idata: fixturePath('ASEM_iData.csv'), imeta: fixturePath('ASEM_iMeta.csv'), out, year: 2018 });
    assert.match(r.summary, /51 units, 49 indicators \+ 4 denominators, year 2018, 2639 rows, 4 groupings/);
    const fw = parseFramework(readFileSync(join(out, 'framework.yaml'), 'utf8'), 'framework.yaml');
    assert.equal(fw.nodes.length, 60);
    assert.equal(buildGroupings(parseYaml(readFileSync(join(out, 'groupings.yaml'), 'utf8'))).length, 4);
    const recipe = join(dir, 'recipe.json');
    writeFileSync(recipe, JSON.stringify(RECIPE));
    const ev = evaluateFiles({ framework: join(out, 'framework.yaml'), data: [join(out, 'data.csv')], edition: 2019, firstEdition: 2019, recipe, groupings: false });
    const u = ev.result.units.indexOf('MMR');
    assert.ok(Math.abs(ev.result.scores.Index![u]! - EXPECTED.MMR.Index) < 1e-9);

    const out2 = join(dir, 'coinr');
    const x = exportCoinr({ framework: join(out, 'framework.yaml'), data: [join(out, 'data.csv')], out: out2, groupings: join(out, 'groupings.yaml') });
    assert.match(x.summary, /51 units/);
    const iMeta = parseCsv(readFileSync(join(out2, 'iMeta.csv'), 'utf8'));
    const iData = parseCsv(readFileSync(join(out2, 'iData.csv'), 'utf8'));
    const fw2 = coinrToFramework(iMeta, { file: 'iMeta.csv' });
    const d2 = coinrToObservations(iData, { file: 'iData.csv', meta: fw2 });
    assert.equal(d2.observations.length, 2639);
    assert.equal(d2.groupings!.groupings.length, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bundled CNIPA framework exports as COINr iMeta (derived indicators as plain indicators)', () => {
  const fw = parseFramework(readFileSync(new URL('../frameworks/cnipa-regional-2025.yaml', import.meta.url), 'utf8'));
  const iMeta = frameworkToCoinr(fw);
  const back = coinrToFramework(iMeta, { file: 'iMeta.csv', id: fw.id });
  assert.deepEqual(
    back.framework.nodes.map((n) => [n.code, n.parent, n.weight, n.direction, n.level]),
    fw.nodes.map((n) => [n.code, n.parent, n.weight, n.direction, n.level]),
  );
  assert.deepEqual(back.framework.variables.map((v) => v.code), fw.variables.map((v) => v.code));
  // COINr needs every indicator at Level 1
  const unbalanced = parseFramework('id: t\nname: t\nnodes:\n  - {code: T, name: t}\n  - {code: A, name: a, parent: T}\n  - {code: a1, name: a1, parent: A}\n  - {code: b, name: b, parent: T}\n');
  assert.throws(() => frameworkToCoinr(unbalanced), (e: unknown) => e instanceof FrameworkError && e.problems[0]!.node === 'b');
});
