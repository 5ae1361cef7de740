import { MethodError, RecipeError, type Problem } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import { AGGREGATORS, resolveAggregator, type AggregateMethod } from '../methods/aggregate/index.ts';
import { IMPUTERS, resolveImputer, type ImputeMethod, type ImputerDef } from '../methods/impute/index.ts';
import { NORMALISERS, resolveNormaliser } from '../methods/normalise/index.ts';
import { LOG_SHIFTS, TREATERS, TREAT_FALLBACKS, type TreatMethod } from '../methods/treat.ts';
import { RANK_TIES } from '../methods/rank.ts';
import { ahpWeights, assertConsistent, PCA_RETENTION, PCA_ROTATIONS } from '../methods/weights/index.ts';
import { WEIGHT_SCHEMES } from '../plan/weight-schemes.ts';
import { own } from './own.ts';
import { BOUNDS_SCOPES, MISSING_AT_AGGREGATION, ROW_STATS, SCREEN_BY, SCREEN_STAGES, TREAT_SCOPES, type Recipe, type ResolvedRecipe, type UnitScreen, type WeightScheme } from './types.ts';

/** Every weight scheme a recipe may name: the framework-only ones, then the weighting methods. */
/** The weight schemes a recipe may name: those of the one registry, {@link WEIGHT_SCHEMES}. */
const SCHEMES = Object.keys(WEIGHT_SCHEMES) as WeightScheme[];
const TREATMENTS = Object.keys(TREATERS) as TreatMethod[];
const FALLBACKS = Object.keys(TREAT_FALLBACKS);

/**
 * The years a recipe may name (first edition, base edition): 4-digit years, as the command line
 * takes them. Within a run they must also lie within the data (see compile).
 */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;
/** The largest `dataLag` (years between an edition and its data) a recipe may state. */
export const MAX_DATA_LAG = 100;

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Whether `v` is one of `list`. */
function oneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

