import type { Framework, FrameworkNode } from './types.ts';

/** Index of a framework's nodes by code. */
export function nodeMap(fw: Framework): Map<string, FrameworkNode> {
  return new Map(fw.nodes.map((n) => [n.code, n]));
}

/** Indicator (leaf) nodes, in file order. */
export function indicators(fw: Framework): FrameworkNode[] {
  return fw.nodes.filter((n) => n.kind !== 'aggregate');
}

/** Aggregate nodes ordered deepest first, so children are computed before parents. */
export function aggregatesBottomUp(fw: Framework): FrameworkNode[] {
  return fw.nodes.filter((n) => n.kind === 'aggregate').sort((a, b) => b.level - a.level);
}

/** Codes of all leaves below a node (the node itself if it is a leaf), in file order; iterative. */
export function leavesUnder(fw: Framework, code: string, map = nodeMap(fw)): string[] {
  const out: string[] = [];
  const stack = [code];
  while (stack.length) {
    const n = map.get(stack.pop()!);
    if (!n) continue;
    if (n.kind !== 'aggregate') out.push(n.code);
    else for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k]!);
  }
  return out;
}

/** Nodes at a given depth. */
export function nodesAtLevel(fw: Framework, level: number): FrameworkNode[] {
  return fw.nodes.filter((n) => n.level === level);
}

/** Short display name in the requested language (falls back to Chinese). */
export function nodeName(n: { name: { zh: string; en?: string } }, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'en' ? (n.name.en ?? n.name.zh) : n.name.zh;
}
