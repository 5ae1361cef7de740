import { MethodError } from '../errors.ts';
import { extent, finite } from './stats.ts';

/**
 * Sample skewness with the bias correction of Excel's SKEW and e1071's `skewness(type = 2)`, the
 * definition COINr's `skew()` uses: with mᵣ = Σ(xᵢ − x̄)ʳ/n,
 * G₁ = √(n(n − 1))/(n − 2) · m₃/m₂^{3/2}. NaN values are ignored; NaN when fewer than 3 values are
 * present or they are all equal.
 * Reference: Joanes & Gill (1998), The Statistician 47:183–189 (G₁); COINr documentation, `skew`.
 * @example skewness([1, 2, 3, 10]) // => 1.7636…
 */
export function skewness(x: ArrayLike<number>): number {
  const f = finite(x);
  const n = f.length;
  if (n < 3) return NaN;
  const { m2, m3 } = moments(f);
  if (!(m2 > 0)) return NaN;
  return ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / m2 ** 1.5;
}

/**
 * Sample excess kurtosis with the bias correction of Excel's KURT and e1071's `kurtosis(type = 2)`,
 * the definition COINr's `kurt()` uses: with r = m₄/m₂² (mᵣ as in {@link skewness}),
 * G₂ = ((n + 1)(r − 3) + 6)·(n − 1)/((n − 2)(n − 3)). 0 for a normal distribution. NaN values
 * are ignored; NaN when fewer than 4 values are present or they are all equal.
 * Reference: Joanes & Gill (1998), The Statistician 47:183–189 (G₂); COINr documentation, `kurt`.
 * @example kurtosis([1, 2, 3, 10]) // => 3.228
 */
