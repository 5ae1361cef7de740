import { IpIndexError } from '../../errors.ts';
import type { Framework } from '../../framework/types.ts';
import { mulberry32 } from '../../methods/random.ts';
import { didYouMean, suggestionText } from '../../text/suggest.ts';
import type { AggregateMethod } from '../../methods/aggregate/index.ts';
import type { BoundsScope, NormalisationSpec, Recipe } from '../../recipe/types.ts';

/** An uncertainty specification is invalid: the message names the input and field. */
export class SpecError extends IpIndexError {}

/**
 * A partial recipe laid over the run's recipe. Objects merge key by key; arrays and plain values
 * replace; an object that names a `method` replaces its sibling `params` too (so a switch from
 * min-max to z-score does not keep min-max's parameters).
 */
export type RecipePatch = { [key: string]: unknown };

/**
 * One uncertain choice of the index's construction. Each is one input of the analysis: a
 * replication picks one of its alternatives (input value u ∈ [0, 1) picks alternative ⌊u·k⌋).
 */
export type UncertainInput =
  /** Any alternatives of the recipe, as patches (e.g. `{ treatment: { method: 'winsorise', winMax: 3 } }`). */
  | { kind: 'recipe'; id: string; options: RecipePatch[]; labels?: string[] }
  /** Normalisation methods (with their parameters). */
  | { kind: 'normalisation'; id?: string; options: NormalisationSpec[] }
  /** Where the bounds come from: `per-year`, `pooled`, `fixed`. */
  | { kind: 'bounds-scope'; id?: string; options: BoundsScope[] }
  /** Aggregation methods (of every node). */
  | { kind: 'aggregation'; id?: string; options: (AggregateMethod | { method: AggregateMethod; params?: Record<string, number> })[] }
  /** Imputation on (the recipe's) or off (none: missing values stay missing). Default options: [true, false]. */
  | { kind: 'imputation'; id?: string; options?: boolean[] }
  /** Outlier treatment alternatives (`null` = none). */
  | { kind: 'treatment'; id?: string; options: (Recipe['treatment'] | null)[] }
  /**
   * Weights: `noise` perturbs each nominal weight by a uniform factor in [1 − noise, 1 + noise]
   * (COINr's noisy weights), for the nodes at `levels` (0 = the root's children… counted from
   * the top; default every level) or the `nodes` listed; `sets` such weight sets are drawn once
   * from the seed (default 100) and a replication picks one. Or `alternatives`: explicit weight
   * sets (node → weight relative to its siblings), the nominal weights being one when `nominal`
   * is true (default).
   */
  | { kind: 'weights'; id?: string; noise?: number; levels?: number[]; nodes?: string[]; sets?: number; alternatives?: Record<string, number>[]; nominal?: boolean }
  /** Leave one indicator out (its weight 0), or none: the alternatives are `none` and each listed indicator (default: every indicator). */
  | { kind: 'exclude'; id?: string; indicators?: string[]; none?: boolean };

/** The typed, JSON-serialisable specification of an uncertainty or sensitivity analysis. */
export interface UncertaintySpec {
  inputs: UncertainInput[];
  /** Node whose ranks the sensitivity analysis explains (default: the index). */
  target?: string;
  /** Nodes whose rank intervals the uncertainty analysis reports (default: every aggregate). */
  nodes?: string[];
  /** Design of the sensitivity analysis: `sobol` (quasi-random, default) or `random`. */
  sampling?: 'sobol' | 'random';
  /** Bootstrap resamples for the confidence intervals of the Sobol indices (default 1000). */
  bootstrap?: number;
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number;
}

/** One input, resolved into its k alternatives: recipe patches or weight sets, with labels. */
export interface ResolvedInput {
  id: string;
  kind: UncertainInput['kind'];
  labels: string[];
  /** Alternatives that change the recipe (a re-compile of the plan, cached per combination). */
  patches?: RecipePatch[];
  /** Alternatives that change weights only (a re-run of the plan). */
  weightSets?: Record<string, number>[];
  /**
   * Aggregation alternatives (kind `aggregation`): the replicator recombines the same indicator
   * scores with them where it can, and compiles the `patches` only where it cannot.
   */
  aggregations?: { method: string; params: Record<string, number> }[];
}

/** A specification resolved against a framework and the nominal weights: plain data, sent to workers as it is. */
export interface ResolvedSpec {
  inputs: ResolvedInput[];
  target: string;
  nodes: string[];
  sampling: 'sobol' | 'random';
  bootstrap: number;
  confidence: number;
}

