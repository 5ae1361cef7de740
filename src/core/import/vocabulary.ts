/**
 * What names a table may use: the framework's variables (by code, Chinese or English name, or a
 * mapping's foreign code) and units (by code or name, a total row, a regional subtotal), each
 * resolved once, with "did you mean" suggestions for what does not resolve. Pure.
 */
import type { Framework } from '../framework/types.ts';
import type { UnitRegistry } from '../panel/registry.ts';
import { didYouMean, editDistance } from '../text/suggest.ts';
import { halfWidth } from './cells.ts';
import { parseUnit } from '../units/unit.ts';
import type { Mapping } from './types.ts';

/** A variable a table may hold: raw indicators and variables are typed in, derived ones are computed. */
export interface VariableEntry {
  code: string;
  kind: 'raw' | 'variable' | 'derived';
  unit?: string;
  name: string;
  /** The unit counts things (件, 万件, 项): `1.234` is ambiguous in such a cell. */
  count: boolean;
  /** The unit counts single things (件, 人: scale 1): a fraction is odd. */
  wholeCount: boolean;
  /** Values add up across provinces (counts and money, not shares or ratios). */
  additive: boolean;
}

/**
 * A name that states an intensity — 每万人口…, 每百亿元GDP…, "… per 10,000 population" — names a
 * ratio even where the framework gives only its numerator's unit (件, 项, 人): such a value is
 * neither a whole count nor additive, and `2.025` in it is a decimal.
 */
const INTENSITY_NAME = /^每|\bper\b/i;

/** What a unit of measure implies for the checks (read once per variable). */
function unitTraits(unit: string | undefined, names: (string | undefined)[] = []): Pick<VariableEntry, 'count' | 'wholeCount' | 'additive'> {
  if (!unit || names.some((n) => n !== undefined && INTENSITY_NAME.test(n.trim()))) return { count: false, wholeCount: false, additive: false };
  try {
    const u = parseUnit(unit);
    const dims = Object.entries(u.dims);
    const count = dims.length === 1 && dims[0]![0] === 'count' && dims[0]![1] === 1;
    return { count, wholeCount: count && u.scale === 1, additive: dims.length === 1 && dims[0]![1] === 1 && ['count', 'CNY', 'USD'].includes(dims[0]![0]) };
  } catch {
    return { count: false, wholeCount: false, additive: false };
  }
}

/** How a header or code resolved. */
export type VariableLookup = { variable: VariableEntry } | { ignored: true } | { unknown: string[] };

/** How a unit name resolved. */
export type UnitLookup = { code: string } | { total: 'total' | 'regional' } | { unknown: string[]; why?: { zh: string; en: string } };

const key = (s: string): string => halfWidth(s).replace(/\s+/g, '').toLowerCase();

/** Words of a grand-total row in a provincial table. */
const TOTAL = /^(合计|总计|总数|全部|小计|全省合计|各地区合计|地区合计|total|sum)$/i;
/** Regional subtotal rows (东部地区, 华东): not provinces. */
const REGIONAL = /^(东部|中部|西部|东北|华北|华东|华南|华中|西南|西北|东部沿海|长三角|京津冀|珠三角)(地区|区域|合计|小计)?$/;

/**
 * Resolves variable and unit names for one framework, unit registry and mapping. Build it once per
 * import; lookups are cached.
 */
export class Vocabulary {
  private readonly byKey = new Map<string, VariableEntry>();
  private readonly mapped = new Map<string, string>();
  private readonly ignored = new Set<string>();
  private readonly unitMap = new Map<string, string>();
  private readonly unitCache = new Map<string, UnitLookup>();
  /** Every variable by code. */
  readonly variables = new Map<string, VariableEntry>();

  constructor(
    framework: Framework,
    private readonly registry: UnitRegistry,
    readonly mapping: Mapping = {},
  ) {
    const add = (base: Omit<VariableEntry, 'count' | 'wholeCount' | 'additive'>, names: (string | undefined)[]): void => {
      const e: VariableEntry = { ...base, ...unitTraits(base.unit, names.slice(1)) };
      this.variables.set(e.code, e);
      for (const n of names) if (n && !this.byKey.has(key(n))) this.byKey.set(key(n), e);
    };
    for (const n of framework.nodes) {
      if (n.kind === 'aggregate') continue;
      add({ code: n.code, kind: n.kind, ...(n.unit ? { unit: n.unit } : {}), name: n.name.zh }, [n.code, n.name.zh, n.name.en]);
    }
    for (const v of framework.variables) add({ code: v.code, kind: 'variable', unit: v.unit, name: v.name.zh }, [v.code, v.name.zh, v.name.en]);
    for (const [from, to] of Object.entries(mapping.variables ?? {})) this.mapped.set(key(from), to);
    for (const i of mapping.ignore ?? []) this.ignored.add(key(i));
    for (const [from, to] of Object.entries(mapping.units ?? {})) this.unitMap.set(key(from), to);
  }

