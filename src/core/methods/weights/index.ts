/** Weighting methods: fixed schemes, data-driven weighters, AHP, and the registry that names them. */
export { type DataWeightOptions } from './common.ts';
export { equalWeights, childCountWeights } from './simple.ts';
export { entropyWeights, type EntropyOptions } from './entropy.ts';
export { criticWeights } from './critic.ts';
export { cvWeights } from './cv.ts';
export { ahpWeights, assertConsistent, type AhpOptions, type AhpResult } from './ahp.ts';
export { pcaWeights, PCA_ROTATIONS, PCA_RETENTION, type PcaOptions, type PcaResult } from './pca.ts';
export { optimiseWeights, type OptimiseOptions, type OptimiseResult } from './optimise.ts';
export { eigenSymmetric, correlationMatrix, varimax, type EigenResult } from './linalg.ts';
export {
  WEIGHTERS,
  resolveWeighter,
  weightsFromData,
  weigh,
  type WeightMethod,
  type DataWeightMethod,
  type WeighterDef,
  type WeighFn,
  type WeighParams,
  type WeighOptions,
} from './registry.ts';
