import { FrameworkError, FormulaError, UnitError, type Problem } from '../errors.ts';
import { formulaVariables, inferFormulaUnit, parseFormula, type Expr } from '../expr/formula.ts';
import { didYouMean } from '../text/suggest.ts';
import { customUnitProblem, formatDims, isControl, parseUnit, sameDims, sameScale, type Unit } from '../units/unit.ts';
import { readProviders } from './providers.ts';
import type { Framework, FrameworkNode, LocalName, PlanTarget, ValueRange, Variable } from './types.ts';

/** Options for {@link buildFramework}. */
export interface BuildFrameworkOptions {
  /** File name for messages. */
  file?: string;
  /** Maps a path in the raw object (e.g. ['nodes', 3, 'parent']) to a 1-based line. */
  lineOf?: (path: (string | number)[]) => number | undefined;
}

/**
 * The deepest a framework tree may be: nodes at most this many levels below the root (the root
 * is level 0). The CNIPA frameworks have 3; the limit keeps every walk over a tree short.
 */
export const MAX_FRAMEWORK_DEPTH = 32;
/**
 * The longest name (each language) of a framework, node or variable: names are repeated in every
 * row of the output tables, so a megabyte-long one would make hundreds of megabytes of output.
 */
export const MAX_NAME_LENGTH = 500;
/**
 * How deep derived indicators may build on one another (a formula reading a derived indicator
 * whose formula reads another, …).
 */
export const MAX_DERIVATION_DEPTH = 32;
/** How many members a message about a cycle lists before "…". */
const CYCLE_SHOWN = 5;

const CODE_RE = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** Whether a string can be a node or variable code (`__proto__` cannot: results are keyed by code). */
const isCode = (code: string): boolean => CODE_RE.test(code) && code !== '__proto__';

/**
 * The keys each part of a framework file may have. Any other key is an error with the closest
 * valid key suggested: a misspelt `wieght` or `formular` would otherwise be ignored.
 */
const KEYS = {
  framework: ['id', 'version', 'name', 'description', 'level_names', 'recipe', 'custom_units', 'variables', 'nodes', 'providers', 'coverage'],
  node: ['code', 'name', 'parent', 'weight', 'direction', 'kind', 'unit', 'range', 'formula', 'targets', 'source', 'number', 'provider', 'description'],
  variable: ['code', 'name', 'unit', 'range', 'targets', 'source', 'provider', 'description'],
  target: ['value', 'year', 'kind', 'note'],
  name: ['zh', 'en'],
  level_names: ['zh', 'en'],
} as const;

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

type Add = (path: (string | number)[], message: string, node?: string, field?: string) => void;

/** Reports the keys of `obj` that `part` does not have, each with the closest valid key. */
function checkKeys(obj: Record<string, unknown>, part: keyof typeof KEYS, path: (string | number)[], add: Add, node?: string): void {
  const allowed: readonly string[] = KEYS[part];
  for (const k of Object.keys(obj)) {
    if (allowed.includes(k)) continue;
    const near = didYouMean(k, allowed, { maxDistance: k.length <= 3 ? 1 : 2 });
    // a prefix of a key (dir → direction) is a likely abbreviation too
    const prefixOf = k.length >= 3 ? allowed.filter((a) => a.startsWith(k.toLowerCase())) : [];
    const hint = [...new Set([...near, ...prefixOf])];
    const shown = k.length > 40 ? `${k.slice(0, 40)}…` : k;
    add([...path, k], `unknown key "${shown}"${hint.length ? ` — did you mean ${hint.join(' or ')}?` : ''}; valid here: ${allowed.join(', ')}`, node, k);
  }
}

/** Readable unit text for messages (a hostile unit may be long or hold control characters). */
const shownText = (s: string): string => {
  const clean = [...s.slice(0, 41)].map((ch) => (isControl(ch) ? '?' : ch)).join('');
  return s.length > 40 ? `${clean.slice(0, 40)}…` : clean;
};

