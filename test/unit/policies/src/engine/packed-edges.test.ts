import { childOf, packEdges } from '../../../../../policies/src/engine/packed-edges';

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
    for (const [n, list] of children.entries()) for (const [k, child] of list) expect(childOf(p.edges, p.edgeFrom, n, k)).toBe(child);
    expect(childOf(p.edges, p.edgeFrom, 1, 99)).toBe(0);
    expect(childOf(p.edges, p.edgeFrom, 0, 97)).toBe(0);
    expect(childOf(p.edges, p.edgeFrom, 3, 97)).toBe(0);
  });

  it('uses 32-bit entries once child ids no longer fit 16 bits', () => {
    const fits = packEdges(0x10000, (n) => (n === 1 ? [[97, 0xffff] as const] : []));
    expect(fits.edges).toBeInstanceOf(Uint16Array);
    expect(childOf(fits.edges, fits.edgeFrom, 1, 97)).toBe(0xffff);
    const wide = packEdges(0x10001, (n) => (n === 1 ? [[97, 0x10000] as const] : []));
    expect(wide.edges).toBeInstanceOf(Uint32Array);
    expect(childOf(wide.edges, wide.edgeFrom, 1, 97)).toBe(0x10000);
  });
});
