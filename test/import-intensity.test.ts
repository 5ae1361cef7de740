/**
 * An indicator whose name states an intensity (每百亿元GDP…, "… per CNY 100 million") is a ratio
 * even where the framework gives only its numerator's unit (件, 项, 人): `2.025` in it is a
 * decimal, not a thousands dot. Found importing the national sample (N32 2.025 件, N47 0.5111 项,
 * N64 人) into the store; a plain count keeps the ambiguity check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseFramework } from '../src/core/index.ts';
import { loadRegistry } from '../src/io/index.ts';
import { readObservationFiles } from '../src/io/import/index.ts';

const ROOT = new URL('..', import.meta.url).pathname;

test('the national sample reads with no error: intensities with three decimals are decimals', () => {
  const framework = parseFramework(readFileSync(`${ROOT}frameworks/cnipa-national-2025.yaml`, 'utf8'), 'cnipa-national-2025.yaml');
  const r = readObservationFiles([`${ROOT}data/sample/national.csv`], { framework, registry: loadRegistry() });
  const errors = r.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((e) => `${e.code} ${e.variable} ${e.value}`), []);
  const n32 = r.observations.find((o) => o.variable === 'N32' && o.year === 2021);
  assert.equal(n32?.value, 2.025);
});

test('a plain count (件) still refuses 1.234 as ambiguous', () => {
  const yaml = ['id: t', 'name: {zh: 测试}', 'nodes:', '  - {code: IDX, name: {zh: 指数}}', '  - {code: A, parent: IDX, name: {zh: 发明专利授权量}, unit: 件}', '  - {code: B, parent: IDX, name: {zh: 每万人口发明专利拥有量}, unit: 件}', ''].join('\n');
  const framework = parseFramework(yaml, 't.yaml');
  const dir = `${ROOT}tmp-scratch`;
  const f = `${dir}/intensity-${process.pid}.csv`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(f, 'unit,year,variable,value\n440000,2024,A,1.234\n440000,2024,B,1.234\n');
  try {
    const r = readObservationFiles([f], { framework, registry: loadRegistry() });
    const amb = r.problems.filter((p) => p.code === 'ambiguous-number').map((p) => p.variable);
    assert.deepEqual(amb, ['A']);
    assert.equal(r.observations.find((o) => o.variable === 'B')?.value, 1.234);
  } finally {
    rmSync(f, { force: true });
  }
});
