export { DEFAULT_SPEC, SpecError, patchRecipe, resolveSpec, type RecipePatch, type ResolvedInput, type ResolvedSpec, type SpecContext, type UncertainInput, type UncertaintySpec } from './spec.ts';
export { Replicator, choicesOf, replicationSetup, type ReplicationSetup } from './replicate.ts';
export { inlineRunner, monteCarloDesign, uncertaintyAnalysis, type DesignRunner, type RankInterval, type UncertaintyResult } from './uncertainty.ts';
export { saltelliDesign, sensitivityAnalysis, type SensitivityResult, type SensitivityRow } from './sensitivity.ts';
export { bootstrapRows, sobolIndices, type SobolIndex, type SobolOptions } from './sobol-indices.ts';
export { sobolPoints, SOBOL_MAX_DIMENSIONS } from './sobol-sequence.ts';
export { quantileSorted } from './quantile.ts';
