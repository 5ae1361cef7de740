import { relative } from 'node:path';
import {
  Panel,
  evaluate,
  groupStats,
  summarise,
  toCsv,
  IpIndexError,
  type EvaluationResult,
  type Framework,
  type GroupStat,
  type Grouping,
  type ResolvedRecipe,
} from '../core/index.ts';
import {
  DEFAULT_GROUPINGS,
  ROOT,
  groupsTable,
  indicatorsTable,
  loadFramework,
  loadGroupings,
  loadRecipe,
  loadRegistry,
  readDataFiles,
  scoresTable,
  sha256File,
  softwareVersion,
  writeFilesAtomically,
  type DataFileInfo,
} from '../io/index.ts';

/** Options of one evaluation run from files. */
export interface EvaluateFilesOptions {
  framework: string;
  data: string[];
  edition: number;
  recipe?: string;
  firstEdition?: number;
  groupings?: string | false;
  out?: string;
  lang?: 'zh' | 'en';
}

/** What a run produced. */
export interface EvaluateFilesResult {
  result: EvaluationResult;
  framework: Framework;
  recipe: ResolvedRecipe;
  stats: GroupStat[];
  groupings: Grouping[];
  summary: { zh: string[]; en: string[] };
  sampleData: boolean;
  manifest: Record<string, unknown>;
  files: Record<string, string>;
}

const DEFAULT_RECIPE: Record<string, string> = { 'cnipa-regional': 'cnipa-regional', 'cnipa-national': 'cnipa-national' };

/** Reads the inputs, evaluates, and (with `out`) writes scores.csv, groups.csv, indicators.csv, summaries and manifest.json. */
export function evaluateFiles(opts: EvaluateFilesOptions): EvaluateFilesResult {
  const registry = loadRegistry();
  const { framework, file: fwFile } = loadFramework(opts.framework);
  const recipeArg = opts.recipe ?? DEFAULT_RECIPE[framework.id];
  if (!recipeArg) throw new IpIndexError(`Framework ${framework.id} has no default recipe: pass --recipe <file | cnipa-regional | cnipa-national>`);
  const { recipe, file: recipeFile } = loadRecipe(recipeArg, framework);
  if (!opts.data.length) throw new IpIndexError('No data: pass --data <file…> (CSV or JSON with columns unit,year,variable,value)');
  const { observations, files } = readDataFiles(opts.data, registry);
  const panel = new Panel(observations);
  const allGroupings = opts.groupings === false ? [] : loadGroupings(opts.groupings ?? DEFAULT_GROUPINGS, registry);
  const result = evaluate(framework, panel, recipe, { edition: opts.edition, groupings: allGroupings, ...(opts.firstEdition ? { firstEdition: opts.firstEdition } : {}) });
  const multi = result.units.length > 1;
  // only groupings with members in this run are reported
  const groupings = multi ? allGroupings.filter((g) => g.groups.some((gr) => gr.members.some((m) => result.units.includes(m)))) : [];
  const stats = multi ? groupStats(result, groupings) : [];
  const unitName = (lang: 'zh' | 'en') => (c: string) => registry.name(c, lang);
  const sampleData = observations.some((o) => o.source === 'sample' || /sample/i.test(o.note ?? ''));
  const label = {
    zh: sampleData ? '【样本数据】以下结果由随附的样本数据计算，仅用于演示，不是官方统计或评价结果。' : '',
    en: sampleData ? '[SAMPLE DATA] Computed from the bundled sample data for demonstration; not official statistics or results.' : '',
  };
  const summary = {
    zh: [...(label.zh ? [label.zh] : []), ...summarise(result, framework, { lang: 'zh', unitName: unitName('zh'), groupings, stats })],
    en: [...(label.en ? [label.en] : []), ...summarise(result, framework, { lang: 'en', unitName: unitName('en'), groupings, stats })],
  };
  const rel = (f: string): string => relative(ROOT, f).startsWith('..') ? f : relative(ROOT, f);
  const manifest = {
    software: { name: 'ipindex', version: softwareVersion(), node: process.version },
    createdAt: new Date().toISOString(),
    sampleData,
    framework: { id: framework.id, version: framework.version, file: rel(fwFile), sha256: sha256File(fwFile) },
    recipe: { ...(recipeFile ? { file: rel(recipeFile), sha256: sha256File(recipeFile) } : { builtin: recipeArg }), spec: recipe },
    data: files.map((f: DataFileInfo) => ({ ...f, file: rel(f.file) })),
    firstEdition: result.firstEdition,
    baseEdition: result.baseEdition,
    editions: result.editions,
    dataYears: result.dataYears,
    units: result.units.length,
    nodes: result.nodes.length,
    bounds: result.bounds,
    weights: result.weights,
    warnings: result.warnings,
  };
  const lookup = (unit: string, variable: string, year: number) => panel.get(unit, variable, year);
  // CSV with a UTF-8 byte-order mark, so that Excel shows the Chinese names correctly
  const BOM = '\ufeff';
  const out: Record<string, string> = {
    'scores.csv': BOM + toCsv(scoresTable(result, framework, registry)),
    'indicators.csv': BOM + toCsv(indicatorsTable(result, framework, registry, lookup)),
    'summary.zh.txt': summary.zh.join('\n') + '\n',
    'summary.en.txt': summary.en.join('\n') + '\n',
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
  };
  if (sampleData) out['SAMPLE-DATA.txt'] = `${label.zh}\n${label.en}\n数据说明 / about the data: data/sample/README.md\n`;
  if (multi) out['groups.csv'] = BOM + toCsv(groupsTable(stats, framework, groupings, recipe.reporting.threshold));
  if (opts.out) writeFilesAtomically(opts.out, out);
  return { result, framework, recipe, stats, groupings, summary, sampleData, manifest, files: out };
}