  /** Whether the mapping lists foreign variable codes (then a code it does not list is an error, not taken as written). */
  get hasVariableMapping(): boolean {
    return this.mapped.size > 0;
  }

  private readonly variableCache = new Map<string, VariableLookup>();

  /** The framework variable a header, code or name means (cached by the text as written). */
  variable(name: string): VariableLookup {
    let r = this.variableCache.get(name);
    if (!r) {
      r = this.lookupVariable(name);
      if (this.variableCache.size < 100_000) this.variableCache.set(name, r);
    }
    return r;
  }

  private lookupVariable(name: string): VariableLookup {
    const k = key(name);
    if (!k) return { unknown: [] };
    const to = this.mapped.get(k);
    if (to !== undefined) {
      const e = this.variables.get(to) ?? this.byKey.get(key(to));
      return e ? { variable: e } : { unknown: [] };
    }
    if (this.ignored.has(k)) return { ignored: true };
    const e = this.byKey.get(k);
    if (e) return { variable: e };
    return { unknown: this.suggestVariables(name) };
  }

  /** Whether `name` is listed under the mapping's `ignore`. */
  isIgnored(name: string): boolean {
    return this.ignored.has(key(name));
  }

  /** Variable codes (or names) close to a misspelt one. */
  suggestVariables(name: string): string[] {
    const codes = [...this.variables.keys()];
    const near = didYouMean(halfWidth(name), codes);
    if (near.length) return near;
    if (/[\u3400-\u9fff]/.test(name)) {
      const k = key(name);
      const byName = [...this.variables.values()].filter((e) => {
        const n = key(e.name);
        return editDistance(k, n) <= Math.max(1, Math.floor(n.length / 5)) || (k.length >= 3 && (n.includes(k) || k.includes(n)));
      });
      return byName.slice(0, 3).map((e) => `${e.code} ${e.name}`);
    }
    return [];
  }

  /** The unit a name or code means: a registry unit, a total or regional row, or unknown with suggestions. */
  unit(name: string): UnitLookup {
    let r = this.unitCache.get(name);
    if (!r) {
      r = this.resolveUnit(name, key(name));
      if (this.unitCache.size < 100_000) this.unitCache.set(name, r);
    }
    return r;
  }

  private resolveUnit(name: string, k: string): UnitLookup {
    const to = this.unitMap.get(k);
    if (to !== undefined) {
      const u = this.registry.resolve(to);
      return u ? { code: u.code } : { unknown: [], why: { zh: `映射文件把“${name}”对应到“${to}”，但“${to}”不是已知单位`, en: `the mapping maps "${name}" to "${to}", which is not a known unit` } };
    }
    const u = this.registry.resolve(k);
    if (u) return { code: u.code };
    if (TOTAL.test(k)) return { total: 'total' };
    if (REGIONAL.test(k)) return { total: 'regional' };
    if (/^\d{6}$/.test(k)) {
      const prov = this.registry.resolve(`${k.slice(0, 2)}0000`);
      if (prov) {
        return {
          unknown: [prov.name.zh],
          why: { zh: `${k} 是${prov.name.zh}的市、县级代码，省级代码以 0000 结尾（${prov.code}）`, en: `${k} is a city or county code within ${prov.name.en ?? prov.name.zh}; province codes end in 0000 (${prov.code})` },
        };
      }
    }
    // a Latin-letter code is a unit of the user's own (AUT, unit-7); validation warns when it is close to a known name
    if (/^[A-Za-z][A-Za-z0-9_.-]*$/.test(halfWidth(name).trim())) return { code: halfWidth(name).trim() };
    return { unknown: this.suggestUnits(k) };
  }

  /** Known unit names close to an unknown one (广州 → 广东, 广西; 内蒙 → 内蒙古). */
  private suggestUnits(k: string): string[] {
    if (!/[\u3400-\u9fff]/.test(k)) return this.registry.suggest(k).map((u) => u.name.zh);
    const out: string[] = [];
    for (const u of this.registry.units) {
      const names = [u.name.zh, ...(u.aliases ?? [])].map(key);
      if (names.some((n) => (n.length >= 2 && k.length >= 2 && editDistance(k, n) <= 1) || (k.length >= 2 && (n.startsWith(k) || k.startsWith(n))))) out.push(u.name.zh);
    }
    return out.slice(0, 4);
  }
}
