/**
 * Generates the bundled SAMPLE data set: data/sample/regional.csv and data/sample/national.csv.
 *
 *   npm run sample              # writes both files
 *   npm run sample -- --verbose # also prints the calibration diagnostics
 *
 * Everything here is SAMPLE data (source=sample) except the national figures that the seed report
 * prints (source=seed:<line>, taken from data/sample/seed-figures.json). See data/sample/README.md.
 *
 * Deterministic: every random draw is a keyed standard normal, z("R18|440000|2021"), computed from a
 * fixed seed with mulberry32. Draws do not depend on call order, so adding an indicator does not
 * change the others. No Date, no Math.random: running twice gives byte-identical files.
 *
 * The indicator lists come from the framework files (frameworks/cnipa-*.yaml): the generator writes
 * every `kind: raw` node and every `variables:` entry, never a `kind: derived` node. The tables
 * NAT and REG below only hold calibration parameters per code; a raw code without an entry gets a
 * generic model chosen by its unit (and a warning), so an edited framework still gets data.
 *
 * National calibration (base-year ratio method, 2020 data = 100; edition E uses data year E−1):
 * every indicator scores 100·x_t/x_2020 (100·x_2020/x_t when direction is −), a sub-index is the
 * weighted mean of its indicators' scores. Indicators pinned to seed figures ("anchored") keep their
 * values; the others ("free") absorb the rest of the published sub-index score, each along its own
 * path s_i,t = 100 + a_i·D_t·(1+ε_i,t) where D_t is solved per sub-index and year. A final
 * integer search on the rounded values brings each sub-index mean within 0.002 of its target.
 *
 * Layout: scripts/sample/random.ts (keyed draws), format.ts (rounding), inputs.ts (frameworks, seed
 * figures, provinces: read through src/io and the core), national.ts (targets, specs, solver),
 * regional-specs.ts and regional.ts (calibration and engine); this file writes the two CSV files
 * with the core's CSV writer and reads them back with its tidy-data parser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseTidyCsv, toCsv as csvText } from '../src/core/index.ts';
import { fmt } from './sample/format.ts';
import { BASE_YEAR, NAT_YEARS, PROVS, P_INDEX, REG_YEARS, at, loadFramework, topGroup } from './sample/inputs.ts';
import { PUBLISHED_TOTALS, nationalSpecs, solveNational } from './sample/national.ts';
import { GAPS_2024, REG } from './sample/regional-specs.ts';
import { reg, setNational } from './sample/regional.ts';
import { calibrateRegional } from './sample/regional-calibrate.ts';
import { regionalTargets } from './sample/regional-targets.ts';

// ================================================================================== 10. output
interface Row {
  unit: string;
  year: number;
  variable: string;
  value: string;
  flag: string;
  source: string;
  note: string;
}
/** The tidy CSV of the rows, written by the core's CSV writer. */
const toCsv = (rows: Row[]): string => csvText([['unit', 'year', 'variable', 'value', 'flag', 'source', 'note'], ...rows.map((r) => [r.unit, r.year, r.variable, r.value, r.flag, r.source, r.note])]);

/** Writes a data file after reading it back with the core's tidy-data parser, which must accept every row. */
function writeChecked(rel: string, rows: Row[]): void {
  const text = toCsv(rows);
  const read = parseTidyCsv(text, { file: rel });
  if (read.length !== rows.length) throw new Error(`${rel}: the core reads ${read.length} observations back from ${rows.length} rows`);
  writeFileSync(at(rel), text);
}

