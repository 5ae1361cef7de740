/**
 * COINr iMeta (`Level, iCode, iName, Direction, Weight, Unit, Target, Denominator, Parent, Type`)
 * ⇄ an ipindex framework. Type `Indicator` rows (Level 1) are indicators, `Aggregate` rows
 * (Level ≥ 2) are groups, the highest-level aggregate is the index; `Denominator` rows become
 * framework variables; `Group` rows name the unit grouping columns of iData; `Other` rows are
 * ignored. COINr levels count up from the indicators (Level 1); ipindex levels count down from
 * the root (level 0).
 */
import { FrameworkError, UnitError, type Problem } from '../../errors.ts';
import { customUnitProblem, parseUnit } from '../../units/unit.ts';
import type { Grouping } from '../../panel/groupings.ts';
import { buildFramework } from '../../framework/build.ts';
import type { Framework } from '../../framework/types.ts';
import { parseNumberCell } from '../../panel/parse.ts';
import { formatNumber } from '../../text/csv.ts';
import { columnIndex, isNA, text } from './cells.ts';

/** The columns of a COINr iMeta table, in COINr's order. */
export const COINR_IMETA_COLUMNS = ['Level', 'iCode', 'iName', 'Direction', 'Weight', 'Unit', 'Target', 'Denominator', 'Parent', 'Type'] as const;

/** COINr iMeta row types. */
export type CoinrType = 'Indicator' | 'Aggregate' | 'Denominator' | 'Group' | 'Other';
const TYPES: CoinrType[] = ['Indicator', 'Aggregate', 'Denominator', 'Group', 'Other'];

/** Node codes ipindex accepts (see buildFramework). */
const CODE_RE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** A raw framework node as written in framework YAML files. */
export interface RawFrameworkNode {
  code: string;
  name: { zh: string; en?: string };
  parent?: string;
  weight: number;
  direction: '+' | '-';
  unit?: string;
  source: 'user';
}

/** A raw framework (the shape of frameworks/*.yaml). */
export interface RawFramework {
  id: string;
  version: string;
  name: { zh: string; en?: string };
  description?: string;
  level_names?: { zh: string[]; en?: string[] };
  /** COINr Unit texts that are not units ipindex knows (e.g. `Thousand seats`), declared as units of their own. */
  custom_units?: string[];
  variables: { code: string; name: { zh: string; en?: string }; unit: string }[];
  nodes: RawFrameworkNode[];
}


/** A grouping column declared by a `Group` row of iMeta. */
export interface CoinrGroupColumn {
  code: string;
  name: string;
  /** 1-based iMeta row (header = row 1). */
  row: number;
}

/** What {@link coinrToFramework} returns. */
export interface CoinrFrameworkImport {
  /** The framework as a raw object, ready to be written as YAML. */
  raw: RawFramework;
  /** The same, validated by buildFramework. */
  framework: Framework;
  /** Unit grouping columns (Type `Group`). */
  groups: CoinrGroupColumn[];
  /** Codes of `Other` rows (ignored). */
  others: string[];
  /** Things the user should know (ignored columns and rows). */
  notes: string[];
  /** iMeta's Denominator column: indicator code → denominator code (what COINr's `Denominate()` reads). */
  denominators: Record<string, string>;
  /** iMeta's Target column: indicator code → target (what COINr's `n_dist2targ` with `use_iMeta` reads). */
  targets: Record<string, number>;
}

/** Options for {@link coinrToFramework}. */
export interface CoinrFrameworkOptions {
  /** File name for messages (e.g. ASEM_iMeta.csv). */
  file?: string;
  /** Framework id (default: from the file name, e.g. ASEM_iMeta.csv → asem; else `coinr`). */
  id?: string;
  /** Framework version (default `1`). */
  version?: string;
  /** Framework name (default: the index's iName). */
  name?: string;
}
/** A framework id from a file name: ASEM_iMeta.csv → asem. */
function idFromFile(file: string | undefined): string {
  const base = (file ?? '').split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '').replace(/[_-]?i?meta$/i, '');
  const id = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id || 'coinr';
}

interface MetaRow {
  row: number;
  level: number | null;
  code: string;
  name: string;
  direction: 1 | -1;
  weight: number;
  unit?: string;
  target?: string;
  denominator?: string;
  parent?: string;
  type: CoinrType;
}

/**
 * Converts a COINr iMeta table to an ipindex framework. Every problem is reported at once, each
 * naming the file, row and iCode: unknown Type, an indicator not at Level 1, a parent that is not
 * an iCode one level up, duplicate codes, bad Direction or Weight.
 * @throws FrameworkError listing every problem
 */
