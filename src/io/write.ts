import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { FileError, fsErrorText, makeFolder, mkdirErrorText } from './files.ts';
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
  return [...scoresRows(res, fw, registry, options)];
}

/** The rows of {@link scoresTable} one at a time (header first), for {@link toCsv} without a table in memory. */
export function* scoresRows(res: EvaluationResult, fw: Framework, registry: UnitRegistry, options: TableOptions = {}): Generator<unknown[]> {
  const en = options.lang === 'en';
  const U = res.units.length;
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  yield ['edition', 'unit', 'node', 'score', 'rank', 'unit_name', 'node_name', 'level', 'flag', ...(en ? ['unit_name_en', 'node_name_en'] : [])];
  // unit names looked up once, not once per row (a county panel has a million rows)
  const zhName = res.units.map((c) => registry.name(c));
  const enUnit = en ? res.units.map((c) => registry.name(c, 'en')) : [];
  for (const [e, edition] of res.editions.entries()) {
    for (const node of res.nodes) {
      const n = byCode.get(node)!;
      const scores = res.scores[node]!;
      const ranks = res.ranks[node]!;
      const flags = res.flags[node];
      for (let u = 0; u < U; u++) {
        const k = e * U + u;
        const row = [edition, res.units[u], node, num(scores[k]), num(ranks[k]), zhName[u], n.name.zh, n.level, flags?.[k] ?? ''];
        if (en) row.push(enUnit[u], enName(n, node));
        yield row;
      }
    }
  }
}

/**
 * indicators.csv rows: the value each indicator score was computed from, with its provenance;
 * with the columns `denominated` (before imputation) and `treated` (what normalisation read) when
 * the recipe denominates or treats outliers (the treated cells are flagged `winsorised` /
 * `log-transformed`).
 */
export function indicatorsTable(res: EvaluationResult, fw: Framework, registry: UnitRegistry, lookup: (unit: string, variable: string, year: number) => Observation | undefined, options: TableOptions = {}): unknown[][] {
  return [...indicatorsRows(res, fw, registry, lookup, options)];
}

/** The rows of {@link indicatorsTable} one at a time (header first), for {@link toCsv} without a table in memory. */
export function* indicatorsRows(res: EvaluationResult, fw: Framework, registry: UnitRegistry, lookup: (unit: string, variable: string, year: number) => Observation | undefined, options: TableOptions = {}): Generator<unknown[]> {
  const en = options.lang === 'en';
  const U = res.units.length;
  // the data sets between the steps, when the recipe has those steps (COINr's Denominated, Treated):
  // a column each, after the value, so that a run without them writes the same file as before
  const denominated = res.denominated;
  const treated = res.treated;
  yield ['edition', 'data_year', 'unit', 'indicator', 'value', ...(denominated ? ['denominated'] : []), ...(treated ? ['treated'] : []), 'measure', 'normalised', 'flag', 'source', 'unit_name', 'indicator_name', ...(en ? ['unit_name_en', 'indicator_name_en'] : [])];
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate');
  const zhName = res.units.map((c) => registry.name(c));
  const enUnit = en ? res.units.map((c) => registry.name(c, 'en')) : [];
  for (const [e, edition] of res.editions.entries()) {
    const year = res.dataYears[e]!;
    for (const n of leaves) {
      const values = res.values[n.code]!;
      const scores = res.scores[n.code]!;
      const flags = res.flags[n.code];
      for (let u = 0; u < U; u++) {
        const k = e * U + u;
        const flag = flags?.[k];
        const fromYear = flag?.startsWith('carried-forward:') ? Number(flag.split(':')[1]) : year;
        const source = n.kind === 'derived' ? `derived: ${n.formula}` : (lookup(res.units[u]!, n.code, fromYear)?.source ?? '');
        const row = [edition, year, res.units[u], n.code, num(values[k]), ...(denominated ? [num(denominated[n.code]![k]!)] : []), ...(treated ? [num(treated[n.code]![k]!)] : []), n.unit ?? '', num(scores[k]), flag ?? '', source, zhName[u], n.name.zh];
        if (en) row.push(enUnit[u], enName(n, n.code));
        yield row;
      }
    }
  }
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

/** Most entries (files and folders) of other programs an output folder may hold: they are carried into each new result. */
export const MAX_FOREIGN_ENTRIES = 10_000;

/**
 * A run's temporary folders beside `<out>`: `<out>.tmp-<pid>-<8 hex>` (being written) and
 * `<out>.old-<pid>-<8 hex>[-n]` (the previous result, moved aside); `<out>.tmp-<pid>` is what
 * earlier versions of the writer left. A folder of the user's own such as `out.old-2023` does not match.
 */
const LEFTOVER = /^(.*)\.(?:(tmp|old)-(\d+)-[0-9a-f]{8}(?:-\d+)?|(tmp)-(\d+))$/;
/** A leftover older than this is removed even when its process id is in use again (a day). */
const LEFTOVER_MAX_AGE_MS = 24 * 3600 * 1000;

/** Whether a process id belongs to a running process. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Puts back and removes what crashed runs left beside the output folder `target`: when the
 * folder itself is missing (a run was killed between moving the old result aside and moving the
 * new one in), the newest moved-aside result becomes the folder again; then every
 * `<out>.tmp-*` / `<out>.old-*` of a process that is no longer running (or older than a day) is
 * removed. Folders of runs still going are left alone.
 */
export function cleanLeftovers(target: string): void {
  const parent = dirname(target);
  const base = basename(target);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const dead: { path: string; kind: string; mtime: number }[] = [];
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (!m || m[1] !== base) continue;
    const kind = m[2] ?? m[4]!;
    const pid = Number(m[3] ?? m[5]);
    const path = join(parent, name);
    let mtime: number;
    try {
      mtime = lstatSync(path).mtimeMs;
    } catch {
      continue;
    }
    if (isAlive(pid) && Date.now() - mtime < LEFTOVER_MAX_AGE_MS) continue;
    dead.push({ path, kind, mtime });
  }
  if (!existsSync(target)) {
    const old = dead.filter((d) => d.kind === 'old').sort((a, b) => b.mtime - a.mtime)[0];
    if (old) {
      try {
        renameSync(old.path, target);
        dead.splice(dead.indexOf(old), 1);
      } catch {
        // left for the next run
      }
    }
  }
  for (const d of dead) quietRemove(d.path);
}

