/**
 * A trie's children packed flat for a walk over typed arrays (packed-pattern-trie.ts, the server's
 * ascii-phrase-trie.ts): node n's (key character, child id) pairs at edges[edgeFrom[n] .. edgeFrom[n + 1]).
 * Most nodes have one or two children: a short list kept together stays in cache, where a row of child
 * slots per node spreads the nodes over megabytes. Node id 0 is no node.
 */
export interface PackedEdges {
  edges: Uint16Array | Uint32Array;
  edgeFrom: Int32Array;
}

/** Packs the children of nodes 0 .. count - 1, each node's pairs in the order `childrenOf` gives them. */
export function packEdges(count: number, childrenOf: (node: number) => Iterable<readonly [number, number]>): PackedEdges {
  const lists = Array.from({ length: count }, (_, n) => [...childrenOf(n)]);
  const total = lists.reduce((sum, l) => sum + l.length, 0);
  // Child ids run below `count`: 16 bits hold them up to 65,536 nodes.
  const edges = count <= 0x10000 ? new Uint16Array(total * 2) : new Uint32Array(total * 2);
  const edgeFrom = new Int32Array(count + 1);
  let e = 0;
  for (let n = 0; n < count; n++) {
    edgeFrom[n] = e;
    for (const [k, child] of lists[n]) {
      edges[e++] = k;
      edges[e++] = child;
    }
  }
  edgeFrom[count] = e;
  return { edges, edgeFrom };
}

/** The child of `node` under key character `k`, or 0. */
export function childOf(edges: Uint16Array | Uint32Array, edgeFrom: Int32Array, node: number, k: number): number {
  for (let q = edgeFrom[node], end = edgeFrom[node + 1]; q < end; q += 2) if (edges[q] === k) return edges[q + 1];
  return 0;
}
