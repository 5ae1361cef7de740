import { IpIndexError, nodeName, type FrameworkNode } from '../../core/index.ts';
import { coherence, type Coherence } from '../../core/analysis/coherence/index.ts';
import type { AnalysisCommand } from './register.ts';
import type { AnalyseOptions, AnalysisOutput, Prepared } from './common.ts';

const num = (x: number | undefined): number | string => (x === undefined || !Number.isFinite(x) ? '' : x);

/** The coherence tables: coherence, coherence-groups, coherence-flags, coherence-importance, removal. */
export function coherenceTables(c: Coherence, p: Prepared, lang: 'zh' | 'en'): Record<string, unknown[][]> {
  const en = lang === 'en';
  const byCode = new Map<string, FrameworkNode>(p.inputs.framework.nodes.map((n) => [n.code, n]));
  const names = (codes: string[]): string[] => [...codes.map((x) => nodeName(byCode.get(x)!, 'zh')), ...(en ? codes.map((x) => nodeName(byCode.get(x)!, 'en')) : [])];
  const head = (cols: string[], named: string[]): string[] => [...cols, ...named.map((x) => `${x}_name`), ...(en ? named.map((x) => `${x}_name_en`) : [])];
  const correlations = [head(['a', 'b', 'level', 'pearson', 'spearman', 'n', 'relation'], ['a', 'b']), ...c.correlations.map((r) => [r.a, r.b, r.level, num(r.pearson), num(r.spearman), r.n, r.relation, ...names([r.a, r.b])])];
  const groups: unknown[][] = [head(['node', 'child', 'alpha', 'pca_share', 'eigenvalue_1', 'loading', 'pc1_correlation', 'children', 'complete'], ['node', 'child'])];
  for (const g of c.groups) {
    for (const child of g.children) {
      const k = g.pca?.used.indexOf(child) ?? -1;
      groups.push([g.node, child, num(g.alpha), num(g.pca?.share), num(g.pca?.eigenvalues[0]), k >= 0 ? num(g.pca!.loadings[k]) : '', k >= 0 ? num(g.pca!.correlations[k]) : '', g.children.length, g.complete, ...names([g.node, child])]);
    }
  }
  const flags = [head(['flag', 'node', 'other', 'group', 'value', 'threshold'], ['node', 'other', 'group']), ...c.flags.map((f) => [f.flag, f.node, f.other, f.group, f.value, f.threshold, ...names([f.node, f.other, f.group])])];
  const importance = [head(['node', 'of', 'scope', 'r2', 'importance', 'nominal', 'ratio'], ['node']), ...c.importance.map((x) => [x.node, x.of, x.scope, num(x.r2), num(x.importance), num(x.nominal), num(x.ratio), ...names([x.node])])];
  const removal = [head(['node', 'mean_abs_rank_shift', 'max_rank_shift', 'n', 'removed', 'method', 'note'], ['node']), ...c.removal.map((r) => [r.node, num(r.meanAbsRankShift), num(r.maxRankShift), r.n, r.removed, r.method, r.note ?? '', ...names([r.node])])];
  return { coherence: correlations, 'coherence-groups': groups, 'coherence-flags': flags, 'coherence-importance': importance, removal };
}