/** The default specification: weights ±25 %, one indicator left out (or none), imputation on or off. */
export const DEFAULT_SPEC: UncertaintySpec = {
  inputs: [
    { kind: 'weights', id: 'weights', noise: 0.25 },
    { kind: 'exclude', id: 'exclude' },
    { kind: 'imputation', id: 'imputation' },
  ],
};

const KINDS = ['recipe', 'normalisation', 'bounds-scope', 'aggregation', 'imputation', 'treatment', 'weights', 'exclude'] as const;
const SPEC_KEYS = ['inputs', 'target', 'nodes', 'sampling', 'bootstrap', 'confidence'];
const INPUT_KEYS: Record<(typeof KINDS)[number], string[]> = {
  recipe: ['kind', 'id', 'options', 'labels'],
  normalisation: ['kind', 'id', 'options'],
  'bounds-scope': ['kind', 'id', 'options'],
  aggregation: ['kind', 'id', 'options'],
  imputation: ['kind', 'id', 'options'],
  treatment: ['kind', 'id', 'options'],
  weights: ['kind', 'id', 'noise', 'levels', 'nodes', 'sets', 'alternatives', 'nominal'],
  exclude: ['kind', 'id', 'indicators', 'none'],
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a specification is resolved against. */
export interface SpecContext {
  framework: Framework;
  /** Nominal effective weight of every non-root node (the run's `result.weights`). */
  weights: Record<string, number>;
  /** Seed of the noisy weight sets. */
  seed: number;
  /** Where the specification came from, for messages. */
  file?: string;
}

/**
 * Validates a specification and resolves each input into its alternatives.
 * @throws SpecError naming the file, the input (by position and id) and the field
 */
export function resolveSpec(raw: unknown, ctx: SpecContext): ResolvedSpec {
  const where = ctx.file ? `${ctx.file}: ` : '';
  const fail = (field: string, msg: string): never => {
    throw new SpecError(`${where}uncertainty spec ${field}: ${msg}`);
  };
  if (!isObj(raw)) fail('', 'must be an object with "inputs"');
  const spec = raw as Record<string, unknown>;
  for (const k of Object.keys(spec)) if (!SPEC_KEYS.includes(k)) fail(k, `unknown key${suggestionText(didYouMean(k, SPEC_KEYS)) || `; expected one of ${SPEC_KEYS.join(', ')}`}`);
  if (!Array.isArray(spec.inputs) || spec.inputs.length === 0) fail('inputs', 'must be a non-empty list of uncertain inputs');
  const fw = ctx.framework;
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code);
  const node = (field: string, code: unknown): string => {
    if (typeof code !== 'string' || !byCode.has(code)) fail(field, `${JSON.stringify(code)} is not a node of ${fw.id}${typeof code === 'string' ? suggestionText(didYouMean(code, [...byCode.keys()])) : ''}`);
    return code as string;
  };
  const target = spec.target === undefined ? fw.root : node('target', spec.target);
  const nodes = spec.nodes === undefined ? fw.nodes.filter((n) => n.kind === 'aggregate').map((n) => n.code) : Array.isArray(spec.nodes) ? spec.nodes.map((c, i) => node(`nodes[${i}]`, c)) : fail('nodes', 'must be a list of node codes');
  if (!nodes.includes(target)) nodes.unshift(target);
  const sampling = spec.sampling ?? 'sobol';
  if (sampling !== 'sobol' && sampling !== 'random') fail('sampling', `must be "sobol" or "random", got ${JSON.stringify(sampling)}`);
  const bootstrap = spec.bootstrap ?? 1000;
  if (typeof bootstrap !== 'number' || !Number.isInteger(bootstrap) || bootstrap < 0 || bootstrap > 100000) fail('bootstrap', `must be an integer 0–100000, got ${JSON.stringify(bootstrap)}`);
  const confidence = spec.confidence ?? 0.95;
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) fail('confidence', `must be a number between 0 and 1, got ${JSON.stringify(confidence)}`);

  const rand = mulberry32(ctx.seed >>> 0);
  const ids = new Set<string>();
  const inputs = (spec.inputs as unknown[]).map((inp, i): ResolvedInput => {
    const at = `inputs[${i}]`;
    if (!isObj(inp)) return fail(at, 'must be an object with "kind"');
    const kind = inp.kind as (typeof KINDS)[number];
    if (!KINDS.includes(kind)) fail(`${at}.kind`, `${JSON.stringify(inp.kind)} is not a kind of input${typeof inp.kind === 'string' ? suggestionText(didYouMean(inp.kind, [...KINDS])) : ''}; kinds: ${KINDS.join(', ')}`);
    for (const k of Object.keys(inp)) if (!INPUT_KEYS[kind].includes(k)) fail(`${at}.${k}`, `unknown key for kind ${kind}${suggestionText(didYouMean(k, INPUT_KEYS[kind])) || `; expected ${INPUT_KEYS[kind].join(', ')}`}`);
    const id = inp.id === undefined ? kind : typeof inp.id === 'string' && inp.id ? inp.id : fail(`${at}.id`, 'must be a non-empty string');
    if (ids.has(id)) fail(`${at}.id`, `"${id}" is used twice; give each input its own id`);
    ids.add(id);
    const f = `${at} (${id})`;
    const options = (min: number): unknown[] => {
      if (!Array.isArray(inp.options) || inp.options.length < min) fail(`${f}.options`, `must be a list of at least ${min} alternatives`);
      return inp.options as unknown[];
    };
    switch (kind) {
      case 'recipe': {
        const opts = options(1);
        opts.forEach((o, j) => isObj(o) || fail(`${f}.options[${j}]`, 'must be a partial recipe (an object)'));
        const labels = inp.labels === undefined ? opts.map((o) => JSON.stringify(o)) : Array.isArray(inp.labels) && inp.labels.length === opts.length ? inp.labels.map(String) : fail(`${f}.labels`, `must list one label per option (${opts.length})`);
        return { id, kind, labels, patches: opts as RecipePatch[] };
      }
      case 'normalisation': {
        const opts = options(1).map((o, j) => (isObj(o) && typeof o.method === 'string' ? o : fail(`${f}.options[${j}]`, 'must be {"method": …, "params"?: {…}}')));
        return { id, kind, labels: opts.map((o) => labelOf(o)), patches: opts.map((o) => ({ normalisation: { method: o.method, params: o.params ?? {} } })) };
      }
      case 'bounds-scope': {
        const opts = options(1).map((o, j) => (o === 'per-year' || o === 'pooled' || o === 'fixed' ? o : fail(`${f}.options[${j}]`, `must be per-year, pooled or fixed, got ${JSON.stringify(o)}`)));
        return { id, kind, labels: opts, patches: opts.map((o) => ({ normalisation: { scope: o } })) };
      }
      case 'aggregation': {
        const opts = options(1).map((o, j) => (typeof o === 'string' ? { method: o } : isObj(o) && typeof o.method === 'string' ? o : fail(`${f}.options[${j}]`, 'must be a method name or {"method": …, "params"?: {…}}')));
        return {
          id,
          kind,
          labels: opts.map((o) => labelOf(o)),
          patches: opts.map((o) => ({ aggregation: { method: o.method, params: o.params ?? {}, byNode: {} } })),
          aggregations: opts.map((o) => ({ method: o.method as string, params: (o.params ?? {}) as Record<string, number> })),
        };
      }
      case 'imputation': {
        const opts = inp.options === undefined ? [true, false] : options(1).map((o, j) => (typeof o === 'boolean' ? o : fail(`${f}.options[${j}]`, 'must be true (the recipe’s imputation) or false (none)')));
        return { id, kind, labels: opts.map((o) => (o ? 'on' : 'off')), patches: opts.map((o) => (o ? {} : { missing: { carryForward: false, steps: [] } })) };
      }
      case 'treatment': {
        const opts = options(1).map((o, j) => (o === null || (isObj(o) && typeof o.method === 'string') ? o : fail(`${f}.options[${j}]`, 'must be null (none) or {"method": …, …}')));
        return { id, kind, labels: opts.map((o) => (o === null ? 'none' : labelOf(o))), patches: opts.map((o) => ({ treatment: o === null ? { method: 'none' } : { ...o } })) };
      }
      case 'weights':
        return { id, kind, ...weightSets(inp, f, ctx, fail, rand) };
      case 'exclude': {
        const list = inp.indicators === undefined ? leaves : Array.isArray(inp.indicators) ? inp.indicators.map((c, j) => node(`${f}.indicators[${j}]`, c)) : fail(`${f}.indicators`, 'must be a list of indicator codes');
        const none = inp.none ?? true;
        if (typeof none !== 'boolean') fail(`${f}.none`, 'must be true or false');
        const sets = [...(none ? [{}] : []), ...list.map((c) => ({ [c]: 0 }))];
        if (!sets.length) fail(`${f}.indicators`, 'lists no indicator and none is false: nothing to choose');
        return { id, kind, labels: [...(none ? ['none'] : []), ...list], weightSets: sets };
      }
    }
    return fail(at, 'unreachable');
  });
  return { inputs, target, nodes, sampling: sampling as 'sobol' | 'random', bootstrap: bootstrap as number, confidence: confidence as number };
}

