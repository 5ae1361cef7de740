/**
 * The sample data as a table of strings, and its CSV text with the rewrites a spreadsheet or a
 * hand edit makes (quotes, CRLF, BOM, padding, blank lines). Written here, independently of the
 * reader under test.
 */

/** A tidy table: header and rows of cells. */
export interface Table {
  header: string[];
  rows: string[][];
}

/** Reads a CSV file as the sample is written (RFC 4180: quoted cells, doubled quotes, LF). */
export function readSampleTable(text: string): Table {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) records.push([...row, cell]);
  const [header, ...rows] = records;
  return { header: header!, rows };
}

/** How a table is written. */
export interface CsvStyle {
  /** Probability that a cell is quoted (cells with a comma, quote or line break always are). */
  quote?: number;
  /** Line ending. */
  eol?: '\n' | '\r\n';
  bom?: boolean;
  /** Spaces around unquoted cells (probability per cell). */
  pad?: number;
  /** Blank lines inserted (probability per line), and extra newlines at the end. */
  blank?: number;
  /** Random source for the probabilities. */
  rnd?: () => number;
}

const needsQuotes = (c: string): boolean => /[",\r\n]/.test(c);

/** Writes a table as CSV text in the given style. */
export function writeCsv(t: Table, style: CsvStyle = {}): string {
  const rnd = style.rnd ?? (() => 1);
  const eol = style.eol ?? '\n';
  const cell = (c: string): string => {
    if (needsQuotes(c) || (style.quote && rnd() < style.quote)) return `"${c.replace(/"/g, '""')}"`;
    if (style.pad && rnd() < style.pad) return ` ${c}  `;
    return c;
  };
  const lines: string[] = [];
  for (const r of [t.header, ...t.rows]) {
    lines.push(r.map(cell).join(','));
    if (style.blank && rnd() < style.blank) lines.push(rnd() < 0.5 ? '' : ',,,,,,'.slice(0, t.header.length - 1));
  }
  const body = lines.join(eol) + eol + (style.blank ? eol : '');
  return (style.bom ? '\ufeff' : '') + body;
}

/** Column index by name. */
export function col(t: Table, name: string): number {
  const i = t.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
}

/** A deep copy (mutators never touch the base). */
export function copyTable(t: Table): Table {
  return { header: [...t.header], rows: t.rows.map((r) => [...r]) };
}

/**
 * A number written with thousands separators, as a spreadsheet shows it.
 * @example withThousands('12706.5') // => '12,706.5'
 * @example withThousands('-1234567') // => '-1,234,567'
 */
export function withThousands(v: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(v);
  if (!m) return v;
  return m[1]! + m[2]!.replace(/\B(?=(\d{3})+$)/g, ',') + (m[3] ?? '');
}

/** Tidy rows as JSON objects, numbers as numbers, empty cells left out (what a JSON export gives). */
export function toJsonRows(t: Table): Record<string, unknown>[] {
  return t.rows.map((r) => {
    const o: Record<string, unknown> = {};
    t.header.forEach((h, i) => {
      const v = r[i] ?? '';
      if (v === '') {
        if (h === 'value') o[h] = null;
        return;
      }
      o[h] = h === 'year' || h === 'value' ? Number(v) : v;
    });
    return o;
  });
}
