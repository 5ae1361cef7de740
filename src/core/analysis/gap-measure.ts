/**
 * How a change of an indicator is said in its own measure: the framework node's `unit` text
 * (件/万人, 亿元, %), glossed in English, with changes of a percentage said in percentage points
 * (个百分点) and rounded for display away from zero, so that the change shown is enough.
 */

const PREFIX: Record<string, number> = { 十: 10, 百: 100, 千: 1e3, 万: 1e4, 亿: 1e8 };

/** English for the measure words and units of the frameworks (the plural a count takes). */
const BASE_EN: Record<string, string> = {
  件: 'items',
  个: 'units',
  家: 'organisations',
  户: 'entities',
  项: 'items',
  种: 'kinds',
  份: 'copies',
  次: 'times',
  位: 'persons',
  所: 'institutions',
  名: 'persons',
  人: 'persons',
  人口: 'population',
  元: 'yuan',
  美元: 'US dollars',
  年: 'years',
  月: 'months',
  工作日: 'working days',
  日: 'days',
  天: 'days',
  分: 'points',
};
const BASES = Object.keys(BASE_EN).sort((a, b) => b.length - a.length);

/** Classifiers of counted things: a change of a bare count is shown as a whole number. */
const COUNTS = new Set(['件', '个', '家', '户', '项', '种', '份', '次', '位', '所', '名', '人']);

const scaleEn = (f: number): string => {
  const names: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [v, name] of names) if (f >= v && Number.isInteger(f / v)) return f === v ? name : `${f / v} ${name}`;
  return f.toLocaleString('en-US');
};

function termEn(term: string): string {
  const t = term.trim();
  const base = BASES.find((b) => t.endsWith(b));
  if (!base) return t;
  let f = 1;
  for (const ch of t.slice(0, t.length - base.length)) {
    const p = PREFIX[ch];
    if (p === undefined) return t;
    f *= p;
  }
  return f === 1 ? BASE_EN[base]! : `${scaleEn(f)} ${BASE_EN[base]!}`;
}

/**
 * The measure in English: `件/万人` → `items per 10,000 persons`, `亿元` → `100 million yuan`,
 * `%` → `%`. A unit text it cannot read is returned as it is.
 * @example measureEn('件/百亿元') // => 'items per 10 billion yuan'
 */
export function measureEn(unit: string | undefined): string {
  if (!unit) return '';
  if (unit.trim() === '%' || unit.trim() === '‰') return unit.trim();
  const [num, ...dens] = unit.split('/');
  return [termEn(num!), ...dens.map((d) => `per ${termEn(d)}`)].join(' ');
}

/** Whether a change in this measure is a whole number of things (件, 家, 人 without a prefix). */
export function isCountMeasure(unit: string | undefined): boolean {
  return !!unit && COUNTS.has(unit.trim());
}

/**
 * `x` rounded away from zero: to a whole number for a count, else to `digits` significant digits
 * (whole numbers kept whole), so that a change shown this way is never short of the one needed.
 * @example roundAway(3.1234, false) // => 3.124
 * @example roundAway(36.2, true) // => 37
 */
export function roundAway(x: number, count: boolean, digits = 4): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  const k = count ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
  const f = 10 ** k;
  // a product that is a whole number but for floating-point noise is not pushed up a step
  const v = a * f;
  const up = Math.abs(v - Math.round(v)) <= 1e-9 * Math.max(1, v) ? Math.round(v) : Math.ceil(v);
  return (Math.sign(x) * up) / f;
}

/**
 * A number for display: whole numbers from 1 000 up, else 4 significant digits, without trailing
 * zeros. Not for further computation (the CSV and JSON files keep full precision).
 * @example showNumber(98.38196) // => '98.38'
 */
export function showNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  if (x === 0) return '0';
  const s = x.toPrecision(4);
  return s.includes('e') ? String(Number(s)) : s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Options of {@link describeChange}. */
export interface ChangeWords {
  lang: 'zh' | 'en';
  /** The framework node's unit text. */
  unit?: string;
}

/**
 * A change of an indicator in its measure, rounded away from zero, signed in words:
 * `提高 3.2 件/万人`, `降低 1.5 个百分点`, `raise by 3.2 items per 10,000 persons`.
 * @example describeChange(2.04, { lang: 'zh', unit: '%' }) // => '提高 2.04 个百分点'
 */
export function describeChange(change: number, w: ChangeWords): string {
  const up = change >= 0;
  const shown = showNumber(Math.abs(roundAway(change, isCountMeasure(w.unit))));
  const pct = w.unit?.trim() === '%';
  if (w.lang === 'zh') return `${up ? '提高' : '降低'} ${shown} ${pct ? '个百分点' : (w.unit ?? '')}`.trimEnd();
  const measure = pct ? 'percentage points' : measureEn(w.unit);
  return `${up ? 'raise by' : 'lower by'} ${shown}${measure ? ` ${measure}` : ''}`;
}
