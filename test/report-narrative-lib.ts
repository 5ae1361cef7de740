/**
 * Helpers of the narrative tests: runs from data files through the CLI's own evaluation (so the
 * numbers checked are those scores.csv holds), variants of the sample data (every score falls,
 * nothing changes, two provinces tie), and an independent checker that parses every number out of
 * a paragraph and finds it in values computed here from scores.csv, the groupings file and the raw
 * data — never from the paragraph's facts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { evaluateFiles } from '../src/cli/evaluate.ts';
import { loadRegistry } from '../src/io/read.ts';
import { Panel, parseTidyCsv } from '../src/core/index.ts';
import type { ParagraphBlock, ReportDocument } from '../src/core/report-model/document.ts';
import type { ReportRun } from '../src/core/report-model/build.ts';

export const ROOT = new URL('..', import.meta.url).pathname;
const registry = loadRegistry();
/** Unit names as the CLI shows them. */
export const unitName = (c: string, lang: 'zh' | 'en'): string => registry.name(c, lang);

/** A run through `evaluateFiles` (the CLI's evaluate), with what the report needs and the CSV it writes. */
export interface TestRun {
  run: ReportRun;
  scoresCsv: string;
  dataCsv: string;
  frameworkFile: string;
}

/** Evaluates a framework on a data file, as `ipindex evaluate` does. */
export function evaluateRun(framework: 'cnipa-national' | 'cnipa-regional', dataFile: string, edition = 2025): TestRun {
  const r = evaluateFiles({ framework, data: [dataFile], edition });
  const dataCsv = readFileSync(dataFile, 'utf8');
  return {
    run: { framework: r.framework, result: r.result, groupings: r.groupings, stats: r.stats, panel: new Panel(parseTidyCsv(dataCsv)), sampleData: r.sampleData, manifest: r.manifest },
    scoresCsv: r.files['scores.csv']!,
    dataCsv,
    frameworkFile: join(ROOT, `frameworks/${framework}-2025.yaml`),
  };
}

const made: string[] = [];
/** Removes the folders {@link variant} made. */
export function removeVariants(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A variant of a data file: each row `[unit, year, variable, value]` mapped (null drops it); written to a temporary file. */
export function variant(file: string, map: (row: { unit: string; year: number; variable: string; value: string }) => string | null, extra: string[] = []): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = [lines[0]!];
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const cells = line.split(',');
    const v = map({ unit: cells[0]!, year: Number(cells[1]), variable: cells[2]!, value: cells[3]! });
    if (v === null) continue;
    cells[3] = v;
    out.push(cells.join(','));
  }
  out.push(...extra);
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-narrative-'));
  made.push(dir);
  const f = join(dir, 'data.csv');
  writeFileSync(f, out.join('\n') + '\n');
  return f;
}

/** The rows of a CSV with a header (no quoted fields in the files read here). */
function rows(csv: string): Record<string, string>[] {
  const lines = csv.replace(/^\ufeff/, '').split('\n').filter(Boolean);
  const head = lines[0]!.split(',');
  return lines.slice(1).map((l) => {
    const c = l.split(',');
    return Object.fromEntries(head.map((h, i) => [h, c[i] ?? '']));
  });
}

const meanOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Values of the run computed here, by fact reference, from scores.csv, the groupings file, the
 * framework file (targets) and the raw data — restating what each reference means.
 */
export class Independent {
  private readonly score = new Map<string, number>();
  private readonly units: string[];
  private readonly editions: number[];
  private readonly members = new Map<string, string[]>();
  private readonly groupCount = new Map<string, number>();
  private readonly raw = new Map<string, number>();
  private readonly targets: { code: string; value: number; year: number; kind: string }[] = [];

