/**
 * Writing narrative with its facts: every number a sentence states goes through {@link Prose.num},
 * which prints it and records it as a {@link NarrativeFact} (the printed text, the value and where
 * in the results it comes from). Literal text may not hold an ASCII digit, so no number can slip
 * into a sentence without a fact (names are added with {@link Prose.name}, which may).
 */
import type { NarrativeFact, ParagraphBlock } from './document.ts';

/** The languages the report is written in. */
export type Lang = 'zh' | 'en';

/**
 * A number rounded for display; one that rounds to zero (floating noise such as −1.4e-14) is 0,
 * never −0.
 * @example fixed(-0.0000001, 2) // => '0.00'
 * @example fixed(81.7349, 2) // => '81.73'
 */
export function fixed(v: number, decimals: number): string {
  const r = Number(v.toFixed(decimals));
  return (r === 0 ? 0 : r).toFixed(decimals);
}

/** The value as displayed, as a number (for comparisons of what the reader sees). */
export const shown = (v: number, decimals: number): number => Number(fixed(v, decimals));

/** How {@link Prose.num} prints a number. */
export interface NumOptions {
  decimals?: number;
  /** `+0.73` for a positive value. */
  signed?: boolean;
  /** Print the magnitude (a fall written as 下降0.35): the fact records the signed value. */
  magnitude?: boolean;
}

/** A paragraph being written: text and the facts its numbers state. */
export class Prose {
  private readonly parts: string[] = [];
  readonly facts: NarrativeFact[] = [];

  /**
   * Literal text.
   * @throws Error when it holds an ASCII digit (numbers go through {@link num})
   */
  t(text: string): this {
    if (/[0-9]/.test(text)) throw new Error(`narrative text with a digit outside a fact: ${JSON.stringify(text)}`);
    this.parts.push(text);
    return this;
  }

  /** A name (unit, node, group), which may hold digits and states no fact. */
  name(text: string): this {
    this.parts.push(text);
    return this;
  }

  /** A number, printed and recorded as a fact with its reference. */
  num(value: number, ref: string, options: NumOptions = {}): this {
    const d = options.decimals ?? 0;
    const v = options.magnitude ? Math.abs(value) : value;
    let text = fixed(v, d);
    if (options.signed && Number(text) > 0) text = `+${text}`;
    this.parts.push(text);
    this.facts.push({ text, value, ref, ...(options.magnitude ? { magnitude: true } : {}) });
    return this;
  }

  /** A year (an edition or data year), recorded as a fact. */
  year(y: number, ref = `year:${y}`): this {
    return this.num(y, ref);
  }

  /** A list of items joined the way the language joins them (、 / , and). */
  list<T>(items: T[], lang: Lang, each: (item: T, p: this) => void, options: { and?: boolean; sep?: string } = {}): this {
    items.forEach((item, i) => {
      if (i > 0) {
        if (options.sep !== undefined) this.t(options.sep);
        else if (lang === 'zh') this.t(options.and && i === items.length - 1 ? '和' : '、');
        else this.t(options.and !== false && i === items.length - 1 ? (items.length > 2 ? ', and ' : ' and ') : ', ');
      }
      each(item, this);
    });
    return this;
  }

  /** Writes with a function (a phrase helper) and goes on. */
  call(fn: (p: this) => unknown): this {
    fn(this);
    return this;
  }

  get text(): string {
    return this.parts.join('');
  }

  get empty(): boolean {
    return this.parts.length === 0;
  }

  /** The paragraph block of what was written. */
  block(style: ParagraphBlock['style'] = 'body'): ParagraphBlock {
    return { kind: 'paragraph', text: this.text, facts: [...this.facts], ...(style === 'body' ? {} : { style }) };
  }
}

/** Chinese numerals for small counts in headings (一 … 九十九), as the report numbers its sections. */
export function chineseNumber(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n]!;
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  return String(n);
}