export function coinrToFramework(iMetaTable: string[][], options: CoinrFrameworkOptions = {}): CoinrFrameworkImport {
  const file = options.file ?? 'iMeta';
  const problems: Problem[] = [];
  const notes: string[] = [];
  const where = (row: number, code?: string): string => `${file} row ${row}${code ? ` (iCode ${code})` : ''}`;
  const bad = (row: number, code: string | undefined, message: string): void => {
    problems.push({ message: `${where(row, code)}: ${message}` });
  };
  const [header, ...rows] = iMetaTable;
  if (!header) throw new FrameworkError(`${file} is empty (expected a COINr iMeta header ${COINR_IMETA_COLUMNS.join(',')})`);
  const col: Record<string, number | undefined> = {};
  for (const c of COINR_IMETA_COLUMNS) col[c] = columnIndex(header, c);
  const lacking = ['Level', 'iCode', 'Parent', 'Type'].filter((c) => col[c] === undefined);
  if (lacking.length) {
    throw new FrameworkError(`${file} row 1: not a COINr iMeta table: no column${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} (header is "${header.join(',')}"; expected ${COINR_IMETA_COLUMNS.join(',')})`);
  }
  const known = new Set<string>(COINR_IMETA_COLUMNS.map((c) => c.toLowerCase()));
  const extra = header.filter((h) => !known.has(h.trim().toLowerCase()) && h.trim() !== '');
  if (extra.length) notes.push(`${file}: column${extra.length > 1 ? 's' : ''} ${extra.join(', ')} ignored`);

  // --- read rows -------------------------------------------------------------------------------
  const meta: MetaRow[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 2;
    if (r.every((c) => c.trim() === '')) return;
    const cell = (c: string): string | undefined => (col[c] === undefined ? undefined : r[col[c]!]);
    const code = (cell('iCode') ?? '').trim();
    if (!code || isNA(code)) return bad(row, undefined, 'iCode is empty');
    const typeRaw = text(cell('Type')) ?? '';
    const type = TYPES.find((t) => t.toLowerCase() === typeRaw.toLowerCase());
    if (!type) return bad(row, code, `Type must be one of ${TYPES.join(', ')}, got "${typeRaw}"`);
    if (!CODE_RE.test(code)) bad(row, code, `iCode "${code}" is not a valid code (letters, digits, _ and . only; not starting with a digit)`);
    if (firstRow.has(code)) bad(row, code, `duplicate iCode ${code} (first at row ${firstRow.get(code)})`);
    else firstRow.set(code, row);
    let level: number | null = null;
    const levelRaw = text(cell('Level'));
    if (type === 'Indicator' || type === 'Aggregate') {
      const lv = levelRaw === undefined ? NaN : Number(levelRaw);
      if (!Number.isInteger(lv) || lv < 1) bad(row, code, `Level must be a whole number ≥ 1, got "${levelRaw ?? 'NA'}"`);
      else if (type === 'Indicator' && lv !== 1) bad(row, code, `an Indicator must be at Level 1, got Level ${lv} (COINr counts levels up from the indicators)`);
      else if (type === 'Aggregate' && lv < 2) bad(row, code, `an Aggregate must be at Level 2 or above, got Level ${lv}`);
      else level = lv;
    }
    let direction: 1 | -1 = 1;
    const dirRaw = text(cell('Direction'));
    if (type === 'Indicator' || type === 'Aggregate') {
      if (dirRaw === undefined) {
        if (type === 'Indicator') bad(row, code, 'Direction is missing (expected 1 or -1)');
      } else if (Number(dirRaw) === 1) direction = 1;
      else if (Number(dirRaw) === -1) direction = -1;
      else bad(row, code, `Direction must be 1 or -1, got "${dirRaw}"`);
    }
    let weight = 1;
    const wRaw = text(cell('Weight'));
    if (type === 'Indicator' || type === 'Aggregate') {
      const w = wRaw === undefined ? null : parseNumberCell(wRaw);
      if (w === null) notes.push(`${where(row, code)}: no Weight; using 1`);
      else if (w === undefined || w < 0) bad(row, code, `Weight must be a number ≥ 0, got "${wRaw}"`);
      else weight = w;
    }
    meta.push({
      row,
      level,
      code,
      name: text(cell('iName')) ?? code,
      direction,
      weight,
      unit: text(cell('Unit')),
      target: text(cell('Target')),
      denominator: text(cell('Denominator')),
      parent: text(cell('Parent')),
      type,
    });
  });

  // --- the tree --------------------------------------------------------------------------------
  const tree = meta.filter((m) => m.type === 'Indicator' || m.type === 'Aggregate');
  const byCode = new Map(tree.map((m) => [m.code, m]));
  const levelled = tree.filter((m) => m.level !== null);
  const top = levelled.length ? Math.max(...levelled.map((m) => m.level!)) : 0;
  if (!tree.some((m) => m.type === 'Indicator')) problems.push({ message: `${file}: no rows of Type Indicator` });
  if (!tree.some((m) => m.type === 'Aggregate')) problems.push({ message: `${file}: no rows of Type Aggregate (add at least an index row at Level 2 that the indicators name as Parent)` });
  const roots = levelled.filter((m) => m.level === top && m.type === 'Aggregate');
  if (roots.length > 1) {
    problems.push({
      message: `${file}: ${roots.length} aggregates at the highest level ${top} (${roots.map((m) => `${m.code} row ${m.row}`).join(', ')}); ipindex needs one index: add a row at Level ${top + 1} and name it as their Parent`,
    });
  }
  for (const m of levelled) {
    if (m.level === top && m.type === 'Aggregate') {
      if (m.parent !== undefined) bad(m.row, m.code, `Parent '${m.parent}' given for the highest-level aggregate (Level ${top}); the index has no parent (NA)`);
      continue;
    }
    if (m.parent === undefined) {
      bad(m.row, m.code, `Parent is missing (expected an iCode of level ${m.level! + 1})`);
      continue;
    }
    const p = byCode.get(m.parent);
    if (!p || p.type !== 'Aggregate' || p.level !== m.level! + 1) {
      const hint = !p
        ? meta.some((x) => x.code === m.parent)
          ? ` (it is a ${meta.find((x) => x.code === m.parent)!.type} row)`
          : ''
        : p.type !== 'Aggregate'
          ? ' (it is an Indicator)'
          : ` (it is at level ${p.level ?? 'NA'})`;
      bad(m.row, m.code, `Parent '${m.parent}' is not an iCode of level ${m.level! + 1}${hint}`);
    }
  }
  for (const m of meta) {
    if (m.type === 'Aggregate' && m.level !== null && !tree.some((c) => c.parent === m.code)) {
      bad(m.row, m.code, `Aggregate with no children (no row names ${m.code} as its Parent)`);
    }
  }

  const groups: CoinrGroupColumn[] = meta.filter((m) => m.type === 'Group').map((m) => ({ code: m.code, name: m.name, row: m.row }));
  const others = meta.filter((m) => m.type === 'Other').map((m) => m.code);
  if (others.length) notes.push(`${file}: ${others.length} row${others.length > 1 ? 's' : ''} of Type Other ignored (${others.join(', ')})`);
  const withDenom = tree.filter((m) => m.denominator !== undefined);
  if (withDenom.length) {
    notes.push(
      `${file}: the Denominator column (${withDenom.length} indicator${withDenom.length > 1 ? 's' : ''}) is not part of the framework: COINr uses it only when denominating (recipe denominate, written with --steps denominate); the denominators are imported as variables`,
    );
  }
  const withTarget = tree.filter((m) => m.target !== undefined);
  if (withTarget.length) notes.push(`${file}: the Target column (${withTarget.length} indicator${withTarget.length > 1 ? 's' : ''}) is not part of the framework (COINr reads it for n_dist2targ: recipe normalisation dist2targ with params.target)`);
  const denominatorMap: Record<string, string> = {};
  for (const m of withDenom) if (m.type === 'Indicator') denominatorMap[m.code] = m.denominator!;
  const targetMap: Record<string, number> = {};
  for (const m of withTarget) if (m.type === 'Indicator' && Number.isFinite(Number(m.target))) targetMap[m.code] = Number(m.target);

  if (problems.length) throw new FrameworkError(`${file} is not a valid COINr iMeta table (${problems.length} problem${problems.length > 1 ? 's' : ''})`, problems);

  // --- raw framework: parents before children, depth first, children in file order -----------
  const root = roots[0]!;
  const kids = new Map<string, MetaRow[]>();
  for (const m of tree) if (m.parent !== undefined) kids.set(m.parent, [...(kids.get(m.parent) ?? []), m]);
  const ordered: MetaRow[] = [];
  const walk = (m: MetaRow): void => {
    ordered.push(m);
    for (const c of kids.get(m.code) ?? []) walk(c);
  };
  walk(root);
  const nodes: RawFrameworkNode[] = ordered.map((m) => ({
    code: m.code,
    name: { zh: m.name, en: m.name },
    ...(m === root ? {} : { parent: m.parent! }),
    weight: m.weight,
    direction: m.direction === 1 ? '+' : '-',
    ...(m.unit !== undefined ? { unit: m.unit } : {}),
    source: 'user' as const,
  }));
  const denominators = meta.filter((m) => m.type === 'Denominator');
  // COINr's Unit column is free text: what the unit model does not know is declared as a unit
  // of the framework's own, so the framework checks; text that cannot be a unit is an error
  const customUnits: string[] = [];
  for (const m of [...ordered, ...denominators]) {
    if (m.unit === undefined || customUnits.includes(m.unit)) continue;
    try {
      parseUnit(m.unit);
      continue;
    } catch (e) {
      if (!(e instanceof UnitError)) throw e;
    }
    const why = customUnitProblem(m.unit, JSON.stringify(m.unit.length > 40 ? `${m.unit.slice(0, 40)}…` : m.unit));
    if (why) problems.push({ message: `${where(m.row, m.code)}: Unit: ${why}` });
    else customUnits.push(m.unit);
  }
  if (problems.length) throw new FrameworkError(`${file} is not a valid COINr iMeta table (${problems.length} problem${problems.length > 1 ? 's' : ''})`, problems);
  const raw: RawFramework = {
    id: options.id ?? idFromFile(options.file),
    version: options.version ?? '1',
    name: { zh: options.name ?? root.name, en: options.name ?? root.name },
    description: `Imported from the COINr iMeta table ${file}: ${tree.filter((m) => m.type === 'Indicator').length} indicators, ${tree.length - tree.filter((m) => m.type === 'Indicator').length} aggregates in ${top} levels.`,
    ...(customUnits.length ? { custom_units: customUnits } : {}),
    variables: denominators.map((m) => ({ code: m.code, name: { zh: m.name, en: m.name }, unit: m.unit ?? '1' })),
    nodes,
  };
  const rowOf = (path: (string | number)[]): number | undefined => {
    if (path[0] === 'nodes' && typeof path[1] === 'number') return ordered[path[1]]?.row;
    if (path[0] === 'variables' && typeof path[1] === 'number') return denominators[path[1]]?.row;
    return undefined;
  };
  const framework = buildFramework(raw, { file, lineOf: rowOf });
  return { raw, framework, groups, others, notes, denominators: denominatorMap, targets: targetMap };
}

