/**
 * `ipindex chart <kind>`: one chart of a run, as SVG or PNG — the chart models of src/core/charts
 * fed from an evaluation, rendered by src/io/render-chart.ts.
 */
import { Option, type Command } from 'commander';
import {
  IpIndexError,
  choroplethChart,
  editionSeriesChart,
  editionSeriesFromResult,
  editionSeriesTitle,
  groupMeansChart,
  groupMeansFromStats,
  groupStats,
  heatmapChart,
  heatmapFromResult,
  matchMapRegions,
  radarChart,
  radarFromResult,
  rankingChart,
  targetsChart,
  tileGridChart,
  unitValuesFromResult,
  type ChartSpec,
  type TargetItem,
} from '../core/index.ts';
import { SAMPLE_LABEL } from '../core/analysis/sample-label.ts';
import { DEFAULT_BASE_MAP, DEFAULT_TILE_GRID, loadBaseMap, loadTileGrid } from '../io/base-map.ts';
import { renderChart } from '../io/render-chart.ts';
import { writeFileAtomically } from '../io/write.ts';
import { prepare, type Prepared } from './analyse/common.ts';

/** The chart kinds of `ipindex chart`. */
export const CHART_KINDS = ['series', 'groups', 'map', 'tiles', 'ranking', 'radar', 'heatmap', 'targets'] as const;
/** One chart kind. */
export type ChartKind = (typeof CHART_KINDS)[number];

/** Options of {@link buildChart} (what `ipindex chart` parses). */
export interface ChartCommandOptions {
  framework: string;
  data: string[];
  edition: number;
  recipe?: string;
  firstEdition?: number;
  groupings?: string;
  lang: 'zh' | 'en';
  /** Node charted (default the index; `heatmap`: the subtree whose indicators are columns). */
  node?: string;
  /** `groups`: nodes, comma-separated (default the index). `radar`: axes (default the levels below the index, at most two). */
  nodes?: string;
  /** `radar`: the unit (code or name). `series`: the unit (default the only one, or CN). */
  unit?: string;
  /** `groups`: grouping id (default the first: region4). */
  grouping?: string;
  /** `map`, `tiles`, `ranking`: `score` (default) or `value` (an indicator's raw value). */
  measure?: 'score' | 'value';
  /** `ranking`: show the first n. */
  top?: number;
  /** `map`: base map file (default data/maps/china.json). */
  map?: string;
  /** `map`: register the base map under `china` so ECharts adds the 南海诸岛 inset (default true). */
  inset?: boolean;
  /** `tiles`: layout file (default data/maps/tile-grid.json). */
  tileGrid?: string;
  title?: string;
  /** Figure number put before the default title (图 19 …). */
  figure?: string;
}

/** A built chart and what to tell the user. */
export interface BuiltChart {
  spec: ChartSpec;
  notices: string[];
  sampleData: boolean;
}

/**
 * Evaluates the run and builds one chart model of it.
 * @throws IpIndexError for an unknown node, unit, grouping or kind, naming it and what is valid
 */
export function buildChart(kind: string, o: ChartCommandOptions): BuiltChart {
  if (!(CHART_KINDS as readonly string[]).includes(kind)) throw new IpIndexError(`未知的图表类型 ${kind}（可选：${CHART_KINDS.join('、')}）/ unknown chart kind ${kind}; expected one of ${CHART_KINDS.join(', ')}`);
  const p = prepare({ ...o, lang: o.lang });
  return { ...buildFromRun(kind as ChartKind, p, o), sampleData: p.sampleData };
}

