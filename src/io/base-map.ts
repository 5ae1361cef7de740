/**
 * Base maps and tile grids from files: the vendored China map (data/maps/china.json, see
 * data/maps/PROVENANCE.md) or a user's replacement (an approved standard map, 标准地图), and the
 * tile-grid layout (data/maps/tile-grid.json). Read, checked, and handed to the pure chart models.
 */
import { join } from 'node:path';
import { IpIndexError } from '../core/errors.ts';
import type { MapFeature } from '../core/charts/map-regions.ts';
import type { TileGridLayout } from '../core/charts/tile-grid.ts';
import { ROOT } from './paths.ts';
import { readText } from './read.ts';

/** The vendored China base map (echarts@4.9.0 `map/json/china.json`, Apache-2.0). */
export const DEFAULT_BASE_MAP = join(ROOT, 'data', 'maps', 'china.json');
/** The bundled tile-grid layout of the 31 provinces. */
export const DEFAULT_TILE_GRID = join(ROOT, 'data', 'maps', 'tile-grid.json');

/** A base map read from a file: the GeoJSON object and its features' ids and names. */
export interface BaseMap {
  file: string;
  geoJson: Record<string, unknown>;
  features: MapFeature[];
}

/**
 * Reads a GeoJSON FeatureCollection (plain or ECharts-compressed) and lists its features: `name`
 * from `properties.name` (or `properties.NAME`, `properties.fullname`), `id` from the feature id
 * or `properties.adcode` / `properties.id` / `properties.code`.
 * @throws IpIndexError naming the file and what is wrong (not JSON, not a FeatureCollection, a feature without a name)
 */
export function loadBaseMap(file: string = DEFAULT_BASE_MAP): BaseMap {
  const text = readText(file, { what: 'Base map file' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new IpIndexError(`底图文件 ${file} 不是有效的 JSON（${(e as Error).message}）/ base map file ${file} is not valid JSON (${(e as Error).message}); expected a GeoJSON FeatureCollection`);
  }
  const o = json as { type?: unknown; features?: unknown };
  if (!o || typeof o !== 'object' || o.type !== 'FeatureCollection' || !Array.isArray(o.features)) {
    throw new IpIndexError(`底图文件 ${file} 不是 GeoJSON FeatureCollection / base map file ${file} is not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})`);
  }
  const features: MapFeature[] = o.features.map((f: unknown, i: number) => {
    const ft = (f ?? {}) as { id?: unknown; properties?: Record<string, unknown> };
    const p = ft.properties ?? {};
    const name = [p.name, p.NAME, p.fullname].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
    if (!name) throw new IpIndexError(`底图文件 ${file} 第 ${i + 1} 个要素没有 properties.name / base map file ${file}: feature ${i + 1} has no properties.name (ECharts names regions by it)`);
    const id = [ft.id, p.adcode, p.id, p.code].find((v) => (typeof v === 'string' && v !== '') || typeof v === 'number');
    return { name, ...(id !== undefined ? { id: String(id) } : {}) };
  });
  return { file, geoJson: o as Record<string, unknown>, features };
}

/**
 * Reads a tile-grid layout: `{ rows?, columns?, tiles: [{ code, row, col }] }`, rows and columns
 * counted from 0 at the top left.
 * @throws IpIndexError naming the file and the tile that is wrong (missing code, a position that is not a whole number ≥ 0, two tiles on one square, a code twice)
 */
export function loadTileGrid(file: string = DEFAULT_TILE_GRID): TileGridLayout {
  const text = readText(file, { what: 'Tile grid file' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new IpIndexError(`瓦片地图布局文件 ${file} 不是有效的 JSON（${(e as Error).message}）/ tile grid file ${file} is not valid JSON (${(e as Error).message})`);
  }
  const tiles = (json as { tiles?: unknown })?.tiles;
  if (!Array.isArray(tiles) || !tiles.length) throw new IpIndexError(`瓦片地图布局文件 ${file} 缺少 tiles 列表 / tile grid file ${file} has no "tiles" list (expected {"tiles": [{"code": "110000", "row": 1, "col": 5}, …]})`);
  const seen = new Map<string, string>();
  const codes = new Set<string>();
  const out = tiles.map((t: unknown, i: number) => {
    const x = (t ?? {}) as { code?: unknown; row?: unknown; col?: unknown };
    const where = `tile ${i + 1}${typeof x.code === 'string' ? ` (${x.code})` : ''}`;
    const whereZh = `第 ${i + 1} 个瓦片${typeof x.code === 'string' ? `（${x.code}）` : ''}`;
    if (typeof x.code !== 'string' || !x.code) throw new IpIndexError(`瓦片地图布局文件 ${file} ${whereZh}缺少 code / tile grid file ${file}: ${where} has no "code"`);
    for (const k of ['row', 'col'] as const) {
      const v = x[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 200) throw new IpIndexError(`瓦片地图布局文件 ${file} ${whereZh}的 ${k} 应为 0–200 的整数 / tile grid file ${file}: ${where} "${k}" must be a whole number 0–200, got ${JSON.stringify(v)}`);
    }
    const square = `${x.row},${x.col}`;
    if (seen.has(square)) throw new IpIndexError(`瓦片地图布局文件 ${file} ${whereZh}与 ${seen.get(square)} 位于同一格 / tile grid file ${file}: ${where} is on the same square (row ${x.row}, col ${x.col}) as ${seen.get(square)}`);
    if (codes.has(x.code)) throw new IpIndexError(`瓦片地图布局文件 ${file} ${whereZh}的 code 重复 / tile grid file ${file}: ${where} repeats code ${x.code}`);
    seen.set(square, x.code);
    codes.add(x.code);
    return { code: x.code, row: x.row as number, col: x.col as number };
  });
  return { tiles: out };
}
