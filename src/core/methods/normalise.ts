/** Old path of the normalisation methods, kept for existing imports; the code is in `methods/normalise/`. */
export * from './normalise/index.ts';
