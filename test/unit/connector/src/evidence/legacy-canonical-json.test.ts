import { legacyCanonicalJson as canonicalJson } from '../../../../../connector/src/evidence/legacy-canonical-json';

describe('legacyCanonicalJson (sorted-json-sha256)', () => {
  test('sorts keys at every depth, no whitespace, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });
  test('same value, different key order → same text', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: { b: null, a: true } })).toBe(canonicalJson({ z: { a: true, b: null }, y: [1, 2], x: 1 }));
  });
  test('drops undefined members, keeps unicode, escapes like JSON', () => {
    expect(canonicalJson({ a: undefined, b: '漏电 😀 "q"\n' })).toBe('{"b":"漏电 😀 \\"q\\"\\n"}');
    expect(canonicalJson([undefined])).toBe('[null]');
  });
  test('round-trips through JSON.parse unchanged', () => {
    const v = { n: -0.5, big: 1e21, s: '\ud800', arr: [{ b: 2, a: 1 }] };
    const text = canonicalJson(v);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
  test('refuses what JSON cannot represent', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(/\$\.a/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => canonicalJson(cyc)).toThrow(/circular/);
  });
});
