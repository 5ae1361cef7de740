/**
 * Mutations of the tidy data files: harmless rewrites a spreadsheet makes (must give the same
 * results), and damage (truncation, byte flips, wrong encodings, odd numbers, short rows, junk
 * after quotes, misspelt JSON keys…) that must get a clean error or a warning.
 */
import type { Base, Bases } from './bases.ts';
import { encodeGbk, encodeLatin1, encodeUtf16le } from './encodings.ts';
import { HOSTILE_TEXT, NUMERIC_BYTES, PROTO_NAMES, type Mutation, type Mutator } from './mutation.ts';
import type { Rng } from './rng.ts';
import { col, copyTable, readSampleTable, toJsonRows, withThousands, writeCsv, type CsvStyle, type Table } from './table.ts';
import type { BaseId } from './types.ts';

const DATA_BASES: readonly BaseId[] = ['regional', 'regional-small', 'national'];
const REGIONAL: readonly BaseId[] = ['regional', 'regional-small'];

const tables = new Map<string, Table>();
/** The base data as a table (cached; callers copy before changing it). */
export function baseTable(base: Base): Table {
  let t = tables.get(base.id);
  if (!t) tables.set(base.id, (t = readSampleTable(base.dataText)));
  return t;
}

const csv = (t: Table, style?: CsvStyle): string => writeCsv(t, style);
const line = (row: number): number => row + 2;
const withValue = (t: Table): number[] => t.rows.map((r, i) => (r[col(t, 'value')] !== '' ? i : -1)).filter((i) => i >= 0);

/** Units whose quantities cannot be negative (counts of things and people). */
const COUNT_UNITS = new Set(['件', '家', '个', '人', '项', '次', '户', '种', '位', '份', '万人']);

// ---------------------------------------------------------------- harmless rewrites (same results)

/** Table rewrites that keep the data, in the order a combination applies them (names before headers): each returns a description. */
const REWRITES: Record<string, (t: Table, rng: Rng, bases: Bases, base: Base) => string> = {
  'unit-names': (t, rng, bases, base) => {
    if (!REGIONAL.includes(base.id)) return 'unit names: national data has none';
    const u = col(t, 'unit');
    const byCode = new Map(bases.provinces.map((p) => [p.code, p]));
    for (const r of t.rows) {
      const p = byCode.get(r[u]!);
      if (p) r[u] = rng.chance(0.5) ? p.short : p.full;
    }
    return 'unit codes written as short or full Chinese names';
  },
  thousands: (t) => {
    const v = col(t, 'value');
    for (const r of t.rows) if (Math.abs(Number(r[v])) >= 1000) r[v] = withThousands(r[v]!);
    return 'values ≥ 1000 with thousands separators (quoted)';
  },
  'row-order': (t, rng) => {
    t.rows = rng.shuffle(t.rows);
    return 'rows shuffled';
  },
  'column-order': (t, rng) => {
    const order = rng.shuffle(t.header.map((_, i) => i));
    t.header = order.map((i) => t.header[i]!);
    t.rows = t.rows.map((r) => order.map((i) => r[i] ?? ''));
    return `columns ${t.header.join(',')}`;
  },
  'chinese-headers': (t) => {
    const zh: Record<string, string> = { unit: '单位', year: '年份', variable: '指标', value: '数值', flag: '标记', source: '来源', note: '备注' };
    t.header = t.header.map((h) => zh[h] ?? h);
    return `header ${t.header.join(',')}`;
  },
};

/** CSV styles that keep the data. */
const STYLES: Record<string, (rng: Rng) => CsvStyle> = {
  crlf: () => ({ eol: '\r\n' }),
  bom: () => ({ bom: true }),
  quote: (rng) => ({ quote: 0.2 + 0.8 * rng.float() }),
  whitespace: (rng) => ({ pad: 0.1 + 0.5 * rng.float() }),
  'blank-lines': (rng) => ({ blank: 0.001 + 0.05 * rng.float() }),
};

