/**
 * Matching units (GB/T 2260 codes) to the regions of a base map, whatever the map calls them:
 * by the feature's id or adcode (`440000`), else by name (short 广东, full 广东省, English), so a
 * replacement standard map with full names or adcodes works as well as the vendored one.
 */
import type { UnitInfo } from '../panel/types.ts';

/** A region of a base map: its name (ECharts matches data by it) and id/adcode when it has one. */
export interface MapFeature {
  name: string;
  id?: string;
}

/** Result of {@link matchMapRegions}. */
export interface MapRegionMatch {
  /** Unit code → the map's region name. */
  regions: Record<string, string>;
  /** Units with no region on the map. */
  unmatched: string[];
}

const norm = (s: string): string => s.trim().replace(/\s+/g, '').toLowerCase();
// administrative suffixes a full name adds to a short one (广西壮族自治区 → 广西)
const SUFFIX = /(省|市|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区)$/;

/**
 * For each unit, the base map region that is it: same id (6-digit code) first, then the same
 * name, alias or English name, then the same name without its administrative suffix.
 * @example matchMapRegions([{ name: '广东省', id: '440000' }], [{ code: '440000', name: { zh: '广东' } }]).regions // => { '440000': '广东省' }
 */
export function matchMapRegions(features: MapFeature[], units: UnitInfo[]): MapRegionMatch {
  const byId = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const f of features) {
    if (f.id) byId.set(f.id, f.name);
    byName.set(norm(f.name), f.name);
    byName.set(norm(f.name).replace(SUFFIX, ''), f.name);
  }
  const regions: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const u of units) {
    const names = [u.name.zh, u.name.en, ...(u.aliases ?? [])].filter((s): s is string => !!s);
    const hit = byId.get(u.code) ?? names.map((n) => byName.get(norm(n)) ?? byName.get(norm(n).replace(SUFFIX, ''))).find((x) => x !== undefined);
    if (hit !== undefined) regions[u.code] = hit;
    else unmatched.push(u.code);
  }
  return { regions, unmatched };
}
