export * from './paths.ts';
export * from './read.ts';
export * from './write.ts';
export { runManifest, type RunManifestInput } from './manifest.ts';
export { chooseRecipe, type ChosenRecipe } from './recipe.ts';
