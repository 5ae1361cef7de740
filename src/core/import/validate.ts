/**
 * Validation of observations before anything is stored: every problem at once, each a finding
 * naming file, sheet, row, column, unit, variable, the value and what was expected. Errors block
 * an import; warnings are kept with it. Pure.
 */
import type { Framework } from '../framework/types.ts';
import { inputDomains, outsideDomain } from '../plan/check-data.ts';
import { NATIONAL_UNIT, UnitRegistry } from '../panel/registry.ts';
import type { Observation } from '../panel/types.ts';
import { sortFindings } from './findings.ts';
import type { Finding } from './types.ts';
import { Vocabulary } from './vocabulary.ts';

/** Thresholds of the plausibility checks (all optional; defaults in brackets). */
export interface ValidationThresholds {
  /** A year-on-year ratio past which a change is flagged: ×3 or ÷3 [3]. */
  jump?: number;
  /** The same per variable code (`{R28: 5}`), over `jump`. */
  jumps?: Record<string, number>;
  /** How close to a power of ten a ratio must be to look like a unit slip: within ×/÷ (1 + t) [0.2]. */
  slipTolerance?: number;
  /** The relative gap between the sum of provinces and the national total that is reported [0.001 = 0.1 %]. */
  sumGap?: number;
  /** Values beyond ± this are flagged as implausible [10¹⁵]. */
  maxMagnitude?: number;
}

/** Options of {@link validateObservations}. */
export interface ValidateOptions {
  /** An earlier vintage: revisions and the year before the new data are compared with it. */
  previous?: readonly Observation[];
  thresholds?: ValidationThresholds;
  /** Units the data may name (default: the code as given; provinces are 6-digit codes ending in 0000). */
  registry?: UnitRegistry;
  /** The data years the framework is evaluated over: a year outside is an error [1949 … 2100]. */
  years?: { min?: number; max?: number };
  /** Report the missing values carry-forward will fill (default true). */
  carryForward?: boolean;
}

const SHOWN = 8;

/** 1234567.5 → "1,234,567.5" (independent of the locale). */
export function groupDigits(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const [i, f] = String(Math.abs(Number(x.toPrecision(12)))).split('.');
  if (i!.includes('e')) return String(x);
  return `${x < 0 ? '-' : ''}${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${f ? `.${f}` : ''}`;
}

const pct = (x: number): string => `${Number((x * 100).toFixed(2))} %`;

/** Where an observation was read, as finding fields. */
const place = (o: Observation): Pick<Finding, 'file' | 'sheet' | 'row' | 'column'> => ({
  ...(o.file !== undefined ? { file: o.file } : {}),
  ...(o.sheet !== undefined ? { sheet: o.sheet } : {}),
  ...(o.row !== undefined ? { row: o.row } : {}),
  ...(o.column !== undefined ? { column: o.column } : {}),
});
const at = (o: Observation): string => (o.file !== undefined ? `${o.file}${o.sheet !== undefined ? ` [${o.sheet}]` : ''}${o.row !== undefined ? `:${o.row}` : ''}` : 'the data');

/**
 * Checks observations against a framework: unknown units and variables (with suggestions),
 * values that are not finite numbers, conflicting duplicates, values outside their unit's domain
 * (negative counts, shares outside 0–100, a framework `range`), years outside the evaluated
 * range, values typed in for derived indicators, year-on-year jumps past a threshold, likely unit
 * slips (≈ 10ⁿ × the previous year or the previous vintage: 件 vs 万件), shares given as
 * fractions, fractional counts, implausible magnitudes, the sum of provinces against 全国 and
 * the missing values carry-forward will fill.
 * @example validateObservations([{ unit: 'A', year: 2024, variable: 'X1', value: 783000 }], workedFramework, { previous: [{ unit: 'A', year: 2024, variable: 'X1', value: 7803000 }] }).map((f) => f.code) // => ['unit-slip']
 */
