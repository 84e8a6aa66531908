/**
 * Canonical JSON is RFC 8785, the JSON Canonicalization Scheme (JCS), through the `canonicalize` package, so
 * anyone can recompute an evidence hash or a Freshdesk delivery key with standard tools. Before serialising,
 * the value is checked and copied: what JSON cannot represent (NaN, Infinity, bigint, functions, symbols,
 * cycles) is refused with its path, `undefined` members are left out (array slots become null, as in JSON), and
 * a lone UTF-16 surrogate — not text in any encoding, and something JCS has no form for — becomes U+FFFD.
 */
import canonicalize from 'canonicalize';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function canonicalJson(value: unknown): string {
  return canonicalize(jsonValue(value, new Set(), '$')) as string;
}

/** True when a string somewhere in the value (key or text) holds a lone surrogate. */
export function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return new RegExp(LONE_SURROGATE.source).test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasLoneSurrogate(k) || hasLoneSurrogate(v));
  return false;
}

function jsonValue(v: unknown, stack: Set<object>, path: string): unknown {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.replace(LONE_SURROGATE, '\uFFFD');
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`${path}: ${v} cannot be represented in JSON`);
    return v;
  }
  if (typeof v !== 'object') throw new TypeError(`${path}: a ${typeof v} cannot be represented in JSON`);
  if (stack.has(v)) throw new TypeError(`${path}: circular reference`);
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return jsonValue(toJSON.call(v), stack, path);
  stack.add(v);
  let out: unknown;
  if (Array.isArray(v)) out = v.map((x, i) => (x === undefined ? null : jsonValue(x, stack, `${path}[${i}]`)));
  else {
    const rec: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x !== undefined)
        Object.defineProperty(rec, k.replace(LONE_SURROGATE, '\uFFFD'), {
          value: jsonValue(x, stack, `${path}.${k}`),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    out = rec;
  }
  stack.delete(v);
  return out;
}