  /** `runs`: the runs a document describes (a national and a regional one); `threshold` and `decimals` of the cross-section. */
  constructor(runs: TestRun[], private readonly threshold: number, private readonly decimals: number) {
    const all = runs.flatMap((t) => rows(t.scoresCsv));
    for (const r of all) if (r.score !== '') this.score.set(`${r.edition}|${r.unit}|${r.node}`, Number(r.score));
    const unitsOf = runs.map((t) => [...new Set(rows(t.scoresCsv).map((r) => r.unit!))]);
    // the cross-section's units (counts and groups are over them); else the one unit
    this.units = unitsOf.find((u) => u.length > 1) ?? unitsOf[0]!;
    this.editions = [...new Set(all.map((r) => Number(r.edition)))].sort((a, b) => a - b);
    this.members.set('all|ALL', this.units);
    const g = parseYaml(readFileSync(join(ROOT, 'frameworks/groupings/cn-regions.yaml'), 'utf8')) as { groupings: { id: string; groups: { code: string; members: string[] }[] }[] };
    for (const grouping of g.groupings) {
      let n = 0;
      for (const gr of grouping.groups) {
        const m = gr.members.map(String).filter((u) => this.units.includes(u));
        this.members.set(`${grouping.id}|${gr.code}`, m);
        if (m.length) n++;
      }
      this.groupCount.set(grouping.id, n);
    }
    for (const t of runs) {
      for (const r of rows(t.dataCsv)) if (r.value !== '') this.raw.set(`${r.unit}|${r.variable}|${r.year}`, Number(r.value));
      const fw = parseYaml(readFileSync(t.frameworkFile, 'utf8')) as { nodes: { code: string; targets?: { value: number; year: number; kind?: string }[] }[]; variables?: { code: string; targets?: { value: number; year: number; kind?: string }[] }[] };
      for (const x of [...fw.nodes, ...(fw.variables ?? [])]) for (const tg of x.targets ?? []) this.targets.push({ code: x.code, value: tg.value, year: tg.year, kind: tg.kind ?? 'at-least' });
    }
  }

  private s(e: number, u: string, n: string): number {
    const v = this.score.get(`${e}|${u}|${n}`);
    assert.ok(v !== undefined, `no score ${e} ${u} ${n} in scores.csv`);
    return v;
  }
  private groupScores(g: string, gr: string, n: string, e: number): number[] {
    const m = this.members.get(`${g}|${gr}`);
    assert.ok(m, `no group ${g}|${gr}`);
    return m.map((u) => this.score.get(`${e}|${u}|${n}`)).filter((v): v is number => v !== undefined);
  }
  private met(code: string, value: number): boolean {
    const t = this.targets.find((x) => x.code === code)!;
    return t.kind === 'at-most' ? value <= t.value : value >= t.value;
  }
  /** The latest observed year ≤ y of a raw series and its run of years met. */
  private runningOf(u: string, code: string, y: number): number {
    let n = 0;
    for (let k = y; this.raw.has(`${u}|${code}|${k}`) && this.met(code, this.raw.get(`${u}|${code}|${k}`)!); k--) n++;
    return n;
  }

