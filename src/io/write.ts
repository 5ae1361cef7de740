import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { IpIndexError, toCsv, type EvaluationResult, type Framework, type GroupStat, type Grouping, type Observation, type UnitRegistry } from '../core/index.ts';
import { ROOT } from './paths.ts';

const num = (v: number | undefined): number | string => (v === undefined || !Number.isFinite(v) ? '' : v);

/** Options of the output tables. */
export interface TableOptions {
  /**
   * `en` adds English name columns (`unit_name_en`, `node_name_en`, `indicator_name_en`,
   * `group_name_en`) after the others, from the framework and the unit registry (the Chinese
   * name where there is no English one); the Chinese `*_name` columns stay. Default `zh`: the
   * Chinese columns only.
   */
  lang?: 'zh' | 'en';
}

const enName = (n: { name: { zh: string; en?: string } } | undefined, fallback: string): string => n?.name.en ?? n?.name.zh ?? fallback;

/** scores.csv rows: every node, unit and edition of a run. */
export function scoresTable(res: EvaluationResult, fw: Framework, registry: UnitRegistry, options: TableOptions = {}): unknown[][] {
  const en = options.lang === 'en';
  const U = res.units.length;
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const rows: unknown[][] = [['edition', 'unit', 'node', 'score', 'rank', 'unit_name', 'node_name', 'level', 'flag', ...(en ? ['unit_name_en', 'node_name_en'] : [])]];
  res.editions.forEach((edition, e) => {
    for (const node of res.nodes) {
      const n = byCode.get(node)!;
      for (let u = 0; u < U; u++) {
        const k = e * U + u;
        const row = [edition, res.units[u], node, num(res.scores[node]![k]), num(res.ranks[node]![k]), registry.name(res.units[u]!), n.name.zh, n.level, res.flags[node]?.[k] ?? ''];
        if (en) row.push(registry.name(res.units[u]!, 'en'), enName(n, node));
        rows.push(row);
      }
    }
  });
  return rows;
}

/** indicators.csv rows: the value each indicator score was computed from, with its provenance. */
export function indicatorsTable(res: EvaluationResult, fw: Framework, registry: UnitRegistry, lookup: (unit: string, variable: string, year: number) => Observation | undefined, options: TableOptions = {}): unknown[][] {
  const en = options.lang === 'en';
  const U = res.units.length;
  const rows: unknown[][] = [['edition', 'data_year', 'unit', 'indicator', 'value', 'measure', 'normalised', 'flag', 'source', 'unit_name', 'indicator_name', ...(en ? ['unit_name_en', 'indicator_name_en'] : [])]];
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate');
  res.editions.forEach((edition, e) => {
    const year = res.dataYears[e]!;
    for (const n of leaves) {
      for (let u = 0; u < U; u++) {
        const k = e * U + u;
        const flag = res.flags[n.code]?.[k];
        const fromYear = flag?.startsWith('carried-forward:') ? Number(flag.split(':')[1]) : year;
        const source = n.kind === 'derived' ? `derived: ${n.formula}` : (lookup(res.units[u]!, n.code, fromYear)?.source ?? '');
        const row = [edition, year, res.units[u], n.code, num(res.values[n.code]![k]), n.unit ?? '', num(res.scores[n.code]![k]), flag ?? '', source, registry.name(res.units[u]!), n.name.zh];
        if (en) row.push(registry.name(res.units[u]!, 'en'), enName(n, n.code));
        rows.push(row);
      }
    }
  });
  return rows;
}

/** Options of {@link groupsTable}. */
export interface GroupsTableOptions extends TableOptions {
  /** Name of the implicit group of all units (default 全国 / All provinces). */
  allName?: { zh: string; en: string };
  /**
   * Write a change that is floating-point noise (|change| ≤ 1e-9 × max(1, |mean|), e.g.
   * 1.4e-14 where every member's score is unchanged) as 0 (default false: full precision).
   */
  zeroNoise?: boolean;
}

/** The change, or 0 where it is rounding noise of a difference of two equal means. */
export function cleanChange(change: number, level: number): number {
  return Number.isFinite(change) && Math.abs(change) <= 1e-9 * Math.max(1, Math.abs(level)) ? 0 : change;
}

/** groups.csv rows. */
export function groupsTable(stats: GroupStat[], fw: Framework, groupings: Grouping[], threshold: number, options: GroupsTableOptions = {}): unknown[][] {
  const en = options.lang === 'en';
  const all = options.allName ?? { zh: '全国', en: 'All provinces' };
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const gname = new Map<string, { zh: string; en?: string }>([['all|ALL', all]]);
  for (const g of groupings) for (const gr of g.groups) gname.set(`${g.id}|${gr.code}`, gr.name);
  const ch = (v: number, level: number): number | string => num(options.zeroNoise ? cleanChange(v, level) : v);
  const rows: unknown[][] = [['edition', 'grouping', 'group', 'group_name', 'node', 'node_name', 'members', 'mean', 'median', 'above_mean', `at_least_${threshold}`, 'mean_change', 'median_change', ...(en ? ['group_name_en', 'node_name_en'] : [])]];
  for (const s of stats) {
    const gn = gname.get(`${s.grouping}|${s.group}`);
    const row = [s.edition, s.grouping, s.group, gn?.zh ?? s.group, s.node, byCode.get(s.node)?.name.zh ?? s.node, s.members, num(s.mean), num(s.median), s.aboveMean, s.atLeastThreshold, ch(s.meanChange, s.mean), ch(s.medianChange, s.median)];
    if (en) row.push(gn?.en ?? gn?.zh ?? s.group, enName(byCode.get(s.node), s.node));
    rows.push(row);
  }
  return rows;
}

/** The software version from package.json. */
export function softwareVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Files an evaluation writes; a rerun into the same folder removes those it does not rewrite. */
export const OUTPUT_FILES = ['scores.csv', 'indicators.csv', 'groups.csv', 'summary.zh.txt', 'summary.en.txt', 'manifest.json', 'SAMPLE-DATA.txt'];

/**
 * Writes a set of files into a folder. Everything is written to a sibling temporary folder first;
 * only when all files are written are they moved into place, and files of a previous run that this
 * run does not produce (`owned`) are removed, so a folder never mixes two runs (a sample-data
 * notice from an earlier run cannot label a later one). Other files in the folder are kept.
 * @throws IpIndexError naming the folder when it cannot be written
 */
export function writeFilesAtomically(dir: string, files: Record<string, string>, owned: string[] = OUTPUT_FILES): void {
  const target = resolve(dir);
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    if (existsSync(target) && !statSync(target).isDirectory()) throw new IpIndexError(`Output folder ${dir} is an existing file; choose a folder`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(tmp, name)), { recursive: true });
      writeFileSync(join(tmp, name), content);
    }
    mkdirSync(target, { recursive: true });
    for (const name of owned) if (!(name in files)) rmSync(join(target, name), { force: true });
    for (const name of Object.keys(files)) {
      mkdirSync(dirname(join(target, name)), { recursive: true });
      renameSync(join(tmp, name), join(target, name));
    }
  } catch (e) {
    if (e instanceof IpIndexError) throw e;
    throw new IpIndexError(`Cannot write ${dir}: ${(e as Error).message}`);
  } finally {
    if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
  }
}

export { toCsv };
