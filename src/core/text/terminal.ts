/**
 * Text from files made safe to print on a terminal: names, units and messages that echo user
 * input must not carry escape sequences (ESC [ … m recolours or rewrites the screen, OSC sets
 * the window title, BEL rings) or bidirectional overrides (which make text read differently from
 * what it is). Pure functions.
 */

/**
 * C0 controls except tab and line feed, DEL, C1 controls, and the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) with the directional marks (U+200E, U+200F, U+061C).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/** A control character as visible text: `\x1b`, `\r`, `\u202e`. */
function visible(c: string): string {
  if (Object.hasOwn(NAMED, c)) return NAMED[c]!;
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/**
 * Text with every terminal control character replaced by a visible escape (`\x1b`, `\x07`,
 * `\r`, `\u202e`): safe to print. Line feeds and tabs are kept unless `oneLine` (then shown as
 * `\n`, `\t`: for a name printed on one line).
 * @example terminalSafe('\u001b[31mred\u0007') // => '\\x1b[31mred\\x07'
 * @example terminalSafe('a\u202eb') // => 'a\\u202eb'
 * @example terminalSafe('line 1\nline 2') // => 'line 1\nline 2'
 * @example terminalSafe('a\nb', { oneLine: true }) // => 'a\\nb'
 */
export function terminalSafe(text: string, options: { oneLine?: boolean } = {}): string {
  const re = options.oneLine ? UNSAFE_OR_NEWLINE : UNSAFE;
  re.lastIndex = 0;
  return re.test(text) ? text.replace(re, visible) : text;
}

/** Whether text holds a character {@link terminalSafe} would replace. */
export function hasControlCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}
