import { UnitError } from '../errors.ts';

/**
 * A physical unit as a dimension vector and a scale relative to the base units.
 * A quantity q with value v in unit u is v · u.scale base units of dimension u.dims.
 *
 * Chinese measure words (件 个 家 户 项 人 …) are classifiers, so they all count things: one
 * dimension `count`. Money (元) and US dollars are separate dimensions; 月/年/日 are time.
 * Prefixes 十 百 千 万 亿 multiply (百亿 = 10¹⁰, 万亿 = 10¹²). `%` is dimensionless with scale 0.01.
 */
export interface Unit {
  dims: Record<string, number>;
  scale: number;
}

const PREFIX: Record<string, number> = { 十: 10, 百: 100, 千: 1e3, 万: 1e4, 亿: 1e8 };

const BASE: Record<string, Unit> = {
  // counts (classifiers)
  件: { dims: { count: 1 }, scale: 1 },
  个: { dims: { count: 1 }, scale: 1 },
  家: { dims: { count: 1 }, scale: 1 },
  户: { dims: { count: 1 }, scale: 1 },
  项: { dims: { count: 1 }, scale: 1 },
  种: { dims: { count: 1 }, scale: 1 },
  份: { dims: { count: 1 }, scale: 1 },
  次: { dims: { count: 1 }, scale: 1 },
  位: { dims: { count: 1 }, scale: 1 },
  所: { dims: { count: 1 }, scale: 1 },
  名: { dims: { count: 1 }, scale: 1 },
  人: { dims: { count: 1 }, scale: 1 },
  人口: { dims: { count: 1 }, scale: 1 },
  // money
  元: { dims: { CNY: 1 }, scale: 1 },
  美元: { dims: { USD: 1 }, scale: 1 },
  // time
  年: { dims: { time: 1 }, scale: 12 },
  月: { dims: { time: 1 }, scale: 1 },
  工作日: { dims: { workday: 1 }, scale: 1 },
  日: { dims: { day: 1 }, scale: 1 },
  天: { dims: { day: 1 }, scale: 1 },
  // scores
  分: { dims: { score: 1 }, scale: 1 },
  // dimensionless
  '%': { dims: {}, scale: 0.01 },
  '‰': { dims: {}, scale: 0.001 },
  '1': { dims: {}, scale: 1 },
};

const BASE_NAMES = Object.keys(BASE).sort((a, b) => b.length - a.length);

function parseTerm(term: string, whole: string): Unit {
  const t = term.trim();
  if (t === '') throw new UnitError(`Unit "${whole}": empty term (expected e.g. 件, 万人, 亿元, %)`);
  for (const base of BASE_NAMES) {
    if (t.endsWith(base)) {
      const prefix = t.slice(0, t.length - base.length);
      let scale = 1;
      for (const ch of prefix) {
        const f = PREFIX[ch];
        if (f === undefined) {
          throw new UnitError(`Unit "${whole}": unknown prefix "${prefix}" in "${t}" (expected 十 百 千 万 亿 or their combinations)`);
        }
        scale *= f;
      }
      const b = BASE[base]!;
      return { dims: { ...b.dims }, scale: b.scale * scale };
    }
  }
  throw new UnitError(
    `Unit "${whole}": unknown unit "${t}" (known: ${BASE_NAMES.filter((n) => n !== '1').join(' ')})`,
  );
}

/** Multiplies two units; `power` raises the second operand. */
export function combine(a: Unit, b: Unit, power = 1): Unit {
  const dims: Record<string, number> = { ...a.dims };
  for (const [k, e] of Object.entries(b.dims)) {
    const n = (dims[k] ?? 0) + e * power;
    if (n === 0) delete dims[k];
    else dims[k] = n;
  }
  return { dims, scale: a.scale * Math.pow(b.scale, power) };
}

/** Raises a unit to a power. */
export function powUnit(a: Unit, p: number): Unit {
  return combine({ dims: {}, scale: 1 }, a, p);
}

/**
 * Parses a unit string: terms joined by `·` or `*`, optionally divided by `/` terms.
 * @example parseUnit('件/百亿元') // => { dims: { count: 1, CNY: -1 }, scale: 1e-10 }
 * @throws UnitError naming the unknown word
 */
export function parseUnit(s: string): Unit {
  const str = s.trim();
  if (str === '') return { dims: {}, scale: 1 };
  const [num, ...dens] = str.split('/');
  let u: Unit = { dims: {}, scale: 1 };
  for (const t of (num ?? '').split(/[·*]/)) u = combine(u, t.trim() === '' && dens.length ? BASE['1']! : parseTerm(t, s));
  for (const d of dens) for (const t of d.split(/[·*]/)) u = combine(u, parseTerm(t, s), -1);
  return u;
}

/** True when two units have the same dimensions (scales may differ). */
export function sameDims(a: Unit, b: Unit): boolean {
  const keys = new Set([...Object.keys(a.dims), ...Object.keys(b.dims)]);
  for (const k of keys) if ((a.dims[k] ?? 0) !== (b.dims[k] ?? 0)) return false;
  return true;
}

/** Relative equality of scales (tolerates floating-point noise in 10ⁿ products). */
export function sameScale(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Readable dimension string, e.g. `count·CNY⁻¹`. */
export function formatDims(u: Unit): string {
  const e = Object.entries(u.dims).sort(([a], [b]) => a.localeCompare(b));
  return e.length ? e.map(([k, n]) => (n === 1 ? k : `${k}^${n}`)).join('·') : 'dimensionless';
}
