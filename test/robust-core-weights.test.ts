/**
 * Issue 7 (robustness), part B: framework weights were silently ignored under the built-in
 * recipes (a weight of 0 gave a byte-identical result). The choice (see unusedFrameworkWeights in
 * src/core/plan/compile.ts): the built-in recipe's weights are applied — the recipe is the method —
 * and every node whose framework weights it replaces is named in the warning
 * `framework-weights-unused`; a recipe with `weights.scheme: framework` (the default recipe)
 * honours them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_RECIPES, Panel, evaluate, parseFramework, parseTidyCsv, type EvaluationResult, type Framework, type Recipe } from '../src/core/index.ts';
import { DEFAULT_RECIPE } from '../src/core/recipe/default.ts';

const read = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');
const REG_TEXT = read('../frameworks/cnipa-regional-2025.yaml');
const regional = new Panel(parseTidyCsv(read('../data/sample/regional.csv')));
const national = new Panel(parseTidyCsv(read('../data/sample/national.csv')));
/** The regional framework with R05 (the fifth indicator of G11) weighing 0. */
const R05_ZERO = parseFramework(REG_TEXT.replace(/( {2}- code: R05\n(?: {4}.*\n)*? {4}weight: )1\n/, '$10\n'), 'reg-w0.yaml');
const unused = (r: EvaluationResult) => r.warnings.filter((w) => w.code === 'framework-weights-unused');

test('the edit is the one intended: R05 weighs 0, every other node as in the file', () => {
  const orig = parseFramework(REG_TEXT, 'reg.yaml');
  assert.deepEqual(
    R05_ZERO.nodes.filter((n, i) => n.weight !== orig.nodes[i]!.weight).map((n) => [n.code, n.weight]),
    [['R05', 0]],
  );
});

test('under the built-in regional recipe a framework weight of 0 is not used, and the warning says so', () => {
  const recipe = BUILTIN_RECIPES['cnipa-regional']!;
  const edited = evaluate(R05_ZERO, regional, recipe, { edition: 2025 });
  const plain = evaluate(parseFramework(REG_TEXT, 'reg.yaml'), regional, recipe, { edition: 2025 });
  assert.deepEqual(unused(edited), [
    {
      code: 'framework-weights-unused',
      path: 'G11',
      message: "Recipe cnipa-regional weighs the children of 1 node otherwise than the framework's weights, which are not used there: G11 (scheme equal; the framework gives R05 0, the others 1). To use the framework's weights, use a recipe with weights.scheme: framework",
    },
  ]);
  assert.deepEqual(unused(plain), []);
  // the recipe's weights are the ones applied: the scores are those of the file as published
  assert.deepEqual(edited.scores, plain.scores);
  assert.equal(edited.weights.R05, 0.2);
});

test('under the built-in national recipe: sub-index weights other than the indicator counts are named', () => {
  const text = read('../frameworks/cnipa-national-2025.yaml').replace('  - code: S1\n    parent: NIDX\n    name: {zh: 知识产权制度, en: IP system}\n    weight: 8\n', '  - code: S1\n    parent: NIDX\n    name: {zh: 知识产权制度, en: IP system}\n    weight: 10\n');
  const fw = parseFramework(text, 'nat.yaml');
  const r = evaluate(fw, national, BUILTIN_RECIPES['cnipa-national']!, { edition: 2025 });
  assert.deepEqual(unused(r).map((w) => [w.path, w.message]), [
    ['NIDX', "Recipe cnipa-national weighs the children of 1 node otherwise than the framework's weights, which are not used there: NIDX (scheme leaf-count; the framework gives S1 10, S2 18, S3 26, S4 9, …). To use the framework's weights, use a recipe with weights.scheme: framework"],
  ]);
  // 8/18/26/9/7/17 are the indicator counts, which leaf-count reproduces: nothing to say
  assert.deepEqual(unused(evaluate(parseFramework(read('../frameworks/cnipa-national-2025.yaml'), 'n.yaml'), national, BUILTIN_RECIPES['cnipa-national']!, { edition: 2025 })), []);
});

test('a recipe with the framework scheme honours the weight of 0: G11 is the mean of R01–R04', () => {
  const r = evaluate(R05_ZERO, regional, { ...DEFAULT_RECIPE, firstEdition: 2020 }, { edition: 2025 });
  assert.deepEqual(unused(r), []);
  assert.equal(r.weights.R05, 0);
  assert.equal(r.weights.R01, 0.25);
  const s = r.scores;
  for (let k = 0; k < s.G11!.length; k++) {
    const kids = ['R01', 'R02', 'R03', 'R04'].map((c) => s[c]![k]!);
    if (!kids.every(Number.isFinite)) continue;
    const mean = (kids[0]! + kids[1]! + kids[2]! + kids[3]!) / 4;
    assert.ok(Math.abs(s.G11![k]! - mean) <= 1e-12 * Math.max(1, Math.abs(mean)), `cell ${k}: ${s.G11![k]} vs ${mean}`);
  }
});

test('a recipe of one’s own states its scheme itself: no warning (entropy, a copy with another id)', () => {
  const own: Recipe = { ...BUILTIN_RECIPES['cnipa-regional']!, id: 'mine', weights: { scheme: 'entropy', set: { P1: 0.25, P2: 0.5, P3: 0.25 } } };
  assert.deepEqual(unused(evaluate(R05_ZERO, regional, own, { edition: 2025 })), []);
  const fw: Framework = R05_ZERO;
  assert.deepEqual(unused(evaluate(fw, regional, { ...BUILTIN_RECIPES['cnipa-regional']!, id: 'copy' }, { edition: 2025 })), []);
});
