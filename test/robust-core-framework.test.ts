/**
 * Issue 7 (robustness), part B: the framework validator. Every reproducer of the issue is here:
 * a 10 000-node parent cycle (was 16 s and 1.8 GB, each message listing the whole cycle), a
 * 5 000-level tree (exit 2), leavesUnder at depth 3 000 (stack overflow), misspelt node keys that
 * were ignored, units of raw indicators never checked (斤, =cmd…), and YAML alias bombs and
 * unresolved aliases that escaped without the file name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameworkError, IpIndexError, buildFramework, leavesUnder, parseFramework, type Framework, type FrameworkNode } from '../src/core/index.ts';
import { MAX_DERIVATION_DEPTH, MAX_FRAMEWORK_DEPTH } from '../src/core/framework/build.ts';
import { MAX_YAML_ALIASES } from '../src/core/framework/parse.ts';

/** The problems of an invalid framework, as `line [node] field: message`. */
function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof FrameworkError, `expected a FrameworkError, got ${(e as Error).constructor.name}: ${(e as Error).message}`);
    return e.problems.map((p) => `${p.line ?? ''} [${p.node ?? ''}] ${p.field ?? ''}: ${p.message}`);
  }
  assert.fail('expected a FrameworkError');
}

const node = (code: string, parent: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ code, name: code, ...(parent ? { parent } : {}), ...extra });

test('a 10 000-node parent cycle: one message with its first members and its length, in linear time', () => {
  const N = 10_000;
  const raw = { id: 'c', name: 'c', nodes: [node('ROOT', null), ...Array.from({ length: N }, (_, i) => node(`N${i}`, `N${(i + 1) % N}`))] };
  const t0 = performance.now();
  const p = problemsOf(() => buildFramework(raw));
  const ms = performance.now() - t0;
  assert.deepEqual(p, [' [N0] parent: cycle in parents: N0 → N1 → N2 → N3 → N4 → … → N0 (10000 nodes); a node cannot be its own ancestor']);
  // was 16 s; linear now (a generous bound for a loaded CI machine)
  assert.ok(ms < 5000, `${ms} ms`);
});

test('two cycles give two messages, each at the cycle member first in the file; nodes hanging off a cycle add none', () => {
  const raw = {
    id: 'c',
    name: 'c',
    nodes: [node('ROOT', null), node('B', 'A'), node('A', 'B'), node('E', 'C'), node('C', 'D'), node('D', 'E'), node('HANG', 'C'), node('OK', 'ROOT')],
  };
  assert.deepEqual(problemsOf(() => buildFramework(raw)), [
    ' [B] parent: cycle in parents: B → A → B; a node cannot be its own ancestor',
    ' [E] parent: cycle in parents: E → C → D → E; a node cannot be its own ancestor',
  ]);
});

/** A chain ROOT = L0 ← L1 ← … ← Ln. */
const chain = (n: number): Record<string, unknown> => ({ id: 'd', name: 'd', nodes: Array.from({ length: n + 1 }, (_, i) => node(`L${i}`, i ? `L${i - 1}` : null, i === n ? { unit: '件' } : {})) });

test(`a 5 000-level tree is refused with one message naming the limit (${MAX_FRAMEWORK_DEPTH} levels below the root)`, () => {
  assert.equal(MAX_FRAMEWORK_DEPTH, 32);
  const p = problemsOf(() => buildFramework(chain(5000)));
  assert.deepEqual(p, [' [L33] parent: the tree is too deep: L33 is 33 levels below the root (L0 → L1 → L2 → … → L32 → L33); a framework may have at most 32 levels below the root (MAX_FRAMEWORK_DEPTH)']);
  // exactly at the limit it builds, in pre-order, with levels 0 … 32
  const fw = buildFramework(chain(32));
  assert.deepEqual(fw.nodes.map((n) => n.level), Array.from({ length: 33 }, (_, i) => i));
  assert.deepEqual(leavesUnder(fw, 'L0'), ['L32']);
});