function rewriteMutator(name: string, rewrites: string[], styles: string[]): Mutator {
  return {
    name: `data:${name}`,
    weight: name === 'combo' ? 4 : 1.5,
    bases: name === 'unit-names' ? REGIONAL : DATA_BASES,
    make(rng, base, bases) {
      const t = copyTable(baseTable(base));
      let rw = rewrites;
      let st = styles;
      if (name === 'combo') {
        rw = Object.keys(REWRITES).filter(() => rng.chance(0.5));
        st = Object.keys(STYLES).filter(() => rng.chance(0.5));
        if (!rw.length && !st.length) st = ['crlf'];
      }
      const what = rw.map((k) => REWRITES[k]!(t, rng, bases, base));
      const style: CsvStyle = { rnd: () => rng.float() };
      for (const k of st) Object.assign(style, STYLES[k]!(rng));
      return { description: [...what, ...st].join('; '), expect: 'same', files: { 'data.csv': csv(t, style) }, culprits: ['data.csv'] };
    },
  };
}

const harmless: Mutator[] = [
  ...Object.keys(REWRITES).map((k) => rewriteMutator(k, [k], [])),
  ...Object.keys(STYLES).map((k) => rewriteMutator(k, [], [k])),
  rewriteMutator('combo', [], []),
  {
    name: 'data:split-files',
    weight: 1.5,
    bases: DATA_BASES,
    make(rng, base) {
      const t = baseTable(base);
      const k = rng.between(2, 3);
      const parts: string[][][] = Array.from({ length: k }, () => []);
      for (const r of t.rows) {
        const i = rng.int(k);
        parts[i]!.push(r);
        // some rows in two files with the same value: allowed
        if (rng.chance(0.05)) parts[(i + 1) % k]!.push(r);
      }
      const files: Record<string, string> = {};
      parts.forEach((rows, i) => (files[`data${i + 1}.csv`] = csv({ header: t.header, rows })));
      return { description: `rows split over ${k} files, ~5% in two`, expect: 'same', files, run: { data: Object.keys(files).map((f) => `@${f}`) }, culprits: Object.keys(files) };
    },
  },
  {
    name: 'data:json',
    weight: 1.5,
    bases: DATA_BASES,
    make(rng, base) {
      const rows = toJsonRows(baseTable(base));
      const wrapped = rng.chance(0.5);
      const text = JSON.stringify(wrapped ? { observations: rows } : rows, null, rng.chance(0.5) ? 2 : undefined);
      return { description: `JSON ${wrapped ? '{observations: [...]}' : 'array'}`, expect: 'same', files: { 'data.json': text }, run: { data: ['@data.json'] }, culprits: ['data.json'] };
    },
  },
];

// ---------------------------------------------------------------- damage

/** Cuts the text inside a row, before its last separator: that row is short. */
function truncateInRow(rng: Rng, text: string): { text: string; at: number; line: number } {
  const lines = text.split('\n');
  const li = rng.chance(0.02) ? 0 : rng.between(1, lines.length - 2);
  const l = lines[li]!;
  const lastComma = l.lastIndexOf(',');
  // at least one character of the row, and not its last separator: the row is short
  const cut = rng.between(1, Math.max(1, lastComma));
  const before = lines.slice(0, li).join('\n');
  const at = (li ? before.length + 1 : 0) + cut;
  return { text: text.slice(0, at), at, line: li + 1 };
}

/** Replaces k bytes by bytes that cannot make another valid number. */
export function flipBytes(rng: Rng, bytes: Uint8Array, k: number): { bytes: Uint8Array; what: string[] } {
  const out = Uint8Array.from(bytes);
  const what: string[] = [];
  for (let j = 0; j < k; j++) {
    const at = rng.int(out.length);
    const old = out[at]!;
    let b = old;
    while (b === old || NUMERIC_BYTES.has(b)) b = rng.chance(0.5) ? old ^ (1 << rng.int(8)) : rng.int(256);
    out[at] = b;
    what.push(`byte ${at} 0x${old.toString(16)}→0x${b.toString(16)}`);
  }
  return { bytes: out, what };
}

