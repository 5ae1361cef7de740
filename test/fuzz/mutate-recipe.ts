/**
 * Mutations of the recipe (the built-in recipe as `ipindex recipes <name>` prints it, passed as a
 * file) and of the run's years: harmless rewrites, year extremes, bad weights, misspelt keys,
 * unknown methods, bad parameters, deep nesting, prototype keys, truncation and byte flips.
 */
import { stringify } from 'yaml';
import type { Base } from './bases.ts';
import { flipBytes } from './mutate-data.ts';
import { frameworkCodes } from './mutate-framework.ts';
import { PROTO_NAMES, type Mutation, type Mutator } from './mutation.ts';
import type { BaseId, Expect } from './types.ts';

const RECIPE_BASES: readonly BaseId[] = ['regional', 'regional-small', 'national'];

type Json = Record<string, unknown>;
const recipeOf = (base: Base): Json => JSON.parse(base.recipeJson) as Json;
const rc = (text: string | Uint8Array, description: string, expect: Expect, extra: Partial<Mutation> & { fileName?: string } = {}): Mutation => {
  const { fileName = 'recipe.json', ...rest } = extra;
  return { description, expect, files: { [fileName]: text }, run: { recipe: `@${fileName}` }, culprits: [fileName], ...rest };
};
const json = (o: unknown): string => JSON.stringify(o, null, 2);
const m = (name: string, weight: number, make: Mutator['make'], bases: readonly BaseId[] = RECIPE_BASES): Mutator => ({ name: `recipe:${name}`, weight, bases, make });

/** Sets a dotted path in an object, creating objects on the way. */
function setPath(o: Json, path: string, v: unknown): void {
  const keys = path.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Json;
  cur[keys.at(-1)!] = v;
}

/** Years a run may legitimately start at, for a base (editions whose data year has data). */
const legitFirst = (base: Base): number[] => (base.regional ? [2020, 2021, 2022, 2023, 2024, 2025] : [2021, 2022, 2023, 2024, 2025]);
// (null is left out here and below: a key set to null may stand for its default)
const WILD_YEARS: unknown[] = [-100000000, -1, 0, 1000, 1899, 1990, 2201, 3000, 1e9, 2021.5, '2021', true, [], 'next year'];

const harmless: Mutator[] = [
  m('file', 1, (_r, base) => rc(base.recipeJson, 'the built-in recipe as a file', 'same')),
  m('yaml', 1, (_r, base) => rc(stringify(recipeOf(base)), 'the built-in recipe as YAML', 'same', { fileName: 'recipe.yaml' })),
  m('key-order', 1, (rng, base) => {
    const shuffle = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(rng.shuffle(Object.entries(v)).map(([k, x]) => [k, shuffle(x)])) : v);
    return rc(json(shuffle(recipeOf(base))), 'keys in random order', 'same');
  }),
  m('bom-crlf', 1, (rng, base) => rc((rng.chance(0.5) ? '\ufeff' : '') + base.recipeJson.replace(/\n/g, '\r\n'), 'BOM and/or CRLF', 'same')),
];

