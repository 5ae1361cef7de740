import type { Framework, FrameworkNode } from '../framework/types.ts';
import { nodeName } from '../framework/tree.ts';
import { topDrivers, type Attribution, type Driver } from './attribution.ts';

/** Options of {@link attributionLines}. */
export interface AttributionSummaryOptions {
  lang?: 'zh' | 'en';
  /** Default: the last edition attributed. */
  edition?: number;
  /** Node whose change is described (default: the index). */
  node?: string;
  /** Drivers named up and down (default 3). */
  n?: number;
  /** Decimals of the printed numbers (default 2). */
  decimals?: number;
  /** Display name of a unit code. */
  unitName?: (code: string) => string;
}

/** Runs with at most this many units also get the split among the node's children, unit by unit. */
const FEW_UNITS = 3;

/**
 * The printed summary of an attribution: one line per unit (largest change first) naming the
 * indicators that drove the node's change up and down, e.g.
 * `广东 总指数 +1.23：主要来自 每万人口高价值发明专利拥有量 +0.40、…；拖累：… -0.12`.
 * Runs of few units (the national index) also get the split among the node's children (sub-indices).
 */
export function attributionLines(a: Attribution, fw: Framework, options: AttributionSummaryOptions = {}): string[] {
  const zh = (options.lang ?? 'zh') === 'zh';
  const lang = zh ? 'zh' : 'en';
  const edition = options.edition ?? a.pairs[a.pairs.length - 1]?.[1];
  const pair = a.pairs.find((p) => p[1] === edition);
  if (!pair) return [];
  const node = options.node ?? a.root;
  const d = options.decimals ?? 2;
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const fnode = byCode.get(node)!;
  const unitName = options.unitName ?? ((c: string) => c);
  const label = (n: FrameworkNode): string => (n.code === fw.root ? (fw.levelNames?.[lang]?.[0] ?? fw.levelNames?.zh[0] ?? nodeName(n, lang)) : nodeName(n, lang));
  const signed = (x: number): string => {
    const s = Math.abs(x).toFixed(d);
    return s === (0).toFixed(d) ? s : `${x > 0 ? '+' : '-'}${s}`;
  };
  const list = (ds: Driver[]): string => ds.map((x) => `${nodeName(byCode.get(x.child)!, lang)} ${signed(x.contribution)}`).join(zh ? '、' : ', ');
  const lines = [
    zh
      ? `${edition}年与${pair[0]}年相比：${label(fnode)}变化分解为各指标的贡献（有效权重 × 标准化得分变化，合计等于变化）`
      : `${edition} on ${pair[0]}: the change of ${label(fnode)} split into the indicators' contributions (effective weight × change of normalised score; they sum to the change)`,
  ];
  const n = options.n ?? 3;
  const drivers = topDrivers(a, { edition: edition!, node, kind: 'indicator', n }).sort((x, y) => y.change - x.change);
  const childLevel = fw.levelNames?.[lang]?.[fnode.level + 1] ?? fw.levelNames?.zh[fnode.level + 1];
  for (const dr of drivers) {
    const head = `${unitName(dr.unit)} ${label(fnode)} ${signed(dr.change)}`;
    const parts: string[] = [];
    if (dr.change >= 0) {
      if (dr.up.length) parts.push(zh ? `主要来自 ${list(dr.up)}` : `mainly from ${list(dr.up)}`);
      if (dr.down.length) parts.push(zh ? `拖累：${list(dr.down)}` : `held back by ${list(dr.down)}`);
    } else {
      if (dr.down.length) parts.push(zh ? `主要拖累 ${list(dr.down)}` : `mainly pulled down by ${list(dr.down)}`);
      if (dr.up.length) parts.push(zh ? `支撑：${list(dr.up)}` : `offset by ${list(dr.up)}`);
    }
    const ch = a.changes.find((x) => x.edition === edition && x.unit === dr.unit && x.node === node);
    const weights = ch?.weightsChanged ? (zh ? '（有效权重因缺失值变化）' : ' (effective weights changed: missing values)') : '';
    lines.push(`${head}${parts.length ? (zh ? '：' : ': ') + parts.join(zh ? '；' : '; ') : ''}${weights}`);
    if (a.units.length <= FEW_UNITS) {
      const kids = a.rows.filter((r) => r.edition === edition && r.unit === dr.unit && r.node === node && r.kind === 'child');
      const by = childLevel ? (zh ? `按${childLevel}` : `by ${childLevel.toLowerCase()}`) : zh ? '按下一级' : 'by child';
      lines.push(`  ${by}${zh ? '：' : ': '}${kids.map((r) => `${nodeName(byCode.get(r.child)!, lang)} ${signed(r.contribution)}`).join(zh ? '、' : ', ')}`);
    }
  }
  return lines;
}