export function validateObservations(observations: readonly Observation[], framework: Framework, options: ValidateOptions = {}): Finding[] {
  const t = options.thresholds ?? {};
  const registry = options.registry ?? new UnitRegistry([NATIONAL_UNIT]);
  const vocab = new Vocabulary(framework, registry);
  const out: Finding[] = [];
  const domains = inputDomains(framework);
  const yMin = options.years?.min ?? 1949;
  const yMax = options.years?.max ?? 2100;
  const maxMag = t.maxMagnitude ?? 1e15;
  const isProvince = (code: string): boolean => (options.registry ? code !== 'CN' && !!registry.resolve(code) && /^\d{6}$/.test(code) : /^\d{2}0000$/.test(code));
  const unitName = (code: string): string => registry.name(code);

  // grouped findings: one per (file, kind, key), with the count of rows
  const groups = new Map<string, { f: Finding; n: number; rows: string[] }>();
  const group = (k: string, o: Observation, make: () => Finding): void => {
    const g = groups.get(k);
    if (g) {
      g.n++;
      if (g.rows.length < SHOWN && o.row !== undefined) g.rows.push(String(o.row));
      return;
    }
    groups.set(k, { f: make(), n: 1, rows: o.row !== undefined ? [String(o.row)] : [] });
  };

  const unitChecks = new Map<string, { near: string[]; latin: boolean } | null>();
  const seen = new Map<string, Observation>();
  const byVariableFile = new Map<string, Observation[]>();
  for (const o of observations) {
    const entry = vocab.variables.get(o.variable);
    const name = unitName(o.unit);
    // unit (judged once per distinct unit)
    let uc = unitChecks.get(o.unit);
    if (uc === undefined && options.registry) {
      uc = registry.resolve(o.unit) ? null : { near: registry.suggest(o.unit).map((u) => u.name.zh), latin: /^[A-Za-z][A-Za-z0-9_.-]*$/.test(o.unit) };
      unitChecks.set(o.unit, uc);
    }
    if (uc) {
      const { near, latin } = uc;
      if (!latin || near.length) {
        group(`unit|${o.file}|${o.unit}`, o, () => ({
          severity: latin ? 'warning' : 'error',
          code: latin ? 'suspect-unit' : 'unknown-unit',
          ...place(o),
          unit: o.unit,
          variable: o.variable,
          value: o.unit,
          expected: 'a province (short or full name, 6-digit code) or CN',
          message: latin
            ? { zh: `单位“${o.unit}”不是已知省份，作为自定义单位保留${near.length ? `——是否指 ${near.join(' 或 ')}？` : ''}`, en: `unit "${o.unit}" is not a known province and is kept as a unit of your own${near.length ? ` — did you mean ${near.join(' or ')}?` : ''}` }
            : { zh: `“${o.unit}”不是已知的省级单位${near.length ? `——是否指 ${near.join(' 或 ')}？` : ''}`, en: `"${o.unit}" is not a known province${near.length ? ` — did you mean ${near.join(' or ')}?` : ''}` },
        }));
      }
    }
    // variable
    if (!entry) {
      const near = vocab.suggestVariables(o.variable);
      group(`var|${o.file}|${o.sheet}|${o.variable}`, o, () => ({
        severity: 'error',
        code: 'unknown-variable',
        ...place(o),
        unit: o.unit,
        variable: o.variable,
        value: o.variable,
        expected: `a raw indicator or variable of ${framework.id}`,
        message: { zh: `“${o.variable}”不是框架 ${framework.id} 中的指标或变量${near.length ? `——是否指 ${near.join(' 或 ')}？` : ''}`, en: `"${o.variable}" is not an indicator or variable of ${framework.id}${near.length ? ` — did you mean ${near.join(' or ')}?` : ''}` },
      }));
    } else if (entry.kind === 'derived') {
      group(`derived|${o.file}|${o.sheet}|${o.variable}`, o, () => ({
        severity: 'error',
        code: 'derived-value',
        ...place(o),
        unit: o.unit,
        variable: o.variable,
        value: o.value,
        expected: 'the raw counts and denominators the formula reads',
        message: { zh: `${o.variable}（${entry.name}）是计算得出的指标，不应直接填报：请填报其公式所用的原始数据`, en: `${o.variable} (${entry.name}) is computed from other data, not typed in: enter the raw data its formula reads` },
      }));
    }
    // year
    if (!Number.isInteger(o.year) || o.year < yMin || o.year > yMax) {
      group(`year|${o.file}|${o.year}`, o, () => ({
        severity: 'error',
        code: 'year-range',
        ...place(o),
        unit: o.unit,
        variable: o.variable,
        value: o.year,
        expected: `a data year from ${yMin} to ${yMax}`,
        message: { zh: `年份 ${o.year} 超出评价的数据年份范围 ${yMin}–${yMax}`, en: `year ${o.year} is outside the data years evaluated, ${yMin}–${yMax}` },
      }));
    }
    // value
    const v = o.value;
    if (v !== null) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        out.push({ severity: 'error', code: 'non-numeric', ...place(o), unit: o.unit, variable: o.variable, value: String(v), expected: 'a finite number', message: { zh: `${name} ${o.year} 年 ${o.variable} 不是有限数值（${String(v)}）`, en: `${o.variable} for ${name} ${o.year} is not a finite number (${String(v)})` } });
      } else {
        const d = domains.get(o.variable);
        const why = d ? outsideDomain(v, d) : undefined;
        if (d && why) {
          const share = entry?.unit === '%';
          const code = d.fromUnit ? (share ? 'share-range' : 'negative-count') : 'out-of-range';
          out.push({
            severity: 'error',
            code,
            ...place(o),
            unit: o.unit,
            variable: o.variable,
            value: v,
            expected: d.min !== undefined && d.max !== undefined ? `${d.min}–${d.max}` : d.min !== undefined ? `≥ ${d.min}` : `≤ ${d.max}`,
            message: share
              ? { zh: `${name} ${o.year} 年 ${o.variable} 为 ${v}，百分比应在 0–100 之间`, en: `${o.variable} for ${name} ${o.year} is ${v}; a share in % lies within 0–100` }
              : code === 'negative-count'
                ? { zh: `${name} ${o.year} 年 ${o.variable} 为 ${v}：计数（${entry?.unit}）不能为负`, en: `${o.variable} for ${name} ${o.year} is ${v}: a count (${entry?.unit}) cannot be negative` }
                : { zh: `${name} ${o.year} 年 ${o.variable} 为 ${v}，超出框架规定的取值范围 [${d.min ?? 'null'}, ${d.max ?? 'null'}]`, en: `${o.variable} for ${name} ${o.year} is ${v}: ${why} — ${d.why}` },
          });
        } else if (Math.abs(v) > maxMag) {
          out.push({ severity: 'warning', code: 'implausible-value', ...place(o), unit: o.unit, variable: o.variable, value: v, expected: `a magnitude below ${maxMag}`, message: { zh: `${name} ${o.year} 年 ${o.variable} 为 ${v}，数量级不合理`, en: `${o.variable} for ${name} ${o.year} is ${v}, an implausible magnitude` } });
        }
        if (entry?.wholeCount && !Number.isInteger(v)) {
          group(`frac|${o.file}|${o.variable}`, o, () => ({ severity: 'warning', code: 'fractional-count', ...place(o), unit: o.unit, variable: o.variable, value: v, expected: `a whole number of ${entry.unit}`, message: { zh: `${o.variable} 以 ${entry.unit} 计数，但 ${name} ${o.year} 年为小数 ${v}：是否误用了万${entry.unit}等单位？`, en: `${o.variable} counts ${entry.unit} but ${name} ${o.year} is the fraction ${v}: given in 万${entry.unit} or another unit?` } }));
        }
      }
    }
    // duplicates
    const k = `${o.unit}|${o.year}|${o.variable}`;
    const first = seen.get(k);
    if (first) {
      const same = first.value === o.value;
      out.push({
        severity: same ? 'warning' : 'error',
        code: same ? 'duplicate' : 'conflicting-duplicate',
        ...place(o),
        unit: o.unit,
        variable: o.variable,
        value: o.value,
        expected: same ? 'each value once' : `one value (the first, at ${at(first)}, is ${first.value})`,
        message: same
          ? { zh: `${name} ${o.year} 年 ${o.variable} 重复出现（与 ${at(first)} 相同）`, en: `${o.variable} for ${name} ${o.year} is given twice (the same as ${at(first)})` }
          : { zh: `${name} ${o.year} 年 ${o.variable} 有两个不同的值：${o.value} 与 ${at(first)} 的 ${first.value}`, en: `${o.variable} for ${name} ${o.year} has two different values: ${o.value} here and ${first.value} at ${at(first)}` },
      });
    } else seen.set(k, o);
    const fk = `${o.file}|${o.variable}`;
    let list = byVariableFile.get(fk);
    if (!list) byVariableFile.set(fk, (list = []));
    list.push(o);
  }
  for (const g of groups.values()) {
    if (g.n > 1) {
      const more = g.rows.length > 1 ? ` (rows ${g.rows.join(', ')}${g.n > g.rows.length ? ', …' : ''}; ${g.n} in all)` : ` (${g.n} rows)`;
      const moreZh = g.rows.length > 1 ? `（第 ${g.rows.join('、')}${g.n > g.rows.length ? ' 等' : ''} 行，共 ${g.n} 处）` : `（共 ${g.n} 行）`;
      g.f.message = { zh: g.f.message.zh + moreZh, en: g.f.message.en + more };
    }
    out.push(g.f);
  }

  // shares given as fractions: every value of a % variable in a file within 0–1
  for (const list of byVariableFile.values()) {
    const e = vocab.variables.get(list[0]!.variable);
    if (e?.unit !== '%') continue;
    const vals = list.map((o) => o.value).filter((x): x is number => typeof x === 'number');
    if (vals.length >= 3 && vals.every((x) => x >= 0 && x <= 1) && vals.some((x) => x > 0)) {
      const o = list[0]!;
      out.push({ severity: 'warning', code: 'share-as-fraction', ...place(o), variable: o.variable, value: o.value, expected: 'shares in % (45 for 45 %)', message: { zh: `${o.variable} 以 % 计，但本文件中全部 ${vals.length} 个值都在 0–1 之间：是否填成了小数（0.45 应为 45）？`, en: `${o.variable} is in %, but all ${vals.length} values in this file lie within 0–1: given as fractions (0.45 for 45)?` } });
    }
  }

  timeChecks(observations, options.previous ?? [], vocab, t, unitName, out);
  sumOfProvinces(observations, vocab, t, unitName, isProvince, out);
  if (options.carryForward !== false) carryForward(observations.filter((o) => o.year >= yMin && o.year <= yMax), options.previous ?? [], vocab, registry, isProvince, unitName, out);
  return sortFindings(out);
}