/** `a, b or c`. */
function orList(list: readonly string[]): string {
  return list.length < 2 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

/**
 * Validates a recipe (e.g. parsed from JSON) and fills in defaults. With a framework, also checks
 * that every node code the recipe names exists. Reports every problem at once.
 * @throws RecipeError
 */
export function resolveRecipe(raw: unknown, framework?: Framework, fileIn?: string): ResolvedRecipe {
  // a recipe resolved again (compile resolves what the CLI resolved) keeps the file it came from
  const file = fileIn ?? (typeof raw === 'object' && raw !== null ? RECIPE_FILES.get(raw) : undefined);
  const problems: Problem[] = [];
  const bad = (field: string, message: string): void => {
    problems.push({ file, field, message });
  };
  if (!isObj(raw)) throw new RecipeError(`Recipe ${file ?? ''} must be a JSON object`.replace('  ', ' '));
  const r = raw as unknown as Recipe;
  if (typeof r.id !== 'string' || !r.id) bad('id', 'id is required');
  const num = (v: unknown, field: string, dflt: number, int = false): number => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || (int && !Number.isInteger(v))) {
      bad(field, `must be ${int ? 'an integer' : 'a number'}, got ${JSON.stringify(v)}`);
      return dflt;
    }
    return v;
  };
  checkKeys(raw, '', bad);
  const dataLag = num(r.dataLag, 'dataLag', 1, true);
  if (dataLag < 0) bad('dataLag', `must be ≥ 0 (edition E uses data year E − dataLag), got ${dataLag}`);
  else if (dataLag > MAX_DATA_LAG) bad('dataLag', `must be at most ${MAX_DATA_LAG} (MAX_DATA_LAG; edition E uses data year E − dataLag), got ${dataLag}`);
  const year = (v: unknown, field: string, dflt: number): number => {
    const y = num(v, field, dflt, true);
    if (y < MIN_YEAR || y > MAX_YEAR) {
      bad(field, `must be a 4-digit year (${MIN_YEAR}–${MAX_YEAR}), got ${y}`);
      return dflt;
    }
    return y;
  };
  const firstEdition = year(r.firstEdition, 'firstEdition', 2021);
  const codes = framework ? new Set(framework.nodes.map((n) => n.code)) : undefined;
  const leafCodes = framework ? new Set(framework.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code)) : undefined;
  const checkMethod = (fn: () => unknown, field: string): void => {
    try {
      fn();
    } catch (e) {
      if (e instanceof MethodError) bad(field, e.message);
      else throw e;
    }
  };

  // normalisation
  let normalisation = r.normalisation as ResolvedRecipe['normalisation'];
  if (!isObj(r.normalisation) || typeof r.normalisation.method !== 'string') {
    bad('normalisation', `normalisation.method is required (one of ${Object.keys(NORMALISERS).join(', ')})`);
    normalisation = { method: 'minmax', scope: 'pooled', params: {} };
  } else {
    const n = r.normalisation;
    const scope = n.scope ?? 'pooled';
    if (!oneOf(BOUNDS_SCOPES, scope)) bad('normalisation.scope', `must be ${orList(BOUNDS_SCOPES)}, got "${String(scope)}"`);
    let params: Record<string, number | string> = {};
    checkMethod(() => (params = resolveNormaliser(n.method, n.params ?? {}).params), 'normalisation');
    if (n.byIndicator !== undefined) {
      if (!isObj(n.byIndicator)) bad('normalisation.byIndicator', 'must map indicator codes to {method, params}');
      else
        for (const [code, spec] of Object.entries(n.byIndicator)) {
          if (leafCodes && !leafCodes.has(code)) bad(`normalisation.byIndicator.${code}`, `unknown indicator ${code} in framework ${framework!.id}`);
          if (!isObj(spec) || typeof spec.method !== 'string') bad(`normalisation.byIndicator.${code}`, 'must be {method, params}');
          else checkMethod(() => resolveNormaliser(spec.method, spec.params ?? {}), `normalisation.byIndicator.${code}`);
        }
    }
    if (scope === 'fixed') {
      if (!isObj(n.bounds)) bad('normalisation.bounds', 'scope fixed needs bounds: {CODE: [low, high], …}');
      else {
        for (const [code, b] of Object.entries(n.bounds)) {
          if (!Array.isArray(b) || b.length !== 2 || !b.every((v) => typeof v === 'number' && Number.isFinite(v))) bad(`normalisation.bounds.${code}`, 'must be [low, high]');
          else if (!(b[0] < b[1])) bad(`normalisation.bounds.${code}`, `low must be below high, got [${b[0]}, ${b[1]}]`);
          if (leafCodes && !leafCodes.has(code)) bad(`normalisation.bounds.${code}`, `unknown indicator ${code}`);
        }
        if (leafCodes) {
          const lacking = [...leafCodes].filter((c) => !own(n.bounds as Record<string, unknown>, c));
          if (lacking.length) bad('normalisation.bounds', `scope fixed needs bounds for every indicator; missing for ${lacking.slice(0, 10).join(', ')}${lacking.length > 10 ? ` and ${lacking.length - 10} more` : ''}`);
        }
      }
    }
    const baseEdition = n.baseEdition === undefined ? undefined : year(n.baseEdition, 'normalisation.baseEdition', firstEdition);
    normalisation = { ...n, scope, params, ...(baseEdition !== undefined ? { baseEdition } : {}) };
  }

  // missing values
  const m = isObj(r.missing) ? r.missing : {};
  if (r.missing !== undefined && !isObj(r.missing)) bad('missing', 'must be {carryForward, maxCarryYears}');
  const carryForward = m.carryForward === undefined ? true : m.carryForward === true;
  if (m.carryForward !== undefined && typeof m.carryForward !== 'boolean') bad('missing.carryForward', 'must be true or false');
  const maxCarryYears = m.maxCarryYears === undefined || m.maxCarryYears === null ? null : num(m.maxCarryYears, 'missing.maxCarryYears', 1, true);
  if (maxCarryYears !== null && maxCarryYears < 0) bad('missing.maxCarryYears', `must be ≥ 0 (years a value may be carried forward), got ${maxCarryYears}`);
  const steps: { method: ImputeMethod; params: Record<string, number> }[] = [];
  if (m.steps !== undefined) {
    if (!Array.isArray(m.steps)) bad('missing.steps', 'must be a list of imputation method names, e.g. ["carry-forward", "group-mean"]');
    else
      (m.steps as unknown[]).forEach((st: unknown, i: number) => {
        const method = typeof st === 'string' ? st : isObj(st) && typeof st.method === 'string' ? st.method : '';
        const params = isObj(st) && isObj(st.params) ? (st.params as Record<string, number>) : {};
        checkMethod(() => steps.push({ method: method as ImputeMethod, params: resolveImputer(method, params).params }), `missing.steps[${i}]`);
      });
  } else if (carryForward) steps.push({ method: 'carry-forward', params: {} });
  const grouped = Object.entries(IMPUTERS as Record<string, ImputerDef>).filter(([, d]) => d.needsGroups).map(([k]) => k);
  if (steps.some((s) => grouped.includes(s.method)) && typeof m.grouping !== 'string') {
    bad('missing.grouping', `${grouped.join(' / ')} need missing.grouping: the id of a grouping of the units (e.g. region4)`);
  }

  if (m.aggregate !== undefined && !oneOf(MISSING_AT_AGGREGATION, m.aggregate)) bad('missing.aggregate', `must be ${orList(MISSING_AT_AGGREGATION)}, got "${String(m.aggregate)}"`);
  let byRow: ResolvedRecipe['missing']['byRow'];
  if (m.byRow !== undefined) {
    if (!isObj(m.byRow)) bad('missing.byRow', 'must be {method, level, normaliseFirst}, e.g. {"method": "mean"}');
    else {
      const br = m.byRow;
      if (br.method !== undefined && !oneOf(ROW_STATS, br.method)) bad('missing.byRow.method', `must be ${orList(ROW_STATS)}, got "${String(br.method)}"`);
      if (br.normaliseFirst !== undefined && typeof br.normaliseFirst !== 'boolean') bad('missing.byRow.normaliseFirst', 'must be true or false');
      const depth = framework ? Math.max(...framework.nodes.map((n) => n.level)) : Infinity;
      const level = br.level === undefined ? undefined : num(br.level, 'missing.byRow.level', 1, true);
      if (level !== undefined && (level < 0 || level >= depth)) bad('missing.byRow.level', `must be a tree level of the groups, 0 (the root) to ${Number.isFinite(depth) ? depth - 1 : 'one above the indicators'}, got ${level}`);
      byRow = { method: oneOf(ROW_STATS, br.method) ? br.method : 'mean', ...(level !== undefined ? { level } : {}), normaliseFirst: br.normaliseFirst !== false };
    }
  }

  // denomination
  if (r.denominate !== undefined) {
    const dn = r.denominate as unknown;
    if (!isObj(dn) || !isObj(dn.byIndicator)) bad('denominate', 'must be {byIndicator: {INDICATOR: DENOMINATOR, …}, scale?: {INDICATOR: factor}}');
    else {
      const vars = framework ? new Set(framework.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code)) : undefined;
      for (const [code, d] of Object.entries(dn.byIndicator)) {
        if (leafCodes && !leafCodes.has(code)) bad(`denominate.byIndicator.${code}`, `unknown indicator ${code} in framework ${framework!.id}`);
        if (typeof d !== 'string' || !d) bad(`denominate.byIndicator.${code}`, `must be the code of a variable (a denominator), got ${JSON.stringify(d)}`);
        else if (vars && vars.has(code) && d === code) bad(`denominate.byIndicator.${code}`, `an indicator cannot be its own denominator`);
      }
      if (dn.scale !== undefined) {
        if (!isObj(dn.scale)) bad('denominate.scale', 'must map indicator codes to scale factors');
        else
          for (const [code, f] of Object.entries(dn.scale)) {
            if (typeof f !== 'number' || !Number.isFinite(f) || !(f > 0)) bad(`denominate.scale.${code}`, `must be a number > 0, got ${JSON.stringify(f)}`);
            if (!own(dn.byIndicator as Record<string, unknown>, code)) bad(`denominate.scale.${code}`, `${code} has no denominator in denominate.byIndicator`);
          }
      }
    }
  }

  // ranking
  const rk = isObj(r.ranking) ? r.ranking : {};
  if (r.ranking !== undefined && !isObj(r.ranking)) bad('ranking', 'must be {ties: tolerant | exact}');
  if (rk.ties !== undefined && !oneOf(RANK_TIES, rk.ties)) bad('ranking.ties', `must be ${orList(RANK_TIES)}, got "${String(rk.ties)}"`);
  const ranking = oneOf(RANK_TIES, rk.ties) ? { ties: rk.ties } : undefined;

  // outlier treatment
  let treatment: ResolvedRecipe['treatment'] = { method: 'none' };
  if (r.treatment !== undefined) {
    const t = r.treatment as unknown;
    if (!isObj(t) || !oneOf(TREATMENTS, t.method)) bad('treatment.method', `must be ${orList(TREATMENTS)}`);
    else {
      if (t.scope !== undefined && !oneOf(TREAT_SCOPES, t.scope)) bad('treatment.scope', `must be ${orList(TREAT_SCOPES)}`);
      const options = (o: Record<string, unknown>, at: string): void => {
        if (o.logShift !== undefined && !oneOf(LOG_SHIFTS, o.logShift)) bad(`${at}.logShift`, `must be ${orList(LOG_SHIFTS)}`);
        if (o.fallback !== undefined && !oneOf(FALLBACKS, o.fallback)) bad(`${at}.fallback`, `must be ${orList(FALLBACKS)}, got "${String(o.fallback)}"`);
        for (const k of ['winMax', 'skewThreshold', 'kurtThreshold', 'lambda'] as const) if (o[k] !== undefined) num(o[k], `${at}.${k}`, 0, k === 'winMax');
        if (o.logFallback !== undefined && typeof o.logFallback !== 'boolean') bad(`${at}.logFallback`, 'must be true or false');
      };
      options(t, 'treatment');
      const needsLambda = (o: Record<string, unknown>): boolean => o.fallback === 'boxcox' && o.lambda === undefined;
      if (needsLambda(t)) bad('treatment.lambda', 'fallback boxcox needs lambda (the Box-Cox exponent, e.g. 0.5)');
      if (isObj(t.byIndicator)) {
        for (const [code, v] of Object.entries(t.byIndicator)) {
          if (leafCodes && !leafCodes.has(code)) bad(`treatment.byIndicator.${code}`, `unknown indicator ${code}`);
          if (isObj(v)) {
            const known = ['method', 'winMax', 'skewThreshold', 'kurtThreshold', 'logFallback', 'logShift', 'fallback', 'lambda'];
            for (const k of Object.keys(v)) if (!known.includes(k)) bad(`treatment.byIndicator.${code}.${k}`, `unknown key "${k}"; valid here: ${known.join(', ')}`);
            if (v.method !== undefined && !oneOf(TREATMENTS, v.method)) bad(`treatment.byIndicator.${code}.method`, `must be ${orList(TREATMENTS)}`);
            options(v, `treatment.byIndicator.${code}`);
            if (needsLambda({ ...t, ...v }) && t.lambda === undefined) bad(`treatment.byIndicator.${code}.lambda`, 'fallback boxcox needs lambda');
          } else if (!oneOf(TREATMENTS, v)) bad(`treatment.byIndicator.${code}`, `must be ${orList(TREATMENTS)}, or {method, winMax, fallback, …}`);
        }
      }
      treatment = t as ResolvedRecipe['treatment'];
    }
  }

  // weights
  const w = isObj(r.weights) ? r.weights : {};
  const scheme = (w.scheme ?? 'framework') as WeightScheme;
  if (!oneOf(SCHEMES, scheme)) bad('weights.scheme', `must be one of ${SCHEMES.join(', ')}, got "${String(scheme)}"`);
  const byNodeW: Record<string, WeightScheme> = {};
  if (w.byNode !== undefined) {
    if (!isObj(w.byNode)) bad('weights.byNode', 'must map node codes to schemes');
    else
      for (const [code, v] of Object.entries(w.byNode)) {
        if (codes && !codes.has(code)) bad(`weights.byNode.${code}`, `unknown node ${code}`);
        if (!oneOf(SCHEMES, v)) bad(`weights.byNode.${code}`, `must be one of ${SCHEMES.join(', ')}, got "${String(v)}"`);
        else byNodeW[code] = v;
      }
  }
  const ahp: Record<string, number[][]> = {};
  if (w.ahp !== undefined && !isObj(w.ahp)) bad('weights.ahp', 'must map node codes to pairwise comparison matrices');
  for (const [code, A] of Object.entries(isObj(w.ahp) ? w.ahp : {})) {
    const node = framework?.nodes.find((n) => n.code === code);
    if (framework && (!node || node.kind !== 'aggregate')) {
      bad(`weights.ahp.${code}`, `unknown aggregate node ${code}`);
      continue;
    }
    if (node && (!Array.isArray(A) || A.length !== node.children.length)) {
      bad(`weights.ahp.${code}`, `needs a ${node.children.length}×${node.children.length} matrix (children ${node.children.join(', ')})`);
      continue;
    }
    checkMethod(() => assertConsistent(ahpWeights(A as number[][], node ? { labels: node.children } : {}), { name: code, ...(node ? { labels: node.children } : {}) }), `weights.ahp.${code}`);
    ahp[code] = A as number[][];
  }
  if (framework) {
    for (const n of framework.nodes) {
      if (n.kind === 'aggregate' && (own(byNodeW, n.code) ?? scheme) === 'ahp' && !own(ahp, n.code) && !n.children.every((c) => own(w.set, c) !== undefined)) {
        bad(`weights.ahp.${n.code}`, `scheme ahp needs a pairwise matrix for ${n.code} (children ${n.children.join(', ')})`);
      }
    }
  }
  const set: Record<string, number> = {};
  if (w.set !== undefined) {
    if (!isObj(w.set)) bad('weights.set', 'must map node codes to weights');
    else
      for (const [code, v] of Object.entries(w.set)) {
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(`weights.set.${code}`, `weight must be a number ≥ 0, got ${JSON.stringify(v)}`);
        else set[code] = v;
        if (codes && !codes.has(code)) bad(`weights.set.${code}`, `unknown node ${code} in framework ${framework!.id}`);
      }
  }

  // aggregation
  const a = isObj(r.aggregation) ? r.aggregation : {};
  const method: AggregateMethod = a.method ?? 'arithmetic';
  let aparams: Record<string, number> = {};
  checkMethod(() => (aparams = resolveAggregator(method, a.params ?? {}).params), 'aggregation.method');
  const byNode: ResolvedRecipe['aggregation']['byNode'] = {};
  if (a.byNode !== undefined) {
    if (!isObj(a.byNode)) bad('aggregation.byNode', 'must map node codes to {method, params}');
    else
      for (const [code, spec] of Object.entries(a.byNode)) {
        if (codes && !codes.has(code)) bad(`aggregation.byNode.${code}`, `unknown node ${code}`);
        if (!isObj(spec) || typeof spec.method !== 'string') bad(`aggregation.byNode.${code}`, `must be {method} with method one of ${Object.keys(AGGREGATORS).join(', ')}`);
        else {
          checkMethod(() => resolveAggregator(spec.method, spec.params ?? {}), `aggregation.byNode.${code}`);
          byNode[code] = spec as { method: AggregateMethod; params?: Record<string, number> };
        }
      }
  }
  const aMinData = num(a.minData, 'aggregation.minData', 0);
  if (aMinData < 0 || aMinData > 1) bad('aggregation.minData', `must be a share between 0 and 1 (COINr dat_thresh), got ${aMinData}`);
  const rep = isObj(r.reporting) ? r.reporting : {};
  const reporting = { threshold: num(rep.threshold, 'reporting.threshold', 80), decimals: num(rep.decimals, 'reporting.decimals', 2, true) };
  if (reporting.decimals < 0 || reporting.decimals > 20) bad('reporting.decimals', `must be between 0 and 20, got ${reporting.decimals}`);
  const un = isObj(r.units) ? r.units : {};
  const minCoverage = num(un.minCoverage, 'units.minCoverage', 0.5);
  if (minCoverage < 0 || minCoverage > 1) bad('units.minCoverage', `must be a share between 0 and 1, got ${minCoverage}`);
  let screen: UnitScreen | undefined;
  if (un.screen !== undefined) {
    const sc = un.screen as unknown;
    if (!isObj(sc) || !oneOf(SCREEN_BY, sc.by)) bad('units.screen.by', `must be ${orList(SCREEN_BY)}`);
    else {
      for (const k of Object.keys(sc)) if (!['by', 'minData', 'minNonZero', 'include', 'exclude', 'stage'].includes(k)) bad(`units.screen.${k}`, `unknown key "${k}"; valid here: by, minData, minNonZero, include, exclude, stage`);
      for (const k of ['minData', 'minNonZero'] as const) {
        const v = num(sc[k], `units.screen.${k}`, 0.5);
        if (v < 0 || v > 1) bad(`units.screen.${k}`, `must be a share between 0 and 1, got ${v}`);
      }
      for (const k of ['include', 'exclude'] as const) if (sc[k] !== undefined && (!Array.isArray(sc[k]) || !(sc[k] as unknown[]).every((x) => typeof x === 'string'))) bad(`units.screen.${k}`, 'must be a list of unit codes');
      if (sc.stage !== undefined && !oneOf(SCREEN_STAGES, sc.stage)) bad('units.screen.stage', `must be ${orList(SCREEN_STAGES)}`);
      screen = sc as unknown as UnitScreen;
    }
  }
  // checks on the data
  let checks: ResolvedRecipe['checks'];
  if (r.checks !== undefined) {
    if (!isObj(r.checks)) bad('checks', 'must be an object, e.g. {"maxMagnitude": 1e15}');
    else {
      const mm = r.checks.maxMagnitude;
      if (mm !== undefined && (typeof mm !== 'number' || !Number.isFinite(mm) || !(mm > 0))) bad('checks.maxMagnitude', `must be a number > 0 (the largest |value| taken as plausible), got ${JSON.stringify(mm)}`);
      else checks = { ...(mm !== undefined ? { maxMagnitude: mm } : {}) };
    }
  }
  // a map keyed by node codes cannot name __proto__ (no node has that code)
  for (const [field, map] of [['weights.set', w.set], ['weights.byNode', w.byNode], ['weights.ahp', w.ahp], ['aggregation.byNode', a.byNode], ['normalisation.byIndicator', r.normalisation?.byIndicator], ['normalisation.bounds', r.normalisation?.bounds], ['treatment.byIndicator', r.treatment?.byIndicator], ['denominate.byIndicator', r.denominate?.byIndicator]] as const) {
    if (isObj(map) && Object.hasOwn(map, '__proto__')) bad(`${field}.__proto__`, '"__proto__" is not a node code');
  }
  const wparams = isObj(w.params) ? (w.params as ResolvedRecipe['weights']['params']) : {};
  if (w.params !== undefined && !isObj(w.params)) bad('weights.params', 'must be an object, e.g. {"standardise": true}');
  if (wparams.standardise !== undefined && typeof wparams.standardise !== 'boolean') bad('weights.params.standardise', 'must be true or false');
  if (wparams.rotation !== undefined && !oneOf(PCA_ROTATIONS, wparams.rotation)) bad('weights.params.rotation', `must be ${orList(PCA_ROTATIONS)}`);
  if (wparams.retain !== undefined && !oneOf(PCA_RETENTION, wparams.retain)) bad('weights.params.retain', `must be ${orList(PCA_RETENTION)}`);

  if (problems.length) throw new RecipeError(`Recipe ${file ?? r.id ?? ''} has ${problems.length} problem${problems.length > 1 ? 's' : ''}`, problems);
  const resolved: ResolvedRecipe = {
    ...r,
    dataLag,
    firstEdition,
    normalisation,
    missing: { carryForward, maxCarryYears, steps, ...(typeof m.grouping === 'string' ? { grouping: m.grouping } : {}), aggregate: m.aggregate === 'row-mean' ? 'row-mean' : 'drop', ...(byRow ? { byRow } : {}) },
    treatment,
    weights: { scheme, byNode: byNodeW, ahp, set, params: wparams },
    units: { minCoverage, ...(screen ? { screen } : {}) },
    ...(ranking ? { ranking } : {}),
    aggregation: { method, params: aparams, byNode, ...(a.minData !== undefined ? { minData: aMinData } : {}) },
    reporting,
    ...(checks ? { checks } : {}),
  };
  if (file) RECIPE_FILES.set(resolved, file);
  return resolved;
}

