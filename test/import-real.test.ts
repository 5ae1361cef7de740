/**
 * The first real data: the four yearbook files in examples/real-provincial/raw/ (a copy of ../shared/data/real-provincial/raw/; their own
 * layout and codes) import through examples/real-provincial/mapping.yaml to values equal to the
 * same rows of yearbook-2016-2023.csv, and the sum-of-provinces check reports the real gaps to
 * 全国 (0.3–6 %) as warnings with their size. The expected figures are read from the yearbook CSV
 * with a plain split here, not through the importer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateObservations, parseMapping } from '../src/core/import/index.ts';
import { loadFramework, loadRegistry } from '../src/io/index.ts';
import { loadMapping, readObservationFiles } from '../src/io/import/index.ts';

// the project's copy of the real files (examples/real-provincial/, identical to ../shared/data/real-provincial/)
const SHARED = new URL('../examples/real-provincial/', import.meta.url).pathname;
const RAW = ['patent-valid-2022.xlsx', 'patent-valid-2023.xlsx', 'techmarket-funds-2022.xlsx', 'techmarket-funds-2023.xlsx'].map((f) => `${SHARED}raw/${f}`);
const example = (f: string): string => new URL(`../examples/real-provincial/${f}`, import.meta.url).pathname;
const framework = loadFramework(example('framework.yaml')).framework;
const registry = loadRegistry();

/** yearbook rows: "unit|year|variable" → value, unit as the short Chinese name or 全国. */
function yearbook(): Map<string, number> {
  const m = new Map<string, number>();
  const lines = readFileSync(`${SHARED}yearbook-2016-2023.csv`, 'utf8').trim().split('\n').slice(1);
  for (const l of lines) {
    const [unit, year, variable, value] = l.split(',');
    m.set(`${unit}|${year}|${variable}`, Number(value));
  }
  return m;
}

test('the four real files import through the mapping to the yearbook’s values, row for row', () => {
  const r = readObservationFiles(RAW, { framework, registry, mapping: loadMapping(example('mapping.yaml'), framework) });
  assert.deepEqual(r.problems, []);
  // 32 units (31 provinces + 全国) × 2 years × 2 variables; the other patent blocks are in ignore
  assert.equal(r.observations.length, 128);
  const yb = yearbook();
  let compared = 0;
  for (const o of r.observations) {
    const k = `${registry.name(o.unit)}|${o.year}|${o.variable}`;
    assert.ok(yb.has(k), `no yearbook row ${k}`);
    assert.equal(o.value, yb.get(k), k);
    compared++;
  }
  assert.equal(compared, 128);
  // and every yearbook row of those variables and years is imported
  const wanted = [...yb.keys()].filter((k) => /\|(2022|2023)\|(PATENT_VALID_INV|TECH_MARKET_VALUE)$/.test(k));
  assert.equal(wanted.length, 128);
  assert.deepEqual(r.sources.map((s) => [s.format, s.sheets.map((x) => [x.shape, x.observations])]), [
    ['xlsx', [['tidy', 32]]],
    ['xlsx', [['tidy', 32]]],
    ['xlsx', [['tidy', 32]]],
    ['xlsx', [['tidy', 32]]],
  ]);
  assert.equal(r.observations[0]!.source, '中国科技统计年鉴 (huhuaping/techme data-raw/data-tidy/tech-yearbook)');
});

test('the sum of provinces against 全国: the real gaps, as warnings with their size', () => {
  const r = readObservationFiles(RAW, { framework, registry, mapping: loadMapping(example('mapping.yaml'), framework) });
  const fs = validateObservations(r.observations, framework, { registry });
  const sums = fs.filter((f) => f.code === 'sum-vs-national');
  assert.ok(fs.every((f) => f.severity === 'warning'));
  // the gaps, from the yearbook rows directly
  const yb = yearbook();
  const provinces = registry.units.filter((u) => u.code !== 'CN').map((u) => u.name.zh);
  assert.equal(provinces.length, 31);
  const expected = [];
  for (const variable of ['PATENT_VALID_INV', 'TECH_MARKET_VALUE']) {
    for (const year of [2022, 2023]) {
      const nat = yb.get(`全国|${year}|${variable}`)!;
      const sum = provinces.reduce((s, p) => s + yb.get(`${p}|${year}|${variable}`)!, 0);
      const gap = (nat - sum) / nat;
      assert.ok(gap > 0.003 && gap < 0.06, `${variable} ${year}: gap ${gap}`);
      expected.push([variable, year, sum, nat, `${Number((gap * 100).toFixed(2))} %`]);
    }
  }
  const got = sums.map((f) => {
    const m = /^(\S+) (\d{4}): the 31 provinces sum to ([\d,]+), 全国 is ([\d,]+) — the provinces are ([\d.]+ %) below/.exec(f.message.en)!;
    return [m[1], Number(m[2]), Number(m[3]!.replace(/,/g, '')), Number(m[4]!.replace(/,/g, '')), m[5]];
  });
  assert.deepEqual(got.sort(), expected.sort());
  // the README's examples: 2023 有效发明专利 4 014 880 vs 4 088 695; 2023 技术市场成交额 −4.6 %
  assert.ok(sums.some((f) => /PATENT_VALID_INV 2023: the 31 provinces sum to 4,014,880, 全国 is 4,088,695 — the provinces are 1\.81 % below/.test(f.message.en)));
  assert.ok(sums.some((f) => /TECH_MARKET_VALUE 2023: .* 4\.6 % below/.test(f.message.en)));
  assert.ok(sums.every((f) => /省份合计低于全国 [\d.]+ %（差额 [\d,]+）：全国数可能包含未分省部分，保留原值/.test(f.message.zh)));
  // values are kept as given: nothing "corrected"
  assert.equal(r.observations.find((o) => o.unit === 'CN' && o.year === 2023 && o.variable === 'PATENT_VALID_INV')!.value, 4088695);
});

test('a code neither mapped nor ignored is an error naming it, once, with where it first occurs', () => {
  const mapping = parseMapping({ columns: { unit: 'province', year: 'year', variable: 'variables', value: 'value' }, variables: { v4_cg_zlsyx_fm: 'PATENT_VALID_INV' }, ignore: ['v4_cg_zlsyx_syxx', 'v4_cg_zlsyx_wgsj'] }, { framework });
  const r = readObservationFiles([RAW[1]!], { framework, registry, mapping });
  assert.deepEqual(r.problems.map((p) => [p.code, p.row, p.column, p.variable]), [['unknown-variable', 2, 'F', 'v4_cg_zlsyx_hj']]);
  assert.match(r.problems[0]!.message.en, /"v4_cg_zlsyx_hj" is not a variable of the framework; nor is it in the mapping’s variables or ignore \(32 places\)/);
  assert.equal(r.observations.length, 32);
});

test('mapping files are checked: unknown keys and variables not in the framework, all at once', () => {
  assert.throws(
    () => parseMapping({ colums: {}, variables: { x: 'PATENT_VALD_INV' }, totals: 'sum', header_row: 0 }, { file: 'm.yaml', framework }),
    (e: Error) => {
      assert.match(e.message, /^Mapping file m\.yaml has 4 problems/);
      assert.match(e.message, /colums: unknown key — did you mean columns\?/);
      assert.match(e.message, /variables\.x: PATENT_VALD_INV is not a variable of the framework — did you mean PATENT_VALID_INV\?/);
      assert.match(e.message, /totals: expected one of error, national, skip/);
      assert.match(e.message, /header_row: expected a row number/);
      return true;
    },
  );
});
