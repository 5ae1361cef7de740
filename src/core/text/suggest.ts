/**
 * "Did you mean …?" suggestions for misspelt names: built-in frameworks and recipes, unit names,
 * indicator codes, recipe keys. Pure functions.
 */

/**
 * Levenshtein edit distance: the fewest single-character insertions, deletions and
 * substitutions that turn `a` into `b`.
 * @example editDistance('cnipa-regonal', 'cnipa-regional') // => 1
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Options for {@link didYouMean}. */
export interface DidYouMeanOptions {
  /**
   * Largest distance still suggested (default: 1 for names of up to 4 characters, 2 up to 8,
   * else 3). Names of fewer than `minLength` characters get no suggestion.
   */
  maxDistance?: number;
  /** Shortest name that gets a suggestion (default 1). */
  minLength?: number;
  /** Compare ignoring case and spaces (default true). */
  ignoreCase?: boolean;
}

/**
 * The candidates closest to a misspelt name: those at the smallest edit distance, if that
 * distance is within the limit, in the candidates' order. An exact match (ignoring case) is
 * returned alone.
 * @example didYouMean('cnipa-regonal', ['cnipa-regional', 'cnipa-national']) // => ['cnipa-regional']
 * @example didYouMean('zzz', ['cnipa-regional']) // => []
 */
export function didYouMean(name: string, candidates: Iterable<string>, options: DidYouMeanOptions = {}): string[] {
  const norm = (s: string): string => (options.ignoreCase === false ? s : s.replace(/\s+/g, '').toLowerCase());
  const n = norm(name);
  if (n.length < (options.minLength ?? 1)) return [];
  const limit = options.maxDistance ?? (n.length <= 4 ? 1 : n.length <= 8 ? 2 : 3);
  let best = Infinity;
  let out: string[] = [];
  for (const c of new Set(candidates)) {
    const nc = norm(c);
    // the distance is at least the difference of the lengths: skip without computing it
    if (Math.abs(nc.length - n.length) > Math.min(limit, best)) continue;
    const d = editDistance(n, nc);
    if (d > limit || d > best) continue;
    if (d < best) {
      best = d;
      out = [];
    }
    out.push(c);
  }
  return out;
}

/**
 * The suggestion as text: " — did you mean X?" / " — did you mean X or Y?", or "" when there is
 * none (English; {@link didYouMeanZh} for Chinese).
 * @example suggestionText(['cnipa-regional']) // => ' — did you mean cnipa-regional?'
 */
export function suggestionText(names: string[]): string {
  return names.length ? ` — did you mean ${orList(names, 'or')}?` : '';
}

/**
 * The suggestion in Chinese: "——是否指 X？", or "" when there is none.
 * @example didYouMeanZh(['R18', 'R19']) // => '——是否指 R18 或 R19？'
 */
export function didYouMeanZh(names: string[]): string {
  return names.length ? `——是否指 ${names.join(' 或 ')}？` : '';
}

/**
 * "a", "a or b", "a, b or c".
 * @example orList(['a', 'b', 'c'], 'or') // => 'a, b or c'
 */
export function orList(xs: string[], word: string): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${word} ${xs[xs.length - 1]}`;
}