  /** The value a reference names (throws for a reference it does not know). */
  value(ref: string): number {
    const p = ref.split(':');
    const [kind] = p;
    const T = 1e-9;
    switch (kind) {
      case 'score':
        return this.s(Number(p[3]), p[1]!, p[2]!);
      case 'change':
        return this.s(Number(p[3]), p[1]!, p[2]!) - this.s(Number(p[3]) - 1, p[1]!, p[2]!);
      case 'mean':
      case 'median':
      case 'meanChange':
      case 'medianChange':
      case 'aboveMean':
      case 'atLeast': {
        const [, g, gr, n, es] = p as [string, string, string, string, string];
        const e = Number(es);
        const xs = this.groupScores(g, gr, n, e);
        if (kind === 'mean') return meanOf(xs);
        if (kind === 'median') return medianOf(xs);
        if (kind === 'meanChange') return meanOf(xs) - meanOf(this.groupScores(g, gr, n, e - 1));
        if (kind === 'medianChange') return medianOf(xs) - medianOf(this.groupScores(g, gr, n, e - 1));
        if (kind === 'aboveMean') return xs.filter((x) => x > meanOf(xs) + T * Math.abs(meanOf(xs))).length;
        return xs.filter((x) => x >= this.threshold - T).length;
      }
      case 'count': {
        if (p[1] === 'crossed' || p[1] === 'dropped') {
          const n = p[2]!;
          const e = Number(p[3]);
          return this.units.filter((u) => {
            const now = this.s(e, u, n) >= this.threshold - T;
            const before = this.s(e - 1, u, n) >= this.threshold - T;
            return p[1] === 'crossed' ? now && !before : before && !now;
          }).length;
        }
        if (p[1] === 'others') return this.groupCount.get(p[2]!)! - 1;
        if (p[1] === 'targets') {
          const status = this.targets.map((t) => {
            const u = 'CN';
            const years = [...this.raw.keys()].filter((k) => k.startsWith(`${u}|${t.code}|`)).map((k) => Number(k.split('|')[2])).filter((y) => y <= this.editions[this.editions.length - 1]! - 1);
            if (!years.length) return 'no-data';
            const y = Math.max(...years);
            return this.met(t.code, this.raw.get(`${u}|${t.code}|${y}`)!) ? (y < t.year ? 'early' : 'met') : 'not-met';
          });
          if (p.length === 2) return this.targets.length;
          if (p[2] === 'met') return status.filter((s) => s === 'early' || s === 'met').length;
          return status.filter((s) => s === p[2]).length;
        }
        break;
      }
      case 'countDown': {
        const n = p[1]!;
        const e = Number(p[2]);
        return this.units.filter((u) => Number((this.s(e, u, n) - this.s(e - 1, u, n)).toFixed(this.decimals)) < 0).length;
      }
      case 'threshold':
        return this.threshold;
      case 'year': {
        const y = Number(p[1]);
        assert.ok(this.editions.includes(y) || this.editions.includes(y + 1) || this.targets.some((t) => t.year === y), `year ${y} is no edition, data year or target year of the run`);
        return y;
      }
      case 'target': {
        const t = this.targets.find((x) => x.code === p[1] && x.year === Number(p[2]));
        assert.ok(t, `no target ${ref} in the framework file`);
        return p[3] === 'value' ? t.value : t.year;
      }
      case 'value':
      case 'valueChange':
      case 'growth':
      case 'gap':
      case 'running': {
        const [, u, code, ys] = p as [string, string, string, string];
        const y = Number(ys);
        const v = this.raw.get(`${u}|${code}|${y}`);
        assert.ok(v !== undefined, `no raw value ${u} ${code} ${y}`);
        if (kind === 'value') return v;
        const prev = this.raw.get(`${u}|${code}|${y - 1}`)!;
        if (kind === 'valueChange') return v - prev;
        if (kind === 'growth') return (100 * (v - prev)) / Math.abs(prev);
        if (kind === 'gap') return Math.abs(this.targets.find((x) => x.code === code)!.value - v);
        return this.runningOf(u, code, y);
      }
      case 'firstMet': {
        const [, u, code] = p as [string, string, string];
        const years = [...this.raw.keys()].filter((k) => k.startsWith(`${u}|${code}|`)).map((k) => Number(k.split('|')[2])).sort((a, b) => a - b);
        return years.find((y) => this.met(code, this.raw.get(`${u}|${code}|${y}`)!))!;
      }
    }
    assert.fail(`unknown fact reference ${ref}`);
  }
}

