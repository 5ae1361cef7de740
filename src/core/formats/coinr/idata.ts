/**
 * COINr iData (`uName, uCode, <group columns>, Time, <iCodes…>`: wide, one row per unit and
 * year) ⇄ ipindex tidy observations and unit groupings.
 */
import { own } from '../../recipe/own.ts';
import { DataError, type Problem } from '../../errors.ts';
import type { Grouping } from '../../panel/groupings.ts';
import type { Framework } from '../../framework/types.ts';
import { deriveIndicators } from '../../panel/derive.ts';
import { Panel } from '../../panel/panel.ts';
import { parseNumberCell } from '../../panel/parse.ts';
import type { Observation } from '../../panel/types.ts';
import { formatNumber } from '../../text/csv.ts';
import { columnIndex, isNA, text } from './cells.ts';
import type { CoinrFrameworkImport } from './imeta.ts';

/** A raw groupings definition (the shape of frameworks/groupings/*.yaml; see buildGroupings). */
export interface RawGroupings {
  id?: string;
  groupings: { id: string; name: { zh: string; en?: string }; groups: { code: string; name: { zh: string; en?: string }; members: string[] }[] }[];
}


/** Options for {@link coinrToObservations}. */
export interface CoinrDataOptions {
  /** File name for messages and the observations' `source` (e.g. ASEM_iData.csv). */
  file?: string;
  /** Data year for an iData table without a Time column (or for empty Time cells). */
  year?: number;
  /**
   * What the iMeta table says (from {@link coinrToFramework}): which columns are indicators,
   * denominators, groups or ignored. Without it, numeric columns are variables and columns named
   * `*_group` / `Group_*` are groupings.
   */
  meta?: Pick<CoinrFrameworkImport, 'framework' | 'groups' | 'others'>;
  /** Keep NA cells as observations with value null (default: omit them). */
  keepMissing?: boolean;
  /** The observations' `source` (default: the file name). */
  source?: string;
}

/** What {@link coinrToObservations} returns. */
export interface CoinrDataImport {
  /** One per (uCode, Time, indicator or denominator column). */
  observations: Observation[];
  /** Unit groupings from the grouping columns (undefined when there are none). */
  groupings?: RawGroupings;
  /** Units in file order with their uName. */
  units: { code: string; name: string }[];
  /** Years present, ascending. */
  years: number[];
  /** Indicator and variable columns read. */
  variables: string[];
  notes: string[];
}

/**
 * Converts a COINr iData table (wide: uName, uCode, group columns, Time, one column per iCode)
 * to tidy observations and groupings. Every bad cell is reported at once with file, row and
 * column; nothing is returned unless all rows are valid.
 * @throws DataError
 */