function buildFromRun(kind: ChartKind, p: Prepared, o: ChartCommandOptions): Omit<BuiltChart, 'sampleData'> {
  const { framework: fw, registry } = p.inputs;
  const res = p.result;
  const lang = o.lang;
  const zh = lang === 'zh';
  const nodeOf = (code: string) => {
    const n = fw.nodes.find((x) => x.code === code);
    if (!n) throw new IpIndexError(`框架 ${fw.id} 中没有节点 ${code} / framework ${fw.id} has no node ${code} (e.g. ${fw.nodes.slice(0, 6).map((x) => x.code).join(', ')} …; see ipindex framework show)`);
    return n;
  };
  const nodeName = (code: string): string => { const n = nodeOf(code); return zh ? n.name.zh : (n.name.en ?? n.name.zh); };
  const unitName = (c: string): string => registry.name(c, lang);
  const node = o.node ?? fw.root;
  nodeOf(node);
  const sample = p.sampleData;
  const base = { lang, sample };
  const fig = o.figure ? (zh ? `图 ${o.figure} ` : `Figure ${o.figure} `) : '';
  const title = (zhText: string, enText: string): string => o.title ?? `${fig}${zh ? zhText : enText}`;
  const E = o.edition;
  const measureName = o.measure === 'value' ? `${nodeName(node)}${nodeOf(node).unit ? (zh ? `（${nodeOf(node).unit}）` : ` (${nodeOf(node).unit})`) : ''}` : nodeName(node);
  const notices: string[] = [];
  switch (kind) {
    case 'series': {
      const unit = o.unit ? resolveUnit(o.unit, p) : undefined;
      const pts = editionSeriesFromResult(res, { node, ...(unit ? { unit } : {}) });
      const first = res.editions[0]!;
      const t = o.title ?? editionSeriesTitle({ ...(o.figure ? { figure: o.figure } : {}), name: nodeName(node), first, last: res.editions[res.editions.length - 1]!, lang });
      return { spec: editionSeriesChart(pts, { ...base, title: t, // a base-year index (2021 = 100) gets its base line
 ...(Math.abs((pts[0]?.value ?? 0) - 100) < 1e-9 ? { baseLine: 100 } : {}) }), notices };
    }
    case 'groups': {
      const stats = groupStats(res, p.inputs.allGroupings);
      const g = o.grouping ? p.inputs.allGroupings.find((x) => x.id === o.grouping) : p.inputs.allGroupings[0];
      if (!g) throw new IpIndexError(`没有分组 ${o.grouping ?? ''}（可选：${p.inputs.allGroupings.map((x) => x.id).join('、') || '无'}）/ no grouping ${o.grouping ?? ''}; groupings: ${p.inputs.allGroupings.map((x) => x.id).join(', ') || 'none'}`);
      const nodes = o.nodes ? o.nodes.split(',').map((s) => s.trim()).filter(Boolean) : [node];
      nodes.forEach(nodeOf);
      const input = groupMeansFromStats(stats, { grouping: g.id, edition: E, nodes, groupName: (c) => { const gr = g.groups.find((x) => x.code === c)!; return zh ? gr.name.zh : (gr.name.en ?? gr.name.zh); }, nodeName });
      const gname = zh ? g.name.zh : (g.name.en ?? g.name.zh);
      const what = nodes.length === 1 ? nodeName(nodes[0]!) : (zh ? '各指数' : 'index and pillars');
      return { spec: groupMeansChart(input, { ...base, title: title(`${E}年${gname}${what}平均值及增量（分）`, `${what}: means of the ${gname} and changes on ${E - 1}, ${E} (points)`) }), notices };
    }
    case 'map':
    case 'tiles': {
      const values = unitValuesFromResult(res, { node, edition: E, measure: o.measure ?? 'score', unitName });
      const t = title(`${E}年各地区${measureName}`, `${measureName} by region, ${E}`);
      const legendTitle = o.measure === 'value' ? (nodeOf(node).unit ?? '') : undefined;
      if (kind === 'tiles') {
        const spec = tileGridChart(values, { ...base, title: t, layout: loadTileGrid(o.tileGrid ?? DEFAULT_TILE_GRID), ...(legendTitle !== undefined ? { legendTitle } : {}) });
        if (spec.unplaced.length) notices.push(zh ? `瓦片地图布局中没有以下单位：${spec.unplaced.join('、')}` : `no tile for: ${spec.unplaced.join(', ')}`);
        return { spec, notices };
      }
      const map = loadBaseMap(o.map ?? DEFAULT_BASE_MAP);
      const { regions } = matchMapRegions(map.features, registry.units.filter((u) => res.units.includes(u.code)));
      const spec = choroplethChart(values, { ...base, title: t, regions, map: o.inset === false ? 'china-base-map' : 'china', ...(legendTitle !== undefined ? { legendTitle } : {}) });
      if (spec.unplaced.length) notices.push(zh ? `底图 ${map.file} 中找不到以下单位：${spec.unplaced.join('、')}` : `base map ${map.file} has no region for: ${spec.unplaced.join(', ')}`);
      return { spec, notices };
    }
    case 'ranking': {
      const values = unitValuesFromResult(res, { node, edition: E, measure: o.measure ?? 'score', unitName });
      return { spec: rankingChart(values, { ...base, title: title(`${E}年${measureName}排名`, `${measureName}: ranking, ${E}`), ...(o.top ? { top: o.top } : {}) }), notices };
    }
    case 'radar': {
      if (!o.unit) throw new IpIndexError('雷达图需要 --unit（单位代码或名称，如 海南）/ the radar chart needs --unit (a unit code or name, e.g. 460000 or 海南)');
      const unit = resolveUnit(o.unit, p);
      const nodes = o.nodes ? o.nodes.split(',').map((s) => s.trim()).filter(Boolean) : fw.nodes.filter((n) => n.kind === 'aggregate' && n.level >= 1 && n.level <= 2).map((n) => n.code);
      nodes.forEach(nodeOf);
      const input = radarFromResult(res, { unit, edition: E, nodes, unitName, nodeName, lang, ...(res.units.length > 1 ? {} : { compareMean: false }) });
      return { spec: radarChart(input, { ...base, title: title(`${E}年${unitName(unit)}${nodeName(fw.root)}各级指标得分`, `${unitName(unit)}: ${nodeName(fw.root)} by pillar and group, ${E}`) }), notices };
    }
    case 'heatmap': {
      const input = heatmapFromResult(res, fw, { edition: E, node, unitName, nodeName });
      return { spec: heatmapChart(input, { ...base, title: title(`${E}年各地区${nodeName(node)}指标标准化得分`, `${nodeName(node)}: normalised indicator scores, ${E}`) }), notices };
    }
    case 'targets': {
      const items = frameworkTargets(p, o);
      if (!items.length) throw new IpIndexError(`框架 ${fw.id} 没有可在 ${E} 年版检查的规划目标（节点的 targets）/ framework ${fw.id} has no plan targets (node "targets") to check in edition ${E}`);
      return { spec: targetsChart(items, { ...base, title: title('规划目标完成情况', 'Plan targets') }), notices };
    }
  }
}

