/**
 * Mutations of the framework files: harmless rewrites (line endings, BOM, YAML style, JSON, key
 * order, comments, consistent renaming of a code) and damage (truncation, byte flips, parent
 * cycles, deep and wide trees, bad weights, misspelt keys, formula tricks, YAML aliases and tags,
 * hostile names and codes, wrong encodings). A case runs `evaluate` (which reads the framework as
 * `framework check` does) with the base data and the base recipe as a file (so a changed framework
 * id does not change the recipe); synthetic frameworks without data run `framework check`.
 */
import { parse as parseYaml, parseDocument, stringify } from 'yaml';
import { MAX_NAME_LENGTH } from '../../src/core/framework/build.ts';
import type { Base } from './bases.ts';
import { encodeGbk, encodeUtf16le } from './encodings.ts';
import { flipBytes } from './mutate-data.ts';
import { HOSTILE_TEXT, PROTO_NAMES, type Mutation, type Mutator } from './mutation.ts';
import type { BaseId, Expect } from './types.ts';

const FW_BASES: readonly BaseId[] = ['regional', 'regional-small', 'regional-default', 'national'];
const SMALL_FW_BASES: readonly BaseId[] = ['regional-small', 'regional-default', 'national'];

/** A framework file as plain data. */
interface FwNode {
  code: string;
  parent?: string;
  name?: unknown;
  weight?: unknown;
  unit?: unknown;
  direction?: unknown;
  kind?: unknown;
  formula?: unknown;
  [k: string]: unknown;
}
interface FwDoc {
  id: string;
  nodes: FwNode[];
  variables?: { code: string; [k: string]: unknown }[];
  [k: string]: unknown;
}

const docs = new Map<string, FwDoc>();
/** A fresh copy of the base framework as data. */
function fwDoc(base: Base): FwDoc {
  let d = docs.get(base.frameworkName);
  if (!d) docs.set(base.frameworkName, (d = parseYaml(base.frameworkText) as FwDoc));
  return structuredClone(d);
}

const children = (d: FwDoc): Map<string, string[]> => {
  const m = new Map<string, string[]>();
  for (const n of d.nodes) if (n.parent) m.set(n.parent, [...(m.get(n.parent) ?? []), n.code]);
  return m;
};
function descendants(d: FwDoc, code: string): string[] {
  const ch = children(d);
  const out: string[] = [];
  const stack = [...(ch.get(code) ?? [])];
  while (stack.length) {
    const c = stack.pop()!;
    out.push(c);
    stack.push(...(ch.get(c) ?? []));
  }
  return out;
}
const leaves = (d: FwDoc): FwNode[] => d.nodes.filter((n) => n.kind === 'raw' || n.kind === 'derived');
const aggregates = (d: FwDoc): FwNode[] => d.nodes.filter((n) => !(n.kind === 'raw' || n.kind === 'derived'));
/** Nodes with at least two siblings of differing fate (a weight change then matters). */
const withSiblings = (d: FwDoc): FwNode[] => {
  const ch = children(d);
  return d.nodes.filter((n) => n.parent && (ch.get(n.parent)?.length ?? 0) >= 2);
};

/** The case files and run of a framework mutation. */
function fwCase(base: Base, text: string | Uint8Array, description: string, expect: Expect, extra: Partial<Mutation> & { recipeJson?: string; fileName?: string; checkOnly?: boolean } = {}): Mutation {
  const name = extra.fileName ?? 'framework.yaml';
  const files: Record<string, string | Uint8Array> = { [name]: text };
  let recipe: string | undefined;
  if (base.recipeArg) recipe = base.recipeArg;
  else {
    files['recipe.json'] = extra.recipeJson ?? base.recipeJson;
    recipe = '@recipe.json';
  }
  const { recipeJson: _r, fileName: _f, checkOnly, ...rest } = extra;
  return {
    description,
    expect,
    files,
    // evaluate reads the framework as framework check does (loadFramework); check alone for frameworks without data
    run: { commands: checkOnly ? ['check'] : ['evaluate'], framework: `@${name}`, recipe },
    // a framework the recipe no longer fits may be reported on the recipe (weights.set names a node it lacks)
    culprits: [name, ...(recipe === '@recipe.json' ? ['recipe.json'] : [])],
    ...rest,
  };
}
const yamlOf = (d: unknown): string => stringify(d, { lineWidth: 0 });

