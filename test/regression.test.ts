/**
 * Bit-for-bit regression: the sample run's output files and the whole results of 26 recipe
 * variants must equal those the engine produced before the evaluation plan (fixtures made by
 * scripts/make-regression-fixtures.ts at commit ab25430; see that script).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { regressionCases, resultToJson } from './regression-cases.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';

const FIX = new URL('./fixtures/regression/', import.meta.url).pathname;
const load = (name: string): Record<string, unknown> => JSON.parse(gunzipSync(readFileSync(join(FIX, name))).toString('utf8')) as Record<string, unknown>;

const stableManifest = (text: string): string => {
  const m = JSON.parse(text) as Record<string, unknown>;
  delete m.createdAt;
  delete m.software;
  return JSON.stringify(m, null, 2);
};

/** groups.csv with noise in its change columns written as 0 (the rule of src/io/write.ts, restated). */
function zeroNoise(csv: string): string {
  const lines = csv.split('\n');
  const header = lines[0]!.replace(/^\ufeff/, '').split(',');
  const cols = [['mean_change', 'mean'], ['median_change', 'median']].map(([c, level]) => [header.indexOf(c!), header.indexOf(level!)] as const);
  return lines
    .map((line, i) => {
      if (i === 0 || !line) return line;
      const cells = line.split(','); // no quoted fields in groups.csv of the sample run
      for (const [c, level] of cols) {
        const v = Number(cells[c]);
        if (cells[c] !== '' && Math.abs(v) <= 1e-9 * Math.max(1, Math.abs(Number(cells[level])))) cells[c] = '0';
      }
      return cells.join(',');
    })
    .join('\n');
}

for (const name of ['cnipa-national', 'cnipa-regional']) {
  test(`sample run ${name}: every output file is identical to the pinned one`, () => {
    const expected = load(`sample-${name}.json.gz`) as Record<string, string>;
    const data = new URL(`../data/sample/${name === 'cnipa-national' ? 'national' : 'regional'}.csv`, import.meta.url).pathname;
    const r = evaluateFiles({ framework: name, data: [data], edition: 2025 });
    assert.deepEqual(Object.keys(r.files).sort(), Object.keys(expected).sort());
    for (const [f, text] of Object.entries(r.files)) {
      // the second intended change: the summaries gained a line naming the index's top drivers
      // (变化来源 / Drivers, from the change attribution); it is left out of the comparison
      // the third intended change (issue 10): a cross-section's summary gained, per first-level
      // node, a second line (its median's change, how many units score above the mean, who newly
      // reached 80: `…（续）：` / `… (cont.): `) and, per grouping, the groups' means of each
      // first-level node (`四大区域·知识产权保护：…` / `Four regions · IP protection: …`); left out too
      const added = (l: string): boolean => /^(变化来源：|Drivers: )/.test(l) || /^[^：:]+（续）：|^[^:]+ \(cont\.\): /.test(l) || /^[^：]+·[^：]+：|^[^:]+ · [^:]+: /.test(l);
      // and the units newly at 80 or above are named highest score first (was: in code order), so
      // such a line is compared with its names sorted
      const sortNames = (t: string): string =>
        t
          .split('\n')
          .map((l) => l.replace(/^(.+)(较上年新进入\d+分以上行列。)$/, (_m, names: string, rest: string) => names.split('、').sort().join('、') + rest).replace(/^(Newly at \d+ or above \(below it in the previous edition\): )(.+)\.$/, (_m, head: string, names: string) => `${head}${names.split(', ').sort().join(', ')}.`))
          .join('\n');
      if (f.startsWith('summary.')) expected[f] = sortNames(expected[f]!);
      const got = f === 'manifest.json' ? stableManifest(text) : f.startsWith('summary.') ? sortNames(text.split('\n').filter((l) => !added(l)).join('\n')) : text;
      if (f.startsWith('summary.')) assert.equal(text.split('\n').filter((l) => /^(变化来源：|Drivers: )/.test(l)).length, 1, `${name}/${f}: one drivers line`);
      if (f.startsWith('summary.')) assert.equal(text.split('\n').filter(added).length, name === 'cnipa-regional' ? 1 + 3 + 2 * 3 : 1, `${name}/${f}: the added lines`);
      // the one intended change since the fixture was made: in groups.csv a change that is
      // floating-point noise of two equal means (|change| ≤ 1e-9 × max(1, |mean|)) is written 0
      if (f === 'groups.csv') expected[f] = zeroNoise(expected[f]!);
      if (got !== expected[f]) {
        const a = got.split('\n');
        const b = expected[f]!.split('\n');
        const i = a.findIndex((l, k) => l !== b[k]);
        assert.fail(`${name}/${f} differs at line ${i + 1}:\n  got      ${a[i]}\n  expected ${b[i]}`);
      }
    }
  });
}

test('26 recipe variants (sample, ASEM, worked example): results identical to the last bit', () => {
  const expected = load('variants.json.gz');
  const cases = regressionCases();
  assert.equal(cases.length, Object.keys(expected).length);
  for (const c of cases) {
    const got = JSON.parse(JSON.stringify(resultToJson(c.run()))) as Record<string, unknown>;
    const exp = expected[c.id] as Record<string, unknown>;
    assert.ok(exp, `no fixture for ${c.id}`);
    for (const k of Object.keys(exp)) assert.deepEqual(got[k], exp[k], `${c.id}: ${k} differs`);
  }
});
