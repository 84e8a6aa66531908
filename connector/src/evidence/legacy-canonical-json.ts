/**
 * The hash scheme of evidence bundles exported before RFC 8785 (`sorted-json-sha256`), kept only to verify them:
 * object keys sorted (by UTF-16 code units), no whitespace,
 * `undefined` members left out, arrays in order. Rejects what JSON cannot represent exactly
 * (non-finite numbers, bigint, functions, symbols, cycles) instead of silently changing it.
 */
export function legacyCanonicalJson(value: unknown): string {
  return write(value, new Set(), '$');
}

function write(v: unknown, stack: Set<object>, path: string): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`${path}: ${v} cannot be represented in JSON`);
      return JSON.stringify(v);
    case 'object':
      break;
    default:
      throw new TypeError(`${path}: a ${typeof v} cannot be represented in JSON`);
  }
  const obj = v as object;
  if (stack.has(obj)) throw new TypeError(`${path}: circular reference`);
  stack.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((x, i) => (x === undefined ? 'null' : write(x, stack, `${path}[${i}]`))).join(',')}]`;
  } else {
    const rec = (typeof (obj as { toJSON?: unknown }).toJSON === 'function' ? (obj as { toJSON(): unknown }).toJSON() : obj) as Record<
      string,
      unknown
    >;
    if (rec !== obj) {
      stack.delete(obj);
      return write(rec, stack, path);
    }
    const keys = Object.keys(rec)
      .filter((k) => rec[k] !== undefined)
      .sort();
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${write(rec[k], stack, `${path}.${k}`)}`).join(',')}}`;
  }
  stack.delete(obj);
  return out;
}