/** Renames a node or variable code everywhere: nodes, parents, formulas, the data, the recipe. */
function renameCode(base: Base, d: FwDoc, from: string, to: string): { data: string; recipeJson: string } {
  const re = new RegExp(`(?<![A-Za-z0-9_])${from}(?![A-Za-z0-9_])`, 'g');
  for (const n of d.nodes) {
    if (n.code === from) n.code = to;
    if (n.parent === from) n.parent = to;
    if (typeof n.formula === 'string') n.formula = n.formula.replace(re, to);
  }
  for (const v of d.variables ?? []) if (v.code === from) v.code = to;
  const data = base.dataText.replace(new RegExp(`^([^,\\n]*,[^,\\n]*,)${from},`, 'gm'), (_m, p: string) => `${p}${to},`);
  const recipe = JSON.parse(base.recipeJson) as { weights?: { set?: Record<string, number> } };
  const set = recipe.weights?.set;
  if (set && from in set) {
    set[to] = set[from]!;
    delete set[from];
  }
  return { data, recipeJson: JSON.stringify(recipe, null, 2) };
}

const m = (name: string, weight: number, bases: readonly BaseId[], make: Mutator['make']): Mutator => ({ name: `fw:${name}`, weight, bases, make });

// ---------------------------------------------------------------- harmless

const harmless: Mutator[] = [
  m('crlf', 1, FW_BASES, (_r, base) => fwCase(base, base.frameworkText.replace(/\n/g, '\r\n'), 'CRLF line endings', 'same')),
  m('bom', 1, FW_BASES, (_r, base) => fwCase(base, '\ufeff' + base.frameworkText, 'byte-order mark', 'same')),
  m('restyle', 1, FW_BASES, (rng, base) => {
    const style = rng.pick(['block', 'flow', 'quoted', 'indent4'] as const);
    const d = fwDoc(base);
    const opts = { lineWidth: 0, ...(style === 'flow' ? { collectionStyle: 'flow' as const } : {}), ...(style === 'quoted' ? { defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const } : {}), ...(style === 'indent4' ? { indent: 4 } : {}) };
    return fwCase(base, stringify(d, opts), `re-serialised as YAML (${style})`, 'same');
  }),
  m('json', 1, FW_BASES, (rng, base) => fwCase(base, JSON.stringify(fwDoc(base), null, rng.chance(0.5) ? 2 : undefined), 'as JSON', 'same', { fileName: 'framework.json' })),
  m('key-order', 1, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const shuffled = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(rng.shuffle(Object.entries(o)));
    const out = shuffled({ ...d, nodes: d.nodes.map((n) => shuffled(n)), ...(d.variables ? { variables: d.variables.map((v) => shuffled(v)) } : {}) });
    return fwCase(base, yamlOf(out), 'keys of every node in random order', 'same');
  }),
  m('comments', 1, FW_BASES, (rng, base) => {
    const lines = base.frameworkText.split('\n');
    const out: string[] = [];
    let k = 0;
    for (const l of lines) {
      if (/^\s*(- )?[a-z_]+:/.test(l) && rng.chance(0.1)) {
        out.push(`${' '.repeat(rng.int(8))}# 注释 comment ${k++}: weight: 0 — not a key`);
      }
      out.push(l);
    }
    return fwCase(base, out.join('\n'), `${k} comment lines inserted`, 'same');
  }),
  m('rename-code', 2, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const pool = rng.chance(0.3) && d.variables?.length ? d.variables.map((v) => v.code) : d.nodes.filter((n) => n.parent).map((n) => n.code);
    const from = rng.pick(pool);
    // codes stand in formulas: a new one must be a name there too
    const to = rng.pick([`Z${rng.int(1e6)}`, `${from}_new`, `x_${from}`, `Q${rng.int(99)}_b`]);
    const { data, recipeJson } = renameCode(base, d, from, to);
    const isNode = d.nodes.some((n) => n.code === to);
    const c = fwCase(base, yamlOf(d), `${from} renamed ${to} in framework, data and recipe`, 'same', { recipeJson, ...(isNode ? { renamed: { [to]: from } } : {}) });
    return { ...c, files: { ...c.files, 'data.csv': data } };
  }),
  m('alias-names', 1, FW_BASES, (rng, base) => {
    const doc = parseDocument(base.frameworkText);
    // the anchor must come before its alias
    const [i, j] = rng.sample(fwDoc(base).nodes.length, 2) as [number, number];
    const src = doc.getIn(['nodes', i, 'name'], true) as { anchor?: string } | undefined;
    if (!src) return fwCase(base, base.frameworkText, 'no name to alias', 'same');
    src.anchor = 'shared_name';
    doc.setIn(['nodes', j, 'name'], doc.createAlias(src as never, 'shared_name'));
    return fwCase(base, doc.toString({ lineWidth: 0 }), `node ${j}'s name is an alias of node ${i}'s`, 'same');
  }),
];

