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

/** A unit word: its unit, and whether a quantity in it is never negative (counts, durations). */
interface BaseUnit extends Unit {
  nonNegative: boolean;
}

const count = (): BaseUnit => ({ dims: { count: 1 }, scale: 1, nonNegative: true });
const BASE: Record<string, BaseUnit> = {
  // counts (classifiers)
  件: count(),
  个: count(),
  家: count(),
  户: count(),
  项: count(),
  种: count(),
  份: count(),
  次: count(),
  位: count(),
  所: count(),
  名: count(),
  人: count(),
  人口: count(),
  // money
  元: { dims: { CNY: 1 }, scale: 1, nonNegative: false },
  美元: { dims: { USD: 1 }, scale: 1, nonNegative: false },
  // time (durations)
  年: { dims: { time: 1 }, scale: 12, nonNegative: true },
  月: { dims: { time: 1 }, scale: 1, nonNegative: true },
  工作日: { dims: { workday: 1 }, scale: 1, nonNegative: true },
  日: { dims: { day: 1 }, scale: 1, nonNegative: true },
  天: { dims: { day: 1 }, scale: 1, nonNegative: true },
  // scores
  分: { dims: { score: 1 }, scale: 1, nonNegative: false },
  // dimensionless
  '%': { dims: {}, scale: 0.01, nonNegative: false },
  '‰': { dims: {}, scale: 0.001, nonNegative: false },
  '1': { dims: {}, scale: 1, nonNegative: false },
};

const BASE_NAMES = Object.keys(BASE).sort((a, b) => b.length - a.length);

/** Every unit word the unit model knows, as messages list them (longest first). */
export const KNOWN_UNIT_WORDS: readonly string[] = BASE_NAMES.filter((n) => n !== '1');

/** Options of {@link parseUnit} and {@link unitDomain}. */
export interface UnitOptions {
  /**
   * Units of one's own (a framework's `custom_units`), beyond the words the model knows: each is
   * a dimension of its own (so it composes only with itself), may take the prefixes 十 百 千 万 亿
   * when it is a single word, and says nothing about the sign of a value.
   */
  custom?: readonly string[];
}

/**
 * Whether a character is a control character (C0, DEL, C1) or a bidirectional override or
 * isolate, which would garble a terminal or a message.
 * @example isControl('\u001b') // => true
 * @example isControl('吨') // => false
 */
