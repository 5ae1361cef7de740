import { FrameworkError, FormulaError, UnitError, type Problem } from '../errors.ts';
import { formulaVariables, inferFormulaUnit, parseFormula, type Expr } from '../expr/formula.ts';
import { formatDims, parseUnit, sameDims, sameScale, type Unit } from '../units/unit.ts';
import type { Framework, FrameworkNode, LocalName, PlanTarget, Variable } from './types.ts';

/** Options for {@link buildFramework}. */
export interface BuildFrameworkOptions {
  /** File name for messages. */
  file?: string;
  /** Maps a path in the raw object (e.g. ['nodes', 3, 'parent']) to a 1-based line. */
  lineOf?: (path: (string | number)[]) => number | undefined;
}

const CODE_RE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Validates a raw framework definition (as parsed from YAML or JSON) and builds a
 * {@link Framework}. Every problem is collected and reported at once, each with file, line and
 * node: missing or duplicate codes, unknown parents, cycles, negative weights or a zero weight
 * sum among siblings, formulas naming unknown variables, and units that do not compose.
 * @throws FrameworkError listing every problem
 */
export function buildFramework(raw: unknown, options: BuildFrameworkOptions = {}): Framework {
  const { file } = options;
  const lineOf = options.lineOf ?? (() => undefined);
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string, node?: string, field?: string): void => {
    const line = lineOf(path) ?? (path.length > 2 ? lineOf(path.slice(0, 2)) : undefined);
    problems.push({ file, line, node, field, message });
  };

  if (!isObj(raw)) {
    throw new FrameworkError(`Framework ${file ?? ''}: expected a mapping with id, name, nodes`.replace('  ', ' '), []);
  }
  const id = typeof raw.id === 'string' && raw.id ? raw.id : (add(['id'], 'id is required (a short name such as cnipa-regional)', undefined, 'id'), '');
  const version = raw.version === undefined ? '0' : String(raw.version);
  const name = readName(raw.name, ['name'], add) ?? { zh: id };

  // --- variables -----------------------------------------------------------------------------
  const variables: Variable[] = [];
  const codes = new Map<string, string>(); // code -> where first defined
  if (raw.variables !== undefined && !Array.isArray(raw.variables)) add(['variables'], 'variables must be a list', undefined, 'variables');
  (Array.isArray(raw.variables) ? raw.variables : []).forEach((v: unknown, i: number) => {
    const path = ['variables', i];
    if (!isObj(v)) return add(path, 'each variable must be a mapping with code, name, unit');
    const code = typeof v.code === 'string' ? v.code.trim() : '';
    if (!CODE_RE.test(code)) return add([...path, 'code'], `invalid variable code "${String(v.code ?? '')}" (expected letters, digits, _)`, undefined, 'code');
    if (codes.has(code)) add([...path, 'code'], `duplicate code ${code} (also ${codes.get(code)})`, code, 'code');
    codes.set(code, `variable at line ${lineOf(path) ?? '?'}`);
    const unit = typeof v.unit === 'string' ? v.unit : '';
    if (!unit) add([...path, 'unit'], 'a variable needs a unit (e.g. 万人, 亿元)', code, 'unit');
    variables.push({ code, name: readName(v.name, [...path, 'name'], add, code) ?? { zh: code }, unit, line: lineOf(path) });
  });

  // --- nodes ---------------------------------------------------------------------------------
  if (!Array.isArray(raw.nodes) || raw.nodes.length === 0) {
    add(['nodes'], 'nodes must be a non-empty list', undefined, 'nodes');
    throw new FrameworkError(`Framework ${file ?? id} is invalid`, problems);
  }
  type Draft = Omit<FrameworkNode, 'level' | 'children' | 'kind'> & { kind?: FrameworkNode['kind']; idx: number };
  const drafts: Draft[] = [];
  raw.nodes.forEach((n: unknown, i: number) => {
    const path = ['nodes', i];
    if (!isObj(n)) return add(path, 'each node must be a mapping with at least code and name');
    const code = typeof n.code === 'string' || typeof n.code === 'number' ? String(n.code).trim() : '';
    if (!CODE_RE.test(code)) return add([...path, 'code'], `invalid node code "${String(n.code ?? '')}" (expected letters, digits, _)`, undefined, 'code');
    if (codes.has(code)) {
      add([...path, 'code'], `duplicate code ${code} (first defined as ${codes.get(code)})`, code, 'code');
      return;
    }
    codes.set(code, `node at line ${lineOf(path) ?? '?'}`);
    const parent = n.parent === undefined || n.parent === null || n.parent === '' ? null : String(n.parent);
    let weight = 1;
    if (n.weight !== undefined) {
      if (typeof n.weight !== 'number' || !Number.isFinite(n.weight)) add([...path, 'weight'], `weight must be a number, got "${String(n.weight)}"`, code, 'weight');
      else if (n.weight < 0) add([...path, 'weight'], `weight must not be negative, got ${n.weight}`, code, 'weight');
      else weight = n.weight;
    }
    let direction: 1 | -1 = 1;
    if (n.direction !== undefined) {
      const d = String(n.direction).trim();
      if (d === '+' || d === '1' || d === '+1') direction = 1;
      else if (d === '-' || d === '-1' || d === '−') direction = -1;
      else add([...path, 'direction'], `direction must be + or - (or 1 / -1), got "${d}"`, code, 'direction');
    }
    let kind: FrameworkNode['kind'] | undefined;
    if (n.kind !== undefined) {
      if (n.kind === 'raw' || n.kind === 'derived' || n.kind === 'aggregate') kind = n.kind;
      else add([...path, 'kind'], `kind must be raw, derived or aggregate, got "${String(n.kind)}"`, code, 'kind');
    }
    const formula = typeof n.formula === 'string' ? n.formula : n.formula === undefined ? undefined : (add([...path, 'formula'], 'formula must be a string', code, 'formula'), undefined);
    const targets: PlanTarget[] = [];
    if (n.targets !== undefined) {
      if (!Array.isArray(n.targets)) add([...path, 'targets'], 'targets must be a list of {value, year}', code, 'targets');
      else
        n.targets.forEach((t: unknown, j: number) => {
          const tp = [...path, 'targets', j];
          if (!isObj(t) || typeof t.value !== 'number' || typeof t.year !== 'number' || !Number.isInteger(t.year)) {
            add(tp, 'a target needs a numeric value and an integer year', code, 'targets');
            return;
          }
          const tk = t.kind === 'at-most' ? 'at-most' : 'at-least';
          targets.push({ value: t.value, year: t.year, kind: tk, ...(typeof t.note === 'string' ? { note: t.note } : {}) });
        });
    }
    drafts.push({
      idx: i,
      code,
      name: readName(n.name, [...path, 'name'], add, code) ?? { zh: code },
      parent,
      weight,
      direction,
      kind,
      unit: n.unit === undefined || n.unit === null ? undefined : String(n.unit),
      formula,
      targets: targets.length ? targets : undefined,
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
    if (d.parent === null) roots.push(d);
    else if (!byCode.has(d.parent)) {
      const isVar = variables.some((v) => v.code === d.parent);
      add(['nodes', d.idx, 'parent'], `unknown parent ${d.parent}${isVar ? ' (it is a variable, not a node)' : ''}`, d.code, 'parent');
    } else children.get(d.parent)!.push(d.code);
  }
  if (roots.length === 0 && drafts.length) add(['nodes'], 'no root node (exactly one node must have no parent)', undefined, 'parent');
  if (roots.length > 1) {
    for (const r of roots.slice(1)) add(['nodes', r.idx, 'parent'], `second root node (${roots[0]!.code} is already the root); every other node needs a parent`, r.code, 'parent');
  }
  // cycles in the parent relation
  for (const d of drafts) {
    const seen = new Set<string>([d.code]);
    let p = d.parent;
    while (p !== null) {
      if (seen.has(p)) {
        if (p === d.code) add(['nodes', d.idx, 'parent'], `cycle in parents: ${[...seen].join(' → ')} → ${p}`, d.code, 'parent');
        break;
      }
      seen.add(p);
      p = byCode.get(p)?.parent ?? null;
    }
  }
  // sibling weight sums
  for (const [parent, kids] of children) {
    if (kids.length && kids.reduce((s, k) => s + byCode.get(k)!.weight, 0) <= 0) {
      add(['nodes', byCode.get(parent)!.idx], `the weights of the children of ${parent} (${kids.join(', ')}) sum to zero`, parent, 'weight');
    }
  }

  // kinds
  for (const d of drafts) {
    const hasKids = children.get(d.code)!.length > 0;
    const inferred: FrameworkNode['kind'] = hasKids ? 'aggregate' : d.formula !== undefined ? 'derived' : 'raw';
    if (d.kind && d.kind !== inferred) {
      if (d.kind === 'derived' && !d.formula) add(['nodes', d.idx, 'kind'], 'kind is derived but there is no formula', d.code, 'formula');
      else if (d.kind === 'aggregate') add(['nodes', d.idx, 'kind'], 'kind is aggregate but no node names it as parent', d.code, 'kind');
      else if (hasKids) add(['nodes', d.idx, 'kind'], `kind is ${d.kind} but the node has children (${children.get(d.code)!.join(', ')})`, d.code, 'kind');
      else add(['nodes', d.idx, 'kind'], `kind is ${d.kind} but the node has a formula`, d.code, 'kind');
    }
    if (hasKids && d.formula) add(['nodes', d.idx, 'formula'], 'an aggregate node cannot have a formula', d.code, 'formula');
    d.kind = inferred;
  }

  // formulas and units
  const unitCache = new Map<string, Unit | null>();
  const unitOfCode = (code: string): Unit | undefined => {
    if (unitCache.has(code)) return unitCache.get(code) ?? undefined;
    const d = byCode.get(code);
    const v = variables.find((x) => x.code === code);
    const s = d?.unit ?? v?.unit;
    let u: Unit | null = null;
    if (s !== undefined) {
      try {
        u = parseUnit(s);
      } catch (e) {
        if (e instanceof UnitError) {
          if (d) add(['nodes', d.idx, 'unit'], e.message, code, 'unit');
          else if (v) add(['variables', variables.indexOf(v), 'unit'], e.message, code, 'unit');
        } else throw e;
      }
    }
    unitCache.set(code, u);
    return u ?? undefined;
  };
  const parsed = new Map<string, Expr>();
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
    let ok = true;
    for (const v of vars) {
      const dn = byCode.get(v);
      if (dn ? dn.kind === 'aggregate' : !variables.some((x) => x.code === v)) {
        ok = false;
        add(fpath, dn ? `formula names ${v}, which is an aggregate, not an indicator or variable` : `formula names unknown variable ${v} (declare it under variables: or as an indicator)`, d.code, 'formula');
      } else if ((dn?.unit ?? variables.find((x) => x.code === v)?.unit) === undefined) {
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
    if (vars.some((v) => !unitOfCode(v))) continue;
    if (!sameDims(got, declared)) {
      add(fpath, `units do not compose: the formula gives ${formatDims(got)} but the unit ${d.unit} is ${formatDims(declared)}`, d.code, 'unit');
    } else if (!sameScale(got.scale, declared.scale)) {
      const factor = got.scale / declared.scale;
      add(fpath, `units do not compose: the formula's result is in ${d.unit} only if multiplied by ${fmtFactor(factor)} (check the conversion constant)`, d.code, 'unit');
    }
  }
  // cycles among derived formulas
  const state = new Map<string, 1 | 2>();
  const visit = (code: string, stack: string[]): void => {
    if (state.get(code) === 2) return;
    if (state.get(code) === 1) {
      const d = byCode.get(code)!;
      add(['nodes', d.idx, 'formula'], `formulas form a cycle: ${[...stack.slice(stack.indexOf(code)), code].join(' → ')}`, code, 'formula');
      return;
    }
    state.set(code, 1);
    const e = parsed.get(code);
    if (e) for (const v of formulaVariables(e)) if (parsed.has(v)) visit(v, [...stack, code]);
    state.set(code, 2);
  };
  for (const code of parsed.keys()) visit(code, []);

  // the default recipe: a built-in name or a file relative to the framework file
  let recipe: string | undefined;
  if (raw.recipe !== undefined && raw.recipe !== null) {
    if (typeof raw.recipe === 'string' && raw.recipe.trim()) recipe = raw.recipe.trim();
    else add(['recipe'], `recipe must be a built-in recipe name (e.g. cnipa-regional, default) or a recipe file path relative to the framework file, got ${JSON.stringify(raw.recipe)}`, undefined, 'recipe');
  }

  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (problems.length) throw new FrameworkError(`Framework ${file ?? id} has ${problems.length} problem${problems.length > 1 ? 's' : ''}`, problems);

  // order: depth-first pre-order from the root, children in file order
  const nodes: FrameworkNode[] = [];
  const walk = (code: string, level: number): void => {
    const d = byCode.get(code)!;
    const { idx: _idx, ...rest } = d;
    nodes.push({ ...rest, kind: d.kind!, level, children: children.get(code)! });
    for (const c of children.get(code)!) walk(c, level + 1);
  };
  walk(roots[0]!.code, 0);

  const ln = raw.level_names;
  let levelNames: Framework['levelNames'];
  if (isObj(ln) && Array.isArray(ln.zh)) levelNames = { zh: ln.zh.map(String), ...(Array.isArray(ln.en) ? { en: ln.en.map(String) } : {}) };
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
    ...(file ? { file } : {}),
  };
}

function fmtFactor(f: number): string {
  const e = Math.log10(f);
  return Math.abs(e - Math.round(e)) < 1e-9 ? `10^${Math.round(e)}` : String(f);
}

function readName(
  x: unknown,
  path: (string | number)[],
  add: (path: (string | number)[], message: string, node?: string, field?: string) => void,
  node?: string,
): LocalName | undefined {
  if (x === undefined || x === null) {
    add(path, 'name is required (name: {zh: …, en: …})', node, 'name');
    return undefined;
  }
  if (typeof x === 'string') return { zh: x };
  if (isObj(x) && typeof x.zh === 'string') return { zh: x.zh, ...(typeof x.en === 'string' ? { en: x.en } : {}) };
  if (isObj(x) && typeof x.en === 'string') return { zh: x.en, en: x.en };
  add(path, 'name must be a string or {zh: …, en: …}', node, 'name');
  return undefined;
}