// ---------------------------------------------------------------- damage

/** Formula variants of a derived indicator's formula F, with what each must get. */
function formulaVariants(f: string, code: string, variable: string, aggregate: string): [string, string, Expect][] {
  const den = /\/\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(f)?.[1] ?? variable;
  return [
    ['times-zero', `(${f}) * 0`, 'error'],
    ['times-zero', `0 * (${f})`, 'error'],
    ['times-zero', `${f} * 0`, 'error'],
    ['zero-denominator', f.replace(new RegExp(`(?<![A-Za-z0-9_])${den}(?![A-Za-z0-9_])`), `(${den} - ${den})`), 'error'],
    ['infinite-scale', `(${f}) * 1e400`, 'error'],
    ['infinite-scale', `(${f}) * 10^400`, 'error'],
    ['zero-scale', `(${f}) * 1e-400`, 'error'],
    ['unit-mismatch', `(${f}) * ${variable}`, 'error'],
    ['unit-mismatch', `(${f}) / ${variable}`, 'error'],
    ['unknown-variable', `(${f}) * ${variable}NOPE / ${variable}NOPE`, 'error'],
    ['self-reference', `(${f}) + ${code} - ${code}`, 'error'],
    ['aggregate-reference', `(${f}) + ${aggregate} - ${aggregate}`, 'error'],
    ['proto-reference', `(${f}) + constructor - constructor`, 'error'],
    ['proto-reference', `(${f}) * __proto__ / __proto__`, 'error'],
    ['syntax', `${f} )`, 'error'],
    ['syntax', `(${f}`, 'error'],
    ['syntax', `${f} /`, 'error'],
    ['syntax', f.replace('/', '//'), 'error'],
    ['syntax', `${f};`, 'error'],
    ['syntax', '', 'error'],
    ['syntax', `${f} ${variable}`, 'error'],
    ['syntax', `${f} # note`, 'report'],
    ['whitespace', f.replace(/\s+/g, ''), 'same'],
    ['whitespace', f.replace(/\s+/g, '\t  '), 'same'],
    ['times-one', `(${f}) * 1`, 'same'],
    ['times-one', `1 * (${f})`, 'same'],
  ];
}

const BAD_WEIGHTS: unknown[] = [-1, -1e-9, Number.NaN, Infinity, -Infinity, 'abc', '', [], {}, true, '1/2'];