function labelOf(o: Record<string, unknown>): string {
  const params = isObj(o.params) && Object.keys(o.params).length ? `(${Object.entries(o.params).map(([k, v]) => `${k}=${String(v)}`).join(', ')})` : '';
  const rest = Object.entries(o).filter(([k]) => k !== 'method' && k !== 'params');
  return `${String(o.method)}${params}${rest.length ? ` ${rest.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}` : ''}`;
}

function weightSets(inp: Record<string, unknown>, f: string, ctx: SpecContext, fail: (field: string, msg: string) => never, rand: () => number): { labels: string[]; weightSets: Record<string, number>[] } {
  const fw = ctx.framework;
  const codes = new Set(fw.nodes.map((n) => n.code));
  if (inp.alternatives !== undefined) {
    if (inp.noise !== undefined) fail(`${f}`, 'give either noise or alternatives, not both');
    if (!Array.isArray(inp.alternatives) || !inp.alternatives.length) fail(`${f}.alternatives`, 'must be a non-empty list of weight sets');
    const sets = (inp.alternatives as unknown[]).map((s, j) => {
      if (!isObj(s)) fail(`${f}.alternatives[${j}]`, 'must map node codes to weights');
      for (const [c, w] of Object.entries(s as Record<string, unknown>)) {
        if (!codes.has(c) || c === fw.root) fail(`${f}.alternatives[${j}].${c}`, `is not a non-root node of ${fw.id}${suggestionText(didYouMean(c, [...codes]))}`);
        if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) fail(`${f}.alternatives[${j}].${c}`, `weight must be a number ≥ 0, got ${JSON.stringify(w)}`);
      }
      return s as Record<string, number>;
    });
    const nominal = inp.nominal ?? true;
    return { labels: [...(nominal ? ['nominal'] : []), ...sets.map((_, j) => `set ${j + 1}`)], weightSets: [...(nominal ? [{}] : []), ...sets] };
  }
  const noise = inp.noise ?? 0.25;
  if (typeof noise !== 'number' || !(noise > 0 && noise < 1)) fail(`${f}.noise`, `must be a fraction between 0 and 1 (0.25 = ±25 %), got ${JSON.stringify(noise)}`);
  const sets = inp.sets ?? 100;
  if (typeof sets !== 'number' || !Number.isInteger(sets) || sets < 1 || sets > 100000) fail(`${f}.sets`, `must be an integer 1–100000, got ${JSON.stringify(sets)}`);
  let targets: string[];
  if (inp.nodes !== undefined) {
    if (inp.levels !== undefined) fail(f, 'give either levels or nodes, not both');
    if (!Array.isArray(inp.nodes)) fail(`${f}.nodes`, 'must be a list of node codes');
    targets = (inp.nodes as unknown[]).map((c, j) => (typeof c === 'string' && codes.has(c) && c !== fw.root ? c : fail(`${f}.nodes[${j}]`, `${JSON.stringify(c)} is not a non-root node of ${fw.id}`)));
  } else {
    const maxLevel = Math.max(...fw.nodes.map((n) => n.level));
    const levels = inp.levels === undefined ? undefined : Array.isArray(inp.levels) ? inp.levels : fail(`${f}.levels`, 'must be a list of levels (1 = the root’s children)');
    levels?.forEach((l, j) => (Number.isInteger(l) && (l as number) >= 1 && (l as number) <= maxLevel) || fail(`${f}.levels[${j}]`, `must be a level 1–${maxLevel} (1 = the root’s children), got ${JSON.stringify(l)}`));
    targets = fw.nodes.filter((n) => n.code !== fw.root && (!levels || levels.includes(n.level))).map((n) => n.code);
  }
  const out: Record<string, number>[] = [];
  for (let s = 0; s < (sets as number); s++) {
    const set: Record<string, number> = {};
    for (const c of targets) {
      const w = ctx.weights[c];
      if (w === undefined) continue;
      set[c] = w * (1 - noise + 2 * noise * rand());
    }
    out.push(set);
  }
  return { labels: out.map((_, s) => `noisy set ${s + 1}`), weightSets: out };
}

/** A recipe patch laid over a recipe (see {@link RecipePatch}). */
export function patchRecipe<T>(base: T, patch: RecipePatch): T {
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isObj(a) || !isObj(b)) return structuredCloneValue(b);
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    // a new method takes only its own parameters
    if ('method' in b && 'params' in a) out.params = structuredCloneValue(b.params ?? {});
    return out;
  };
  return merge(base, patch) as T;
}

function structuredCloneValue(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}
