import { canonicalJson, hasLoneSurrogate } from '../../../../connector/src/canonical-json';

describe('canonicalJson (RFC 8785 JCS)', () => {
  test('the RFC 8785 §3.2.2 example: numbers in ES6 form, strings escaped minimally, keys sorted', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test('the RFC 8785 §3.2.3 sort order: by UTF-16 code units', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    );
    const text = canonicalJson(input);
    // Read the keys in text order (Object.keys would put the integer-like "1" first).
    const keys = [...text.matchAll(/"((?:[^"\\]|\\.)*)":"[^"]*"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  test('undefined members are left out, array slots become null, __proto__ stays plain data', () => {
    const withProto = JSON.parse('{"__proto__":{"x":1},"a":2}');
    expect(canonicalJson({ b: undefined, a: [undefined, 1] })).toBe('{"a":[null,1]}');
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"x":1},"a":2}');
  });

  test('a lone surrogate (in text or a key) becomes U+FFFD; pairs stay', () => {
    expect(hasLoneSurrogate({ a: ['ok', 'x\ud800y'] })).toBe(true);
    expect(hasLoneSurrogate({ '\udc00': 1 })).toBe(true);
    expect(hasLoneSurrogate({ a: '😀 漏电' })).toBe(false);
    expect(canonicalJson({ s: 'x\ud800y', '\udc00': '😀' })).toBe('{"s":"x\ufffdy","\ufffd":"😀"}');
  });

  test('refuses what JSON cannot represent, naming where', () => {
    expect(() => canonicalJson({ a: [1, NaN] })).toThrow(/\$\.a\[1\]: NaN/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/\$\.a: a bigint/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/\$\.f: a function/);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => canonicalJson(cyc)).toThrow(/circular/);
  });
});
