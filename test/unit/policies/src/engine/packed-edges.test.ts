import { DENSE_MIN, childOf, packEdges, type PackedEdges } from '../../../../../policies/src/engine/packed-edges';

/** The child a scan of node n's pairs finds first (the list lookup childOf must agree with). */
function listChild(p: PackedEdges, n: number, k: number): number {
  for (let q = p.edgeFrom[n]; q < p.edgeFrom[n + 1]; q += 2) if (p.edges[q] === k) return p.edges[q + 1];
  return 0;
}

/** A small deterministic generator (no Math.random: failures must reproduce). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('packEdges / childOf', () => {
  it("keeps each node's children together, in the order given, and finds each by its key", () => {
    const children: [number, number][][] = [
      [],
      [
        [97, 2],
        [98, 3],
      ],
      [[99, 3]],
      [],
    ];
    const p = packEdges(children.length, (n) => children[n]);
    expect(p.edges).toBeInstanceOf(Uint16Array);
    expect([...p.edgeFrom]).toEqual([0, 0, 4, 6, 6]);
    expect([...p.edges]).toEqual([97, 2, 98, 3, 99, 3]);
    for (const [n, list] of children.entries()) for (const [k, child] of list) expect(childOf(p, n, k)).toBe(child);
    expect(childOf(p, 1, 99)).toBe(0);
    expect(childOf(p, 0, 97)).toBe(0);
    expect(childOf(p, 3, 97)).toBe(0);
    // No node has DENSE_MIN children: no rows.
    expect([...p.denseAt]).toEqual([0, 0, 0, 0]);
  });

  it('uses 32-bit entries once child ids no longer fit 16 bits', () => {
    const fits = packEdges(0x10000, (n) => (n === 1 ? [[97, 0xffff] as const] : []));
    expect(fits.edges).toBeInstanceOf(Uint16Array);
    expect(childOf(fits, 1, 97)).toBe(0xffff);
    const wide = packEdges(0x10001, (n) => (n === 1 ? [[97, 0x10000] as const] : []));
    expect(wide.edges).toBeInstanceOf(Uint32Array);
    expect(childOf(wide, 1, 97)).toBe(0x10000);
    const wideDense = packEdges(0x10001, (n) => (n === 1 ? [97, 98, 99, 100].map((k) => [k, 0x10000 + k - 97] as const) : []));
    expect(wideDense.dense).toBeInstanceOf(Uint32Array);
    expect(wideDense.denseAt[1]).not.toBe(0);
    expect([97, 98, 99, 100, 101].map((k) => childOf(wideDense, 1, k))).toEqual([0x10000, 0x10001, 0x10002, 0x10003, 0]);
  });

  it('gives a node with many children a row by key class that finds what its list finds', () => {
    // Node 1: DENSE_MIN children (a row); node 2: one fewer (list only); node 3: a key twice (the first pair wins).
    const children: [number, number][][] = [
      [],
      Array.from({ length: DENSE_MIN }, (_, i) => [97 + i, 2 + i] as [number, number]),
      Array.from({ length: DENSE_MIN - 1 }, (_, i) => [120 - i, 3] as [number, number]),
      [
        [32, 4],
        [48, 5],
        [32, 6],
        [122, 7],
        [97, 1],
      ],
      [],
      [],
      [],
      [],
    ];
    const p = packEdges(children.length, (n) => children[n]);
    expect(p.denseAt[1]).not.toBe(0);
    expect(p.denseAt[2]).toBe(0);
    expect(p.denseAt[3]).not.toBe(0);
    expect(childOf(p, 3, 32)).toBe(4);
    // Every node, every key in use, keys no edge has (between, below and past the classes), 0 and 127.
    for (let n = 0; n < children.length; n++)
      for (let k = 0; k < 260; k++) expect([n, k, childOf(p, n, k)]).toEqual([n, k, listChild(p, n, k)]);
  });

  it('agrees with the list scan on random tries, and gives no rows when more than 255 keys are in use', () => {
    for (const [seed, keySpace] of [
      [1, 40],
      [2, 128],
      [3, 600],
    ]) {
      const rnd = lcg(seed);
      const count = 300;
      const children = Array.from({ length: count }, () => {
        const deg = rnd() < 0.2 ? Math.floor(rnd() * 30) : Math.floor(rnd() * 3);
        return Array.from({ length: deg }, () => [Math.floor(rnd() * keySpace), Math.floor(rnd() * count)] as [number, number]);
      });
      const p = packEdges(count, (n) => children[n]);
      const keysInUse = new Set(children.flat().map(([k]) => k)).size;
      if (keysInUse > 255) expect(p.dense.length).toBe(0);
      else expect(p.dense.length).toBeGreaterThan(0);
      for (let n = 0; n < count; n++)
        for (let k = 0; k < keySpace + 3; k++)
          if (childOf(p, n, k) !== listChild(p, n, k)) expect([seed, n, k, childOf(p, n, k)]).toEqual([seed, n, k, listChild(p, n, k)]);
    }
  });
});
