/** Normalisation methods by kind (linear, base-year, rank, distance to target, transformations) and their registry. */
export type { NormaliseContext, NormaliseParams, NormaliseFn, NormaliserDef } from './types.ts';
export { NORMALISERS, resolveNormaliser, normalise, type NormaliseMethod, type NormaliseOptions, type NormaliseResult } from './registry.ts';