function main(): void {
  const natFw = loadFramework('frameworks/cnipa-national-2025.yaml');
  const regFw = loadFramework('frameworks/cnipa-regional-2025.yaml');

  // ---- national
  const { cells, targets } = solveNational(natFw);
  setNational(cells);
  const natRows: Row[] = [];
  const natRaw = natFw.nodes.filter((n) => n.kind === 'raw');
  const natSpecs = nationalSpecs();
  for (const n of natRaw) {
    const dec = natSpecs[n.code]?.dec ?? 2;
    for (const t of NAT_YEARS) {
      const c = cells.get(n.code)!.get(t)!;
      natRows.push({ unit: 'CN', year: t, variable: n.code, value: fmt(c.v, dec), flag: c.flag ?? '', source: c.source ?? 'sample', note: c.note ?? '' });
    }
  }

  // ---- regional: every variable, then every raw node, in framework order
  const codes = [...(regFw.variables ?? []).map((v) => v.code), ...regFw.nodes.filter((n) => n.kind === 'raw').map((n) => n.code)];
  for (const c of codes) {
    if (!REG[c]) {
      const unit = regFw.nodes.find((n) => n.code === c)?.unit ?? '';
      console.error(`warning: no regional calibration for ${c} (${unit}); using a generic model`);
      REG[c] = unit === '%' || unit === '分'
        ? { type: 'rate', dec: 2, rate: { mean: () => 60, spread: 8, min: 0, max: 100, inn: 0.5 } }
        : { type: 'count', dec: 0, share: { g: 1, i: 1 }, total: { anchors: { 2024: 10000 }, growth: 0.08 } };
    }
  }
  const gaps = new Set(GAPS_2024.map(([s, c]) => `${PROVS[P_INDEX.get(s)!]!.code}|${c}`));
  // calibration (experimental, `--calibrate`): the base series of the share model scaled so that
  // the cnipa-regional recipe gives the target pillar scores of scripts/sample/regional-targets.ts
  // (see regional-calibrate.ts and data/sample/README.md). Without it, the share model's values.
  let rv = (c: string, k: number, t: number): number => reg(c)[k]![REG_YEARS.indexOf(t)]!;
  if (process.argv.includes('--calibrate')) {
    const cal = calibrateRegional({
      fw: regFw, base: (c) => reg(c), spec: (c) => REG[c]!, targets: regionalTargets(),
      gaps: new Set(GAPS_2024.map(([s, c]) => `${P_INDEX.get(s)!}|${c}`)), alias: { TM_VALID: 'R24' },
    });
    const worst = Object.entries(cal.maxError).map(([e, x]) => `${e} ${x.toFixed(4)}`).join(', ');
    console.log(`regional calibration: largest |pillar score − target| by edition: ${worst}; ${cal.misses.length} pillar targets missed by more than 2e-5`);
    for (const m of cal.misses.filter((x) => Math.abs(x.error) > 0.005)) console.log(`  ${m.edition} ${m.unit} ${m.pillar} short by ${m.error.toFixed(3)}`);
    if (cal.moved.length) console.log(`  pooled bounds that differ from the calibration's: ${cal.moved.join(', ')}`);
    rv = (c, k, t) => cal.values.get(c)![k]![REG_YEARS.indexOf(t)]!;
  }
  const regRows: Row[] = [];
  PROVS.forEach((p, k) => {
    for (const c of codes) {
      const spec = REG[c]!;
      for (const t of REG_YEARS) {
        if (t === 2024 && gaps.has(`${p.code}|${c}`)) continue;
        const carriedRow = spec.carry2024 && t === 2024;
        regRows.push({
          unit: p.code, year: t, variable: c, value: fmt(rv(c, k, t), spec.dec),
          flag: carriedRow ? 'carried-forward:2023' : '', source: 'sample',
          note: carriedRow ? '2024 value not yet published; 2023 value' : (spec.note ?? ''),
        });
      }
    }
  });

  // ---- write
  mkdirSync(at('data/sample'), { recursive: true });
  // Values the report only has for 2023 get no 2024 row: the engine carries the 2023 value
  // forward and flags it (the appendix's rule), so the data file holds only what was observed.
  const observed = (r: Row): boolean => !String(r.flag ?? '').startsWith('carried-forward');
  writeChecked('data/sample/national.csv', natRows.filter(observed));
  writeChecked('data/sample/regional.csv', regRows.filter(observed));

  // ---- checks printed every run: national calibration by edition
  const groups = natFw.nodes.filter((n) => n.parent && !natFw.nodes.find((m) => m.code === n.parent)?.parent);
  const score = (code: string, dir: number, t: number): number => {
    const x = cells.get(code)!.get(t)!.v;
    const b = cells.get(code)!.get(BASE_YEAR)!.v;
    return dir > 0 ? (100 * x) / b : (100 * b) / x;
  };
  console.log(`national.csv: ${natRows.length} rows; regional.csv: ${regRows.length} rows`);
  console.log('edition (data year)  ' + groups.map((g) => g.code).join('      ') + '      total  published');
  for (const t of NAT_YEARS) {
    let tot = 0;
    let W = 0;
    const subs = groups.map((g) => {
      const inds = natRaw.filter((n) => topGroup(natFw, n.code) === g.code);
      const w = inds.reduce((s, n) => s + n.weight, 0);
      const m = inds.reduce((s, n) => s + n.weight * score(n.code, n.direction, t), 0) / w;
      const err = Math.abs(m - targets[g.code]![t]!);
      if (err > 0.002) throw new Error(`calibration failed: ${g.code} ${t} = ${m} vs ${targets[g.code]![t]}`);
      tot += m * w;
      W += w;
      return m.toFixed(3);
    });
    console.log(`${t + 1} (${t})          ${subs.join('  ')}  ${(tot / W).toFixed(3)}  ${PUBLISHED_TOTALS[t]?.toFixed(1) ?? '100 (base)'}`);
    if (PUBLISHED_TOTALS[t] !== undefined && (tot / W).toFixed(1) !== PUBLISHED_TOTALS[t]!.toFixed(1)) {
      throw new Error(`calibration failed: total ${t} = ${tot / W}, published ${PUBLISHED_TOTALS[t]}`);
    }
  }
}

main();
