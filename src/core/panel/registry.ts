import { didYouMean } from '../text/suggest.ts';
import type { UnitInfo } from './types.ts';

/**
 * Resolves the names a data file may use for a unit — a 6-digit code, a short or full Chinese
 * name (广东 / 广东省), an English name — to the unit's code. Matching ignores case and spaces.
 */
export class UnitRegistry {
  private readonly byKey = new Map<string, UnitInfo>();
  readonly units: UnitInfo[];
  constructor(units: UnitInfo[]) {
    this.units = units;
    for (const u of units) {
      for (const k of [u.code, u.name.zh, u.name.en, ...(u.aliases ?? [])]) {
        if (k) this.byKey.set(norm(k), u);
      }
    }
  }
  /** The unit for a code or name, or undefined. */
  resolve(s: string): UnitInfo | undefined {
    return this.byKey.get(norm(s));
  }
  /** Display name of a code (the code itself when unknown). */
  name(code: string, lang: 'zh' | 'en' = 'zh'): string {
    const u = this.byKey.get(norm(code));
    if (!u) return code;
    return lang === 'en' ? (u.name.en ?? u.name.zh) : u.name.zh;
  }
  /**
   * Known units whose code or name (Chinese, English, alias) is within a small edit distance of
   * `s` — for a name that resolves to nothing. Names shorter than 4 characters get none, so
   * three-letter country codes (CHN, AUT) are not taken for misspelt province names.
   * @example provinceRegistry.suggest('Guangdon') // => [{ code: '440000', name: { zh: '广东', en: 'Guangdong' }, … }]
   */
  suggest(s: string): UnitInfo[] {
    const keyed = new Map<string, UnitInfo>();
    for (const u of this.units) for (const k of [u.code, u.name.zh, u.name.en, ...(u.aliases ?? [])]) if (k && !keyed.has(norm(k))) keyed.set(norm(k), u);
    const near = didYouMean(norm(s), keyed.keys(), { minLength: 4 });
    return [...new Set(near.map((k) => keyed.get(k)!))];
  }
  /** Registry with another registry's units added (later wins). */
  with(more: UnitInfo[]): UnitRegistry {
    return new UnitRegistry([...this.units.filter((u) => !more.some((m) => m.code === u.code)), ...more]);
  }
}

function norm(s: string): string {
  return s.trim().replace(/\s+/g, '').toLowerCase();
}

/** The national level: `CN`, 全国, 中国, China. */
export const NATIONAL_UNIT: UnitInfo = { code: 'CN', name: { zh: '全国', en: 'China' }, aliases: ['中国', '全国合计', 'national'] };
