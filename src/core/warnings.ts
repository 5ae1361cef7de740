/**
 * Warnings are values, never console output: every computation returns the warnings it raised.
 * The codes are a closed set: {@link WARNINGS} lists each with a one-line description, and
 * {@link WarningSink.add} takes only those.
 */

/** Every warning code, with a one-line description (Chinese and English). */
export const WARNINGS = {
  // data and units (before any method runs)
  'derived-in-data': { zh: '数据中给出了派生指标的值：忽略，按公式计算', en: 'The data gives values for derived indicators: ignored, computed from their formulas' },
  'unknown-variable': { zh: '数据中有框架未使用的变量：忽略', en: 'The data has variables the framework does not use: ignored' },
  'low-coverage': { zh: '单位数据过少（低于覆盖率下限）：不参与计算', en: 'Units with too little data (below units.minCoverage) are left out' },
  'screened-out': { zh: '单位筛选（units.screen）：数据可得率或非零值比例低于阈值的单位不参与计算', en: 'Units screened out by data availability or non-zero share (units.screen)' },
  'no-data-year': { zh: '某数据年份没有任何观测值：仅以沿用（插补）值计算', en: 'A data year has no observation at all: scored from carried-forward (imputed) values only' },
  'implausible-value': { zh: '数据值的绝对值超过合理上限（checks.maxMagnitude，默认10¹⁵）：照常使用，请核对', en: 'Values beyond the plausible magnitude (checks.maxMagnitude, default 10¹⁵): used as given, check them' },
  'framework-weights-unused': { zh: '方案的权重方法取代了框架文件中的权重：这些权重未被使用', en: "The recipe's weight scheme replaces weights the framework file gives: those are not used" },
  'formula-undefined': { zh: '派生指标的输入齐全但公式无定义（除以0或溢出）：该值缺失', en: 'A derived indicator is undefined although its inputs are present (division by 0 or overflow): left missing' },
  // missing values
  'carried-forward': { zh: '缺失值沿用前一年份的值', en: 'Missing values carried forward from an earlier year' },
  imputed: { zh: '缺失值按插补方法填补', en: 'Missing values filled by an imputation method' },
  'missing-dropped': { zh: '插补后仍缺失：合成时剔除，权重重新归一', en: 'Still missing after imputation: dropped from aggregation, weights renormalised' },
  'row-mean': { zh: '缺失的下级得分以该单位其余下级得分的均值填补', en: "Missing child scores filled with the unit's mean over the present children" },
  // outlier treatment
  treated: { zh: '异常值处理：缩尾或对数变换', en: 'Outlier treatment: values winsorised or log-transformed' },
  // normalisation (raised by the normalisers through NormaliseContext.warn)
  'zero-spread': { zh: '所有值相等（或仅一个单位有值）：各单位得分相同', en: 'All values are equal (or only one is present): every unit gets the same score' },
  'non-positive-shift': { zh: '方法需要正值：先整体平移', en: 'The method needs positive values: every value is shifted first' },
  'negative-values': { zh: '比值类方法遇到负值：结果可能失真或改用替代公式', en: 'A ratio method meets negative values: scores may be reversed, or a fallback form is used' },
  'zero-reference': { zh: '参照值（或逆向指标的值）为 0：比值无定义，得分缺失', en: 'The reference (or a value of a smaller-is-better indicator) is 0: ratio undefined, score missing' },
  'missing-reference': { zh: '参照单位无数据：所有单位无得分', en: 'The reference unit has no value: no unit gets a score' },
  'missing-base': { zh: '没有基期值：无得分', en: 'No base-year value: no score' },
  'zero-base': { zh: '基期值（或逆向指标的值）为 0：比值无定义，无得分', en: 'The base-year value (or a value of a smaller-is-better indicator) is 0: no score' },
  'score-undefined': { zh: '指标值存在但无法计算得分（如数值溢出）：得分缺失', en: 'No score could be computed for a present value (e.g. overflow): left missing' },
  clamped: { zh: '超出阈值的值被截断到阈值', en: 'Values outside the goalposts clamped to them' },
  // aggregation and results
  'aggregate-undefined': { zh: '合成方法对部分单位无定义（如几何平均遇到非正值）：得分缺失', en: 'The aggregation method is undefined for some units (e.g. a non-positive value in a geometric mean): left missing' },
  'no-score': { zh: '某单位某版本没有综合得分（无任何指标数据）', en: 'A unit has no index score in an edition (no indicator has data)' },
} satisfies Record<string, { zh: string; en: string }>;

/** A warning code: one of {@link WARNINGS}. */
export type WarningCode = keyof typeof WARNINGS;

/**
 * Whether a string is a warning code (e.g. one read back from a manifest).
 * @example isWarningCode('zero-spread') // => true
 * @example isWarningCode('zero_spread') // => false
 */
export function isWarningCode(code: string): code is WarningCode {
  return Object.hasOwn(WARNINGS, code);
}

export interface Warning {
  /** Stable machine-readable code, one of {@link WARNINGS}, e.g. `zero-spread`, `carried-forward`. */
  code: WarningCode;
  /** Where: node/indicator code, unit, year, joined as a path. */
  path: string;
  /** Human-readable message. */
  message: string;
}

/** Collects warnings without duplicates. */
export class WarningSink {
  readonly list: Warning[] = [];
  private readonly seen = new Set<string>();
  add(code: WarningCode, path: string, message: string): void {
    const key = `${code}|${path}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, path, message });
  }
}
