/**
 * Issue 7 (robustness), part B: formulas. 5 000 nested parentheses, 20 000 unary minus signs and
 * a 50 000-term sum overflowed the stack (exit 2); `R18 / POP * 0` and `R18 / (POP - POP)` passed
 * the unit check. The parser is bounded (length, nesting), every walk over a parsed formula is
 * iterative, and a zero or infinite scale factor or a term subtracted from itself is a unit error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormulaError, FrameworkError, Panel, evaluate, evaluateFormula, formulaVariables, inferFormulaUnit, parseFormula, parseFramework, parseUnit, type Recipe } from '../src/core/index.ts';
import { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, postOrder } from '../src/core/expr/formula.ts';
import { evaluateTable } from '../src/core/plan/derive.ts';

const fails = (f: () => unknown, re: RegExp): void => {
  assert.throws(f, (e: Error) => e instanceof FormulaError && re.test(e.message), String(re));
};

test(`the parser is bounded: at most ${MAX_FORMULA_LENGTH} characters`, () => {
  assert.equal(MAX_FORMULA_LENGTH, 10_000);
  // 4 999 terms "A+" then "AB": exactly 10 000 characters, 4 999·A + AB
  const exact = 'A+'.repeat(4999) + 'AB';
  assert.equal(exact.length, 10_000);
  assert.equal(evaluateFormula(parseFormula(exact), (n) => ({ A: 1.5, AB: 2 })[n]), 4999 * 1.5 + 2); // 7500.5
  fails(() => parseFormula(exact + ' '), /^Formula "A\+A\+.*…" is too long: 10001 characters, at most 10000 \(MAX_FORMULA_LENGTH\)$/);
  // the reproducers: a 50 000-term sum, 5 000 nested parentheses, 20 000 minus signs
  fails(() => parseFormula(Array(50_000).fill('R18').join(' + ')), /is too long: 299997 characters/);
  fails(() => parseFormula('('.repeat(5000) + 'R18' + ')'.repeat(5000)), /is too long: 10003 characters/);
  fails(() => parseFormula('-'.repeat(20_000) + 'R18'), /is too long: 20003 characters/);
});

test(`the parser is bounded: parentheses and minus signs nest at most ${MAX_FORMULA_DEPTH} deep`, () => {
  assert.equal(MAX_FORMULA_DEPTH, 64);
  const parens = (n: number): string => '('.repeat(n) + 'A' + ')'.repeat(n);
  assert.equal(evaluateFormula(parseFormula(parens(64)), () => 7), 7);
  fails(() => parseFormula(parens(65)), /parentheses and minus signs nest more than 64 deep \(MAX_FORMULA_DEPTH\) at position 65$/);
  // 64 minus signs: (−1)⁶⁴ = 1; 63: −1
  assert.equal(evaluateFormula(parseFormula('-'.repeat(64) + 'A'), () => 2), 2);
  assert.equal(evaluateFormula(parseFormula('-'.repeat(63) + 'A'), () => 2), -2);
  fails(() => parseFormula('-'.repeat(65) + 'A'), /nest more than 64 deep/);
  // a number too large to be one
  fails(() => parseFormula('R18 * 1e400'), /^Formula "R18 \* 1e400": the number 1e400 at position 7 is too large$/);
  // control characters are shown escaped
  fails(() => parseFormula('R18 \u001b POP'), /unexpected character "\\u001b" at position 5/);
});

test('long sums and products evaluate without recursion, as scalars and over tables', () => {
  // 4 999 terms, each A = 0.25: 1249.75
  const sum = parseFormula(Array(4999).fill('A').join('+'));
  assert.equal(evaluateFormula(sum, () => 0.25), 1249.75);
  assert.equal(postOrder(sum).length, 4999 + 4998);
  assert.deepEqual(formulaVariables(sum), ['A']);
  // a right-nested difference 64 deep: A-(A-(A-…(A-A)…)) with 64 pairs of parentheses is A when
  // the count of A is even… worked out: f(0) = A, f(k) = A - f(k-1) ⇒ f(k) = A if k even, 0 if odd
  let f = 'A';
  for (let k = 0; k < 63; k++) f = `A - (${f})`;
  assert.equal(evaluateFormula(parseFormula(f), () => 5), 0); // k = 63 is odd
  // tables: cells 0…3 with A = [1, 2, NaN, 4], B = [2, 0, 1, 8]
  const A = Float64Array.from([1, 2, NaN, 4]);
  const B = Float64Array.from([2, 0, 1, 8]);
  const get = (n: string): Float64Array => (n === 'A' ? A : B);
  const t = evaluateTable(parseFormula(Array(3000).fill('A').join('+') + ' / B'), 4, get);
  // 2 999·A + A/B: 2999 + 0.5, 5998 + (2/0 → missing), missing, 11996 + 0.5
  assert.deepEqual(Array.from(t), [2999.5, NaN, NaN, 11996.5]);
  const undefinedCells: number[] = [];
  evaluateTable(parseFormula('A / B'), 4, get, undefined, undefinedCells);
  assert.deepEqual(undefinedCells, [1], 'cell 1 has both inputs but divides by 0; cell 2 lacks A');
});

test('the iterative evaluator gives the values of the grammar (hand-computed)', () => {
  const v = (n: string): number | undefined => ({ a: 1, b: 2, c: 3 })[n];
  assert.equal(evaluateFormula(parseFormula('(a + b) * 2 - -c'), v), 9); // 3·2 + 3
  assert.equal(evaluateFormula(parseFormula('a / (b - c) ^ 2'), v), 1); // 1 / (−1)²
  assert.equal(evaluateFormula(parseFormula('-(a - b) / c'), v), 1 / 3); // 1/3
  assert.equal(evaluateFormula(parseFormula('a ^ -1 * 10^4'), v), 10000);
  assert.equal(evaluateFormula(parseFormula('c - b - a'), v), 0); // left-associative: (3 − 2) − 1
  assert.equal(evaluateFormula(parseFormula('c / b / a'), v), 1.5); // (3 / 2) / 1
  assert.equal(evaluateFormula(parseFormula('a / (b - b)'), v), null, 'division by zero: missing');
  assert.equal(evaluateFormula(parseFormula('a + d'), v), null, 'a missing input: missing');
  assert.equal(evaluateFormula(parseFormula('a * 1e300 * 1e300'), v), null, 'overflow: missing');
});

const units: Record<string, string> = { R18: '件', POP: '万人', GDP: '亿元' };
const unitOf = (n: string) => (units[n] === undefined ? undefined : parseUnit(units[n]!));

test('a zero or infinite scale factor, or a term subtracted from itself, is a unit error', () => {
  const bad: [string, RegExp][] = [
    ['R18 / POP * 0', /^Formula "R18 \/ POP \* 0": multiplies by 0, so it is always 0$/],
    ['0 * R18 / POP', /multiplies by 0/],
    ['R18 / (POP - POP)', /^Formula "R18 \/ \(POP - POP\)": subtracts POP from itself, so it is always 0/],
    ['R18 / (POP + GDP / GDP * 0)', /multiplies by 0/],
    ['(R18 + R18) / POP - (R18 + R18) / POP', /subtracts \(R18 \+ R18\) \/ POP from itself/],
    ['R18 / POP / (2 - 2)', /subtracts 2 from itself/],
    ['R18 / POP / (3 - 1 - 2)', /divides by 0, so it is never defined/],
    ['R18 / POP * 1e300 * 1e300', /its scale factor underflows to 0/],
    ['R18 / POP / 1e300 / 1e300', /its scale factor overflows to infinity/],
    ['R18 ^ 0 / POP', /raises to the power 0, which is always 1/],
  ];
  for (const [f, re] of bad) fails(() => inferFormulaUnit(parseFormula(f), unitOf, f), re);
  // conversions that are fine stay fine: R22 / GDP × 100 is in 件/百亿元 (10⁻⁸ / 100 = 10⁻¹⁰)
  const u = inferFormulaUnit(parseFormula('R18 / GDP * 100'), unitOf, 'x');
  assert.deepEqual(u.dims, { count: 1, CNY: -1 });
  assert.ok(Math.abs(u.scale - 1e-10) < 1e-24);
  // a negative constant is a conversion factor of its size (the sign is no unit)
  assert.ok(Math.abs(inferFormulaUnit(parseFormula('-R18 / POP * -2'), unitOf, 'x').scale - 0.5e-4) < 1e-18);
});

test('in a framework, the formula limits and unit errors name the node and the limit', () => {
  const fw = (formula: string): string => `id: t
name: t
variables:
  - {code: POP, name: 人口, unit: 万人}
nodes:
  - {code: ROOT, name: r}
  - {code: R18, parent: ROOT, name: x, unit: 件}
  - code: R19
    parent: ROOT
    name: y
    unit: 件/万人
    formula: "${formula}"
`;
  const problem = (formula: string): string => {
    try {
      parseFramework(fw(formula), 'f.yaml');
    } catch (e) {
      assert.ok(e instanceof FrameworkError, String(e));
      assert.equal(e.problems.length, 1, e.message);
      const p = e.problems[0]!;
      return `${p.file}:${p.line} [${p.node}] ${p.field}: ${p.message}`;
    }
    return 'accepted';
  };
  assert.equal(problem('R18 / POP * 0'), 'f.yaml:12 [R19] formula: Formula "R18 / POP * 0": multiplies by 0, so it is always 0');
  assert.equal(problem('R18 / (POP - POP)'), 'f.yaml:12 [R19] formula: Formula "R18 / (POP - POP)": subtracts POP from itself, so it is always 0 (check the formula)');
  assert.match(problem('('.repeat(65) + 'R18' + ')'.repeat(65) + ' / POP'), /^f\.yaml:12 \[R19\] formula: Formula "\({60}…" \(139 characters\): parentheses and minus signs nest more than 64 deep \(MAX_FORMULA_DEPTH\)/);
  assert.match(problem(Array(5001).fill('R18').join('+') + ' / POP'), /^f\.yaml:12 \[R19\] formula: Formula "R18\+R18.*…" is too long: 20009 characters, at most 10000 \(MAX_FORMULA_LENGTH\)$/);
  assert.equal(problem('R18 / POP'), 'accepted');
});

test('a 2 500-term sum in a derived indicator evaluates through the plan (was a stack overflow at 50 000)', () => {
  const terms = 2500;
  const text = `id: t
name: t
variables:
  - {code: POP, name: 人口, unit: 万人}
nodes:
  - {code: ROOT, name: r}
  - {code: X1, parent: ROOT, name: x, unit: 件}
  - code: S
    parent: ROOT
    name: s
    unit: 件/万人
    formula: "(${Array(terms).fill('X1').join('+')}) / POP"
`;
  const framework = parseFramework(text, 's.yaml');
  const rows = [
    { unit: 'U1', year: 2023, variable: 'X1', value: 2 },
    { unit: 'U2', year: 2023, variable: 'X1', value: 3 },
    { unit: 'U1', year: 2023, variable: 'POP', value: 10 },
    { unit: 'U2', year: 2023, variable: 'POP', value: 20 },
  ];
  const recipe: Recipe = { id: 'r', dataLag: 0, firstEdition: 2023, normalisation: { method: 'minmax', scope: 'pooled' } };
  const res = evaluate(framework, new Panel(rows), recipe, { edition: 2023 });
  // U1: 2500·2 / 10 = 500; U2: 2500·3 / 20 = 375 (sums of equal terms are exact here)
  assert.deepEqual(Array.from(res.values.S!), [500, 375]);
});
