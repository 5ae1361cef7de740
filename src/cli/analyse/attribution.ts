import { IpIndexError, nodeName, type FrameworkNode } from '../../core/index.ts';
import { attribute, topDrivers, type Attribution } from '../../core/analysis/attribution.ts';
import { attributionLines } from '../../core/analysis/attribution-summary.ts';
import type { AnalysisCommand } from './register.ts';
import type { AnalyseOptions, AnalysisOutput, Prepared } from './common.ts';

const num = (x: number | null): number | string => (x === null || !Number.isFinite(x) ? '' : x);

/** attribution.csv: one row per (edition, unit, node, child or indicator). */
export function attributionTable(a: Attribution, p: Prepared, lang: 'zh' | 'en'): unknown[][] {
  const en = lang === 'en';
  const byCode = new Map<string, FrameworkNode>(p.inputs.framework.nodes.map((n) => [n.code, n]));
  const name = (code: string, l: 'zh' | 'en'): string => (byCode.get(code) ? nodeName(byCode.get(code)!, l) : code);
  const change = new Map(a.changes.map((c) => [`${c.edition}|${c.unit}|${c.node}`, c]));
  const head = ['edition', 'unit', 'node', 'child', 'contribution', 'kind', 'previous_edition', 'score_effect', 'weight_effect', 'weights_changed', 'weight_prev', 'weight', 'score_prev', 'score', 'node_change', 'method', 'unit_name', 'node_name', 'child_name'];
  const rows: unknown[][] = [en ? [...head, 'unit_name_en', 'node_name_en', 'child_name_en'] : head];
  for (const r of a.rows) {
    const c = change.get(`${r.edition}|${r.unit}|${r.node}`)!;
    const row: unknown[] = [r.edition, r.unit, r.node, r.child, r.contribution, r.kind, r.previous, r.scoreEffect, r.weightEffect, r.weightsChanged ? 1 : 0, r.weightPrev, r.weight, num(r.scorePrev), num(r.score), num(c.change), c.method, p.inputs.registry.name(r.unit), name(r.node, 'zh'), name(r.child, 'zh')];
    if (en) row.push(p.inputs.registry.name(r.unit, 'en'), name(r.node, 'en'), name(r.child, 'en'));
    rows.push(row);
  }
  return rows;
}

/**
 * attribution.json: per edition, unit and node its change and the contributions of its children
 * and of its indicators (code → contribution; the weight effects too where weights changed), the
 * top drivers and the notes. Every column of each contribution is in attribution.csv.
 */
function attributionJson(a: Attribution, top: number): unknown {
  const rows = new Map<string, Attribution['rows']>();
  for (const r of a.rows) {
    const k = `${r.edition}|${r.unit}|${r.node}`;
    const list = rows.get(k) ?? [];
    list.push(r);
    rows.set(k, list);
  }
  const map = (list: Attribution['rows'], kind: 'child' | 'indicator', f: (r: Attribution['rows'][number]) => number) => Object.fromEntries(list.filter((r) => r.kind === kind).map((r) => [r.child, f(r)]));
  return {
    framework: a.framework,
    root: a.root,
    pairs: a.pairs,
    methods: a.methods,
    splits: a.changes.map((c) => {
      const list = rows.get(`${c.edition}|${c.unit}|${c.node}`) ?? [];
      const changed = list.some((r) => r.weightsChanged);
      return {
        edition: c.edition,
        previous: c.previous,
        unit: c.unit,
        node: c.node,
        method: c.method,
        family: c.family,
        score_prev: c.scorePrev,
        score: c.score,
        change: c.change,
        weights_changed: c.weightsChanged,
        children: map(list, 'child', (r) => r.contribution),
        indicators: map(list, 'indicator', (r) => r.contribution),
        ...(changed ? { children_weight_effect: map(list, 'child', (r) => r.weightEffect), indicators_weight_effect: map(list, 'indicator', (r) => r.weightEffect) } : {}),
      };
    }),
    drivers: a.pairs.flatMap(([, e]) => topDrivers(a, { edition: e, n: top }).map((d) => ({ edition: d.edition, unit: d.unit, node: d.node, change: d.change, up: d.up.map((x) => ({ child: x.child, contribution: x.contribution })), down: d.down.map((x) => ({ child: x.child, contribution: x.contribution })) }))),
    notes: a.notes,
  };
}

/** `ipindex analyse attribution`: why scores moved. */
export const attributionCommand: AnalysisCommand = {
  name: 'attribution',
  description: 'split each change on the previous edition into the contributions of children and indicators, summing exactly to the change (变化分解)',
  options: (cmd) =>
    cmd
      .option('--all-editions', 'attribute every edition of the run against its previous one (default: only --edition)')
      .option('-n, --node <code>', 'node whose change the printed summary describes (default: the index)')
      .option('--top <n>', 'drivers named up and down per unit', (v) => {
        if (!/^\d+$/.test(v) || Number(v) < 1) throw new IpIndexError(`--top must be a whole number ≥ 1, got "${v}"`);
        return Number(v);
      }),
  run: (p: Prepared, o: AnalyseOptions): AnalysisOutput => {
    const fw = p.inputs.framework;
    if (p.result.editions.length < 2) throw new IpIndexError(`attribution compares an edition with the previous one, but the run has only edition ${p.result.editions[0]}; give an earlier --first-edition`);
    const node = (o.node as string | undefined) ?? fw.root;
    const fnode = fw.nodes.find((n) => n.code === node);
    if (!fnode) throw new IpIndexError(`attribution: --node ${node} is not a node of framework ${fw.id}`);
    if (fnode.kind !== 'aggregate') throw new IpIndexError(`attribution: --node ${node} is an indicator; give an aggregate such as ${fnode.parent}`);
    const top = (o.top as number | undefined) ?? 3;
    const a = attribute(p.plan, p.result, o.allEditions ? {} : { editions: [o.edition] });
    const lines = attributionLines(a, fw, { lang: o.lang, edition: o.edition, node, n: top, decimals: p.inputs.recipe.reporting.decimals, unitName: p.unitName });
    if (a.notes.length) lines.push(o.lang === 'en' ? `${a.notes.length} split(s) could not be made (see notes in attribution.json), e.g. ${a.notes[0]!.message}` : `${a.notes.length} 处未能分解（见 attribution.json 的 notes），如：${a.notes[0]!.message}`);
    return {
      tables: { attribution: attributionTable(a, p, o.lang) },
      json: { attribution: attributionJson(a, top) },
      lines,
      manifest: { pairs: a.pairs, node, top, methods: a.methods },
    };
  },
};