/** The unit code of a code or name given on the command line. */
function resolveUnit(s: string, p: Prepared): string {
  const code = p.inputs.registry.resolve(s)?.code ?? s;
  if (!p.result.units.includes(code)) throw new IpIndexError(`结果中没有单位 ${s} / unit ${s} is not in the results (units: ${p.result.units.slice(0, 8).join(', ')}${p.result.units.length > 8 ? ', …' : ''})`);
  return code;
}

/**
 * The framework's plan targets with the run's values in the edition: each node with `targets`
 * whose raw value the run has, for the national unit (or the only unit), met when at least (at
 * most) the target. The report builds the full attainment table (met early, years running).
 */
function frameworkTargets(p: Prepared, o: ChartCommandOptions): TargetItem[] {
  const res = p.result;
  const e = res.editions.indexOf(o.edition);
  const u = res.units.length === 1 ? 0 : res.units.indexOf('CN');
  if (e < 0 || u < 0) return [];
  const items: TargetItem[] = [];
  for (const n of p.inputs.framework.nodes) {
    for (const t of n.targets ?? []) {
      const v = res.values[n.code]?.[e * res.units.length + u];
      if (v === undefined || !Number.isFinite(v)) continue;
      const atMost = t.kind === 'at-most';
      items.push({ label: o.lang === 'zh' ? n.name.zh : (n.name.en ?? n.name.zh), value: v, target: t.value, met: atMost ? v <= t.value : v >= t.value, ...(n.unit ? { unit: n.unit } : {}), ...(atMost ? { atMost } : {}) });
    }
  }
  return items;
}