/** Every name a paragraph may hold (nodes, frameworks, groups, units), longest first. */
export function namesOf(frameworkFiles: string[]): string[] {
  const out = new Set<string>();
  const add = (n: unknown): void => {
    if (typeof n === 'string') out.add(n);
    else if (n && typeof n === 'object') for (const v of Object.values(n as Record<string, unknown>)) if (typeof v === 'string') out.add(v);
  };
  for (const f of frameworkFiles) {
    const fw = parseYaml(readFileSync(f, 'utf8')) as { name: unknown; nodes: { name: unknown }[]; variables?: { name: unknown }[] };
    add(fw.name);
    for (const n of [...fw.nodes, ...(fw.variables ?? [])]) add(n.name);
  }
  const g = parseYaml(readFileSync(join(ROOT, 'frameworks/groupings/cn-regions.yaml'), 'utf8')) as { groupings: { name: unknown; groups: { name: unknown }[] }[] };
  for (const x of g.groupings) {
    add(x.name);
    for (const gr of x.groups) add(gr.name);
  }
  for (const l of readFileSync(join(ROOT, 'data/reference/provinces.csv'), 'utf8').split('\n').slice(1)) {
    const c = l.split(',');
    if (c[1]) out.add(c[1]);
    if (c[3]) out.add(c[3]);
  }
  return [...out].filter((n) => /\d/.test(n)).sort((a, b) => b.length - a.length);
}

/** Words that say which way a change went, nearest before a number (zh and en). */
const UP = /提高|增长|提升|上升|增幅|\bup\b|\+/g;
const DOWN = /下降|降幅|\bdown\b|−/g;
const lastMatch = (re: RegExp, s: string): number => Math.max(-1, ...[...s.matchAll(re)].map((m) => m.index));

/**
 * Checks one paragraph: the numbers parsed out of its text (names blanked) are, in order, the
 * printed texts of its facts; each agrees with the independently computed value of its reference
 * to the printed precision; and a number printed as a magnitude sits after a word of the right
 * direction (a fall never reads as a rise).
 */
export function checkParagraph(p: ParagraphBlock, ind: Independent, names: string[]): number {
  let text = p.text;
  for (const n of names) text = text.split(n).join(' '.repeat(n.length));
  const tokens = [...text.matchAll(/\d+(?:\.\d+)?/g)];
  const facts = p.facts ?? [];
  assert.equal(tokens.length, facts.length, `numbers in the text ≠ facts:\n${p.text}\n${tokens.map((t) => t[0]).join(' ')}\n${facts.map((f) => f.text).join(' ')}`);
  tokens.forEach((tok, i) => {
    const f = facts[i]!;
    assert.equal(tok[0], f.text.replace(/^[+-]/, ''), `number ${i + 1} of "${p.text}"`);
    const got = Number(f.text);
    const want = ind.value(f.ref);
    const dec = (f.text.split('.')[1] ?? '').length;
    const shownWant = f.magnitude ? Math.abs(want) : want;
    assert.ok(Math.abs(Math.abs(got) - Math.abs(shownWant)) <= 0.5 * 10 ** -dec + 1e-9, `${f.ref}: printed ${f.text}, computed ${want}\n${p.text}`);
    if (!f.magnitude && Number(want.toFixed(dec)) !== 0) assert.equal(Math.sign(got), Math.sign(want), `${f.ref}: sign of ${f.text} vs ${want}`);
    if (f.magnitude && Number(want.toFixed(dec)) !== 0) {
      // the nearest direction word before the number
      const before = p.text.slice(0, tok.index);
      const up = lastMatch(UP, before);
      const down = lastMatch(DOWN, before);
      assert.ok(up >= 0 || down >= 0, `${f.ref}: no direction word before ${f.text}\n${p.text}`);
      assert.equal(down > up, want < 0, `${f.ref}: ${f.text} of ${want} reads as a ${down > up ? 'fall' : 'rise'}\n${p.text}`);
    }
  });
  return tokens.length;
}

/** Checks every paragraph of a document; returns how many numbers were checked. */
export function checkDocument(doc: ReportDocument, ind: Independent, names: string[]): number {
  let n = 0;
  for (const b of doc.blocks) if (b.kind === 'paragraph') n += checkParagraph(b, ind, names);
  return n;
}