export function coinrToObservations(iDataTable: string[][], options: CoinrDataOptions = {}): CoinrDataImport {
  const file = options.file ?? 'iData';
  const source = options.source ?? options.file;
  const problems: Problem[] = [];
  const notes: string[] = [];
  const [header, ...rows] = iDataTable;
  if (!header) throw new DataError(`${file} is empty (expected a COINr iData header uName,uCode,Time,<iCodes…>)`);
  const names = header.map((h) => h.trim());
  const uCodeCol = columnIndex(names, 'uCode');
  const uNameCol = columnIndex(names, 'uName');
  const timeCol = columnIndex(names, 'Time');
  if (uCodeCol === undefined) throw new DataError(`${file} row 1: not a COINr iData table: no uCode column (header is "${header.join(',')}")`);
  if (timeCol === undefined && options.year === undefined) {
    throw new DataError(`${file} has no Time column: pass the data year with --year <year> (option \`year\`)`);
  }
  if (timeCol !== undefined && options.year !== undefined) notes.push(`${file} has a Time column; the year ${options.year} is used only for rows with an empty Time`);

  // classify columns
  type Kind = 'value' | 'group' | 'skip';
  const kinds: Kind[] = names.map(() => 'skip');
  const special = new Set([uCodeCol, uNameCol, timeCol]);
  const meta = options.meta;
  const unknown: string[] = [];
  const ignored: string[] = [];
  if (meta) {
    const valueCodes = new Set([...meta.framework.nodes.filter((n) => n.kind === 'raw').map((n) => n.code), ...meta.framework.variables.map((v) => v.code)]);
    const groupCodes = new Set(meta.groups.map((g) => g.code));
    const otherCodes = new Set(meta.others);
    const aggregates = new Set(meta.framework.nodes.filter((n) => n.kind === 'aggregate').map((n) => n.code));
    names.forEach((n, i) => {
      if (special.has(i)) return;
      if (valueCodes.has(n)) kinds[i] = 'value';
      else if (groupCodes.has(n)) kinds[i] = 'group';
      else if (otherCodes.has(n) || aggregates.has(n)) ignored.push(n);
      else if (n !== '') unknown.push(n);
    });
    if (unknown.length) {
      problems.push({
        file,
        line: 1,
        message: `column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not an iCode of the iMeta table (add a row of Type Indicator, Denominator, Group or Other)`,
      });
    }
    const missingInd = meta.framework.nodes.filter((n) => n.kind === 'raw' && !names.includes(n.code)).map((n) => n.code);
    if (missingInd.length) problems.push({ file, line: 1, message: `no column for indicator${missingInd.length > 1 ? 's' : ''} ${missingInd.join(', ')} of the iMeta table` });
    const missingVar = meta.framework.variables.filter((v) => !names.includes(v.code)).map((v) => v.code);
    if (missingVar.length) notes.push(`${file}: no column for denominator${missingVar.length > 1 ? 's' : ''} ${missingVar.join(', ')}`);
    const missingGroup = meta.groups.filter((g) => !names.includes(g.code)).map((g) => g.code);
    if (missingGroup.length) notes.push(`${file}: no column for group${missingGroup.length > 1 ? 's' : ''} ${missingGroup.join(', ')}`);
  } else {
    names.forEach((n, i) => {
      if (special.has(i) || n === '') return;
      if (/_group$/i.test(n) || /^group_/i.test(n)) kinds[i] = 'group';
      else if (rows.every((r) => parseNumberCell(r[i] ?? '') !== undefined)) kinds[i] = 'value';
      else problems.push({ file, line: 1, field: n, message: `column ${n} is not numeric and not a group column (name group columns *_group, or pass the iMeta table)` });
    });
  }
  if (ignored.length) notes.push(`${file}: column${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')} ignored`);
  if (problems.length) throw new DataError(`${file} does not match the iMeta table`, problems);

  // read cells
  const observations: Observation[] = [];
  const units = new Map<string, string>();
  const years = new Set<number>();
  const seen = new Map<string, number>();
  const groupOf = new Map<number, Map<string, { year: number; value: string }>>(); // column → unit → latest value
  const varying = new Set<string>();
  rows.forEach((r, i) => {
    const line = i + 2;
    if (r.every((c) => c.trim() === '')) return;
    if (problems.length > 200) return;
    const bad = (field: string, message: string): void => {
      problems.push({ file, line, field, message });
    };
    const unit = (r[uCodeCol] ?? '').trim();
    if (!unit || isNA(unit)) bad('uCode', 'uCode is empty');
    else if (/[\s,]/.test(unit)) bad('uCode', `uCode "${unit}" contains a space or comma (expected a code such as AUT)`);
    let year = options.year ?? NaN;
    if (timeCol !== undefined) {
      const t = (r[timeCol] ?? '').trim();
      if (!isNA(t)) year = Number(t);
      if (!Number.isInteger(year) || year < 1900 || year > 2200) {
        bad('Time', isNA(t) ? 'Time is empty (pass --year for rows without a Time)' : `Time must be a 4-digit year, got "${t}"`);
        return;
      }
    }
    if (!unit) return;
    const key = `${unit}|${year}`;
    if (seen.has(key)) {
      bad('uCode', `duplicate row for uCode ${unit}, Time ${year} (first at row ${seen.get(key)})`);
      return;
    }
    seen.set(key, line);
    years.add(year);
    const uname = uNameCol === undefined ? undefined : text(r[uNameCol]);
    if (!units.has(unit) || uname) units.set(unit, uname ?? units.get(unit) ?? unit);
    names.forEach((variable, c) => {
      if (kinds[c] === 'group') {
        const v = text(r[c]);
        let m = groupOf.get(c);
        if (!m) groupOf.set(c, (m = new Map()));
        const prev = m.get(unit);
        if (prev && v !== undefined && prev.value !== v) varying.add(variable);
        if (v !== undefined && (!prev || year >= prev.year)) m.set(unit, { year, value: v });
        return;
      }
      if (kinds[c] !== 'value') return;
      const raw = r[c] ?? '';
      const value = parseNumberCell(raw);
      if (value === undefined) return bad(variable, `expected a number or NA, got "${raw}"`);
      if (value === null && !options.keepMissing) return;
      const o: Observation = { unit, year, variable, value, file, row: line };
      if (source) o.source = source;
      observations.push(o);
    });
  });
  if (problems.length) {
    const n = problems.length;
    throw new DataError(`${file} has ${n}${n > 200 ? '+' : ''} invalid cell${n > 1 ? 's' : ''}; nothing was imported`, problems.slice(0, 200));
  }
  for (const v of varying) notes.push(`${file}: group column ${v} changes over time for some units; each unit is placed by its latest year`);

  // groupings
  const groupings: RawGroupings['groupings'] = [];
  names.forEach((column, c) => {
    if (kinds[c] !== 'group') return;
    const m = groupOf.get(c) ?? new Map<string, { year: number; value: string }>();
    const byValue = new Map<string, string[]>();
    for (const [unit, { value }] of m) byValue.set(value, [...(byValue.get(value) ?? []), unit]);
    const gname = meta?.groups.find((g) => g.code === column)?.name ?? column;
    groupings.push({
      id: column,
      name: { zh: gname, en: gname },
      groups: [...byValue].map(([code, members]) => ({ code, name: { zh: code, en: code }, members })),
    });
  });

  const variables = names.filter((_, c) => kinds[c] === 'value');
  return {
    observations,
    ...(groupings.length ? { groupings: { groupings } } : {}),
    units: [...units].map(([code, name]) => ({ code, name })),
    years: [...years].sort((a, b) => a - b),
    variables,
    notes,
  };
}