/** A copy of the base table with some rows' cells in column `c` replaced. */
function editCells(rng: Rng, base: Base, c: string, values: readonly string[], rows?: number[], k = rng.between(1, 4)): { t: Table; what: string } {
  const t = copyTable(baseTable(base));
  const ci = col(t, c);
  const pool = rows ?? t.rows.map((_, i) => i);
  const chosen = rng.sample(pool.length, k).map((i) => pool[i]!);
  const what: string[] = [];
  for (const i of chosen) {
    const v = rng.pick(values);
    what.push(`row ${line(i)} ${c} ${JSON.stringify(t.rows[i]![ci])}→${JSON.stringify(v)}`);
    t.rows[i]![ci] = v;
  }
  return { t, what: what.join(', ') };
}

const one = (name: string, weight: number, bases: readonly BaseId[], make: Mutator['make']): Mutator => ({ name: `data:${name}`, weight, bases, make });
const file = (text: string | Uint8Array, description: string, expect: Mutation['expect'], extra: Partial<Mutation> = {}): Mutation => ({ description, expect, files: { 'data.csv': text }, culprits: ['data.csv'], ...extra });

const damage: Mutator[] = [
  one('truncate', 3, DATA_BASES, (rng, base) => {
    const r = truncateInRow(rng, base.dataText);
    return file(r.text, `cut at character ${r.at}, inside line ${r.line}`, 'error');
  }),
  one('truncate-at-line', 1, DATA_BASES, (rng, base) => {
    const lines = base.dataText.split('\n');
    const keep = rng.between(0, lines.length - 1);
    return file(lines.slice(0, keep).join('\n') + (keep ? '\n' : ''), `first ${keep} lines kept`, 'any', { needPlace: false });
  }),
  one('byte-flip', 6, DATA_BASES, (rng, base) => {
    const { bytes, what } = flipBytes(rng, new TextEncoder().encode(base.dataText), rng.between(1, 3));
    return file(bytes, what.join(', '), 'report');
  }),
  one('gbk', 1.5, DATA_BASES, (rng, base, bases) => {
    const t = copyTable(baseTable(base));
    if (REGIONAL.includes(base.id)) REWRITES['unit-names']!(t, rng, bases, base);
    REWRITES['chinese-headers']!(t, rng, bases, base);
    return file(encodeGbk(csv(t)), 'Chinese headers (and names) in GBK', 'error', { needPlace: false, needWords: 'UTF-?8|GBK|encod|编码' });
  }),
  one('utf16', 1, DATA_BASES, (rng, base, bases) => {
    const t = copyTable(baseTable(base));
    if (rng.chance(0.5)) REWRITES['chinese-headers']!(t, rng, bases, base);
    return file(encodeUtf16le(csv(t)), 'UTF-16LE with byte-order mark', 'report', { needPlace: false });
  }),
  one('latin1', 1, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, 'source', ['Müller', 'Société générale', 'São Paulo', 'Ångström']);
    return file(encodeLatin1(csv(t)), `${what}, file in Latin-1`, 'error', { needPlace: false, needWords: 'UTF-?8|encod|编码' });
  }),
  one('huge', 3, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, 'value', ['1e100', '1e200', '1e300', '1.7976931348623157e308', '-1e308', '-1e300', '9.99e307'], withValue(baseTable(base)));
    return file(csv(t), what, 'report');
  }),
  one('tiny', 1, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, 'value', ['5e-324', '1e-300', '2.2250738585072014e-308'], withValue(baseTable(base)));
    return file(csv(t), what, 'any');
  }),
  one('negative-count', 3, DATA_BASES, (rng, base) => {
    const t0 = baseTable(base);
    const v = col(t0, 'variable');
    const val = col(t0, 'value');
    const rows = t0.rows.map((r, i) => (COUNT_UNITS.has(base.units.get(r[v]!) ?? '') && Number(r[val]) > 0 ? i : -1)).filter((i) => i >= 0);
    const t = copyTable(t0);
    const what = rng.sample(rows.length, rng.between(1, 3)).map((j) => {
      const r = t.rows[rows[j]!]!;
      r[val] = `-${r[val]}`;
      return `row ${line(rows[j]!)} ${r[v]} (${base.units.get(r[v]!)}) → ${r[val]}`;
    });
    return file(csv(t), what.join(', '), 'report');
  }),
  one('nan-text', 3, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, 'value', ['NaN', 'Infinity', '-Infinity', 'inf', '+inf', '1e999', '-1e999', '∞', '0x10', '1_000', '１２３', '12 345', '1.2.3', '--5', '5-', 'e5', '1e', '+', 'null', 'undefined', '5%', '¥100', '1,2'], withValue(baseTable(base)));
    return file(csv(t), what, 'report');
  }),
  one('short-row', 3, DATA_BASES, (rng, base) => {
    const t = copyTable(baseTable(base));
    const i = rng.int(t.rows.length);
    const drop = rng.between(1, 3);
    t.rows[i] = t.rows[i]!.slice(0, t.header.length - drop);
    return file(csv(t), `row ${line(i)} without its last ${drop} field(s)`, 'error');
  }),
  one('long-row', 1, DATA_BASES, (rng, base) => {
    const t = copyTable(baseTable(base));
    const i = rng.int(t.rows.length);
    t.rows[i]!.push(...Array.from({ length: rng.between(1, 3) }, () => rng.pick(['1', 'x', '0'])));
    return file(csv(t), `row ${line(i)} with extra fields`, 'error');
  }),
  one('trailing-empty-fields', 0.5, DATA_BASES, (rng, base) => {
    const t = copyTable(baseTable(base));
    const i = rng.int(t.rows.length);
    t.rows[i]!.push('', '');
    return file(csv(t), `row ${line(i)} with two empty extra fields`, 'report');
  }),
  one('junk-after-quote', 3, DATA_BASES, (rng, base) => {
    const t = baseTable(base);
    const i = rng.int(t.rows.length);
    const c = rng.int(4);
    const junk = rng.pick(['9', 'x', '"', '""x', '0', 'a b']);
    const lines = writeCsv(t).split('\n');
    const cells = t.rows[i]!.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v));
    cells[c] = `"${t.rows[i]![c]}"${junk}`;
    lines[i + 1] = cells.join(',');
    return file(lines.join('\n'), `row ${line(i)} column ${t.header[c]}: ${cells[c]}`, 'error');
  }),
  one('unterminated-quote', 1.5, DATA_BASES, (rng, base) => {
    const t = baseTable(base);
    const i = rng.int(t.rows.length);
    const lines = writeCsv(t).split('\n');
    const cells = lines[i + 1]!.split(',');
    const c = rng.int(Math.min(4, cells.length));
    cells[c] = `"${cells[c]}`;
    lines[i + 1] = cells.join(',');
    return file(lines.join('\n'), `row ${line(i)} column ${c + 1}: opening quote`, 'error');
  }),
  one('duplicate-row', 1.5, DATA_BASES, (rng, base) => {
    const t = copyTable(baseTable(base));
    const i = rng.int(t.rows.length);
    const dup = [...t.rows[i]!];
    const differ = rng.chance(0.5) && dup[col(t, 'value')] !== '';
    if (differ) dup[col(t, 'value')] = String(Number(dup[col(t, 'value')]) + 1);
    t.rows.splice(rng.int(t.rows.length), 0, dup);
    return file(csv(t), `row ${line(i)} repeated${differ ? ' with another value' : ''}`, 'error');
  }),
  one('conflicting-files', 1, DATA_BASES, (rng, base) => {
    const t = baseTable(base);
    const val = col(t, 'value');
    const rows = withValue(t);
    const i = rows[rng.int(rows.length)]!;
    const changed = [...t.rows[i]!];
    changed[val] = String(Number(changed[val]) * 2 + 1);
    const files = { 'data1.csv': csv(t), 'data2.csv': csv({ header: t.header, rows: [changed] }) };
    return { description: `row ${line(i)} of data1.csv repeated in data2.csv with ${changed[val]}`, expect: 'error', files, run: { data: ['@data1.csv', '@data2.csv'] }, culprits: ['data1.csv', 'data2.csv'] };
  }),
  one('empty', 1, DATA_BASES, (rng, base) => {
    const t = baseTable(base);
    const text = rng.pick(['', '\ufeff', '\n\n\n', '   ', t.header.join(',') + '\n', '\r\n']);
    return file(text, `file ${JSON.stringify(text)}`, 'error', { needPlace: false });
  }),
  one('nul-bytes', 1, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, rng.pick(['unit', 'year', 'variable', 'value', 'source']), ['\0', 'a\0b', '1\u00000', '\0\0\0']);
    return file(csv(t), what.replace(/\0/g, '\\0'), 'report');
  }),
  one('long-line', 0.5, DATA_BASES, (rng, base) => {
    const size = rng.logBetween(1e5, 8e6);
    if (rng.chance(0.5)) {
      const { t, what } = editCells(rng, base, 'note', ['x'.repeat(size)], undefined, 1);
      return file(csv(t), `${what.slice(0, 40)}… (${size} characters)`, 'report');
    }
    return file(base.dataText + 'x'.repeat(size) + '\n', `a last line of ${size} characters without separators`, 'error');
  }),
  one('many-rows', 0.3, DATA_BASES, (rng, base) => {
    const n = rng.between(126_000, 140_000);
    const t = baseTable(base);
    const first = t.rows[0]!;
    const extra: string[] = [];
    for (let i = 0; i < n; i++) extra.push(`${first[0]},${first[1]},ZZJUNK${i},${i},,sample,`);
    return file(base.dataText + extra.join('\n') + '\n', `${n} rows of variables the framework does not use appended`, 'report');
  }),
  one('year-extreme', 2, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, 'year', ['1899', '2201', '0', '0000', '99999', '2024.5', '-2024', '2O24', '', '1e3', '２０２４', '1950', '2100', ' 20 24 ']);
    return file(csv(t), what, 'report');
  }),
  one('unit-hostile', 2, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, 'unit', [...HOSTILE_TEXT, ...PROTO_NAMES, 'AUT', 'CN', 'Guangdon', '広東', '广东省 ', '北京市市', '110000.0', '11000', '1100000', '']);
    return file(csv(t), what, 'report');
  }),
  one('variable-hostile', 2, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, 'variable', [...HOSTILE_TEXT, ...PROTO_NAMES, 'r18', 'R18 ', 'POP\u200b', 'Ｒ18', '']);
    return file(csv(t), what, 'report');
  }),
  one('source-hostile', 2, DATA_BASES, (rng, base) => {
    const k = rng.chance(0.3) ? baseTable(base).rows.length : rng.between(1, 20);
    const { t, what } = editCells(rng, base, 'source', HOSTILE_TEXT, undefined, k);
    return file(csv(t), what.length > 300 ? `${k} sources hostile` : what, 'same');
  }),
  one('flag-hostile', 1, DATA_BASES, (rng, base) => {
    const { t, what } = editCells(rng, base, 'flag', [...HOSTILE_TEXT, 'carried-forward:2023', 'missing']);
    return file(csv(t), what, 'any');
  }),
];