/** The file each resolved recipe was read from (kept beside it, so that it is no part of the spec). */
const RECIPE_FILES = new WeakMap<object, string>();

/**
 * The file a resolved recipe was read from, when `resolveRecipe` was given one: for messages of
 * later checks (a base edition outside the data) to name it.
 */
export function recipeFileOf(recipe: object): string | undefined {
  return RECIPE_FILES.get(recipe);
}

/** The keys a recipe part may have, as an object whose keys must match the type's exactly. */
type KeysOf<T> = Record<keyof NonNullable<T>, true>;
type Weights = NonNullable<Recipe['weights']>;

/**
 * The keys each part of a recipe may have, derived from the {@link Recipe} type: every list is
 * checked against its part's type (`satisfies`), so a key added to the type and not here, or
 * listed here and not in the type, fails to compile.
 */
const KEY_SETS = {
  '': { id: true, name: true, description: true, dataLag: true, firstEdition: true, normalisation: true, missing: true, denominate: true, treatment: true, weights: true, aggregation: true, ranking: true, reporting: true, units: true, checks: true } satisfies KeysOf<Recipe>,
  normalisation: { method: true, params: true, scope: true, bounds: true, baseEdition: true, byIndicator: true } satisfies KeysOf<Recipe['normalisation']>,
  missing: { carryForward: true, maxCarryYears: true, steps: true, grouping: true, aggregate: true, byRow: true } satisfies KeysOf<Recipe['missing']>,
  'missing.byRow': { method: true, level: true, normaliseFirst: true } satisfies KeysOf<NonNullable<Recipe['missing']>['byRow']>,
  denominate: { byIndicator: true, scale: true } satisfies KeysOf<Recipe['denominate']>,
  ranking: { ties: true } satisfies KeysOf<Recipe['ranking']>,
  treatment: { method: true, winMax: true, skewThreshold: true, kurtThreshold: true, logFallback: true, logShift: true, fallback: true, lambda: true, scope: true, byIndicator: true } satisfies KeysOf<Recipe['treatment']>,
  weights: { scheme: true, byNode: true, ahp: true, set: true, params: true } satisfies KeysOf<Weights>,
  'weights.params': { standardise: true, rotation: true, retain: true } satisfies KeysOf<Weights['params']>,
  aggregation: { method: true, params: true, byNode: true, minData: true } satisfies KeysOf<Recipe['aggregation']>,
  reporting: { threshold: true, decimals: true } satisfies KeysOf<Recipe['reporting']>,
  units: { minCoverage: true, screen: true } satisfies KeysOf<Recipe['units']>,
  checks: { maxMagnitude: true } satisfies KeysOf<Recipe['checks']>,
};
const KEYS: Record<string, string[]> = Object.fromEntries(Object.entries(KEY_SETS).map(([part, keys]) => [part, Object.keys(keys)]));

/** Reports keys a recipe part does not know (a misspelt key would otherwise be ignored). */
function checkKeys(raw: Record<string, unknown>, _path: string, bad: (field: string, message: string) => void): void {
  const walk = (obj: Record<string, unknown>, path: string): void => {
    const allowed = KEYS[path];
    if (!allowed) return;
    for (const [k, v] of Object.entries(obj)) {
      const field = path ? `${path}.${k}` : k;
      if (!allowed.includes(k)) {
        const near = allowed.filter((a) => editDistance(a.toLowerCase(), k.toLowerCase()) <= 2);
        bad(field, `unknown key "${k}"${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}; valid here: ${allowed.join(', ')}`);
      } else if (isObj(v)) walk(v, field);
    }
  };
  walk(raw, '');
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}
