/**
 * A trie's children packed flat for a walk over typed arrays (packed-pattern-trie.ts, the server's
 * ascii-phrase-trie.ts): node n's (key character, child id) pairs at edges[edgeFrom[n] .. edgeFrom[n + 1]).
 * Most nodes have one or two children: a short list kept together stays in cache, where a row of child
 * slots per node spreads the nodes over megabytes. The few nodes with many children (the first letters of
 * thousands of phrases) are the ones a walk asks most and would scan longest: they also get a row of child
 * slots by key class (`dense`), a few dozen bytes each since only the key characters in use have a class.
 * Node id 0 is no node.
 */
export interface PackedEdges {
  edges: Uint16Array | Uint32Array;
  edgeFrom: Int32Array;
  /** Per node: where its row starts in `dense`, plus 1; 0 for a node whose children are only listed in `edges`. */
  denseAt: Int32Array;
  /** Rows of `width` child ids by key class (class 0, a key no edge has, holds 0: no child). */
  dense: Uint16Array | Uint32Array;
  /** Key character → class (1 .. width - 1), 0 for a key no edge has; keys past its end have none. */
  keyClass: Uint8Array;
}

/** Nodes with at least this many children get a dense row (fewer are found as fast by the list). */
export const DENSE_MIN = 4;

/** Packs the children of nodes 0 .. count - 1, each node's pairs in the order `childrenOf` gives them. */
export function packEdges(count: number, childrenOf: (node: number) => Iterable<readonly [number, number]>): PackedEdges {
  const lists = Array.from({ length: count }, (_, n) => [...childrenOf(n)]);
  const total = lists.reduce((sum, l) => sum + l.length, 0);
  // Child ids run below `count`: 16 bits hold them up to 65,536 nodes.
  const wide = count > 0x10000;
  const edges = wide ? new Uint32Array(total * 2) : new Uint16Array(total * 2);
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
  // Classes for the keys in use (a byte each: with more than 255 distinct keys no node gets a row).
  const keys = [...new Set(lists.flatMap((l) => l.map(([k]) => k)))].sort((a, b) => a - b);
  const keyClass = new Uint8Array(keys.length < 256 ? (keys.at(-1) ?? -1) + 1 : 0);
  if (keys.length < 256) keys.forEach((k, i) => (keyClass[k] = i + 1));
  const width = keys.length + 1;
  const denseNodes = keys.length < 256 ? lists.flatMap((l, n) => (l.length >= DENSE_MIN ? [n] : [])) : [];
  const dense = wide ? new Uint32Array(denseNodes.length * width) : new Uint16Array(denseNodes.length * width);
  const denseAt = new Int32Array(count);
  denseNodes.forEach((n, i) => {
    denseAt[n] = i * width + 1;
    // The first pair with a key wins, as the list scan does.
    for (const [k, child] of [...lists[n]].reverse()) dense[i * width + keyClass[k]] = child;
  });
  return { edges, edgeFrom, denseAt, dense, keyClass };
}

/** The child of `node` under key character `k`, or 0. */
export function childOf(p: PackedEdges, node: number, k: number): number {
  const at = p.denseAt[node];
  if (at !== 0) return k < p.keyClass.length ? p.dense[at - 1 + p.keyClass[k]] : 0;
  const edges = p.edges;
  for (let q = p.edgeFrom[node], end = p.edgeFrom[node + 1]; q < end; q += 2) if (edges[q] === k) return edges[q + 1];
  return 0;
}
