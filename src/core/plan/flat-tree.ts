import type { Framework, FrameworkNode } from '../framework/types.ts';

/**
 * A framework tree as flat arrays: nodes in framework order (parents before children), each
 * with its parent's index, its children as a range of {@link FlatTree.children}, and the leaves
 * (indicators) and aggregates in the orders the evaluation walks them.
 */
export interface FlatTree {
  nodes: readonly FrameworkNode[];
  codes: readonly string[];
  index: ReadonlyMap<string, number>;
  /** Parent node index, −1 for the root. */
  parent: Int32Array;
  /** Children of node i: `children[childStart[i] .. childStart[i] + childCount[i]]`, in file order. */
  childStart: Int32Array;
  childCount: Int32Array;
  children: Int32Array;
  /** Indicator nodes in framework order; `leafOf[node]` is the node's position here, or −1. */
  leaves: Int32Array;
  leafOf: Int32Array;
  /** Aggregate nodes deepest first (stable within a level), so children come before parents. */
  bottomUp: Int32Array;
  root: number;
}

/** Flattens a validated framework. */
export function flattenTree(fw: Framework): FlatTree {
  const nodes = fw.nodes;
  const N = nodes.length;
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const parent = new Int32Array(N).fill(-1);
  const childStart = new Int32Array(N);
  const childCount = new Int32Array(N);
  const kids: number[] = [];
  nodes.forEach((n, i) => {
    if (n.parent !== null) parent[i] = index.get(n.parent) ?? -1;
    childStart[i] = kids.length;
    childCount[i] = n.children.length;
    for (const c of n.children) kids.push(index.get(c)!);
  });
  const leafList: number[] = [];
  const leafOf = new Int32Array(N).fill(-1);
  nodes.forEach((n, i) => {
    if (n.kind !== 'aggregate') {
      leafOf[i] = leafList.length;
      leafList.push(i);
    }
  });
  const aggs = nodes.map((n, i) => i).filter((i) => nodes[i]!.kind === 'aggregate');
  aggs.sort((a, b) => nodes[b]!.level - nodes[a]!.level);
  return {
    nodes,
    codes: nodes.map((n) => n.code),
    index,
    parent,
    childStart,
    childCount,
    children: Int32Array.from(kids),
    leaves: Int32Array.from(leafList),
    leafOf,
    bottomUp: Int32Array.from(aggs),
    root: index.get(fw.root)!,
  };
}

/** The children of node `i`, as node indices. */
export function childrenOf(t: FlatTree, i: number): Int32Array {
  return t.children.subarray(t.childStart[i]!, t.childStart[i]! + t.childCount[i]!);
}

/** Node `i` and its ancestors up to the root, as node indices. */
export function withAncestors(t: FlatTree, i: number): number[] {
  const out: number[] = [];
  for (let k = i; k >= 0; k = t.parent[k]!) out.push(k);
  return out;
}