/** Options for {@link frameworkToCoinr}. */
export interface FrameworkToCoinrOptions {
  /** Groupings to declare as `Group` rows. */
  groupings?: Grouping[];
}

/**
 * Converts a framework to a COINr iMeta table (header first). Indicators are Level 1, each
 * aggregate one level above its children; groupings become `Group` rows and variables
 * `Denominator` rows. Derived indicators are exported as plain indicators (COINr has no
 * formulas; {@link observationsToCoinr} writes their computed values).
 * @throws FrameworkError when the indicators are not all at the same depth (COINr needs that)
 */
export function frameworkToCoinr(framework: Framework, options: FrameworkToCoinrOptions = {}): string[][] {
  const leaves = framework.nodes.filter((n) => n.kind !== 'aggregate');
  const depth = Math.max(...leaves.map((n) => n.level));
  const shallow = leaves.filter((n) => n.level !== depth);
  if (shallow.length) {
    throw new FrameworkError(
      `Framework ${framework.file ?? framework.id} cannot be written as COINr iMeta: COINr needs every indicator at the same depth (Level 1), but ${shallow.length} indicator${shallow.length > 1 ? 's are' : ' is'} higher up than the others (depth ${depth})`,
      shallow.slice(0, 20).map((n) => ({ file: framework.file, line: n.line, node: n.code, message: `indicator at depth ${n.level}; the deepest indicators are at depth ${depth}` })),
    );
  }
  const level = (l: number): string => String(depth - l + 1);
  const name = (n: { name: { zh: string; en?: string } }): string => n.name.en ?? n.name.zh;
  const out: string[][] = [[...COINR_IMETA_COLUMNS]];
  const nodeRow = (n: Framework['nodes'][number]): string[] => [
    level(n.level),
    n.code,
    name(n),
    String(n.direction),
    formatNumber(n.weight),
    n.unit ?? 'NA',
    'NA',
    'NA',
    n.parent ?? 'NA',
    n.kind === 'aggregate' ? 'Aggregate' : 'Indicator',
  ];
  for (const n of leaves) out.push(nodeRow(n));
  for (let l = depth - 1; l >= 0; l--) for (const n of framework.nodes.filter((x) => x.kind === 'aggregate' && x.level === l)) out.push(nodeRow(n));
  for (const g of options.groupings ?? []) out.push(['NA', g.id, name(g), 'NA', 'NA', 'NA', 'NA', 'NA', 'NA', 'Group']);
  for (const v of framework.variables) out.push(['NA', v.code, name(v), 'NA', 'NA', v.unit || 'NA', 'NA', 'NA', 'NA', 'Denominator']);
  return out;
}