export function kurtosis(x: ArrayLike<number>): number {
  const f = finite(x);
  const n = f.length;
  if (n < 4) return NaN;
  const { m2, m4 } = moments(f);
  if (!(m2 > 0)) return NaN;
  const r = m4 / (m2 * m2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

/** Central moments m₂, m₃, m₄ (divided by n) of finite values. */
function moments(f: number[]): { m2: number; m3: number; m4: number } {
  const n = f.length;
  let mu = 0;
  for (const v of f) mu += v;
  mu /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of f) {
    const d = v - mu;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  return { m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/** Options of {@link treatOutliers}. */
export interface TreatOptions {
  /** Most points to winsorise before falling back to the log transform (default 5). */
  winMax?: number;
  /** Absolute skewness threshold (default 2). */
  skewThreshold?: number;
  /** Excess kurtosis threshold (default 3.5). */
  kurtThreshold?: number;
  /** Log-transform when winsorising `winMax` points is not enough (default true); if false, keep the winsorised values. */
  logFallback?: boolean;
  /**
   * Shift a in the log fallback ln(x − min + a): `one` (default) a = 1, the COIN Tool log
   * (COINr `log_CT_orig`); `range` a = 0.01·(max − min), COINr's `log_CT` shift (the default of
   * COINr's `Treat()` since v1.0: scale-free, but it crowds the smallest values together). Both
   * mirror the log for negative skew, −ln(max − x + a). `coinr`: exactly COINr's default
   * `log_CT`, ln(x − min + 0.01·(max − min)) whatever the skew (no mirror).
   */
  logShift?: LogShift;
  /**
   * The second treatment, applied to the original values when winsorising is not enough
   * (default `log`: the log of `logShift`); see {@link TREAT_FALLBACKS}. `none` keeps the
   * winsorised values (as `logFallback: false`).
   */
  fallback?: TreatFallback;
  /** λ of the `boxcox` fallback (required for it). */
  lambda?: number;
}

/** The shifts of the log fallback (see {@link TreatOptions.logShift}). */
export const LOG_SHIFTS = ['one', 'range', 'coinr'] as const;
/** A shift of the log fallback. */
export type LogShift = (typeof LOG_SHIFTS)[number];

/** Registry entry of a second treatment (see {@link TREAT_FALLBACKS}). */
export interface TreatFallbackDef {
  describe: { zh: string; en: string };
  /** COINr's name of the function, where it has one. */
  coinr?: string;
  /**
   * The transformed values of x (NaN stays NaN); `skew` is the skewness of x, `lo`/`hi` its
   * extent; `options` the treatment's options (logShift, lambda).
   */
  fn: (x: number[], skew: number, lo: number, hi: number, options: TreatOptions) => number[];
}

const logOf = (x: number[], f: (v: number) => number): number[] => x.map((v) => (Number.isFinite(v) ? f(v) : NaN));

/**
 * The second treatments of {@link treatOutliers} by name (recipe `treatment.fallback`): applied
 * to the original values when winsorising `winMax` points does not bring skewness and kurtosis
 * within bounds. The COINr names are those of COINr's `Treat(f2 = …)` (COINr ≥ 1.0, treat.R).
 */
export const TREAT_FALLBACKS = {
  /** ln(x − min + a) (a by `logShift`), mirrored −ln(max − x + a) for negative skew; `logShift: coinr` is `log_CT`. */
  log: {
    describe: { zh: '对数变换 ln(x − 最小值 + a)，负偏时取镜像（a 见 logShift）', en: 'Log ln(x − min + a), mirrored for negative skew (a: logShift)' },
    fn: (x, skew, lo, hi, o) => {
      const shift = o.logShift ?? 'one';
      const a = shift === 'one' ? 1 : 0.01 * (hi - lo);
      if (shift === 'coinr') return logOf(x, (v) => Math.log(v - lo + a));
      return logOf(x, (v) => (skew >= 0 ? Math.log(v - lo + a) : -Math.log(hi - v + a)));
    },
  },
  /** COINr `log_CT`: ln(x − min + 0.01·(max − min)), whatever the skew (COINr's default f2). */
  log_CT: {
    describe: { zh: 'COINr log_CT：ln(x − 最小值 + 0.01·极差)（COINr 默认）', en: 'COINr log_CT: ln(x − min + 0.01·(max − min)) (COINr default)' },
    coinr: 'log_CT',
    fn: (x, _s, lo, hi) => logOf(x, (v) => Math.log(v - lo + 0.01 * (hi - lo))),
  },
  /** COINr `log_CT_plus`: skew > 0: ln(x − min + a); else −ln(max + a − x); a = 0.01·(max − min). */
  log_CT_plus: {
    describe: { zh: 'COINr log_CT_plus：正偏 ln(x − 最小值 + a)，否则 −ln(最大值 + a − x)', en: 'COINr log_CT_plus: skew > 0 ln(x − min + a), else −ln(max + a − x)' },
    coinr: 'log_CT_plus',
    fn: (x, skew, lo, hi) => {
      const a = 0.01 * (hi - lo);
      return logOf(x, (v) => (skew > 0 ? Math.log(v - lo + a) : -Math.log(hi + a - v)));
    },
  },
  /** COINr `log_CT_orig`: ln(x − min + 1), whatever the skew (the COIN Tool's log). */
  log_CT_orig: {
    describe: { zh: 'COINr log_CT_orig：ln(x − 最小值 + 1)（COIN Tool）', en: 'COINr log_CT_orig: ln(x − min + 1) (COIN Tool)' },
    coinr: 'log_CT_orig',
    fn: (x, _s, lo) => logOf(x, (v) => Math.log(v - lo + 1)),
  },
  /** COINr `boxcox(makepos = TRUE)`: y = x − min + 1, then (y^λ − 1)/λ, or ln y for λ = 0. */
  boxcox: {
    describe: { zh: 'COINr boxcox：y = x − 最小值 + 1，(y^λ − 1)/λ（λ = 0 取 ln y）', en: 'COINr boxcox: y = x − min + 1, (y^λ − 1)/λ (ln y for λ = 0)' },
    coinr: 'boxcox',
    fn: (x, _s, lo, _h, o) => {
      const l = o.lambda!;
      return logOf(x, (v) => (l === 0 ? Math.log(v - lo + 1) : ((v - lo + 1) ** l - 1) / l));
    },
  },
  /** No second treatment: the winsorised values are kept (as `logFallback: false`). */
  none: {
    describe: { zh: '不做第二步：保留缩尾结果', en: 'None: keep the winsorised values' },
    fn: (x) => x,
  },
} satisfies Record<string, TreatFallbackDef>;

/** A second treatment's name (see {@link TREAT_FALLBACKS}). */
export type TreatFallback = keyof typeof TREAT_FALLBACKS;

/** Result of {@link treatOutliers}. */
export interface TreatResult {
  /** Treated values, aligned with the input (NaN stays NaN). */
  values: number[];
  /** Indices of the winsorised values, ascending (empty when the log fallback was applied). */
  winsorised: number[];
  /** Whether the log fallback was applied. */
  log: boolean;
  /** Whether the treated values pass the skewness/kurtosis test. */
  pass: boolean;
  /** Skewness ({@link skewness}) before and after treatment. */
  skew: { before: number; after: number };
  /** Excess kurtosis ({@link kurtosis}) before and after treatment. */
  kurt: { before: number; after: number };
}

/**
 * Outlier treatment by the COINr/GII rule. An indicator fails when |skewness| ≥ `skewThreshold`
 * AND kurtosis ≥ `kurtThreshold` (COINr `check_SkewKurt`: it passes when |skew| < 2 or kurt < 3.5).
 * While it fails and fewer than `winMax` points have been winsorised, the most extreme value on the
 * side of the skew (the maximum if skew ≥ 0, else the minimum) is replaced by the next value
 * inwards; tied extreme values are winsorised together, each counting as a point (COINr
 * `winsorise`). If it still fails, the winsorisation is undone and the original values are
 * log-transformed: for skew ≥ 0, ln(x − min + a); for negative skew, the mirror image
 * −ln(max − x + a), which pulls in the long left tail and keeps the order of the values
 * (as COINr's `log_CT_plus` does). a = 1 by default, the COIN Tool's
 * ln(x − min + 1) (COINr `log_CT_orig`), or 0.01·(max − min) with `logShift: 'range'` (COINr
 * `log_CT`). `pass` reports whether the result passes the test. With fewer than 4 values present, or all equal,
 * skewness/kurtosis are undefined and the values pass untouched.
 * References: COINr documentation, `Treat()` / `winsorise()` / `check_SkewKurt()`; Global
 * Innovation Index technical notes (outlier treatment: |skewness| > 2 and kurtosis > 3.5);
 * OECD/JRC Handbook (2008) §5 (outliers and skewed distributions before normalisation).
 * @throws MethodError for a negative or non-integer winMax or a non-positive threshold
 * @example treatOutliers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]).winsorised // => [10]
 */
export function treatOutliers(x: ArrayLike<number>, options: TreatOptions = {}): TreatResult {
  const winMax = options.winMax ?? 5;
  const ts = options.skewThreshold ?? 2;
  const tk = options.kurtThreshold ?? 3.5;
  const logFallback = options.logFallback ?? true;
  const logShift = options.logShift ?? 'one';
  const fallback = options.fallback ?? (logFallback ? 'log' : 'none');
  if (!Number.isInteger(winMax) || winMax < 0) throw new MethodError(`treatOutliers: winMax must be an integer ≥ 0, got ${winMax}`);
  if (!Object.hasOwn(TREAT_FALLBACKS, fallback)) throw new MethodError(`treatOutliers: fallback must be one of ${Object.keys(TREAT_FALLBACKS).join(', ')}, got "${String(fallback)}"`);
  if (fallback === 'boxcox' && !Number.isFinite(options.lambda)) throw new MethodError(`treatOutliers: fallback boxcox needs a finite lambda, got ${String(options.lambda)}`);
  if (!(ts > 0) || !Number.isFinite(ts)) throw new MethodError(`treatOutliers: skewThreshold must be a positive number, got ${ts}`);
  if (!Number.isFinite(tk)) throw new MethodError(`treatOutliers: kurtThreshold must be a number, got ${tk}`);
  if (!LOG_SHIFTS.includes(logShift)) throw new MethodError(`treatOutliers: logShift must be one of ${LOG_SHIFTS.join(', ')}, got "${String(logShift)}"`);

  const fails = (v: ArrayLike<number>): boolean => Math.abs(skewness(v)) >= ts && kurtosis(v) >= tk;
  const original = Array.from(x, (v) => (Number.isFinite(v) ? v : NaN));
  const skew0 = skewness(original);
  const kurt0 = kurtosis(original);
  const done = (values: number[], winsorised: number[], log: boolean): TreatResult => ({
    values,
    winsorised: winsorised.sort((a, b) => a - b),
    log,
    pass: !fails(values),
    skew: { before: skew0, after: skewness(values) },
    kurt: { before: kurt0, after: kurtosis(values) },
  });
  if (!fails(original)) return done(original, [], false);

  // winsorise one extreme (with its ties) at a time
  const w = original.slice();
  const touched = new Set<number>();
  while (fails(w) && touched.size < winMax) {
    const high = skewness(w) >= 0;
    const [lo, hi] = extent(w);
    const edge = high ? hi : lo;
    let next = high ? -Infinity : Infinity;
    for (const v of w) if (Number.isFinite(v) && v !== edge) next = high ? Math.max(next, v) : Math.min(next, v);
    if (!Number.isFinite(next)) break;
    for (let i = 0; i < w.length; i++) {
      if (w[i] === edge) {
        w[i] = next;
        touched.add(i);
      }
    }
  }
  if (!fails(w) || fallback === 'none') return done(w, [...touched], false);

  // fall back: undo and transform the original values
  const [lo, hi] = extent(original);
  const logged = (TREAT_FALLBACKS[fallback] as TreatFallbackDef).fn(original, skew0, lo, hi, { ...options, logShift });
  return done(logged, [], true);
}

/** The values as given, tested but not changed: what the `none` treatment returns. */
function untreated(x: ArrayLike<number>, options: TreatOptions): TreatResult {
  const values = Array.from(x, (v) => (Number.isFinite(v) ? v : NaN));
  const skew = skewness(values);
  const kurt = kurtosis(values);
  const pass = !(Math.abs(skew) >= (options.skewThreshold ?? 2) && kurt >= (options.kurtThreshold ?? 3.5));
  return { values, winsorised: [], log: false, pass, skew: { before: skew, after: skew }, kurt: { before: kurt, after: kurt } };
}

/** Registry entry of an outlier treatment. */
export interface TreaterDef {
  describe: { zh: string; en: string };
  /** Treats one indicator's values (NaN = missing). */
  fn: (x: ArrayLike<number>, options: TreatOptions) => TreatResult;
}

/**
 * Outlier treatments by name (recipe `treatment.method`, `treatment.byIndicator`). The set is
 * closed: {@link resolveTreater} is the one place names are resolved.
 */
export const TREATERS = {
  /** No treatment (the default). @example TREATERS.none.fn([1, 2, 100], {}).values // => [1, 2, 100] */
  none: {
    describe: { zh: '不处理（默认）', en: 'No treatment (default)' },
    fn: untreated,
  },
  /** {@link treatOutliers}. */
  winsorise: {
    describe: {
      zh: '缩尾处理：|偏度|>2且峰度>3.5时逐点缩尾（最多5点），仍不满足则取对数（COINr/GII规则）',
      en: 'Winsorise while |skew| > 2 and kurtosis > 3.5 (up to 5 points), else log-transform (COINr/GII rule)',
    },
    fn: treatOutliers,
  },
} satisfies Record<string, TreaterDef>;

/** The outlier treatment names. */
export type TreatMethod = keyof typeof TREATERS;

/**
 * Resolves an outlier treatment name.
 * @throws MethodError listing the valid names
 * @example resolveTreater('winsorise') === TREATERS.winsorise // => true
 */
export function resolveTreater(method: string): TreaterDef {
  const def = Object.hasOwn(TREATERS, method) ? (TREATERS as Record<string, TreaterDef>)[method] : undefined;
  if (!def) throw new MethodError(`Unknown outlier treatment "${method}" (valid: ${Object.keys(TREATERS).join(', ')})`);
  return def;
}

/** Options of {@link treat}. */
export interface TreatEntryOptions {
  /** A treatment named in {@link TREATERS}. */
  method: TreatMethod;
  /** Its options (winsorise: `winMax`, `skewThreshold`, `kurtThreshold`, `logFallback`, `logShift`). */
  params?: TreatOptions;
}

/**
 * Treats one indicator's values by a treatment named in {@link TREATERS}: the callable entry of the
 * outlier-treatment family.
 * @throws MethodError for an unknown name or invalid options
 * @example treat([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100], { method: 'winsorise' }).winsorised // => [10]
 */
export function treat(values: ArrayLike<number>, options: TreatEntryOptions): TreatResult {
  return resolveTreater(options.method).fn(values, options.params ?? {});
}
