import { IpIndexError, nodeName, toCsv, type CellChange, type Changes, type EvaluationResult } from '../core/index.ts';
import { isSampleData, SAMPLE_LABEL } from '../core/analysis/sample-label.ts';
import { compileRun, readRunInputs, type EvaluateFilesOptions } from './evaluate.ts';
import { writeFileAtomically } from '../io/write.ts';

/** Options of {@link whatIf}. */
export interface WhatIfOptions extends Pick<EvaluateFilesOptions, 'framework' | 'data' | 'edition' | 'recipe' | 'firstEdition' | 'groupings'> {
  /** `CODE=weight`: a node's weight relative to its siblings. */
  weight?: string[];
  /** `CODE:UNIT:YEAR=value` (YEAR the data year; value `NA` for missing). */
  value?: string[];
  /** `CODE=low,high`: normalisation bounds of an indicator. */
  bounds?: string[];
  /** Node to compare (default: the index). */
  node?: string;
  /** Write the comparison as CSV here. */
  csv?: string;
  lang?: 'zh' | 'en';
}

/** One unit's score and rank before and after. */
export interface WhatIfRow {
  unit: string;
  name: string;
  before: { score: number | null; rank: number | null };
  after: { score: number | null; rank: number | null };
}

const bad = (flag: string, spec: string, expected: string): never => {
  throw new IpIndexError(`${flag} ${spec}: expected ${expected}`);
};

function parseNumber(flag: string, spec: string, s: string): number {
  const v = Number(s.trim());
  if (s.trim() === '' || !Number.isFinite(v)) bad(flag, spec, `a number after "=", got "${s}"`);
  return v;
}

/** Parses the command line's changes, resolving unit names with the registry. */
export function parseChanges(o: Pick<WhatIfOptions, 'weight' | 'value' | 'bounds'>, resolveUnit: (s: string) => string | undefined): Changes {
  const weights: Record<string, number> = {};
  for (const spec of o.weight ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(spec);
    if (!m) bad('--weight', spec, 'CODE=weight, e.g. P1=0.3');
    weights[m![1]!.trim()] = parseNumber('--weight', spec, m![2]!);
  }
  const values: CellChange[] = [];
  for (const spec of o.value ?? []) {
    const m = /^([^:=]+):([^:=]+):(\d{4})=(.+)$/.exec(spec);
    if (!m) bad('--value', spec, 'CODE:UNIT:YEAR=value with YEAR the data year, e.g. R18:广东:2024=123456 (value NA for missing)');
    const unit = resolveUnit(m![2]!.trim());
    if (!unit) bad('--value', spec, `a known unit (a 6-digit code, a province name or CN), got "${m![2]}"`);
    const v = m![4]!.trim();
    values.push({ code: m![1]!.trim(), unit: unit!, year: Number(m![3]), value: /^(na|null)$/i.test(v) ? null : parseNumber('--value', spec, v) });
  }
  const bounds: Record<string, [number, number]> = {};
  for (const spec of o.bounds ?? []) {
    const m = /^([^=]+)=([^,]+),(.+)$/.exec(spec);
    if (!m) bad('--bounds', spec, 'CODE=low,high, e.g. R01=0,5000');
    bounds[m![1]!.trim()] = [parseNumber('--bounds', spec, m![2]!), parseNumber('--bounds', spec, m![3]!)];
  }
  return { ...(Object.keys(weights).length ? { weights } : {}), ...(values.length ? { values } : {}), ...(Object.keys(bounds).length ? { bounds } : {}) };
}

/**
 * What if: evaluates once, re-runs the compiled plan with changed weights, values or bounds, and
 * compares one node's scores and ranks in one edition, unit by unit (sorted by the new rank).
 * @throws IpIndexError for a change that does not parse or does not fit the run
 */
export function whatIf(o: WhatIfOptions): { rows: WhatIfRow[]; lines: string[]; before: EvaluationResult; after: EvaluationResult } {
  const lang = o.lang ?? 'zh';
  const inp = readRunInputs(o);
  const plan = compileRun(inp, { edition: o.edition, ...(o.firstEdition ? { firstEdition: o.firstEdition } : {}) });
  const changes = parseChanges(o, (s) => inp.registry.resolve(s)?.code ?? (plan.units.includes(s) ? s : undefined));
  if (!changes.weights && !changes.values && !changes.bounds) throw new IpIndexError('whatif: nothing to change; give --weight CODE=w, --value CODE:UNIT:YEAR=x or --bounds CODE=low,high');
  const node = o.node ?? inp.framework.root;
  const fnode = inp.framework.nodes.find((n) => n.code === node);
  if (!fnode) throw new IpIndexError(`whatif: --node ${node} is not a node of framework ${inp.framework.id}`);
  const before = plan.run();
  const after = plan.rerun(changes);
  const e = before.editions.indexOf(o.edition);
  const U = before.units.length;
  const num = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);
  const rows: WhatIfRow[] = before.units.map((unit, u) => ({
    unit,
    name: inp.registry.name(unit, lang),
    before: { score: num(before.scores[node]![e * U + u]), rank: num(before.ranks[node]![e * U + u]) },
    after: { score: num(after.scores[node]![e * U + u]), rank: num(after.ranks[node]![e * U + u]) },
  }));
  rows.sort((a, b) => (a.after.rank ?? Infinity) - (b.after.rank ?? Infinity) || a.unit.localeCompare(b.unit));
  const d = inp.recipe.reporting.decimals;
  const f = (x: number | null): string => (x === null ? '—' : x.toFixed(d));
  const moved = rows.filter((r) => r.before.rank !== r.after.rank);
  const zh = lang === 'zh';
  const lines = [
    ...(isSampleData(inp.observations) ? [SAMPLE_LABEL[lang]] : []),
    zh
      ? `${o.edition}年 ${nodeName(fnode, 'zh')}（${node}）：假设变化后，${moved.length}个单位排名变化。`
      : `${o.edition} ${nodeName(fnode, 'en')} (${node}): with the changes, ${moved.length} unit${moved.length === 1 ? '' : 's'} change rank.`,
    zh ? '单位\t原得分\t新得分\t变化\t原排名\t新排名' : 'unit\tscore\tnew score\tchange\trank\tnew rank',
    ...rows.map((r) => {
      const ch = r.before.score === null || r.after.score === null ? null : r.after.score - r.before.score;
      const shift = r.before.rank !== null && r.after.rank !== null && r.before.rank !== r.after.rank ? ` (${r.before.rank > r.after.rank ? '↑' : '↓'}${Math.abs(r.before.rank - r.after.rank)})` : '';
      return `${r.name}\t${f(r.before.score)}\t${f(r.after.score)}\t${ch === null ? '—' : `${ch > 0 ? '+' : ''}${Math.abs(ch) < 0.5 * 10 ** -d ? (0).toFixed(d) : ch.toFixed(d)}`}\t${r.before.rank ?? '—'}\t${r.after.rank ?? '—'}${shift}`;
    }),
  ];
  if (o.csv) {
    const table: unknown[][] = [['unit', 'unit_name', 'node', 'edition', 'score', 'new_score', 'rank', 'new_rank'], ...rows.map((r) => [r.unit, r.name, node, o.edition, r.before.score ?? '', r.after.score ?? '', r.before.rank ?? '', r.after.rank ?? ''])];
    writeFileAtomically(o.csv, '\ufeff' + toCsv(table));
  }
  return { rows, lines, before, after };
}