const damage: Mutator[] = [
  m('truncate', 2, FW_BASES, (rng, base) => {
    const at = rng.between(0, base.frameworkText.length - 1);
    return fwCase(base, base.frameworkText.slice(0, at), `cut at character ${at}`, 'any', { needPlace: false });
  }),
  m('byte-flip', 5, FW_BASES, (rng, base) => {
    const { bytes, what } = flipBytes(rng, new TextEncoder().encode(base.frameworkText), rng.between(1, 3));
    return fwCase(base, bytes, what.join(', '), 'report');
  }),
  m('cycle', 3, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(d.nodes.filter((x) => x.parent));
    const below = descendants(d, n.code);
    const to = below.length && rng.chance(0.8) ? rng.pick(below) : n.code;
    n.parent = to;
    return fwCase(base, yamlOf(d), `${n.code}'s parent set to ${to} (its own ${to === n.code ? 'self' : 'descendant'})`, 'error');
  }),
  m('big-cycle', 1, ['regional-small'], (rng, base) => {
    const n = rng.logBetween(2, 10_000);
    const lines = ['id: cycle', 'version: "1"', 'name: {zh: 环, en: Cycle}', 'nodes:', '  - code: ROOT', '    name: {zh: 根}', '  - code: L0', '    parent: ROOT', '    name: {zh: 叶}', '    kind: raw', '    unit: 件'];
    for (let i = 0; i < n; i++) lines.push(`  - code: C${i}`, `    parent: C${(i + 1) % n}`, `    name: {zh: 节点${i}}`);
    return fwCase(base, lines.join('\n') + '\n', `a parent cycle of ${n} nodes`, 'error', { checkOnly: true });
  }),
  m('deep-chain', 1, ['regional-small'], (rng, base) => {
    const n = rng.logBetween(10, 8_000);
    const lines = ['id: deep', 'version: "1"', 'name: {zh: 深, en: Deep}', 'nodes:', '  - code: D0', '    name: {zh: 根}'];
    for (let i = 1; i < n; i++) lines.push(`  - code: D${i}`, `    parent: D${i - 1}`, `    name: {zh: 层${i}}`);
    lines.push(`  - code: L0`, `    parent: D${n - 1}`, '    name: {zh: 叶}', '    kind: raw', '    unit: 件');
    return fwCase(base, lines.join('\n') + '\n', `a chain of ${n} levels`, 'report', { checkOnly: true });
  }),
  m('deep-insert', 1.5, SMALL_FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const root = d.nodes.find((n) => !n.parent)!;
    const top = d.nodes.filter((n) => n.parent === root.code);
    const depth = rng.logBetween(2, 6_000);
    const chain: FwNode[] = [];
    for (let i = 0; i < depth; i++) chain.push({ code: `DEEP${i}`, parent: i ? `DEEP${i - 1}` : root.code, name: { zh: `层${i}` }, weight: 1 });
    for (const t of top) t.parent = `DEEP${depth - 1}`;
    d.nodes.splice(1, 0, ...chain);
    return fwCase(base, yamlOf(d), `a chain of ${depth} single-child aggregates between the index and its children`, 'report');
  }),
  m('wide', 0.5, ['regional-small'], (rng, base) => {
    const n = rng.logBetween(1000, 10_000);
    const lines = ['id: wide', 'version: "1"', 'name: {zh: 宽, en: Wide}', 'nodes:', '  - code: ROOT', '    name: {zh: 根}'];
    for (let i = 0; i < n; i++) lines.push(`  - code: W${i}`, `    parent: ROOT`, `    name: {zh: 叶${i}}`, '    kind: raw', '    unit: 件');
    return fwCase(base, lines.join('\n') + '\n', `${n} indicators under the root`, 'report', { checkOnly: true });
  }),
  m('unknown-parent', 1.5, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(d.nodes.filter((x) => x.parent));
    n.parent = rng.pick([`${n.parent}X`, 'NOPE', ...PROTO_NAMES, '', ' ']);
    return fwCase(base, yamlOf(d), `${n.code}'s parent ${JSON.stringify(n.parent)}`, 'error');
  }),
  m('duplicate-code', 1.5, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const [a, b] = rng.sample(d.nodes.length, 2).map((i) => d.nodes[i]!);
    const old = b!.code;
    b!.code = a!.code;
    return fwCase(base, yamlOf(d), `${old} renamed ${a!.code} (a code used twice)`, 'error');
  }),
  m('two-roots', 1, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(d.nodes.filter((x) => x.parent));
    delete n.parent;
    return fwCase(base, yamlOf(d), `${n.code} without parent (a second root)`, 'error');
  }),
  m('bad-weight', 3, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(d.nodes.filter((x) => x.parent));
    const w = rng.pick(BAD_WEIGHTS);
    n.weight = w;
    // NaN and ±Infinity are written .nan, .inf, -.inf
    return fwCase(base, yamlOf(d), `${n.code} weight ${JSON.stringify(w) ?? String(w)}`, 'error');
  }),
  m('weight-edit', 3, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(withSiblings(d));
    const old = n.weight ?? 1;
    let w = rng.pick([0, 0.5, 2, 3, 10, 1e-6, 1e6]);
    if (w === old) w = Number(old) + 1;
    n.weight = w;
    return fwCase(base, yamlOf(d), `${n.code} weight ${String(old)}→${w}`, 'effect');
  }),
  m('misspelt-key', 3, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const [key, wrong] = rng.pick([['weight', 'wieght'], ['weight', 'weigth'], ['weight', 'Weight'], ['direction', 'dir'], ['direction', 'directon'], ['formula', 'formular'], ['formula', 'fromula'], ['unit', 'unti'], ['kind', 'knid'], ['name', 'nmae'], ['parent', 'parnet']] as const);
    const pool = d.nodes.filter((n) => key in n && n[key] !== undefined);
    const n = rng.pick(pool.length ? pool : d.nodes);
    const rest = Object.fromEntries(Object.entries(n).map(([k, v]) => [k === key ? wrong : k, v]));
    if (!(key in n)) rest[wrong] = 1;
    d.nodes[d.nodes.indexOf(n)] = rest as FwNode;
    return fwCase(base, yamlOf(d), `${n.code}: key ${key} spelt ${wrong}`, 'notice');
  }),
  m('unknown-key', 1, FW_BASES, (rng, base) => {
    const d = fwDoc(base) as FwDoc & Record<string, unknown>;
    if (rng.chance(0.5)) {
      const n = rng.pick(d.nodes);
      n[rng.pick(['foo', 'target', 'weights', 'min', 'comment'])] = 1;
      return fwCase(base, yamlOf(d), `${n.code}: an unknown key`, 'notice');
    }
    d[rng.pick(['node', 'varaibles', 'extra', 'recipes'])] = [];
    return fwCase(base, yamlOf(d), 'an unknown top-level key', 'notice');
  }),
  m('direction-bad', 2, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(leaves(d));
    n.direction = rng.pick<unknown>(['up', 2, 0, '', '++', '+-', 'plus', [], 'x']);
    return fwCase(base, yamlOf(d), `${n.code} direction ${JSON.stringify(n.direction)}`, 'error');
  }),
  m('direction-flip', 1, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(leaves(d));
    n.direction = n.direction === '-' ? '+' : '-';
    return fwCase(base, yamlOf(d), `${n.code} direction → ${n.direction}`, 'effect');
  }),
  m('kind', 1.5, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(leaves(d));
    const k = rng.pick<unknown>(['rawx', '', 1, 'aggregate', n.kind === 'raw' ? 'derived' : 'raw', null]);
    n.kind = k;
    // a raw indicator made derived lacks a formula; a derived one made raw keeps a formula it cannot use
    const expect: Expect = k === 'raw' || k === 'aggregate' || k === null ? 'report' : 'error';
    return fwCase(base, yamlOf(d), `${n.code} kind ${JSON.stringify(k)}`, expect);
  }),
  m('formula', 5, ['regional', 'regional-small', 'regional-default'], (rng, base) => {
    const d = fwDoc(base);
    const derived = d.nodes.filter((n) => n.kind === 'derived');
    const n = rng.pick(derived);
    const f = String(n.formula);
    const variable = rng.pick(['POP', 'GDP', 'ENTITIES']);
    const [family, formula, expect] = rng.pick(formulaVariants(f, n.code, variable, rng.pick(aggregates(d)).code));
    n.formula = formula;
    return { ...fwCase(base, yamlOf(d), `${n.code} formula ${JSON.stringify(formula)}`, expect), variant: family };
  }),
  m('formula-size', 2, ['regional-small', 'regional-default'], (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(d.nodes.filter((x) => x.kind === 'derived'));
    const f = String(n.formula);
    const size = rng.logBetween(2, 60_000);
    const kind = rng.pick(['parens', 'unary-minus', 'long-sum'] as const);
    let formula: string;
    if (kind === 'parens') formula = '('.repeat(size) + f + ')'.repeat(size);
    else if (kind === 'unary-minus') formula = '-'.repeat(2 * size) + `(${f})`;
    else formula = `(${f}` + ` + (${f}) - (${f})`.repeat(size) + ')';
    n.formula = formula;
    return fwCase(base, yamlOf(d), `${n.code} formula: ${kind} × ${size} (${formula.length} characters)`, 'report');
  }),
  m('unit-raw', 2, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(d.nodes.filter((x) => x.kind === 'raw'));
    n.unit = rng.pick<unknown>(['斤', "=cmd|' /C calc'!A0", '+1+1', '件件', '件/', '/', 'm^999', '10^400 件', 'xyz', 12, '\u001b[31m件']);
    return fwCase(base, yamlOf(d), `${n.code} unit ${JSON.stringify(n.unit)}`, 'notice');
  }),
  m('unit-derived', 1, ['regional', 'regional-small', 'regional-default'], (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(d.nodes.filter((x) => x.kind === 'derived'));
    n.unit = rng.pick(['件', '万人', '件/亿元', '亿元/件', '%·万人', '']);
    return fwCase(base, yamlOf(d), `${n.code} (${String(n.formula)}) unit ${JSON.stringify(n.unit)}`, 'error');
  }),
  m('yaml-bomb', 1.5, FW_BASES, (rng, base) => {
    // from 4 levels the aliases expand past the limit of 100 (fewer is a legitimate, if odd, file)
    const levels = rng.between(4, 9);
    const parts = ['&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++) parts.push(`&a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = `[${parts.join(', ')}]`;
    const lines = base.frameworkText.split('\n');
    const target = rng.pick(['description', 'name']);
    const i = lines.findIndex((l) => l.startsWith(`${target}:`));
    lines[i] = `${target}: ${bomb}`;
    return fwCase(base, lines.join('\n'), `${target} is an alias bomb of ${levels} levels (9^${levels} items)`, 'error', { needPlace: false });
  }),
  m('yaml-unresolved', 1, FW_BASES, (rng, base) => {
    const lines = base.frameworkText.split('\n');
    const idx = lines.map((l, i) => (/^\s+(name|weight|unit|parent):/.test(l) ? i : -1)).filter((i) => i >= 0);
    const i = rng.pick(idx);
    lines[i] = lines[i]!.replace(/:.*$/, ': *nope');
    return fwCase(base, lines.join('\n'), `line ${i + 1} is an alias to no anchor`, 'error');
  }),
  m('yaml-deep', 1, FW_BASES, (rng, base) => {
    const depth = rng.logBetween(100, 100_000);
    const lines = base.frameworkText.split('\n');
    const i = lines.findIndex((l) => l.startsWith('description:'));
    lines[i] = rng.chance(0.5) ? `description: ${'['.repeat(depth)}${']'.repeat(depth)}` : `description: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    return fwCase(base, lines.join('\n'), `description nested ${depth} deep`, 'report');
  }),
  m('yaml-big', 0.3, SMALL_FW_BASES, (rng, base) => {
    // a large file of many small YAML items (the YAML parser reads ~0.5 MB/s of these here)
    const items = rng.logBetween(10_000, 2_000_000);
    const lines = base.frameworkText.split('\n');
    const i = lines.findIndex((l) => l.startsWith('description:'));
    lines[i] = `description: [${Array(items).fill('abcdefgh').join(', ')}]`;
    // over the size limit the file is refused as a whole: the message names the file and the limit, no place
    return fwCase(base, lines.join('\n'), `description a flow list of ${items} items (${((items * 10) / 1e6).toFixed(1)} MB)`, 'report', { needPlace: false });
  }),
  m('yaml-tags', 1, FW_BASES, (rng, base) => {
    const lines = base.frameworkText.split('\n');
    const idx = lines.map((l, i) => (/^\s+(weight|name|unit):/.test(l) ? i : -1)).filter((i) => i >= 0);
    const i = rng.pick(idx);
    const tag = rng.pick(['!!binary aGVsbG8=', '!!js/function "function () {}"', '!custom x', '!!str 1', '!!float "1"', '!!set {a, b}', '!!timestamp 2001-12-14']);
    lines[i] = lines[i]!.replace(/:.*$/, `: ${tag}`);
    return fwCase(base, lines.join('\n'), `line ${i + 1}: ${tag}`, 'report');
  }),
  m('yaml-duplicate-key', 1, FW_BASES, (rng, base) => {
    const lines = base.frameworkText.split('\n');
    const idx = lines.map((l, i) => (/^\s+weight:/.test(l) ? i : -1)).filter((i) => i >= 0);
    const i = rng.pick(idx);
    lines.splice(i + 1, 0, lines[i]!.replace(/:.*$/, ': 7'));
    return fwCase(base, lines.join('\n'), `line ${i + 2}: a second weight key`, 'error');
  }),
  m('yaml-merge-key', 0.5, FW_BASES, (rng, base) => {
    const lines = base.frameworkText.split('\n');
    const idx = lines.map((l, i) => (/^\s+weight:/.test(l) ? i : -1)).filter((i) => i >= 0);
    const i = rng.pick(idx);
    lines.splice(i + 1, 0, lines[i]!.replace(/weight:.*$/, '<<: {weight: 3}'));
    return fwCase(base, lines.join('\n'), `line ${i + 2}: a merge key`, 'notice');
  }),
  m('hostile-names', 2, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const what: string[] = [];
    let tooLong = false;
    for (const i of rng.sample(d.nodes.length, rng.between(1, 10))) {
      const n = d.nodes[i]!;
      // now and then a long name: up to the limit it is a name like any other, beyond it an error
      const long = rng.chance(0.08) ? rng.logBetween(100, 1_000_000) : 0;
      const text = long ? 'x'.repeat(long) : rng.pick(HOSTILE_TEXT);
      tooLong ||= long > MAX_NAME_LENGTH;
      n.name = rng.chance(0.5) ? { zh: text, en: rng.pick(HOSTILE_TEXT) } : { zh: text };
      what.push(`${n.code} ${long ? `x × ${long}` : JSON.stringify(text)}`);
    }
    const c = fwCase(base, yamlOf(d), `names ${what.join(', ')}`, tooLong ? 'error' : 'same');
    return rng.chance(0.5) ? { ...c, run: { ...c.run, lang: 'en' } } : c;
  }),
  m('hostile-codes', 1.5, FW_BASES, (rng, base) => {
    const d = fwDoc(base);
    const n = rng.pick(d.nodes.filter((x) => x.parent));
    const to = rng.pick([...PROTO_NAMES, 'R18 ', 'R-18', '=1+1', 'R18\t', '', '1R', '中文', 'x'.repeat(10_000), 'a b', 'A/B', 'A*B']);
    const from = n.code;
    const { data, recipeJson } = renameCode(base, d, from, to);
    // a code with spaces around may be read trimmed, in the framework and the data alike
    const c = fwCase(base, yamlOf(d), `${from} renamed ${JSON.stringify(to.slice(0, 20))} in framework, data and recipe`, 'report', { recipeJson, renamed: { [to]: from, [to.trim()]: from } });
    return { ...c, files: { ...c.files, 'data.csv': data } };
  }),
  m('variables', 1.5, ['regional', 'regional-small', 'regional-default'], (rng, base) => {
    const d = fwDoc(base);
    const vars = d.variables!;
    const kind = rng.pick(['remove', 'duplicate', 'clash', 'unit'] as const);
    const i = rng.int(vars.length);
    const code = vars[i]!.code;
    if (kind === 'remove') vars.splice(i, 1);
    else if (kind === 'duplicate') vars.push({ ...vars[i]! });
    else if (kind === 'clash') vars[i]!.code = rng.pick(d.nodes).code;
    else vars[i]!.unit = rng.pick(['斤', '=1+1', '']);
    return fwCase(base, yamlOf(d), `variable ${code}: ${kind}`, kind === 'unit' ? 'notice' : 'error');
  }),
  m('empty', 1, FW_BASES, (rng, base) => {
    const text = rng.pick(['', '\ufeff', 'null', '[]', '42', 'nodes: 5', 'nodes: []', 'id: x', '---\n...', '{}', 'nodes:\n  - code: A', '"just a string"']);
    return fwCase(base, text, `file ${JSON.stringify(text)}`, 'error', { needPlace: false });
  }),
  m('gbk', 1, FW_BASES, (_r, base) => fwCase(base, encodeGbk(base.frameworkText), 'framework in GBK', 'error', { needPlace: false, needWords: 'UTF-?8|GBK|encod|编码' })),
  m('utf16', 0.5, FW_BASES, (_r, base) => fwCase(base, encodeUtf16le(base.frameworkText), 'framework in UTF-16LE with BOM', 'report', { needPlace: false })),
];

/** Every framework mutator. */
export const FRAMEWORK_MUTATORS: Mutator[] = [...harmless, ...damage];

/** The base framework as data (for the recipe mutators: its node codes). */
export function frameworkCodes(base: Base): { all: string[]; aggregates: string[]; withSiblings: string[] } {
  const d = fwDoc(base);
  return { all: d.nodes.map((n) => n.code), aggregates: aggregates(d).map((n) => n.code), withSiblings: withSiblings(d).map((n) => n.code) };
}
