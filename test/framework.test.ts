import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFramework, FrameworkError, leavesUnder, type Framework } from '../src/core/index.ts';

const load = (name: string): Framework => parseFramework(readFileSync(new URL(`../frameworks/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);

test('national framework: 6 sub-indices with 8/18/26/9/7/17 = 85 indicators, codes N01–N85', () => {
  const fw = load('cnipa-national-2025');
  const root = fw.nodes.find((n) => n.code === fw.root)!;
  assert.deepEqual(root.children.map((c) => leavesUnder(fw, c).length), [8, 18, 26, 9, 7, 17]);
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code);
  assert.deepEqual(leaves, Array.from({ length: 85 }, (_, i) => `N${String(i + 1).padStart(2, '0')}`));
  // weights written in the file are the indicator counts
  assert.deepEqual(root.children.map((c) => fw.nodes.find((n) => n.code === c)!.weight), [8, 18, 26, 9, 7, 17]);
  assert.deepEqual(fw.nodes.filter((n) => n.direction === -1).map((n) => n.code), ['N03', 'N04', 'N05', 'N80']);
  for (const n of fw.nodes) assert.ok(n.name.zh && n.name.en, `${n.code} has zh and en names`);
});

test('regional framework: 保护 17 (5/5/7), 市场运行 47 (24/17/6), 发展环境 22 (4/10/8) = 86, codes R01–R86', () => {
  const fw = load('cnipa-regional-2025');
  const root = fw.nodes.find((n) => n.code === fw.root)!;
  assert.deepEqual(root.children.map((c) => leavesUnder(fw, c).length), [17, 47, 22]);
  const groupSizes = root.children.map((p) => fw.nodes.find((n) => n.code === p)!.children.map((g) => leavesUnder(fw, g).length));
  assert.deepEqual(groupSizes, [[5, 5, 7], [24, 17, 6], [4, 10, 8]]);
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code);
  assert.deepEqual(leaves, Array.from({ length: 86 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`));
  assert.equal(fw.nodes.find((n) => n.code === 'R42')!.parent, 'G22', 'R42 is the first 运用机制 row');
  assert.equal(fw.nodes.find((n) => n.code === 'R59')!.parent, 'G23', 'R59 is the first 市场运营 row');
  assert.deepEqual(root.children.map((c) => fw.nodes.find((n) => n.code === c)!.weight), [0.25, 0.5, 0.25]);
  // intensity indicators are derived from raw variables, not typed in
  const r19 = fw.nodes.find((n) => n.code === 'R19')!;
  assert.equal(r19.kind, 'derived');
  assert.equal(r19.formula, 'R18 / POP');
  assert.equal(fw.nodes.filter((n) => n.kind === 'derived').length, 30);
  for (const n of fw.nodes) assert.ok(n.name.zh && n.name.en, `${n.code} has zh and en names`);
});

const base = `id: t
name: {zh: 测试}
variables:
  - {code: POP, name: 人口, unit: 万人}
nodes:
  - code: ROOT
    name: 总
  - code: A
    parent: ROOT
    name: A
  - code: X1
    parent: A
    name: x1
    unit: 件
`;

function problems(text: string): string[] {
  try {
    parseFramework(text, 'bad.yaml');
  } catch (e) {
    assert.ok(e instanceof FrameworkError);
    return e.problems.map((p) => `${p.file}:${p.line} [${p.node ?? ''}] ${p.field ?? ''} ${p.message}`);
  }
  assert.fail('expected a FrameworkError');
}

test('framework errors: every problem reported at once with file, line and node', () => {
  const text =
    base +
    `  - code: X1
    parent: A
    name: dup
  - code: X2
    parent: NOPE
    name: orphan
  - code: X3
    parent: A
    name: bad formula
    unit: 件/万人
    formula: X1 / POPULATION
  - code: X4
    parent: A
    name: bad units
    unit: 件/万人
    formula: X1 / POP * 100
  - code: X5
    parent: A
    name: neg
    weight: -1
`;
  const p = problems(text);
  assert.equal(p.length, 5, p.join('\n'));
  assert.match(p[0]!, /^bad\.yaml:15 \[X1\] code duplicate code X1 \(first defined as node at line 11\)/);
  assert.match(p[1]!, /^bad\.yaml:19 \[X2\] parent unknown parent NOPE/);
  assert.match(p[2]!, /^bad\.yaml:25 \[X3\] formula formula names unknown variable POPULATION/);
  assert.match(p[3]!, /^bad\.yaml:30 \[X4\] unit units do not compose: .*multiplied by 10\^-2/);
  assert.match(p[4]!, /^bad\.yaml:34 \[X5\] weight weight must not be negative, got -1/);
});

test('framework errors: cycles, zero weight sums and dimension mismatches', () => {
  const cyc = problems(base + `  - code: C1\n    parent: C2\n    name: c1\n  - code: C2\n    parent: C1\n    name: c2\n`);
  assert.ok(cyc.some((m) => /cycle in parents: C1 → C2 → C1/.test(m)), cyc.join('\n'));
  const zero = problems(base.replace('    unit: 件\n', '    unit: 件\n    weight: 0\n'));
  assert.ok(zero.some((m) => /\[A\] weight the weights of the children of A \(X1\) sum to zero/.test(m)), zero.join('\n'));
  const dims = problems(base + `  - code: X9\n    parent: A\n    name: per GDP\n    unit: 件/万人\n    formula: X1 / GDP\n`.replace('GDP\n', 'GDP\n') + '');
  assert.ok(dims.some((m) => /unknown variable GDP/.test(m)));
  const dims2 = problems(base.replace('unit: 万人', 'unit: 亿元') + `  - code: X9\n    parent: A\n    name: per GDP\n    unit: 件/万人\n    formula: X1 / POP\n`);
  assert.ok(dims2.some((m) => /units do not compose: the formula gives CNY\^-1·count but the unit 件\/万人 is dimensionless/.test(m)), dims2.join('\n'));
  const formCycle = problems(base + `  - code: D1\n    parent: A\n    name: d1\n    unit: 件\n    formula: D2 * 1\n  - code: D2\n    parent: A\n    name: d2\n    unit: 件\n    formula: D1 * 1\n`);
  assert.ok(formCycle.some((m) => /formulas form a cycle: D1 → D2 → D1/.test(m)), formCycle.join('\n'));
});

test('framework errors: YAML syntax errors carry the line', () => {
  const p = problems('id: t\nnodes:\n  - code: [unclosed\n');
  assert.match(p[0]!, /^bad\.yaml:\d+ /);
});