/**
 * A value as a message shows it: a string in quotes, a number or boolean as it is, a list or a
 * mapping named as such with its (shortened) JSON, never `[object Object]`.
 */
const shownValue = (v: unknown): string => {
  if (typeof v === 'string') return `"${shownText(v)}"`;
  if (Array.isArray(v)) return `a list ${shownText(safeJson(v))}`;
  if (v !== null && typeof v === 'object') return `a mapping ${shownText(safeJson(v))}`;
  return shownText(String(v));
};

/**
 * Validates a raw framework definition (as parsed from YAML or JSON) and builds a
 * {@link Framework}. Every problem is collected and reported at once, each with file, line and
 * node: missing or duplicate codes, keys the framework format does not have (with the closest
 * valid key), unknown parents, cycles (one message per cycle, naming its first members and its
 * length), a tree deeper than {@link MAX_FRAMEWORK_DEPTH}, negative weights or a zero weight sum
 * among siblings, units the unit model does not know (every unit given, raw indicators and
 * variables too), formulas naming unknown variables, units that do not compose, formulas that
 * form a cycle or build on one another deeper than {@link MAX_DERIVATION_DEPTH}, and `range`
 * bounds that are not `[min, max]`. Every walk is iterative and linear in the size of the file.
 * @throws FrameworkError listing every problem
 */
