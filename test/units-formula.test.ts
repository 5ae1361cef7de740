import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnit, sameDims, parseFormula, evaluateFormula, inferFormulaUnit, formulaVariables, FormulaError, UnitError } from '../src/core/index.ts';

test('parseUnit: prefixes multiply and classifiers count', () => {
  assert.deepEqual(parseUnit('件/百亿元'), { dims: { count: 1, CNY: -1 }, scale: 1e-10 });
  assert.deepEqual(parseUnit('万人'), { dims: { count: 1 }, scale: 1e4 });
  assert.deepEqual(parseUnit('万元/亿元'), { dims: {}, scale: 1e-4 });
  assert.equal(parseUnit('%').scale, 0.01);
  assert.equal(parseUnit('万亿美元').scale, 1e12);
  assert.ok(sameDims(parseUnit('家/户'), parseUnit('%')));
  assert.ok(!sameDims(parseUnit('件/万人'), parseUnit('件/亿元')));
});

test('parseUnit: unknown words are refused with the word named', () => {
  assert.throws(() => parseUnit('件/万头'), (e: Error) => e instanceof UnitError && /unknown unit "万头"/.test(e.message));
  assert.throws(() => parseUnit('件/兆元'), (e: Error) => e instanceof UnitError && /unknown prefix "兆"/.test(e.message));
});

test('formulas parse, list variables and evaluate', () => {
  const e = parseFormula('R47 × 10^4 / GDP');
  assert.deepEqual(formulaVariables(e), ['R47', 'GDP']);
  // 2 亿元 of contracts in a province with 50 000 亿元 GDP: 2·10⁴/50000 = 0.4 万元 per 亿元
  assert.equal(evaluateFormula(e, (n) => ({ R47: 2, GDP: 50000 })[n]), 0.4);
  assert.equal(evaluateFormula(parseFormula('(a + b) * 2 - -c'), (n) => ({ a: 1, b: 2, c: 3 })[n]), 9);
  assert.equal(evaluateFormula(parseFormula('a / b'), (n) => ({ a: 1, b: 0 })[n]), null, 'division by zero gives missing, not Infinity');
  assert.equal(evaluateFormula(parseFormula('a / b'), (n) => ({ a: 1 })[n as 'a']), null, 'a missing input gives missing');
});

test('formula syntax errors give the position', () => {
  assert.throws(() => parseFormula('R18 / '), (e: Error) => e instanceof FormulaError && /at the end/.test(e.message));
  assert.throws(() => parseFormula('R18 $ POP'), (e: Error) => /unexpected character "\$" at position 5/.test(e.message));
  assert.throws(() => parseFormula('(R18 / POP'), (e: Error) => /expected "\)"/.test(e.message));
});

test('formula units: constants are conversion factors', () => {
  const units: Record<string, string> = { R22: '件', GDP: '亿元', R42: '亿元', R47: '亿元', POP: '万人', R84: '家' };
  const u = (n: string) => parseUnit(units[n]!);
  // R23 = R22 / GDP × 100 is in 件 per 百亿元
  assert.equal(inferFormulaUnit(parseFormula('R22 / GDP * 100'), u).scale, parseUnit('件/百亿元').scale);
  // R43 = R42 / GDP × 100 is a percentage
  const pct = inferFormulaUnit(parseFormula('R42 / GDP * 100'), u);
  assert.deepEqual(pct.dims, {});
  assert.ok(Math.abs(pct.scale - 0.01) < 1e-15);
  // R85 = R84 / POP × 100 is per million people
  assert.ok(Math.abs(inferFormulaUnit(parseFormula('R84 / POP * 100'), u).scale - 1e-6) < 1e-18);
  assert.throws(() => inferFormulaUnit(parseFormula('R22 + GDP'), u), /cannot add count \(scale 1\) and CNY/);
});
