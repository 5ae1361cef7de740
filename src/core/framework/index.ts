export type { Framework, FrameworkNode, Variable, LocalName, PlanTarget, NodeSource } from './types.ts';
export { readProviders, type Provider, type Coverage } from './providers.ts';
export { buildFramework, type BuildFrameworkOptions } from './build.ts';
export { parseFramework } from './parse.ts';
export { nodeMap, indicators, aggregatesBottomUp, leavesUnder, nodesAtLevel, nodeName } from './tree.ts';