export function buildFramework(raw: unknown, options: BuildFrameworkOptions = {}): Framework {
  const { file } = options;
  const lineOf = options.lineOf ?? (() => undefined);
  const problems: Problem[] = [];
  const add: Add = (path, message, node, field) => {
    const line = lineOf(path) ?? (path.length > 2 ? lineOf(path.slice(0, 2)) : undefined);
    problems.push({ file, line, node, field, message });
  };

  if (!isObj(raw)) {
    throw new FrameworkError(`Framework ${file ?? ''}: expected a mapping with id, name, nodes`.replace('  ', ' '), []);
  }
  checkKeys(raw, 'framework', [], add);
  const id = typeof raw.id === 'string' && raw.id ? raw.id : (add(['id'], 'id is required (a short name such as cnipa-regional)', undefined, 'id'), '');
  const version = raw.version === undefined ? '0' : String(raw.version);
  const name = readName(raw.name, ['name'], add) ?? { zh: id };

  // --- units of one's own ------------------------------------------------------------------
  const customUnits: string[] = [];
  if (raw.custom_units !== undefined && raw.custom_units !== null) {
    if (!Array.isArray(raw.custom_units)) add(['custom_units'], 'custom_units must be a list of unit names (e.g. [吨, 千瓦时])', undefined, 'custom_units');
    else
      raw.custom_units.forEach((u: unknown, i: number) => {
        const why = customUnitProblem(u, shownText(safeJson(u)));
        if (why) add(['custom_units', i], why, undefined, 'custom_units');
        else if (!customUnits.includes(u as string)) customUnits.push((u as string).trim());
      });
  }
  const unitOptions = { custom: customUnits };

  // --- variables -----------------------------------------------------------------------------
  const variables: Variable[] = [];
  const variableIx = new Map<string, number>();
  const codes = new Map<string, string>(); // code -> where first defined
  if (raw.variables !== undefined && !Array.isArray(raw.variables)) add(['variables'], 'variables must be a list', undefined, 'variables');
  (Array.isArray(raw.variables) ? raw.variables : []).forEach((v: unknown, i: number) => {
    const path = ['variables', i];
    if (!isObj(v)) return add(path, 'each variable must be a mapping with code, name, unit');
    const code = typeof v.code === 'string' ? v.code.trim() : '';
    if (!isCode(code)) return add([...path, 'code'], `invalid variable code ${shownValue(v.code ?? '')} (${code === '__proto__' ? '__proto__ is reserved' : 'expected letters, digits, _'})`, undefined, 'code');
    checkKeys(v, 'variable', path, add, code);
    if (codes.has(code)) add([...path, 'code'], `duplicate code ${code} (also ${codes.get(code)})`, code, 'code');
    codes.set(code, `variable at line ${lineOf(path) ?? '?'}`);
    const unit = typeof v.unit === 'string' ? v.unit : '';
    if (!unit) add([...path, 'unit'], 'a variable needs a unit (e.g. 万人, 亿元)', code, 'unit');
    const range = readRange(v.range, [...path, 'range'], add, code);
    const targets = readTargets(v.targets, [...path, 'targets'], add, code);
    if (!variableIx.has(code)) variableIx.set(code, variables.length);
    variables.push({ code, name: readName(v.name, [...path, 'name'], add, code) ?? { zh: code }, unit, ...(range ? { range } : {}), ...(targets ? { targets } : {}), line: lineOf(path) });
  });
  const variableOf = (code: string): Variable | undefined => {
    const i = variableIx.get(code);
    return i === undefined ? undefined : variables[i];
  };

  // --- nodes ---------------------------------------------------------------------------------
  if (!Array.isArray(raw.nodes) || raw.nodes.length === 0) {
    add(['nodes'], 'nodes must be a non-empty list', undefined, 'nodes');
    throw new FrameworkError(`Framework ${file ?? id} is invalid`, problems);
  }
  type Draft = Omit<FrameworkNode, 'level' | 'children' | 'kind'> & { kind?: FrameworkNode['kind']; idx: number; badParent?: boolean };
  const drafts: Draft[] = [];
  raw.nodes.forEach((n: unknown, i: number) => {
    const path = ['nodes', i];
    if (!isObj(n)) return add(path, 'each node must be a mapping with at least code and name');
    const code = typeof n.code === 'string' || typeof n.code === 'number' ? String(n.code).trim() : '';
    if (!isCode(code)) return add([...path, 'code'], `invalid node code ${shownValue(n.code ?? '')} (${code === '__proto__' ? '__proto__ is reserved' : 'expected letters, digits, _'})`, undefined, 'code');
    checkKeys(n, 'node', path, add, code);
    if (codes.has(code)) {
      add([...path, 'code'], `duplicate code ${code} (first defined as ${codes.get(code)})`, code, 'code');
      return;
    }
    codes.set(code, `node at line ${lineOf(path) ?? '?'}`);
    const badParent = n.parent !== undefined && n.parent !== null && typeof n.parent !== 'string' && typeof n.parent !== 'number';
    if (badParent) {
      add([...path, 'parent'], `parent must be the code of another node (e.g. parent: P1), got ${shownValue(n.parent)}`, code, 'parent');
    }
    const parent = n.parent === undefined || n.parent === null || n.parent === '' || (typeof n.parent !== 'string' && typeof n.parent !== 'number') ? null : String(n.parent);
    let weight = 1;
    if (n.weight !== undefined) {
      if (typeof n.weight !== 'number' || !Number.isFinite(n.weight)) add([...path, 'weight'], `weight must be a number (e.g. weight: 0.25), got ${shownValue(n.weight)}`, code, 'weight');
      else if (n.weight < 0) add([...path, 'weight'], `weight must not be negative, got ${n.weight}`, code, 'weight');
      else weight = n.weight;
    }
    let direction: 1 | -1 = 1;
    if (n.direction !== undefined) {
      const d = String(n.direction).trim();
      if (d === '+' || d === '1' || d === '+1') direction = 1;
      else if (d === '-' || d === '-1' || d === '−') direction = -1;
      else add([...path, 'direction'], `direction must be + or - (or 1 / -1), got ${shownValue(n.direction)}`, code, 'direction');
    }
    let kind: FrameworkNode['kind'] | undefined;
    if (n.kind !== undefined) {
      if (n.kind === 'raw' || n.kind === 'derived' || n.kind === 'aggregate') kind = n.kind;
      else add([...path, 'kind'], `kind must be raw, derived or aggregate, got ${shownValue(n.kind)}`, code, 'kind');
    }
    const formula = typeof n.formula === 'string' ? n.formula : n.formula === undefined ? undefined : (add([...path, 'formula'], 'formula must be a string', code, 'formula'), undefined);
    const targets = readTargets(n.targets, [...path, 'targets'], add, code);
    const range = readRange(n.range, [...path, 'range'], add, code);
    drafts.push({
      idx: i,
      code,
      name: readName(n.name, [...path, 'name'], add, code) ?? { zh: code },
      parent,
      ...(badParent ? { badParent } : {}),
      weight,
      ...(n.weight !== undefined ? { weightGiven: true } : {}),
      direction,
      kind,
      unit: n.unit === undefined || n.unit === null ? undefined : String(n.unit),
      ...(range ? { range } : {}),
      formula,
      targets,
      source: typeof n.source === 'string' ? n.source : undefined,
      number: typeof n.number === 'number' ? n.number : undefined,
      description: typeof n.description === 'string' ? n.description : undefined,
      line: lineOf(path),
    });
  });

  const byCode = new Map(drafts.map((d) => [d.code, d]));
  const children = new Map<string, string[]>(drafts.map((d) => [d.code, []]));
  const roots: Draft[] = [];
  for (const d of drafts) {
    if (d.parent === null) {
      if (!d.badParent) roots.push(d); // a node whose parent could not be read is not a second root
    }
    else if (!byCode.has(d.parent)) {
      const isVar = variableIx.has(d.parent);
      add(['nodes', d.idx, 'parent'], `unknown parent ${shownText(d.parent)}${isVar ? ' (it is a variable, not a node)' : ''}`, d.code, 'parent');
    } else children.get(d.parent)!.push(d.code);
  }
  if (roots.length === 0 && drafts.length) add(['nodes'], 'no root node (exactly one node must have no parent)', undefined, 'parent');
  if (roots.length > 1) {
    for (const r of roots.slice(1)) add(['nodes', r.idx, 'parent'], `second root node (${roots[0]!.code} is already the root); every other node needs a parent`, r.code, 'parent');
  }
  // cycles in the parent relation: each node's parent chain is followed once (linear time), and
  // each cycle reported once, at its first member in the file
  const cycleState = new Map<string, 1 | 2>(); // 1 on the chain being followed, 2 done
  for (const d of drafts) {
    if (cycleState.has(d.code)) continue;
    const chain: string[] = [];
    let p: string | null = d.code;
    while (p !== null && byCode.has(p) && !cycleState.has(p)) {
      cycleState.set(p, 1);
      chain.push(p);
      p = byCode.get(p)!.parent;
    }
    if (p !== null && cycleState.get(p) === 1) {
      const members = chain.slice(chain.indexOf(p));
      const first = members.reduce((a, b) => (byCode.get(a)!.idx <= byCode.get(b)!.idx ? a : b));
      const k = members.indexOf(first);
      const ordered = [...members.slice(k), ...members.slice(0, k)];
      const shown = ordered.length > CYCLE_SHOWN ? [...ordered.slice(0, CYCLE_SHOWN), '…'] : ordered;
      const count = ordered.length > CYCLE_SHOWN ? ` (${ordered.length} nodes)` : '';
      add(['nodes', byCode.get(first)!.idx, 'parent'], `cycle in parents: ${[...shown, first].join(' → ')}${count}; a node cannot be its own ancestor`, first, 'parent');
    }
    for (const c of chain) cycleState.set(c, 2);
  }
  // depth: level by level from each root (breadth first, no recursion)
  const level = new Map<string, number>();
  let tooDeep: { code: string; level: number } | undefined;
  for (const r of roots) {
    let frontier = [r.code];
    level.set(r.code, 0);
    for (let l = 1; frontier.length; l++) {
      const next: string[] = [];
      for (const c of frontier) {
        for (const k of children.get(c)!) {
          if (level.has(k)) continue;
          level.set(k, l);
          next.push(k);
        }
      }
      if (next.length && l > MAX_FRAMEWORK_DEPTH && !tooDeep) tooDeep = { code: next[0]!, level: l };
      frontier = next;
    }
  }
  if (tooDeep) {
    const chain: string[] = [];
    for (let p: string | null = tooDeep.code; p !== null && chain.length <= tooDeep.level; p = byCode.get(p)!.parent) chain.push(p);
    chain.reverse();
    const path = chain.length > 6 ? [...chain.slice(0, 3), '…', ...chain.slice(-2)] : chain;
    add(['nodes', byCode.get(tooDeep.code)!.idx, 'parent'], `the tree is too deep: ${tooDeep.code} is ${tooDeep.level} levels below the root (${path.join(' → ')}); a framework may have at most ${MAX_FRAMEWORK_DEPTH} levels below the root (MAX_FRAMEWORK_DEPTH)`, tooDeep.code, 'parent');
  }
  // sibling weight sums
  for (const [parent, kids] of children) {
    if (kids.length && kids.reduce((s, k) => s + byCode.get(k)!.weight, 0) <= 0) {
      const shown = kids.length > 10 ? `${kids.slice(0, 10).join(', ')}, …` : kids.join(', ');
      add(['nodes', byCode.get(parent)!.idx], `the weights of the children of ${parent} (${shown}) sum to zero`, parent, 'weight');
    }
  }

  // kinds
  for (const d of drafts) {
    const kids = children.get(d.code)!;
    const hasKids = kids.length > 0;
    const inferred: FrameworkNode['kind'] = hasKids ? 'aggregate' : d.formula !== undefined ? 'derived' : 'raw';
    if (d.kind && d.kind !== inferred) {
      if (d.kind === 'derived' && !d.formula) add(['nodes', d.idx, 'kind'], 'kind is derived but there is no formula', d.code, 'formula');
      else if (d.kind === 'aggregate') add(['nodes', d.idx, 'kind'], 'kind is aggregate but no node names it as parent', d.code, 'kind');
      else if (hasKids) add(['nodes', d.idx, 'kind'], `kind is ${d.kind} but the node has children (${kids.length > 10 ? `${kids.slice(0, 10).join(', ')}, …` : kids.join(', ')})`, d.code, 'kind');
      else add(['nodes', d.idx, 'kind'], `kind is ${d.kind} but the node has a formula`, d.code, 'kind');
    }
    if (hasKids && d.formula) add(['nodes', d.idx, 'formula'], 'an aggregate node cannot have a formula', d.code, 'formula');
    if (d.range && inferred !== 'raw') add(['nodes', d.idx, 'range'], `range applies to raw indicators (values read from data), not to ${inferred === 'derived' ? 'a derived indicator' : 'an aggregate'}`, d.code, 'range');
    d.kind = inferred;
  }

  // units: every unit given is parsed, so that an unknown word (斤) or stray text is refused
  const unitCache = new Map<string, Unit | null>();
  const unitOfCode = (code: string): Unit | undefined => {
    if (unitCache.has(code)) return unitCache.get(code) ?? undefined;
    const d = byCode.get(code);
    const v = d ? undefined : variableOf(code);
    const s = d?.unit ?? v?.unit;
    let u: Unit | null = null;
    if (s !== undefined && s !== '') {
      try {
        u = parseUnit(s, unitOptions);
      } catch (e) {
        if (!(e instanceof UnitError)) throw e;
        const message = e.message.replace(/^Unit "[^]*?": /, `unit "${shownText(s)}": `);
        if (d) add(['nodes', d.idx, 'unit'], message, code, 'unit');
        else if (v) add(['variables', variableIx.get(code)!, 'unit'], message, code, 'unit');
      }
    }
    unitCache.set(code, u);
    return u ?? undefined;
  };
  for (const v of variables) unitOfCode(v.code);
  for (const d of drafts) if (d.unit !== undefined) unitOfCode(d.code);
  const unitText = (code: string): string | undefined => byCode.get(code)?.unit ?? variableOf(code)?.unit;

  // formulas
  const parsed = new Map<string, Expr>();
  const inputsOf = new Map<string, string[]>();
  for (const d of drafts) {
    if (d.kind !== 'derived' || d.formula === undefined) continue;
    const fpath = ['nodes', d.idx, 'formula'];
    let e: Expr;
    try {
      e = parseFormula(d.formula);
    } catch (err) {
      if (err instanceof FormulaError) {
        add(fpath, err.message, d.code, 'formula');
        continue;
      }
      throw err;
    }
    parsed.set(d.code, e);
    const vars = formulaVariables(e);
    inputsOf.set(d.code, vars);
    let ok = true;
    if (!vars.length) {
      ok = false;
      add(fpath, 'the formula reads no variable, so every unit would get the same value (name an indicator or variable, e.g. R18 / POP)', d.code, 'formula');
    }
    for (const v of vars) {
      const dn = byCode.get(v);
      if (dn ? dn.kind === 'aggregate' : !variableIx.has(v)) {
        ok = false;
        add(fpath, dn ? `formula names ${v}, which is an aggregate, not an indicator or variable` : `formula names unknown variable ${v} (declare it under variables: or as an indicator)`, d.code, 'formula');
      } else if (unitText(v) === undefined) {
        ok = false;
        add(fpath, `formula uses ${v}, which has no unit`, d.code, 'formula');
      }
    }
    if (!d.unit) {
      add(['nodes', d.idx], 'a derived indicator needs a unit (e.g. 件/万人) so the formula can be checked', d.code, 'unit');
      continue;
    }
    if (!ok) continue;
    const declared = unitOfCode(d.code);
    if (!declared) continue;
    if (vars.some((v) => !unitOfCode(v))) continue;
    let got: Unit;
    try {
      got = inferFormulaUnit(e, (v) => unitOfCode(v), d.formula);
    } catch (err) {
      if (err instanceof FormulaError) {
        add(fpath, err.message, d.code, 'formula');
        continue;
      }
      throw err;
    }
    if (!sameDims(got, declared)) {
      add(fpath, `units do not compose: the formula gives ${formatDims(got)} but the unit ${d.unit} is ${formatDims(declared)}`, d.code, 'unit');
    } else if (!sameScale(got.scale, declared.scale)) {
      const factor = got.scale / declared.scale;
      add(fpath, `units do not compose: the formula's result is in ${d.unit} only if multiplied by ${fmtFactor(factor)} (check the conversion constant)`, d.code, 'unit');
    }
  }
  checkDerivations(parsed, inputsOf, byCode, add);

  // the default recipe: a built-in name or a file relative to the framework file
  let recipe: string | undefined;
  if (raw.recipe !== undefined && raw.recipe !== null) {
    if (typeof raw.recipe === 'string' && raw.recipe.trim()) recipe = raw.recipe.trim();
    else add(['recipe'], `recipe must be a built-in recipe name (e.g. cnipa-regional, default) or a recipe file path relative to the framework file, got ${shownText(safeJson(raw.recipe))}`, undefined, 'recipe');
  }

  const ln = raw.level_names;
  let levelNames: Framework['levelNames'];
  if (isObj(ln)) checkKeys(ln, 'level_names', ['level_names'], add);
  if (isObj(ln) && Array.isArray(ln.zh)) levelNames = { zh: ln.zh.map(String), ...(Array.isArray(ln.en) ? { en: ln.en.map(String) } : {}) };

  // data providers (who supplies which raw indicator or variable) and the units the data covers
  const kindOfCode = (code: string): FrameworkNode['kind'] | 'variable' | undefined => byCode.get(code)?.kind ?? (variableIx.has(code) ? 'variable' : undefined);
  const { providers, coverage } = readProviders(raw, kindOfCode, add);

  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (problems.length) throw new FrameworkError(`Framework ${file ?? id} has ${problems.length} problem${problems.length > 1 ? 's' : ''}`, problems);

  // order: depth-first pre-order from the root, children in file order (an explicit stack)
  const nodes: FrameworkNode[] = [];
  const stack: [string, number][] = [[roots[0]!.code, 0]];
  while (stack.length) {
    const [code, lv] = stack.pop()!;
    const d = byCode.get(code)!;
    const { idx: _idx, ...rest } = d;
    const kids = children.get(code)!;
    nodes.push({ ...rest, kind: d.kind!, level: lv, children: kids });
    for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k]!, lv + 1]);
  }

  return {
    id,
    version,
    name,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    ...(levelNames ? { levelNames } : {}),
    root: roots[0]!.code,
    nodes,
    variables,
    ...(recipe ? { recipe } : {}),
    ...(customUnits.length ? { customUnits } : {}),
    ...(providers ? { providers } : {}),
    ...(coverage ? { coverage } : {}),
    ...(file ? { file } : {}),
  };
}