/** Removes a folder if it can; what stays is removed by the next run ({@link cleanLeftovers}). */
function quietRemove(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // left for the next run
  }
}

/** Writes a file and flushes it to the disk. */
function writeDurably(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries to the disk (where the system allows it). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here (Windows): the renames are still atomic
  }
}

/** Test hook: with IPINDEX_TEST_SLOW_WRITE=<ms>, the writer says when it starts and pauses between its steps, so that a kill can land inside the write. */
function slowWriteHook(): (() => void) | undefined {
  const ms = Number(process.env.IPINDEX_TEST_SLOW_WRITE);
  if (!(ms > 0)) return undefined;
  process.stderr.write('ipindex: test: writing\n');
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return () => void Atomics.wait(cell, 0, 0, ms);
}

/**
 * Carries what other programs put in the old output folder into the new one: every entry that
 * is not one of `skip` (the files this run writes and the files it owns), by hard link (no copy
 * of the data; a copy where links are not possible), folders recursively. Refuses a folder with
 * more than {@link MAX_FOREIGN_ENTRIES} such entries or with another file system mounted inside.
 */
function carryForeign(from: string, to: string, skip: Set<string>, dev: number, rel = '', count = { n: 0 }): void {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (skip.has(r)) continue;
    if (++count.n > MAX_FOREIGN_ENTRIES) throw new FileError(`holds more than ${MAX_FOREIGN_ENTRIES} files or folders that ipindex did not write; ipindex replaces its output folder as a whole and carries such files over, so choose a folder of its own (e.g. a new subfolder)`);
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) {
      const st = lstatSync(src);
      if (st.dev !== dev) throw new FileError(`holds ${src}, where another file system is mounted; choose a folder of its own for the results`);
      if (!existsSync(dst)) {
        mkdirSync(dst);
        chmodSync(dst, st.mode & 0o7777);
      }
      carryForeign(src, dst, skip, dev, r, count);
    } else if (!existsSync(dst)) {
      try {
        linkSync(src, dst);
      } catch {
        if (e.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
        else copyFileSync(src, dst);
      }
    }
  }
}

/** A path inside the output folder, '/'-separated; refuses names that would leave it. */
function ownPath(name: string): string {
  const parts = name.split(/[\\/]/);
  if (!name || isAbsolute(name) || parts.some((p) => p === '' || p === '.' || p === '..')) throw new IpIndexError(`Cannot write "${name}" into an output folder: expected a relative file name`);
  return parts.join('/');
}