export function isControl(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** The longest custom unit name accepted. */
const MAX_CUSTOM_UNIT_LENGTH = 60;

/**
 * What is wrong with a name given as a custom unit, or undefined when it can be one: a
 * non-empty text of at most 60 characters, without control or bidirectional-override characters,
 * not starting with = + - @ (a spreadsheet would take it for a formula), and not a unit the model
 * already knows.
 * @example customUnitProblem('吨') // => undefined
 * @example customUnitProblem('件') // => 'custom unit "件" is already a unit ipindex knows; leave it out of custom_units'
 */
export function customUnitProblem(name: unknown, shown = String(name)): string | undefined {
  if (typeof name !== 'string' || !name.trim()) return `a custom unit must be a non-empty name, got ${shown}`;
  const s = name.trim();
  if ([...s].some(isControl)) return `custom unit ${shown} holds control characters`;
  if (s.length > MAX_CUSTOM_UNIT_LENGTH) return `custom unit "${s.slice(0, 40)}…" is too long (at most ${MAX_CUSTOM_UNIT_LENGTH} characters)`;
  if (/^[=+\-@]/.test(s)) return `custom unit "${s}" must not start with = + - or @`;
  if (Object.hasOwn(BASE, s)) return `custom unit "${s}" is already a unit ipindex knows; leave it out of custom_units`;
  return undefined;
}

/** One term of a unit string: its word (a base or custom unit), its prefix's factor and its power. */
interface Term {
  word: string;
  base: BaseUnit;
  factor: number;
  power: 1 | -1;
}

const customBase = (name: string): BaseUnit => ({ dims: { [`custom:${name}`]: 1 }, scale: 1, nonNegative: false });

function parseTerm(term: string, whole: string, custom: readonly string[]): Omit<Term, 'power'> {
  const t = term.trim();
  if (t === '') throw new UnitError(`Unit "${whole}": empty term (expected e.g. 件, 万人, 亿元, %)`);
  const words = custom.length ? [...custom.filter((c) => !/[/·*]/.test(c)), ...BASE_NAMES].sort((a, b) => b.length - a.length) : BASE_NAMES;
  for (const word of words) {
    if (t.endsWith(word)) {
      const prefix = t.slice(0, t.length - word.length);
      let factor = 1;
      for (const ch of prefix) {
        const f = Object.hasOwn(PREFIX, ch) ? PREFIX[ch] : undefined;
        if (f === undefined) {
          throw new UnitError(`Unit "${whole}": unknown prefix "${prefix}" in "${t}" (expected 十 百 千 万 亿 or their combinations)`);
        }
        factor *= f;
      }
      return { word, base: Object.hasOwn(BASE, word) ? BASE[word]! : customBase(word), factor };
    }
  }
  throw new UnitError(
    `Unit "${whole}": unknown unit "${t}" (known: ${KNOWN_UNIT_WORDS.join(' ')}, with the prefixes 十 百 千 万 亿, joined by · or / ; a unit of your own can be declared under custom_units in the framework)`,
  );
}

/** The terms of a unit string (numerator terms power 1, denominator terms power −1). */
function termsOf(s: string, options: UnitOptions): Term[] {
  const str = s.trim();
  const custom = options.custom ?? [];
  if (str === '') return [];
  if (custom.includes(str)) return [{ word: str, base: customBase(str), factor: 1, power: 1 }];
  const [num, ...dens] = str.split('/');
  const out: Term[] = [];
  for (const t of (num ?? '').split(/[·*]/)) {
    if (t.trim() === '' && dens.length) out.push({ word: '1', base: BASE['1']!, factor: 1, power: 1 });
    else out.push({ ...parseTerm(t, s, custom), power: 1 });
  }
  for (const d of dens) for (const t of d.split(/[·*]/)) out.push({ ...parseTerm(t, s, custom), power: -1 });
  return out;
}

/** Where the values of a quantity may lie: `min` ≤ x ≤ `max` (either may be open), and why. */
export interface UnitDomain {
  min?: number;
  max?: number;
  /** The reason, for messages: e.g. `its unit 件 counts things and cannot be negative`. */
  why: string;
}

/**
 * The values a quantity in a unit may take, read off the unit model: a share written `%` lies
 * within 0–100 (`‰`: 0–1000); a count (件 个 人 万件 …), a duration (月 年 工作日) and a ratio
 * of such (件/万人, 家/万件) is never negative; for anything else (money, scores, custom units,
 * dimensionless numbers) the model says nothing and the result is undefined.
 * @example unitDomain('%') // => { min: 0, max: 100, why: 'its unit % is a share within 0–100' }
 * @example unitDomain('件/万人') // => { min: 0, why: 'its unit 件/万人 counts things and cannot be negative' }
 * @example unitDomain('亿元') // => undefined
 * @throws UnitError for a unit string that does not parse
 */
export function unitDomain(s: string, options: UnitOptions = {}): UnitDomain | undefined {
  const str = s.trim();
  if (str === '%') return { min: 0, max: 100, why: 'its unit % is a share within 0–100' };
  if (str === '‰') return { min: 0, max: 1000, why: 'its unit ‰ is a share within 0–1000' };
  const terms = termsOf(str, options);
  if (!terms.length || !terms.every((t) => t.base.nonNegative)) return undefined;
  const counts = terms.every((t) => 'count' in t.base.dims);
  return { min: 0, why: `its unit ${str} ${counts ? 'counts things' : 'measures counts or durations'} and cannot be negative` };
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
 * @throws UnitError naming the unknown word, with the words the model knows
 */
export function parseUnit(s: string, options: UnitOptions = {}): Unit {
  let u: Unit = { dims: {}, scale: 1 };
  for (const t of termsOf(s, options)) u = combine(u, { dims: { ...t.base.dims }, scale: t.base.scale * t.factor }, t.power);
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