/** The printed summary of a coherence audit. */
export function coherenceLines(c: Coherence, p: Prepared, lang: 'zh' | 'en'): string[] {
  const zh = lang === 'zh';
  const byCode = new Map<string, FrameworkNode>(p.inputs.framework.nodes.map((n) => [n.code, n]));
  const name = (code: string): string => `${code} ${nodeName(byCode.get(code)!, lang)}`;
  const sep = zh ? '、' : ', ';
  const f2 = (x: number): string => x.toFixed(2);
  const none = zh ? '无' : 'none';
  const lines = [zh ? `${c.edition}年 统计一致性审查（${c.units.length}个单位，成对完整观测）` : `${c.edition} statistical coherence (${c.units.length} units, pairwise complete observations)`];
  const groups = c.groups.filter((g) => Number.isFinite(g.alpha)).sort((a, b) => a.alpha - b.alpha).slice(0, 3);
  lines.push(`${zh ? '内部一致性 Cronbach α 最低：' : "lowest Cronbach's alpha: "}${groups.map((g) => `${name(g.node)} ${f2(g.alpha)}`).join(sep) || none}`);
  const pcs = c.groups.filter((g) => g.pca).sort((a, b) => a.pca!.share - b.pca!.share).slice(0, 3);
  lines.push(`${zh ? '第一主成分解释方差比例最低：' : 'lowest variance share on the first principal component: '}${pcs.map((g) => `${name(g.node)} ${(100 * g.pca!.share).toFixed(1)}%`).join(sep) || none}`);
  const neg = c.flags.filter((f) => f.flag === 'negative-correlation');
  lines.push(`${zh ? '与上级负相关：' : 'negatively correlated with their parent: '}${neg.map((f) => `${name(f.node)} r = ${f2(f.value)}`).join(sep) || none}`);
  const dup = c.flags.filter((f) => f.flag === 'near-duplicate').sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const shown = dup.slice(0, 5).map((f) => `${f.node}–${f.other} ${f2(f.value)}`).join(sep);
  lines.push(zh ? `同组高度相关（|r| > ${c.duplicateThreshold}）：${dup.length}对${dup.length ? `，如 ${shown}` : ''}` : `near-duplicates within a group (|r| > ${c.duplicateThreshold}): ${dup.length}${dup.length ? `, e.g. ${shown}` : ''}`);
  const gap = c.importance.filter((x) => x.scope === 'parent' && Number.isFinite(x.ratio)).sort((a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio))).slice(0, 3);
  lines.push(`${zh ? '重要性（相关比 r²，归一）与名义权重相差最大：' : 'importance (correlation ratio r², normalised) furthest from the nominal weight: '}${gap.map((x) => `${name(x.node)} ${f2(x.importance)} vs ${f2(x.nominal)}`).join(sep) || none}`);
  const rem = c.removal.filter((r) => Number.isFinite(r.meanAbsRankShift)).sort((a, b) => b.meanAbsRankShift - a.meanAbsRankShift).slice(0, 5);
  lines.push(`${zh ? '删除后总指数排名变化最大（平均绝对位次变化 / 最大）：' : 'largest effect of removal on the ranks of the index (mean absolute rank shift / largest): '}${rem.map((r) => `${name(r.node)} ${f2(r.meanAbsRankShift)}/${r.maxRankShift}`).join(sep) || none}`);
  return lines;
}

/** `ipindex analyse coherence`: the JRC statistical coherence checks of one edition. */
export const coherenceCommand: AnalysisCommand = {
  name: 'coherence',
  description: "statistical coherence of one edition (JRC audit): correlations, Cronbach's alpha, PCA, flags, importance vs weights, rank shifts on removing each node (统计一致性)",
  options: (cmd) =>
    cmd.option('--duplicate-threshold <r>', 'flag siblings correlated above |r| (default 0.92)', (v) => {
      const r = Number(v);
      if (!(r > 0 && r <= 1)) throw new IpIndexError(`--duplicate-threshold must be a number in (0, 1], got "${v}"`);
      return r;
    }),
  run: (p: Prepared, o: AnalyseOptions): AnalysisOutput => {
    const c = coherence(p.plan, p.result, { edition: o.edition, duplicateThreshold: (o.duplicateThreshold as number | undefined) ?? 0.92, groupings: p.inputs.allGroupings });
    return {
      tables: coherenceTables(c, p, o.lang),
      json: { coherence: c },
      lines: coherenceLines(c, p, o.lang),
      manifest: { edition: c.edition, duplicateThreshold: c.duplicateThreshold, pairwise: true },
    };
  },
};
