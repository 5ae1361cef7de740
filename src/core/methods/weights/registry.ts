import { MethodError } from '../../errors.ts';
import { type DataWeightOptions } from './common.ts';
import { entropyWeights, type EntropyOptions } from './entropy.ts';
import { criticWeights } from './critic.ts';
import { cvWeights } from './cv.ts';
import { pcaWeights, type PcaOptions } from './pca.ts';
import { optimiseWeights, type OptimiseOptions } from './optimise.ts';

/** Options any data-driven weighter accepts (each reads its own and ignores the others). */
export type WeighParams = DataWeightOptions & EntropyOptions & PcaOptions & OptimiseOptions;

/** A data-driven weighter: weights (summing to 1) from a units × indicators matrix. */
export type WeighFn = (X: number[][], options: WeighParams) => number[];

/** Registry entry of a weighting method. */
export interface WeighterDef {
  describe: { zh: string; en: string };
  formula: string;
  reference: string;
  /** What the method takes: a count, child counts, the data matrix, or a pairwise matrix. */
  input: 'count' | 'counts' | 'data' | 'pairwise';
  /** The function, for the data-driven methods (`input: 'data'`); the others have their own signatures. */
  weigh?: WeighFn;
}

/**
 * Weighting methods by name. The set is closed: {@link resolveWeighter} is the one place names
 * are resolved; {@link weightsFromData} dispatches the data-driven ones.
 */
export const WEIGHTERS = {
  /** Equal weights 1/n. @example equalWeights(2) // => [0.5, 0.5] */
  equal: {
    describe: { zh: '等权：每个子项权重相同', en: 'Equal weights for every child' },
    formula: 'wᵢ = 1/n',
    reference: 'OECD/JRC Handbook (2008) §6.1',
    input: 'count',
  },
  /** Weights proportional to child counts. @example childCountWeights([3, 1]) // => [0.75, 0.25] */
  'child-count': {
    describe: { zh: '按下级指标个数成比例赋权', en: 'Proportional to the number of children (indicators) below' },
    formula: 'wᵢ = cᵢ / Σc',
    reference: 'OECD/JRC Handbook (2008) §6.1',
    input: 'counts',
  },
  /** 熵权法. @example entropyWeights([[0, 1], [1, 1], [2, 2]]) // => [0.8870…, 0.1130…] */
  entropy: {
    describe: { zh: '熵权法：信息熵越小（差异越大）权重越大', en: 'Entropy weights: more dispersion (lower entropy), more weight' },
    formula: 'p = x/Σx, e = −Σ p ln p / ln n, w ∝ 1 − e',
    reference: '郭亚军《综合评价理论、方法及应用》(2007); Shannon (1948)',
    input: 'data',
    weigh: (X, o) => entropyWeights(X, o),
  },
  /** CRITIC. @example criticWeights([[0, 0], [1, 2], [2, 1]]) // => [0.5, 0.5] */
  critic: {
    describe: { zh: 'CRITIC 法：对比强度（标准差）× 冲突性（1 − 相关系数）', en: 'CRITIC: contrast (standard deviation) × conflict (1 − correlation)' },
    formula: 'C_j = σ_j Σ_k (1 − r_jk), w ∝ C',
    reference: 'Diakoulaki, Mavrotas & Papayannakis (1995)',
    input: 'data',
    weigh: (X, o) => criticWeights(X, o),
  },
  /** Coefficient of variation. @example cvWeights([[1, 10], [3, 30]]) // => [0.5, 0.5] */
  cv: {
    describe: { zh: '变异系数法：标准差/均值越大权重越大', en: 'Coefficient of variation: larger σ/|μ|, more weight' },
    formula: 'w ∝ σ_j / |μ_j|',
    reference: 'OECD/JRC Handbook (2008) §6',
    input: 'data',
    weigh: (X, o) => cvWeights(X, o),
  },
  /** AHP. @example ahpWeights([[1, 3], [1/3, 1]]).weights // => [0.75, 0.25] */
  ahp: {
    describe: { zh: '层次分析法（AHP）：两两比较判断矩阵的主特征向量，CR < 0.1', en: 'AHP: principal eigenvector of a pairwise comparison matrix, CR < 0.1' },
    formula: 'A w = λmax w, CR = (λmax − n)/((n − 1)·RI)',
    reference: 'Saaty (1980); Saaty (1990) EJOR 48, 9–26',
    input: 'pairwise',
  },
  /** PCA. @example pcaWeights([[1, 2], [2, 3], [3, 5], [4, 4]]).weights // => [0.5, 0.5] */
  pca: {
    describe: { zh: '主成分分析（PCA）赋权：旋转后载荷平方按方差贡献加权', en: 'PCA weights: squared (varimax-rotated) loadings weighted by explained variance' },
    formula: 'w_j ∝ (EV_f/ΣEV)·l_jf² / EV_f, f = component with the largest scaled loading',
    reference: 'OECD/JRC Handbook (2008) §6.1',
    input: 'data',
    weigh: (X, o) => pcaWeights(X, o).weights,
  },
  /** Optimised. @example optimiseWeights([[1, 2], [2, 1], [3, 4], [4, 3], [5, 10]]).weights // => [0.6910…, 0.3090…] (equal correlation shares) */
  optimise: {
    describe: { zh: '优化赋权：使各指标与综合指数的相关系数达到目标比例', en: 'Optimised weights: indicator–index correlations match target shares' },
    formula: 'min Σ (r_j/Σr − t_j)²',
    reference: 'Becker et al. (2017); COINr get_opt_weights()',
    input: 'data',
    weigh: (X, o) => optimiseWeights(X, o).weights,
  },
} satisfies Record<string, WeighterDef>;