test('leavesUnder walks without recursion: depth 3 000 (a hand-made framework) and file order in a small tree', () => {
  const nodes: FrameworkNode[] = Array.from({ length: 3001 }, (_, i) => ({
    code: `L${i}`,
    name: { zh: 'n' },
    parent: i ? `L${i - 1}` : null,
    weight: 1,
    direction: 1,
    kind: i === 3000 ? 'raw' : 'aggregate',
    level: i,
    children: i === 3000 ? [] : [`L${i + 1}`],
  }));
  const deep: Framework = { id: 'x', version: '1', name: { zh: 'x' }, root: 'L0', nodes, variables: [] };
  assert.deepEqual(leavesUnder(deep, 'L0'), ['L3000']);
  // ROOT → (A → (a1, a2), b, C → (c1)): leaves in file (pre-)order
  const fw = buildFramework({
    id: 't',
    name: 't',
    nodes: [node('ROOT', null), node('A', 'ROOT'), node('a1', 'A', { unit: '件' }), node('a2', 'A', { unit: '件' }), node('b', 'ROOT', { unit: '件' }), node('C', 'ROOT'), node('c1', 'C', { unit: '件' })],
  });
  assert.deepEqual(leavesUnder(fw, 'ROOT'), ['a1', 'a2', 'b', 'c1']);
  assert.deepEqual(leavesUnder(fw, 'b'), ['b']);
  assert.deepEqual(leavesUnder(fw, 'nope'), []);
  assert.deepEqual(fw.nodes.map((n) => n.code), ['ROOT', 'A', 'a1', 'a2', 'b', 'C', 'c1']);
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

test('misspelt keys are errors with the key meant (wieght, dir, formular), as misspelt recipe keys are', () => {
  const text = base.replace('  - code: A\n    parent: ROOT\n    name: A\n', '  - code: A\n    parent: ROOT\n    name: A\n    wieght: 2\n') + `  - code: X2\n    parent: A\n    name: x2\n    unit: 件\n    dir: "-"\n  - code: X3\n    parent: A\n    name: x3\n    unit: 件/万人\n    formular: X1 / POP\n`;
  const p = problemsOf(() => parseFramework(text, 'keys.yaml'));
  const valid = 'valid here: code, name, parent, weight, direction, kind, unit, range, formula, targets, source, number, provider, description';
  assert.deepEqual(p, [
    `11 [A] wieght: unknown key "wieght" — did you mean weight?; ${valid}`,
    `20 [X2] dir: unknown key "dir" — did you mean direction?; ${valid}`,
    `25 [X3] formular: unknown key "formular" — did you mean formula?; ${valid}`,
  ]);
  // top-level, variable, name and target keys too
  const p2 = problemsOf(() =>
    parseFramework(base.replace('id: t\n', 'id: t\nlevel_name: {zh: [总]}\n').replace('unit: 万人}', 'unti: 万人}').replace('    name: x1\n', '    name: {zh: x1, eng: X1}\n    targets: [{value: 5, year: 2025, nots: x}]\n'), 'keys.yaml'),
  );
  assert.ok(p2.some((m) => /\[\] level_name: unknown key "level_name" — did you mean level_names\?/.test(m)), p2.join('\n'));
  assert.ok(p2.some((m) => /\[POP\] unti: unknown key "unti" — did you mean unit\?/.test(m)), p2.join('\n'));
  assert.ok(p2.some((m) => /\[X1\] eng: unknown key "eng" — did you mean en\?/.test(m)), p2.join('\n'));
  assert.ok(p2.some((m) => /\[X1\] nots: unknown key "nots" — did you mean note\?/.test(m)), p2.join('\n'));
});

test('every unit given is checked: 斤 and =cmd… are refused with the units the model knows', () => {
  const p = problemsOf(() => parseFramework(base.replace('    unit: 件\n', '    unit: 斤\n') + `  - code: X2\n    parent: A\n    name: x2\n    unit: "=cmd|' /C calc'!A0"\n`, 'u.yaml'));
  assert.equal(p.length, 2, p.join('\n'));
  assert.match(p[0]!, /^14 \[X1\] unit: unit "斤": unknown unit "斤" \(known: 工作日 人口 美元 件 个 家 户 项 种 份 次 位 所 名 人 元 年 月 日 天 分 % ‰, with the prefixes 十 百 千 万 亿/);
  assert.match(p[0]!, /declared under custom_units/);
  assert.match(p[1]!, /^18 \[X2\] unit: unit "=cmd\|' \/C calc'!A0": unknown unit "=cmd\|'"/);
  // variables too
  const pv = problemsOf(() => parseFramework(base.replace('unit: 万人}', 'unit: 万只}'), 'u.yaml'));
  assert.deepEqual(pv, ['4 [POP] unit: unit "万只": unknown unit "万只" (known: 工作日 人口 美元 件 个 家 户 项 种 份 次 位 所 名 人 元 年 月 日 天 分 % ‰, with the prefixes 十 百 千 万 亿, joined by · or / ; a unit of your own can be declared under custom_units in the framework)']);
});

test('custom_units declare units of one’s own: accepted, prefixed, composed only with themselves; bad names refused', () => {
  const fw = parseFramework(base.replace('nodes:\n', 'custom_units: [斤, Thousand seats]\nnodes:\n').replace('    unit: 件\n', '    unit: 万斤\n') + `  - code: X2\n    parent: A\n    name: x2\n    unit: 斤/万人\n    formula: X1 / POP * 10^4\n  - code: X3\n    parent: A\n    name: x3\n    unit: Thousand seats\n`, 'c.yaml');
  assert.deepEqual(fw.customUnits, ['斤', 'Thousand seats']);
  assert.equal(fw.nodes.find((n) => n.code === 'X2')!.kind, 'derived');
  // 万斤 / 万人 is 斤 per person (count⁻¹): the declared unit 件/万人 (dimensionless, 件 and 人 both count) does not compose
  const p = problemsOf(() => parseFramework(base.replace('nodes:\n', 'custom_units: [斤]\nnodes:\n').replace('    unit: 件\n', '    unit: 万斤\n') + `  - code: X2\n    parent: A\n    name: x2\n    unit: 件/万人\n    formula: X1 / POP\n`, 'c.yaml'));
  assert.deepEqual(p, ['20 [X2] unit: units do not compose: the formula gives count^-1·custom:斤 but the unit 件/万人 is dimensionless']);
  const bad = problemsOf(() => parseFramework(base.replace('nodes:\n', 'custom_units: ["=HYPERLINK(1)", 件, "a\\u001bb", ""]\nnodes:\n'), 'c.yaml'));
  assert.deepEqual(bad, [
    '5 [] custom_units: custom unit "=HYPERLINK(1)" must not start with = + - or @',
    '5 [] custom_units: custom unit "件" is already a unit ipindex knows; leave it out of custom_units',
    '5 [] custom_units: custom unit "a\\u001bb" holds control characters', // shown escaped, never as an ESC
    '5 [] custom_units: a custom unit must be a non-empty name, got ""',
  ]);
});

test('range: [min, max] on raw indicators and variables; malformed ranges and ranges on derived or aggregate nodes refused', () => {
  const fw = parseFramework(base.replace('    unit: 件\n', '    unit: "%"\n    range: [-100, null]\n').replace('unit: 万人}', 'unit: 万人, range: [0, 1e6]}'), 'r.yaml');
  assert.deepEqual(fw.nodes.find((n) => n.code === 'X1')!.range, [-100, null]);
  assert.deepEqual(fw.variables[0]!.range, [0, 1e6]);
  const p = problemsOf(() =>
    parseFramework(base.replace('    unit: 件\n', '    unit: 件\n    range: [5]\n').replace('    name: A\n', '    name: A\n    range: [0, 1]\n') + `  - code: X2\n    parent: A\n    name: x2\n    unit: 件\n    range: [3, 1]\n`, 'r.yaml'),
  );
  assert.deepEqual(p, [
    '11 [A] range: range applies to raw indicators (values read from data), not to an aggregate',
    '16 [X1] range: range must be [min, max] with numbers or null for an open end (e.g. [0, 100], [-100, null]), got [5]',
    '21 [X2] range: range [3, 1]: min must be below max',
  ]);
});

test(`derived indicators building on one another more than ${MAX_DERIVATION_DEPTH} deep, formulas without variables and formula cycles`, () => {
  const derivedChain = (n: number): string => Array.from({ length: n }, (_, i) => `  - code: D${i}\n    parent: A\n    name: d\n    unit: 万人\n    formula: ${i ? `D${i - 1}` : 'POP'} * 1\n`).join('');
  parseFramework(base + derivedChain(32), 'd.yaml'); // D31 is 32 deep: fine
  const p = problemsOf(() => parseFramework(base + derivedChain(33), 'd.yaml'));
  assert.equal(p.length, 1, p.join('\n'));
  assert.match(p[0]!, /\[D32\] formula: derived indicators build on one another 33 deep here; at most 32 \(MAX_DERIVATION_DEPTH\)/);
  const none = problemsOf(() => parseFramework(base + `  - code: K\n    parent: A\n    name: k\n    unit: 件\n    formula: 2 * 3\n`, 'd.yaml'));
  assert.deepEqual(none, ['19 [K] formula: the formula reads no variable, so every unit would get the same value (name an indicator or variable, e.g. R18 / POP)']);
  // a cycle of three formulas, with a fourth reading into it: one message
  const cyc = problemsOf(() =>
    parseFramework(base + ['E1: E2', 'E2: E3', 'E3: E1', 'E4: E1'].map((s) => s.split(': ')).map(([c, f]) => `  - code: ${c}\n    parent: A\n    name: e\n    unit: 件\n    formula: ${f} * 1\n`).join(''), 'd.yaml'),
  );
  assert.deepEqual(cyc, ['19 [E1] formula: formulas form a cycle: E1 → E2 → E3 → E1']);
});

test('reserved and inherited names: __proto__ is no code; constructor and toString are ordinary codes', () => {
  const p = problemsOf(() => parseFramework(base + `  - code: __proto__\n    parent: A\n    name: p\n    unit: 件\n`, 'p.yaml'));
  assert.deepEqual(p, ['15 [] code: invalid node code "__proto__" (__proto__ is reserved)']);
  const fw = parseFramework(base + `  - code: constructor\n    parent: A\n    name: c\n    unit: 件\n  - code: toString\n    parent: A\n    name: s\n    unit: 件\n`, 'p.yaml');
  assert.deepEqual(leavesUnder(fw, 'A'), ['X1', 'constructor', 'toString']);
  // a YAML key __proto__ is a key like any other, not the prototype of the node
  const k = problemsOf(() => parseFramework(base.replace('    name: x1\n', '    name: x1\n    __proto__: {weight: 5}\n'), 'p.yaml'));
  assert.match(k[0]!, /\[X1\] __proto__: unknown key "__proto__"/);
});

test(`YAML: an alias bomb (aliases expanding past ${MAX_YAML_ALIASES}) and an unresolved alias are FrameworkErrors naming the file and line`, () => {
  const levels = ['a: &a [1,1,1,1,1,1,1,1,1,1]', ...'bcdefg'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`)];
  const bomb = `id: x\nname: x\n${levels.join('\n')}\nnodes:\n  - {code: A, name: A}\n`;
  assert.throws(
    () => parseFramework(bomb, 'bomb.yaml'),
    (e: Error) => e instanceof FrameworkError && /^Framework bomb\.yaml cannot be read\n {2}- bomb\.yaml:4 Its aliases \(\*name\) expand more than 100 times \(MAX_YAML_ALIASES\)/.test(e.message),
  );
  assert.throws(
    () => parseFramework('id: x\nname: *nope\nnodes:\n  - {code: A, name: A}\n', 'alias.yaml'),
    (e: Error) => e instanceof FrameworkError && /^Framework alias\.yaml cannot be read\n {2}- alias\.yaml:2 Unresolved alias .*nope \(define &name before using \*name\)/.test(e.message),
  );
  // a few aliases are fine: a shared name
  const fw = parseFramework('id: x\nname: &n {zh: 示例}\nnodes:\n  - {code: A, name: *n}\n', 'ok.yaml');
  assert.deepEqual(fw.nodes[0]!.name, { zh: '示例' });
});

test('hostile YAML shapes give FrameworkErrors, never another error', () => {
  const texts = [
    '[' .repeat(5000) + ']'.repeat(5000),
    'id: x\nnodes: ' + '{a: '.repeat(3000) + '1' + '}'.repeat(3000),
    'id: x\nname: x\nnodes:\n  - {code: A, name: A, range: ' + '['.repeat(2000) + ']'.repeat(2000) + '}\n',
    'id: x\nname: x\nnodes: 5\n',
    'id: x\nid: y\nname: x\nnodes:\n  - {code: A, name: A}\n',
    '\u0000\u0001',
    '',
  ];
  for (const t of texts) {
    try {
      parseFramework(t, 'h.yaml');
      assert.fail(`accepted ${JSON.stringify(t.slice(0, 40))}`);
    } catch (e) {
      assert.ok(e instanceof IpIndexError, `${JSON.stringify(t.slice(0, 40))}: ${(e as Error).constructor.name}: ${(e as Error).message.slice(0, 200)}`);
      assert.match((e as Error).message, /h\.yaml/);
    }
  }
});
