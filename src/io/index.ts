export * from './paths.ts';
export * from './read.ts';
export * from './write.ts';