/** Options for {@link observationsToCoinr}. */
export interface ObservationsToCoinrOptions {
  /** uName of each uCode (default: the code). */
  unitNames?: Record<string, string> | ((code: string) => string);
  /** Receives notes (e.g. a unit in two groups of one grouping, which COINr cannot express). */
  warn?: (message: string) => void;
}

/**
 * Converts tidy observations to a COINr iData table (header first): uName, uCode, one column
 * per grouping, Time, the framework's variables (denominators), then its indicators; one row
 * per unit and year with data, missing cells `NA`. Derived indicators get their computed values.
 * Observations of codes outside the framework are left out.
 */
export function observationsToCoinr(framework: Framework, observations: Iterable<Observation>, groupings: Grouping[] = [], options: ObservationsToCoinrOptions = {}): string[][] {
  const panel = new Panel(observations);
  const leaves = framework.nodes.filter((n) => n.kind !== 'aggregate');
  const rawCodes = new Set([...leaves.filter((n) => n.kind === 'raw').map((n) => n.code), ...framework.variables.map((v) => v.code)]);
  const units: string[] = [];
  const seenUnit = new Set<string>();
  const yearsOf = new Map<string, Set<number>>();
  for (const o of panel.observations()) {
    if (!rawCodes.has(o.variable)) continue;
    if (!seenUnit.has(o.unit)) {
      seenUnit.add(o.unit);
      units.push(o.unit);
      yearsOf.set(o.unit, new Set());
    }
    yearsOf.get(o.unit)!.add(o.year);
  }
  const allYears = [...new Set([...yearsOf.values()].flatMap((s) => [...s]))].sort((a, b) => a - b);
  const derived = leaves.some((n) => n.kind === 'derived') ? deriveIndicators(framework, panel, units, allYears) : undefined;
  const uname = (code: string): string => {
    const n = options.unitNames;
    // own properties only: a unit called constructor has no name the object inherits
    return (typeof n === 'function' ? n(code) : own(n, code)) ?? code;
  };
  const groupOf = groupings.map((g) => {
    const m = new Map<string, string>();
    for (const gr of g.groups) {
      for (const u of gr.members) {
        if (m.has(u) && m.get(u) !== gr.code) options.warn?.(`grouping ${g.id}: ${u} is in ${m.get(u)} and ${gr.code}; COINr allows one group per unit, so ${m.get(u)} is written`);
        else m.set(u, gr.code);
      }
    }
    return m;
  });
  const varCodes = framework.variables.map((v) => v.code);
  const out: string[][] = [['uName', 'uCode', ...groupings.map((g) => g.id), 'Time', ...varCodes, ...leaves.map((n) => n.code)]];
  const cell = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? 'NA' : formatNumber(v));
  for (const u of units) {
    for (const y of [...yearsOf.get(u)!].sort((a, b) => a - b)) {
      out.push([
        uname(u),
        u,
        ...groupOf.map((m) => m.get(u) ?? 'NA'),
        String(y),
        ...varCodes.map((c) => cell(panel.value(u, c, y))),
        ...leaves.map((n) => cell(n.kind === 'derived' ? derived!.get(u)!.get(n.code)!.get(y) : panel.value(u, n.code, y))),
      ]);
    }
  }
  return out;
}