// ---------------------------------------------------------------- JSON

const jsonOne = (name: string, weight: number, expect: Mutation['expect'], edit: (rows: Record<string, unknown>[], rng: Rng) => { data: unknown; what: string }): Mutator => ({
  name: `json:${name}`,
  weight,
  bases: DATA_BASES,
  make(rng, base) {
    const rows = toJsonRows(baseTable(base));
    const { data, what } = edit(rows, rng);
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return { description: what, expect, files: { 'data.json': text }, run: { data: ['@data.json'] }, culprits: ['data.json'] };
  },
});
const someRows = (rows: Record<string, unknown>[], rng: Rng, f: (o: Record<string, unknown>, i: number) => string): string =>
  rng
    .sample(rows.length, rng.between(1, 4))
    .map((i) => f(rows[i]!, i))
    .join(', ');

const json: Mutator[] = [
  jsonOne('misspelt-key', 3, 'error', (rows, rng) => {
    const what = someRows(rows, rng, (o, i) => {
      const [key, wrong] = rng.pick([['value', 'valeu'], ['value', 'vaule'], ['value', 'val'], ['value', 'values'], ['unit', 'unti'], ['year', 'yaer'], ['variable', 'varible']] as const);
      o[wrong] = o[key];
      delete o[key];
      return `row ${i} ${key}→${wrong}`;
    });
    return { data: rows, what };
  }),
  jsonOne('missing-value', 2, 'error', (rows, rng) => ({ data: rows, what: someRows(rows, rng, (o, i) => (delete o.value, `row ${i} without value`)) })),
  jsonOne('odd-value', 2, 'error', (rows, rng) => ({
    data: rows,
    what: someRows(rows, rng, (o, i) => {
      o.value = rng.pick<unknown>([[5], [], {}, { value: 5 }, true, false, '5,0', [1, 2]]);
      return `row ${i} value ${JSON.stringify(o.value)}`;
    }),
  })),
  jsonOne('string-value', 1, 'report', (rows, rng) => ({
    data: rows,
    what: someRows(rows, rng, (o, i) => {
      if (typeof o.value === 'number') o.value = String(o.value);
      return `row ${i} value as a string`;
    }),
  })),
  jsonOne('odd-row', 1.5, 'error', (rows, rng) => {
    const i = rng.int(rows.length);
    const bad = rng.pick<unknown>([null, 5, 'row', [], [rows[0]], true]);
    (rows as unknown[])[i] = bad;
    return { data: rows, what: `row ${i} is ${JSON.stringify(bad)}` };
  }),
  jsonOne('deep', 1, 'error', (rows, rng) => {
    const d = rng.logBetween(100, 200_000);
    const obj = rng.chance(0.5);
    const text = obj ? '{"observations":'.repeat(d) + JSON.stringify(rows.slice(0, 3)) + '}'.repeat(d) : '['.repeat(d) + JSON.stringify(rows.slice(0, 3)) + ']'.repeat(d);
    return { data: text, what: `${d} nested ${obj ? 'objects' : 'arrays'}` };
  }),
  jsonOne('proto-keys', 1, 'report', (rows, rng) => {
    const what = someRows(rows, rng, (o, i) => {
      const k = rng.pick(PROTO_NAMES);
      o[k] = rng.pick<unknown>([{ value: 1 }, 'x', 1, null]);
      return `row ${i} key ${k}`;
    });
    // JSON.stringify writes an own "__proto__" key as given
    return { data: JSON.stringify(rows), what };
  }),
  jsonOne('truncate', 1.5, 'error', (rows, rng) => {
    const text = JSON.stringify(rows, null, 1);
    const at = rng.between(1, text.length - 2);
    return { data: text.slice(0, at), what: `cut at character ${at} of ${text.length}` };
  }),
  jsonOne('huge-number', 1, 'report', (rows, rng) => {
    const text = JSON.stringify(rows);
    const nums = [...text.matchAll(/"value":(-?\d[\d.e+-]*)/g)];
    const m = nums[rng.int(nums.length)]!;
    const v = rng.pick(['1e400', '-1e400', '1e308', '123456789012345678901234567890']);
    return { data: text.slice(0, m.index) + `"value":${v}` + text.slice(m.index! + m[0].length), what: `a value ${m[1]}→${v}` };
  }),
];

/** Every data mutator. */
export const DATA_MUTATORS: Mutator[] = [...harmless, ...damage, ...json];