/** The weighting method names. */
export type WeightMethod = keyof typeof WEIGHTERS;

/** The data-driven weighting method names: those whose registry entry has a `weigh` function. */
export type DataWeightMethod = { [K in WeightMethod]: (typeof WEIGHTERS)[K] extends { weigh: WeighFn } ? K : never }[WeightMethod];

/**
 * Resolves a weighting method name.
 * @throws MethodError listing the valid names
 * @example resolveWeighter('entropy').input // => 'data'
 */
export function resolveWeighter(method: string): WeighterDef {
  // own names only: a method called "constructor" or "isPrototypeOf" is unknown, not Object's member
  const def = Object.hasOwn(WEIGHTERS, method) ? (WEIGHTERS as Record<string, WeighterDef>)[method] : undefined;
  if (!def) throw new MethodError(`Unknown weighting method "${method}" (valid: ${Object.keys(WEIGHTERS).join(', ')})`);
  return def;
}

/**
 * Weights from a data matrix by a data-driven method name (entropy, critic, cv, pca, optimise),
 * with that method's defaults. Rows with any NaN are dropped.
 * @throws MethodError for an unknown name or a method that does not take data (equal, child-count, ahp)
 * @example weightsFromData('cv', [[1, 10], [3, 30]]) // => [0.5, 0.5]
 */
export function weightsFromData(method: string, X: number[][], options: DataWeightOptions & EntropyOptions & PcaOptions = {}): number[] {
  const def = resolveWeighter(method);
  if (!def.weigh) {
    const data = Object.entries(WEIGHTERS as Record<string, WeighterDef>).filter(([, d]) => d.weigh).map(([k]) => k);
    throw new MethodError(`Weighting method "${method}" does not derive weights from data (data-driven: ${data.join(', ')}); call its own function`);
  }
  return def.weigh(X, options);
}

/** Options of {@link weigh}. */
export interface WeighOptions {
  /** A data-driven method: entropy, critic, cv, pca or optimise. */
  method: DataWeightMethod;
  /** That method's options (entropy `standardise`, PCA `rotation`/`retain`, optimise `target`, …). */
  params?: WeighParams;
}

/**
 * Weights from a data matrix (rows = units, columns = indicators; NaN = missing, rows with any
 * NaN dropped) by a data-driven method named in {@link WEIGHTERS}: the callable entry of the
 * weighting family, as {@link weightsFromData} with the options in one object.
 * @throws MethodError for an unknown name, a method that does not take data, or what the method refuses
 * @example weigh([[1, 10], [3, 30]], { method: 'cv' }) // => [0.5, 0.5]
 */
export function weigh(X: number[][], options: WeighOptions): number[] {
  return weightsFromData(options.method, X, options.params ?? {});
}