/** Registers `ipindex chart`. */
export function registerChartCommand(program: Command): void {
  const year = (flag: string) => (v: string): number => {
    if (!/^\d{4}$/.test(v)) throw new IpIndexError(`${flag} must be a 4-digit year, got "${v}"`);
    return Number(v);
  };
  program
    .command('chart <kind>')
    .description(`draw one chart of a run as SVG or PNG (图表): ${CHART_KINDS.join(', ')}`)
    .requiredOption('-f, --framework <file|name>', 'framework file or built-in name')
    .requiredOption('-d, --data <files...>', 'tidy data files')
    .requiredOption('-e, --edition <year>', 'edition charted', year('--edition'))
    .requiredOption('-o, --out <file>', 'output file (.svg or .png)')
    .option('-r, --recipe <file|name>', 'recipe file or built-in name (default as for evaluate)')
    .option('--first-edition <year>', 'first edition of the run', year('--first-edition'))
    .option('-g, --groupings <file>', 'groupings file')
    .option('-n, --node <code>', 'node charted (default the index); heatmap: the subtree whose indicators are the columns')
    .option('--nodes <codes>', 'groups: the nodes, comma-separated; radar: the axes (default the pillars and groups)')
    .option('-u, --unit <unit>', 'radar (required) and series: the unit, code or name')
    .option('--grouping <id>', 'groups: grouping id (region4, strategic5; default the first)')
    .addOption(new Option('--measure <m>', 'map, tiles, ranking: the score or the raw value of an indicator').choices(['score', 'value']).default('score'))
    .option('--top <n>', 'ranking: the first n only', (v) => { if (!/^\d+$/.test(v) || Number(v) < 1) throw new IpIndexError(`--top must be a whole number ≥ 1, got "${v}"`); return Number(v); })
    .option('--map <file>', 'map: base map GeoJSON (default data/maps/china.json; an approved standard map for publication, see docs/maps.md)')
    .option('--no-inset', 'map: do not add the 南海诸岛 inset box (for a base map that draws the South China Sea itself)')
    .option('--tile-grid <file>', 'tiles: layout file (default data/maps/tile-grid.json)')
    .option('--title <text>', 'title (default: made from the node and edition)')
    .option('--figure <n>', 'figure number put before the default title (图 19 …)')
    .addOption(new Option('--format <f>', 'svg or png (default: from the file name, else svg)').choices(['svg', 'png']))
    .addOption(new Option('--lang <lang>', 'label language').choices(['zh', 'en']).default('zh'))
    .action((kind: string, o: ChartCommandOptions & { out: string; format?: 'svg' | 'png' }) => {
      const format = o.format ?? (/\.png$/i.test(o.out) ? 'png' : 'svg');
      const built = buildChart(kind, o);
      for (const n of built.notices) process.stderr.write(o.lang === 'en' ? `ipindex: warning: ${n}\n` : `ipindex: 提示：${n}\n`);
      const bytes = renderChart(built.spec, { format, ...(o.map ? { mapFile: o.map } : {}) });
      writeFileAtomically(o.out, bytes);
      if (built.sampleData) process.stdout.write(`${SAMPLE_LABEL[o.lang]}\n`);
      process.stdout.write(o.lang === 'en' ? `→ wrote ${o.out} (${built.spec.width} × ${built.spec.height}, ${format.toUpperCase()})\n` : `→ 图表已写入 ${o.out}（${built.spec.width} × ${built.spec.height}，${format.toUpperCase()}）\n`);
    });
}
