/** Old path of the weighting methods, kept for existing imports; the code is in `methods/weights/`. */
export * from './weights/index.ts';