/** Year-on-year jumps and unit slips, against the data's own earlier years and the previous vintage. */
function timeChecks(obs: readonly Observation[], previous: readonly Observation[], vocab: Vocabulary, t: ValidationThresholds, unitName: (c: string) => string, out: Finding[]): void {
  const tol = Math.log10(1 + (t.slipTolerance ?? 0.2));
  const series = new Map<string, Map<number, { value: number; o: Observation; old: boolean }>>();
  const put = (o: Observation, old: boolean): void => {
    if (typeof o.value !== 'number' || !Number.isFinite(o.value)) return;
    const k = `${o.unit}|${o.variable}`;
    let s = series.get(k);
    if (!s) series.set(k, (s = new Map()));
    if (!old || !s.has(o.year)) s.set(o.year, { value: o.value, o, old });
  };
  const prevCell = new Map<string, Observation>();
  for (const o of previous) {
    put(o, true);
    prevCell.set(`${o.unit}|${o.year}|${o.variable}`, o);
  }
  for (const o of obs) put(o, false);
  const slip = (r: number): number => {
    if (!(r > 0)) return 0;
    const l = Math.log10(r);
    const k = Math.round(l);
    return k !== 0 && Math.abs(l - k) <= tol ? k : 0;
  };
  const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const power = (k: number): string => (k === 1 ? '10' : `10${String(k).split('').map((d) => SUP[Number(d)]).join('')}`);
  const powerZh = power;
  for (const o of obs) {
    if (typeof o.value !== 'number' || !Number.isFinite(o.value) || !vocab.variables.has(o.variable)) continue;
    const name = unitName(o.unit);
    // a revision of the same cell
    const p = prevCell.get(`${o.unit}|${o.year}|${o.variable}`);
    if (p && typeof p.value === 'number' && p.value !== o.value) {
      const k = slip(o.value / p.value);
      if (k) {
        out.push({ severity: 'warning', code: 'unit-slip', ...place(o), unit: o.unit, variable: o.variable, value: o.value, expected: `about ${groupDigits(p.value)} (the previous vintage)`, message: { zh: `${name} ${o.year} 年 ${o.variable} 为 ${groupDigits(o.value)}，而上一版本为 ${groupDigits(p.value)}，约为其 ${k > 0 ? powerZh(k) : `1/${powerZh(-k)}`} 倍：疑似计量单位错误（如 件 与 万件）`, en: `${o.variable} for ${name} ${o.year} is ${groupDigits(o.value)}, the previous vintage had ${groupDigits(p.value)}: about ${k > 0 ? power(k) : `1/${power(-k)}`} times — a likely unit slip (件 vs 万件, 元 vs 亿元)` } });
        continue;
      }
    }
    // the latest earlier year with a value
    const s = series.get(`${o.unit}|${o.variable}`)!;
    let py = -Infinity;
    for (const y of s.keys()) if (y < o.year && y > py) py = y;
    if (py === -Infinity) continue;
    const prev = s.get(py)!;
    if (prev.value === 0 || o.value === 0) continue;
    const r = o.value / prev.value;
    const k = slip(r);
    const where = prev.old ? (prev.o.file !== undefined ? `（上一版本，${at(prev.o)}）` : '（上一版本）') : `（${at(prev.o)}）`;
    const whereEn = prev.old ? ' (previous vintage)' : ` (${at(prev.o)})`;
    if (k) {
      out.push({ severity: 'warning', code: 'unit-slip', ...place(o), unit: o.unit, variable: o.variable, value: o.value, expected: `the same order of magnitude as ${py}: ${groupDigits(prev.value)}`, message: { zh: `${name} ${o.year} 年 ${o.variable} 为 ${groupDigits(o.value)}，约为 ${py} 年 ${groupDigits(prev.value)}${where}的 ${k > 0 ? powerZh(k) : `1/${powerZh(-k)}`} 倍：疑似计量单位错误（如 件 与 万件、元 与 亿元）`, en: `${o.variable} for ${name} ${o.year} is ${groupDigits(o.value)}, about ${k > 0 ? power(k) : `1/${power(-k)}`} times ${py}'s ${groupDigits(prev.value)}${whereEn}: a likely unit slip (件 vs 万件, 元 vs 亿元)` } });
      continue;
    }
    const limit = t.jumps?.[o.variable] ?? t.jump ?? 3;
    if (r > limit || r < 1 / limit || r < 0) {
      out.push({ severity: 'warning', code: 'jump', ...place(o), unit: o.unit, variable: o.variable, value: o.value, expected: `within ×/÷${limit} of ${py}'s ${groupDigits(prev.value)}`, message: { zh: `${name} ${o.year} 年 ${o.variable} 为 ${groupDigits(o.value)}，是 ${py} 年 ${groupDigits(prev.value)}${where}的 ${Number(r.toPrecision(3))} 倍，超出阈值 ×/÷${limit}：请核实`, en: `${o.variable} for ${name} ${o.year} is ${groupDigits(o.value)}, ${Number(r.toPrecision(3))} times ${py}'s ${groupDigits(prev.value)}${whereEn}, past the threshold ×/÷${limit}: please check` } });
    }
  }
}