/**
 * Writes a set of files (text as UTF-8, or bytes) as one output folder, replacing what was there as a whole: a reader of
 * the folder sees the old result whole or the new one whole, never a mix, whatever happens (an
 * error, a full disk, `kill -9`, a power cut).
 *
 * 1. Leftovers of crashed earlier runs beside the folder are put back or removed ({@link cleanLeftovers}).
 * 2. Every file is written, and flushed to the disk, into a sibling folder `<out>.tmp-<pid>-<hex>`.
 * 3. Files in the old folder that this run neither writes nor owns (`owned`: e.g. a previous
 *    run's SAMPLE-DATA.txt, which must not label this one) belong to someone else: they are
 *    hard-linked into the new folder (copied where links are not possible), so they survive; the
 *    owned files of the old run that this run does not write are left out.
 * 4. The old folder is renamed to `<out>.old-<pid>-<hex>`, the new one renamed to `<out>` right
 *    after (two renames in a row; a kill exactly between them leaves `<out>` absent for a moment
 *    and the old result whole beside it, which the next run puts back first), and the old one is
 *    removed.
 *
 * A symbolic link as `<out>` is kept: the folder it points to is replaced. The folder that holds
 * `<out>` must be writable. `<out>` must not be the current folder, one that contains it, or
 * the root.
 * @throws IpIndexError naming the folder when it cannot be written (and nothing is changed)
 */
export function writeFilesAtomically(dir: string, files: Record<string, string | Uint8Array>, owned: string[] = OUTPUT_FILES): void {
  if (typeof dir !== 'string' || dir.trim() === '') throw new FileError('The output folder name is empty: pass a folder, e.g. -o out');
  let target = resolve(dir);
  const fail = (why: string): FileError => new FileError(`Cannot write output folder ${dir}: ${why}`);
  try {
    if (lstatSync(target).isSymbolicLink()) target = realpathSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(fsErrorText(e));
  }
  if (dirname(target) === target) throw fail('it is the root folder; choose a folder of its own');
  const cwd = process.cwd();
  if (cwd === target || cwd.startsWith(target + sep)) throw fail('it is the current folder or contains it; ipindex replaces its output folder as a whole, so choose a folder of its own (e.g. -o out)');
  let old: ReturnType<typeof statSync> | undefined;
  try {
    old = statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(fsErrorText(e));
  }
  if (old && !old.isDirectory()) throw new FileError(`Output folder ${dir} is an existing file; choose a folder`);
  const names = Object.keys(files).map(ownPath);
  const parent = dirname(target);
  makeFolder(parent, 'the folder that holds the output folder');
  cleanLeftovers(target);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `${basename(target)}.tmp-${tag}`);
  try {
    mkdirSync(tmp);
  } catch (e) {
    throw fail(`cannot make ${tmp} beside it: ${mkdirErrorText(e)} — the new result is written beside the folder, then swapped in, so the folder that holds it must be writable`);
  }
  const asides: string[] = [];
  try {
    const pause = slowWriteHook();
    for (const [i, name] of names.entries()) {
      const path = join(tmp, name);
      if (name.includes('/')) makeFolder(dirname(path));
      writeDurably(path, files[Object.keys(files)[i]!]!);
      pause?.();
    }
    if (existsSync(target)) {
      const st = statSync(target);
      try {
        carryForeign(target, tmp, new Set([...names, ...owned.map(ownPath)]), st.dev);
      } catch (e) {
        throw e instanceof IpIndexError ? fail(e.message) : fail(`cannot carry over the files of other programs in it: ${fsErrorText(e)}`);
      }
      chmodSync(tmp, st.mode & 0o7777); // the folder's permissions as they were
      pause?.();
    }
    syncFolder(tmp);
    // the swap; another run may swap its folder in meanwhile: then that one is moved aside too
    for (let attempt = 0; ; attempt++) {
      if (existsSync(target)) {
        const aside = join(parent, `${basename(target)}.old-${tag}${attempt ? `-${attempt}` : ''}`);
        renameSync(target, aside);
        asides.push(aside);
      }
      try {
        renameSync(tmp, target);
        break;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (attempt < 3 && (code === 'ENOTEMPTY' || code === 'EEXIST')) continue;
        throw e;
      }
    }
    syncFolder(parent);
    pause?.();
  } catch (e) {
    // nothing changed: the old folder back where it was, the new one removed
    if (asides.length && !existsSync(target)) {
      try {
        renameSync(asides.shift()!, target);
      } catch {
        // cleanLeftovers puts it back on the next run
      }
    }
    for (const a of [...asides, tmp]) quietRemove(a);
    if (e instanceof IpIndexError) throw e;
    throw fail(fsErrorText(e));
  }
  for (const a of asides) quietRemove(a);
}

export { toCsv };

/**
 * Writes one file whole or not at all: to a temporary file beside it, flushed, then renamed over
 * the target (a reader sees the old file or the new one, never a part).
 * @throws FileError naming the file and the reason
 */
export function writeFileAtomically(file: string, content: string | Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      if (typeof content === 'string') writeSync(fd, content);
      else writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new FileError(`无法写入 ${file}：${fsErrorText(e)} / Cannot write ${file}: ${fsErrorText(e)}`);
  }
}
