import type { Command } from 'commander';
import { basename } from 'node:path';
import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { IpIndexError, buildGroupings, parseCsv, parseTidyCsv, toCsv, type Grouping } from '../core/index.ts';
import { coinrToFramework, coinrToObservations, frameworkToCoinr, observationsToCoinr } from '../core/formats/coinr.ts';
import { COINR_STEPS, coinrRecipe, type CoinrStep } from '../core/formats/coinr/recipe.ts';
import { loadFramework, loadRegistry, parseYamlFile, readDataFiles, readText, writeFilesAtomically } from '../io/index.ts';

/** YAML text with `name: {zh, en}` maps and `members` lists in flow style, as in the bundled files. */
function toYaml(value: unknown, comment: string): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      if ((pair.key.value === 'name' && isMap(pair.value)) || (pair.key.value === 'members' && isSeq(pair.value))) pair.value.flow = true;
    },
  });
  doc.commentBefore = comment;
  return doc.toString({ lineWidth: 0 });
}

function parseYearOption(v: string): number {
  if (!/^\d{4}$/.test(v)) throw new IpIndexError(`--year must be a 4-digit year, got "${v}"`);
  return Number(v);
}

/** `--steps denominate,impute,screen,treat` as a list (checked by coinrRecipe). */
function parseSteps(v: string): CoinrStep[] {
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  if (!list.length) throw new IpIndexError(`--steps needs a comma-separated list of ${COINR_STEPS.join(', ')}`);
  coinrRecipe({ frameworkId: 'x', years: [], steps: list as CoinrStep[], denominators: { x: 'y' } });
  return list as CoinrStep[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Options of `ipindex import coinr`. */
export interface ImportCoinrOptions {
  idata: string;
  imeta: string;
  out: string;
  year?: number;
  id?: string;
  /** COINr construction steps to write into recipe.yaml, in COINr's call order (default none). */
  steps?: CoinrStep[];
}

/**
 * Reads COINr iData + iMeta and writes framework.yaml, data.csv, recipe.yaml (which the
 * framework names as its default recipe) and (when the data has unit groups) groupings.yaml
 * into `out`, atomically. Returns the one-line summary and notes.
 */
export function importCoinr(o: ImportCoinrOptions): { summary: string; notes: string[]; files: Record<string, string> } {
  const metaFile = basename(o.imeta);
  const dataFile = basename(o.idata);
  const fw = coinrToFramework(parseCsv(readText(o.imeta)), { file: metaFile, ...(o.id ? { id: o.id } : {}) });
  const data = coinrToObservations(parseCsv(readText(o.idata)), { file: dataFile, meta: fw, ...(o.year !== undefined ? { year: o.year } : {}) });
  const csv = toCsv([['unit', 'year', 'variable', 'value', 'source'], ...data.observations.map((x) => [x.unit, x.year, x.variable, x.value, x.source ?? ''])]);
  // what evaluate will read must parse: check now rather than at evaluation time
  const registry = loadRegistry();
  parseTidyCsv(csv, { file: `${o.out}/data.csv`, registry });
  // the framework names its recipe (relative to the framework file), so evaluate needs no --recipe
  const { variables, nodes, ...head } = fw.raw;
  const files: Record<string, string> = {
    'framework.yaml': toYaml(
      { ...head, recipe: 'recipe.yaml', variables, nodes },
      ` Imported from COINr: ${metaFile} (iMeta) with \`ipindex import coinr\`.\n Levels count down from the index here (COINr counts up from the indicators).\n recipe: the default recipe of this framework (edition = data year); --recipe overrides it.`,
    ),
    'data.csv': csv,
    'recipe.yaml': toYaml(
      coinrRecipe({ frameworkId: fw.raw.id, years: data.years, ...(o.steps ? { steps: o.steps } : {}), denominators: fw.denominators }),
      ` Recipe for ${fw.raw.id}, written by \`ipindex import coinr\`: COINr's defaults${o.steps?.length ? ` with the steps ${o.steps.join(' → ')}` : ' (new_coin → Normalise → Aggregate)'}. See docs/coinr.md.`,
    ),
  };
  if (data.groupings) {
    buildGroupings(data.groupings); // validates the shape
    files['groupings.yaml'] = toYaml({ id: `${fw.raw.id}-groups`, ...data.groupings }, ` Unit groups from the group columns of ${dataFile} (COINr iData).`);
  }
  writeFilesAtomically(o.out, files, []);
  const leaves = fw.framework.nodes.filter((n) => n.kind !== 'aggregate').length;
  const years = data.years.length === 1 ? `year ${data.years[0]}` : `${data.years.length} years (${data.years[0]}–${data.years[data.years.length - 1]})`;
  const summary =
    `imported ${dataFile} + ${metaFile} → ${o.out}/: ${plural(data.units.length, 'unit')}, ${plural(leaves, 'indicator')}` +
    `${fw.framework.variables.length ? ` + ${plural(fw.framework.variables.length, 'denominator')}` : ''}, ${years}, ${plural(data.observations.length, 'row')}` +
    `${data.groupings ? `, ${plural(data.groupings.groupings.length, 'grouping')}` : ''}`;
  return { summary, notes: [...fw.notes, ...data.notes], files };
}

/** Options of `ipindex export coinr`. */
export interface ExportCoinrOptions {
  framework: string;
  data: string[];
  out: string;
  groupings?: string;
}

/** Writes a framework and tidy data as COINr iMeta.csv and iData.csv into `out`, atomically. */
export function exportCoinr(o: ExportCoinrOptions): { summary: string; notes: string[]; files: Record<string, string> } {
  const registry = loadRegistry();
  const { framework } = loadFramework(o.framework);
  const { observations } = readDataFiles(o.data, registry);
  // groupings are read without the province registry: COINr unit codes (AUT, CHN…) are not provinces;
  // a YAML error, an unresolved alias or an alias bomb is an error naming the file (exit 1)
  const groupings: Grouping[] = o.groupings ? buildGroupings(parseYamlFile(readText(o.groupings), o.groupings, 'Groupings'), undefined, o.groupings) : [];
  const notes: string[] = [];
  const iMeta = frameworkToCoinr(framework, { groupings });
  const iData = observationsToCoinr(framework, observations, groupings, { unitNames: (c) => registry.name(c, 'en'), warn: (m) => notes.push(m) });
  const files = { 'iMeta.csv': toCsv(iMeta), 'iData.csv': toCsv(iData) };
  writeFilesAtomically(o.out, files, []);
  const units = new Set(iData.slice(1).map((r) => r[1])).size;
  const summary = `exported ${framework.id} → ${o.out}/iMeta.csv (${plural(iMeta.length - 1, 'row')}) and iData.csv (${plural(units, 'unit')}, ${plural(iData.length - 1, 'unit-year row')}, ${plural(iData[0]!.length - 3 - groupings.length, 'column')} of values)`;
  return { summary, notes, files };
}

/** Adds `ipindex import coinr` and `ipindex export coinr`. */
export function registerCoinrCommands(program: Command): void {
  const group = (name: string, description: string): Command => program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
  const printNotes = (notes: string[]): void => {
    for (const n of notes) process.stderr.write(`ipindex: note: ${n}\n`);
  };

  group('import', 'convert data and frameworks from other tools')
    .command('coinr')
    .description('convert COINr iData + iMeta tables to framework.yaml, data.csv (tidy) and groupings.yaml')
    .requiredOption('--idata <file>', 'COINr iData CSV (uName, uCode, group columns, Time, one column per iCode)')
    .requiredOption('--imeta <file>', 'COINr iMeta CSV (Level, iCode, iName, Direction, Weight, Unit, Target, Denominator, Parent, Type)')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--year <year>', 'data year when iData has no Time column', parseYearOption)
    .option('--id <frameworkId>', 'framework id (default: from the iMeta file name)')
    .option('--steps <list>', `COINr steps before Normalise and Aggregate for recipe.yaml, comma-separated in COINr's order (${COINR_STEPS.join(', ')})`, parseSteps)
    .action((o) => {
      const r = importCoinr({ idata: o.idata, imeta: o.imeta, out: o.out, year: o.year, id: o.id, ...(o.steps ? { steps: o.steps } : {}) });
      process.stdout.write(r.summary + '\n');
      printNotes(r.notes);
    });

  group('export', 'convert frameworks and data to other tools’ formats')
    .command('coinr')
    .description('write a framework and tidy data as COINr iMeta.csv and iData.csv')
    .requiredOption('-f, --framework <file|name>', 'framework file or built-in name')
    .requiredOption('-d, --data <files...>', 'tidy data files (CSV/JSON)')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('-g, --groupings <file>', 'groupings file: each grouping becomes a group column')
    .action((o) => {
      const r = exportCoinr({ framework: o.framework, data: o.data, out: o.out, groupings: o.groupings });
      process.stdout.write(r.summary + '\n');
      printNotes(r.notes);
    });
}