/** The sum of provinces against the national total, per additive variable and year. */
function sumOfProvinces(obs: readonly Observation[], vocab: Vocabulary, t: ValidationThresholds, unitName: (c: string) => string, isProvince: (c: string) => boolean, out: Finding[]): void {
  const gapLimit = t.sumGap ?? 0.001;
  const cells = new Map<string, { national?: Observation; sum: number; n: number }>();
  for (const o of obs) {
    if (typeof o.value !== 'number' || !Number.isFinite(o.value)) continue;
    const e = vocab.variables.get(o.variable);
    if (!e?.additive) continue;
    const k = `${o.variable}|${o.year}`;
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { sum: 0, n: 0 }));
    if (o.unit === 'CN') c.national = o;
    else if (isProvince(o.unit)) {
      c.sum += o.value;
      c.n++;
    }
  }
  for (const c of cells.values()) {
    const nat = c.national;
    if (!nat || !c.n || typeof nat.value !== 'number' || nat.value === 0) continue;
    const gap = (nat.value - c.sum) / nat.value;
    const partial = c.n < 31;
    if (Math.abs(gap) <= gapLimit || (partial && gap > 0)) continue;
    const sum = Number(c.sum.toPrecision(15));
    const diff = Number((nat.value - c.sum).toPrecision(15));
    out.push({
      severity: 'warning',
      code: 'sum-vs-national',
      ...place(nat),
      unit: 'CN',
      variable: nat.variable,
      value: nat.value,
      expected: `the sum of the ${c.n} provinces, ${groupDigits(sum)}`,
      message: {
        zh: `${nat.year} 年 ${nat.variable}：${c.n} 个省份合计 ${groupDigits(sum)}，${unitName('CN')} ${groupDigits(nat.value)}，省份合计${gap > 0 ? '低于' : '高于'}全国 ${pct(Math.abs(gap))}（差额 ${groupDigits(Math.abs(diff))}）${gap > 0 ? '：全国数可能包含未分省部分，保留原值' : '：省份之和不应超过全国，请核实'}`,
        en: `${nat.variable} ${nat.year}: the ${c.n} provinces sum to ${groupDigits(sum)}, 全国 is ${groupDigits(nat.value)} — the provinces are ${pct(Math.abs(gap))} ${gap > 0 ? 'below' : 'above'} the national total (a gap of ${groupDigits(Math.abs(diff))})${gap > 0 ? '; the national figure may include what no province is credited with: kept as given' : '; provinces should not exceed the nation: please check'}`,
      },
    });
  }
}