/**
 * Cycles among derived formulas (one message per cycle, at its first member) and chains of
 * derived indicators deeper than {@link MAX_DERIVATION_DEPTH}; a depth-first search with an
 * explicit stack, linear in the number of formula inputs.
 */
function checkDerivations(parsed: Map<string, Expr>, inputsOf: Map<string, string[]>, byCode: Map<string, { idx: number }>, add: Add): void {
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const depth = new Map<string, number>();
  const inCycle = new Set<string>();
  for (const start of parsed.keys()) {
    if (state.has(start)) continue;
    const stack: { code: string; next: number }[] = [{ code: start, next: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const inputs = (inputsOf.get(top.code) ?? []).filter((v) => parsed.has(v));
      if (top.next < inputs.length) {
        const v = inputs[top.next++]!;
        const s = state.get(v);
        if (s === undefined) {
          state.set(v, 1);
          stack.push({ code: v, next: 0 });
        } else if (s === 1) {
          const members = stack.slice(stack.findIndex((f) => f.code === v)).map((f) => f.code);
          if (!members.some((m) => inCycle.has(m))) {
            for (const m of members) inCycle.add(m);
            const shown = members.length > CYCLE_SHOWN ? [...members.slice(0, CYCLE_SHOWN), '…'] : members;
            add(['nodes', byCode.get(v)!.idx, 'formula'], `formulas form a cycle: ${[...shown, v].join(' → ')}${members.length > CYCLE_SHOWN ? ` (${members.length} indicators)` : ''}`, v, 'formula');
          }
        }
        continue;
      }
      // every input done: the node's depth is one more than its deepest derived input's
      let dp = 1;
      for (const v of inputs) dp = Math.max(dp, (depth.get(v) ?? 0) + 1);
      depth.set(top.code, dp);
      state.set(top.code, 2);
      stack.pop();
    }
  }
  if (inCycle.size) return;
  for (const [code, dp] of depth) {
    if (dp > MAX_DERIVATION_DEPTH) {
      add(['nodes', byCode.get(code)!.idx, 'formula'], `derived indicators build on one another ${dp} deep here; at most ${MAX_DERIVATION_DEPTH} (MAX_DERIVATION_DEPTH): compute some of them from raw variables directly`, code, 'formula');
      return;
    }
  }
}

/** Plan target years a framework may state (as edition and data years: 4-digit years). */
const TARGET_YEARS: [number, number] = [1000, 9999];

/**
 * The `targets:` list of a node or variable (`[{value, year, kind?, note?}]`), or undefined when
 * absent or empty; every bad entry is a problem naming the field (value, year, kind, note).
 */
function readTargets(x: unknown, path: (string | number)[], add: Add, code: string): PlanTarget[] | undefined {
  if (x === undefined || x === null) return undefined;
  if (!Array.isArray(x)) {
    add(path, `targets must be a list of {value, year, kind?, note?} (e.g. targets: [{value: 13, year: 2025}]), got ${shownValue(x)}`, code, 'targets');
    return undefined;
  }
  const out: PlanTarget[] = [];
  x.forEach((t: unknown, j: number) => {
    const tp = [...path, j];
    if (!isObj(t)) return add(tp, `target ${j + 1} must be a mapping {value, year, kind?, note?}, got ${shownValue(t)}`, code, 'targets');
    checkKeys(t, 'target', tp, add, code);
    let ok = true;
    if (typeof t.value !== 'number' || !Number.isFinite(t.value)) {
      ok = false;
      add([...tp, 'value'], `target ${j + 1}: value must be a number (the level to reach, in the unit of ${code}), got ${t.value === undefined ? 'nothing' : shownValue(t.value)}`, code, 'targets.value');
    }
    if (typeof t.year !== 'number' || !Number.isInteger(t.year) || t.year < TARGET_YEARS[0] || t.year > TARGET_YEARS[1]) {
      ok = false;
      add([...tp, 'year'], `target ${j + 1}: year must be a 4-digit year (the data year the target is set for, e.g. 2025), got ${t.year === undefined ? 'nothing' : shownValue(t.year)}`, code, 'targets.year');
    }
    if (t.kind !== undefined && t.kind !== 'at-least' && t.kind !== 'at-most') {
      ok = false;
      add([...tp, 'kind'], `target ${j + 1}: kind must be at-least (reach or exceed the value) or at-most (stay at or below it), got ${shownValue(t.kind)}`, code, 'targets.kind');
    }
    if (t.note !== undefined && typeof t.note !== 'string') {
      ok = false;
      add([...tp, 'note'], `target ${j + 1}: note must be text, got ${shownValue(t.note)}`, code, 'targets.note');
    }
    if (!ok) return;
    const value = t.value as number;
    const year = t.year as number;
    if (out.some((o) => o.year === year && (o.kind ?? 'at-least') === (t.kind ?? 'at-least'))) {
      add([...tp, 'year'], `target ${j + 1}: a second ${t.kind ?? 'at-least'} target for ${year}; give one target per year and kind`, code, 'targets.year');
      return;
    }
    out.push({ value, year, kind: t.kind === 'at-most' ? 'at-most' : 'at-least', ...(typeof t.note === 'string' ? { note: t.note } : {}) });
  });
  return out.length ? out : undefined;
}

/** A `range: [min, max]` (either end null for open), or undefined with a problem added. */
function readRange(x: unknown, path: (string | number)[], add: Add, node: string): ValueRange | undefined {
  if (x === undefined) return undefined;
  const end = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));
  if (!Array.isArray(x) || x.length !== 2 || !end(x[0]) || !end(x[1])) {
    add(path, `range must be [min, max] with numbers or null for an open end (e.g. [0, 100], [-100, null]), got ${shownText(safeJson(x))}`, node, 'range');
    return undefined;
  }
  const [lo, hi] = x as ValueRange;
  if (lo !== null && hi !== null && !(lo < hi)) {
    add(path, `range [${lo}, ${hi}]: min must be below max`, node, 'range');
    return undefined;
  }
  return [lo, hi];
}