const damage: Mutator[] = [
  m('first-edition', 3, (rng, base) => {
    const r = recipeOf(base);
    const legit = rng.chance(0.3);
    const v = legit ? rng.pick(legitFirst(base).filter((y) => y !== 2021)) : rng.pick(WILD_YEARS);
    r.firstEdition = v;
    return rc(json(r), `firstEdition ${JSON.stringify(v)}`, legit ? 'any' : v === 1990 ? 'report' : 'error');
  }),
  m('base-edition', 2, (rng, base) => {
    const r = recipeOf(base);
    const legit = rng.chance(0.3);
    const v = legit ? rng.pick([2022, 2023, 2024, 2025]) : rng.pick([...WILD_YEARS, 2030, 2026]);
    setPath(r, 'normalisation.baseEdition', v);
    // the efficacy coefficient has no base year: a wild one may be refused or ignored
    return rc(json(r), `normalisation.baseEdition ${JSON.stringify(v)}`, legit || base.regional ? (legit ? 'any' : 'report') : 'error');
  }),
  m('data-lag', 2, (rng, base) => {
    const r = recipeOf(base);
    const v = rng.pick<unknown>([0, 2, -1, -1000, 1e6, 0.5, '1', 1e308]);
    r.dataLag = v;
    const legit = v === 0 || v === 2;
    // a legitimate lag may leave the edition without data: then the message is about the edition
    return rc(json(r), `dataLag ${JSON.stringify(v)}`, legit ? 'any' : 'error', legit ? { culprits: ['recipe.json', 'edition'], needPlace: false } : {});
  }),
  m('cli-first-edition', 2, (rng, base) => {
    const legit = rng.chance(0.3);
    const v = legit ? rng.pick(legitFirst(base)) : rng.pick([1000, 1899, 2201, 3000, 9999, 2026, 2030]);
    return { description: `--first-edition ${v}`, expect: legit ? 'any' : 'error', files: {}, run: { firstEdition: v }, culprits: ['first-edition', 'firstEdition', String(v)], needPlace: false };
  }),
  m('cli-edition', 2, (rng, base) => {
    const v = rng.pick([1000, 1899, 2019, 2020, 2024, 2026, 2030, 2201, 3000, 9999]);
    const expect: Expect = v === 2024 ? 'any' : v === 2026 ? 'report' : base.regional && v === 2020 ? 'report' : 'error';
    return { description: `--edition ${v}`, expect, files: {}, run: { edition: v }, culprits: ['edition', String(v)], needPlace: false };
  }),
  m('weights', 3, (rng, base) => {
    const r = recipeOf(base);
    const codes = frameworkCodes(base);
    const kind = rng.pick(['bad-value', 'unknown-node', 'proto-node', 'legit'] as const);
    let v: unknown;
    let node: string;
    if (kind === 'bad-value') {
      node = rng.pick(codes.withSiblings);
      v = rng.pick<unknown>([-1, -0.5, 'x', [], {}, true]);
    } else if (kind === 'unknown-node') {
      node = rng.pick(['P9', 'NOPE', 'p1', 'R999', '']);
      v = 1;
    } else if (kind === 'proto-node') {
      node = rng.pick(PROTO_NAMES);
      v = 0.5;
    } else {
      node = rng.pick(codes.withSiblings.filter((c) => codes.aggregates.includes(c)));
      v = rng.pick([0.1, 0.9, 3, 7]);
    }
    const weights = (r.weights ??= {}) as Json;
    const set = (weights.set ??= {}) as Json;
    // a key "__proto__" must be an own key of the JSON text, not the prototype of `set`
    Object.defineProperty(set, node, { value: v, enumerable: true, configurable: true, writable: true });
    return rc(json(r), `weights.set.${node} = ${JSON.stringify(v)}`, kind === 'legit' ? 'effect' : 'error');
  }),
  m('misspelt-key', 3, (rng, base) => {
    const r = recipeOf(base);
    const [path, wrong] = rng.pick([
      ['normalisation', 'normalization'],
      ['normalisation.scope', 'scop'],
      ['normalisation.params', 'param'],
      ['weights', 'weigths'],
      ['aggregation', 'aggregate'],
      ['missing.carryForward', 'carryforward'],
      ['firstEdition', 'firstedition'],
      ['dataLag', 'datalag'],
      ['reporting.threshold', 'treshold'],
    ] as const);
    const keys = path.split('.');
    let parent = r;
    for (const k of keys.slice(0, -1)) parent = (parent[k] ??= {}) as Json;
    const last = keys.at(-1)!;
    parent[wrong] = parent[last] ?? 1;
    delete parent[last];
    return rc(json(r), `${path} spelt ${wrong}`, 'error');
  }),
  m('method', 2, (rng, base) => {
    const r = recipeOf(base);
    const path = rng.pick(['normalisation.method', 'aggregation.method', 'weights.scheme']);
    const v = rng.pick<unknown>(['bogus', '', 'Efficacy', 'min-max', ...PROTO_NAMES, 5, ['efficacy']]);
    setPath(r, path, v);
    return rc(json(r), `${path} ${JSON.stringify(v)}`, 'error');
  }),
  m('params', 2, (rng, base) => {
    const r = recipeOf(base);
    const method = (r.normalisation as Json).method;
    const own = method === 'efficacy' ? ['low', 'span'] : method === 'base-ratio' ? ['scale'] : ['l', 'u'];
    const unknown = rng.chance(0.2);
    const key = unknown ? rng.pick(['foo', 'Low', 'constructor', 'toString']) : rng.pick(own);
    // other numbers are another recipe (any outcome); wrong types must be refused; overflowing ones refused or warned about
    const kind = unknown ? 'error' : rng.pick(['legit', 'type', 'huge'] as const);
    const v = kind === 'legit' || kind === 'error' ? rng.pick<unknown>([0, -40, 1e-320, 7.5]) : kind === 'type' ? rng.pick<unknown>(['abc', [], {}, true, '60']) : rng.pick([1e308, -1e308]);
    setPath(r, `normalisation.params.${key}`, v);
    return rc(json(r), `normalisation.params.${key} ${JSON.stringify(v)}`, kind === 'legit' ? 'any' : kind === 'huge' ? 'report' : 'error');
  }),
  m('scope-bounds', 1.5, (rng, base) => {
    const r = recipeOf(base);
    const kind = rng.pick(['fixed-no-bounds', 'reversed', 'nan', 'per-year', 'bogus'] as const);
    const leaf = rng.pick(frameworkCodes(base).all.filter((c) => /^[RN]\d/.test(c)));
    if (kind === 'per-year') setPath(r, 'normalisation.scope', 'per-year');
    else if (kind === 'bogus') setPath(r, 'normalisation.scope', rng.pick(['pool', 'yearly', '__proto__']));
    else {
      setPath(r, 'normalisation.scope', 'fixed');
      if (kind !== 'fixed-no-bounds') setPath(r, `normalisation.bounds.${leaf}`, kind === 'reversed' ? [5, 1] : ['x', null]);
    }
    return rc(json(r), `normalisation scope/bounds: ${kind} (${leaf})`, kind === 'per-year' ? 'any' : 'error');
  }),
  m('missing', 1.5, (rng, base) => {
    const r = recipeOf(base);
    const kind = rng.pick(['max-carry', 'steps', 'carry-type'] as const);
    if (kind === 'max-carry') setPath(r, 'missing.maxCarryYears', rng.pick<unknown>([-1, 1e9, 'x', 0.5]));
    else if (kind === 'steps') setPath(r, 'missing.steps', rng.pick<unknown>([['bogus'], [{ method: 'constructor' }], 'carry-forward', [null], [{}]]));
    else setPath(r, 'missing.carryForward', rng.pick<unknown>(['yes', 1, null]));
    return rc(json(r), `missing: ${kind} ${JSON.stringify((r.missing as Json) ?? {})}`, 'report');
  }),
  m('reporting', 1, (rng, base) => {
    const r = recipeOf(base);
    const key = rng.pick(['threshold', 'decimals']);
    const v = rng.pick<unknown>([1e308, -1, 'x', null, 0.5, 1e9]);
    setPath(r, `reporting.${key}`, v);
    return rc(json(r), `reporting.${key} ${JSON.stringify(v)}`, 'report');
  }),
  m('deep', 1, (rng, base) => {
    const depth = rng.logBetween(100, 100_000);
    const text = base.recipeJson.replace(/"description": "[^"]*"/, `"description": ${'['.repeat(depth)}${']'.repeat(depth)}`);
    return rc(text, `description nested ${depth} deep`, 'report');
  }),
  m('proto-keys', 1.5, (rng, base) => {
    const key = rng.pick(['__proto__', 'constructor', 'prototype']);
    const inner = rng.pick(['{"firstEdition": 1000}', '{"normalisation": {"method": "bogus"}}', 'null', '5', '{"toString": 1}']);
    const where = rng.pick(['top', 'normalisation', 'weights']);
    const text = where === 'top' ? base.recipeJson.replace(/^\{/, `{"${key}": ${inner},`) : base.recipeJson.replace(`"${where}": {`, `"${where}": {"${key}": ${inner},`);
    return rc(text, `"${key}": ${inner} in ${where}`, 'report');
  }),
  m('truncate', 1.5, (rng, base) => {
    const at = rng.between(0, base.recipeJson.trimEnd().length - 1);
    return rc(base.recipeJson.slice(0, at), `cut at character ${at}`, 'error', { needPlace: at > 0 });
  }),
  m('byte-flip', 2, (rng, base) => {
    const { bytes, what } = flipBytes(rng, new TextEncoder().encode(base.recipeJson), rng.between(1, 2));
    return rc(bytes, what.join(', '), 'report');
  }),
  m('yaml-bomb', 1, (rng, base) => {
    const levels = rng.between(4, 9);
    const parts = ['&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++) parts.push(`&a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const text = stringify(recipeOf(base)).replace(/^description:.*$/m, `description: [${parts.join(', ')}]`);
    return rc(text, `description is an alias bomb of ${levels} levels`, 'error', { fileName: 'recipe.yaml', needPlace: false });
  }),
  m('empty', 1, (rng) => {
    const text = rng.pick(['', '{}', '[]', 'null', '5', '"x"', '\ufeff']);
    return rc(text, `file ${JSON.stringify(text)}`, 'error', { needPlace: false });
  }),
];

/** Every recipe mutator. */
export const RECIPE_MUTATORS: Mutator[] = [...harmless, ...damage];