/** The values carry-forward will fill (or that will stay missing), for the variables and units the data covers. */
function carryForward(obs: readonly Observation[], previous: readonly Observation[], vocab: Vocabulary, registry: UnitRegistry, isProvince: (c: string) => boolean, unitName: (c: string) => string, out: Finding[]): void {
  const years = [...new Set(obs.map((o) => o.year))].sort((a, b) => a - b);
  if (!years.length) return;
  const have = new Map<string, Map<string, Map<number, number>>>(); // variable → unit → year → value
  const firstSeen = new Map<string, Observation>();
  const put = (o: Observation): void => {
    if (typeof o.value !== 'number' || !Number.isFinite(o.value)) return;
    let byUnit = have.get(o.variable);
    if (!byUnit) have.set(o.variable, (byUnit = new Map()));
    let ys = byUnit.get(o.unit);
    if (!ys) byUnit.set(o.unit, (ys = new Map()));
    ys.set(o.year, o.value);
  };
  for (const o of previous) put(o);
  // per variable: the units with a row (a missing value too) and the first year of each
  const inData = new Map<string, { units: Map<string, number>; minYear: number }>();
  const note = (o: Observation): void => {
    let d = inData.get(o.variable);
    if (!d) inData.set(o.variable, (d = { units: new Map(), minYear: o.year }));
    const f = d.units.get(o.unit);
    if (f === undefined || o.year < f) d.units.set(o.unit, o.year);
  };
  for (const o of previous) note(o);
  for (const o of obs) {
    put(o);
    if (!firstSeen.has(o.variable)) firstSeen.set(o.variable, o);
    note(o);
    const d = inData.get(o.variable)!;
    if (o.year < d.minYear) d.minYear = o.year;
  }
  const provinces = registry.units.filter((u) => isProvince(u.code)).map((u) => u.code);
  for (const [variable, o0] of firstSeen) {
    const e = vocab.variables.get(variable);
    if (!e || e.kind === 'derived') continue;
    const byUnit = have.get(variable) ?? new Map<string, Map<number, number>>();
    const d = inData.get(variable)!;
    const units = new Map(d.units);
    const provCount = [...units.keys()].filter(isProvince).length;
    // most provinces report it: a province without any row is missing too, over the whole span
    if (provinces.length && provCount * 2 >= provinces.length) for (const p of provinces) if (!units.has(p)) units.set(p, d.minYear);
    const vYears = years.filter((y) => y >= d.minYear);
    for (const [u, first] of units) {
      const ys = byUnit.get(u);
      for (const y of vYears) {
        if (y < first) continue; // before the unit's first row: its series starts later
        if (ys?.has(y)) continue;
        let from: number | undefined;
        for (const yy of ys?.keys() ?? []) if (yy < y && (from === undefined || yy > from)) from = yy;
        const name = unitName(u);
        out.push(
          from !== undefined
            ? { severity: 'warning', code: 'carry-forward', file: o0.file, ...(o0.sheet !== undefined ? { sheet: o0.sheet } : {}), unit: u, variable, value: null, expected: `a value for ${y}`, message: { zh: `${name} ${y} 年 ${variable} 缺失：计算时将沿用 ${from} 年的值 ${groupDigits(ys!.get(from)!)}（标记为 carried-forward:${from}）`, en: `${variable} for ${name} ${y} is missing: the evaluation will carry ${from}'s value ${groupDigits(ys!.get(from)!)} forward (flagged carried-forward:${from})` } }
            : { severity: 'warning', code: 'missing', file: o0.file, ...(o0.sheet !== undefined ? { sheet: o0.sheet } : {}), unit: u, variable, value: null, expected: `a value for ${y}`, message: { zh: `${name} ${y} 年 ${variable} 缺失，且没有更早的值可沿用：计算时该指标不计入，权重在其余指标间重新分配`, en: `${variable} for ${name} ${y} is missing with no earlier value to carry forward: the evaluation leaves it out and reweights the others` } },
        );
      }
    }
  }
}