/** A value as JSON for messages; never throws (a value nested too deeply is shown by its type). */
function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return Array.isArray(x) ? '[…]' : typeof x;
  }
}

function fmtFactor(f: number): string {
  const e = Math.log10(f);
  return Math.abs(e - Math.round(e)) < 1e-9 ? `10^${Math.round(e)}` : String(f);
}

function readName(x: unknown, path: (string | number)[], add: Add, node?: string): LocalName | undefined {
  if (x === undefined || x === null) {
    add(path, 'name is required (name: {zh: …, en: …})', node, 'name');
    return undefined;
  }
  const long = (t: string): boolean => {
    if (t.length <= MAX_NAME_LENGTH) return false;
    add(path, `name is ${t.length} characters long; at most ${MAX_NAME_LENGTH} (put longer text in description)`, node, 'name');
    return true;
  };
  if (typeof x === 'string') return long(x) ? undefined : { zh: x };
  if (isObj(x)) checkKeys(x, 'name', path, add, node);
  if (isObj(x) && typeof x.zh === 'string') return long(x.zh) || (typeof x.en === 'string' && long(x.en)) ? undefined : { zh: x.zh, ...(typeof x.en === 'string' ? { en: x.en } : {}) };
  if (isObj(x) && typeof x.en === 'string') return long(x.en) ? undefined : { zh: x.en, en: x.en };
  add(path, 'name must be a string or {zh: …, en: …}', node, 'name');
  return undefined;
}
