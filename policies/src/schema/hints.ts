/**
 * Helpers that make validation problems actionable: "did you mean …?" for misspelt keys and
 * template variables, and a scan for keys that could corrupt objects (`__proto__`, `constructor`).
 */
import type { z } from 'zod';

/** Keys no policy object may have: they alter object prototypes when copied around. */
export const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The candidate closest to `word` when it is a plausible misspelling (≤ 1/3 of the letters differ). */
export function closest(word: string, candidates: readonly string[]): string | null {
  if (word.length > 100) return null;
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(Math.max(word.length, best.length) / 3)) ? best : null;
}

type AnySchema = z.core.$ZodType;
type Def = { type: string; [k: string]: unknown };
const defOf = (s: AnySchema) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** A schema node and the nodes it wraps (`.default()`, `.optional()`, …, a pipe's input), outermost first. */
export function layers(s: AnySchema): AnySchema[] {
  const out = [s];
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (def.innerType) s = def.innerType as AnySchema;
    else if (def.type === 'pipe') s = def.in as AnySchema;
    else break;
    out.push(s);
  }
  return out;
}

const unwrap = (s: AnySchema): AnySchema => layers(s).at(-1)!;

/** Object shapes a value at this schema node may have (several for a discriminated union). */
function shapes(s: AnySchema, value: unknown): Record<string, AnySchema>[] {
  const node = unwrap(s);
  const def = defOf(node);
  if (def.type === 'object') return [def.shape as Record<string, AnySchema>];
  if (def.type === 'union') {
    const all = (def.options as AnySchema[]).flatMap((o) => shapes(o, value));
    const v = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    const fitting = all.filter((shape) =>
      Object.entries(shape).every(([k, f]) => {
        const d = defOf(unwrap(f));
        return d.type !== 'literal' || (d.values as unknown[]).includes(v[k]);
      }),
    );
    return fitting.length ? fitting : all;
  }
  return [];
}

/** The schema nodes that describe the value at `path` in `root` (several inside a union; empty when unknown). */
function walk(schema: AnySchema, root: unknown, path: readonly PropertyKey[]): { nodes: AnySchema[]; value: unknown } {
  let nodes: AnySchema[] = [schema];
  let value: unknown = root;
  for (const step of path) {
    const next: AnySchema[] = [];
    for (const n of nodes) {
      const node = unwrap(n);
      const def = defOf(node);
      if (def.type === 'record') next.push(def.valueType as AnySchema);
      else if (def.type === 'array') next.push(def.element as AnySchema);
      else if (def.type === 'tuple' && typeof step === 'number') {
        const it = (def.items as AnySchema[])[step];
        if (it) next.push(it);
      } else for (const shape of shapes(node, value)) if (typeof step === 'string' && Object.hasOwn(shape, step)) next.push(shape[step]);
    }
    nodes = next;
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step as string] : undefined;
  }
  return { nodes, value };
}

export const nodesAt = (schema: AnySchema, root: unknown, path: readonly PropertyKey[]): AnySchema[] => walk(schema, root, path).nodes;

/** The keys the schema allows for the object at `path` in `root` (empty when unknown). */
export function knownKeysAt(schema: AnySchema, root: unknown, path: readonly PropertyKey[]): string[] {
  const { nodes, value } = walk(schema, root, path);
  return [...new Set(nodes.flatMap((n) => shapes(n, value).flatMap((s) => Object.keys(s))))];
}

/** Paths of reserved keys anywhere in a parsed JSON value (iterative, parent links: safe on deep nesting). */
export function reservedKeyPaths(value: unknown, limit = 20): (string | number)[][] {
  type Node = { v: unknown; key: string | number | null; parent: Node | null };
  const pathOf = (n: Node | null, last: string | number): (string | number)[] => {
    const out: (string | number)[] = [last];
    for (let p = n; p && p.key !== null; p = p.parent) out.unshift(p.key);
    return out;
  };
  const found: (string | number)[][] = [];
  const stack: Node[] = [{ v: value, key: null, parent: null }];
  while (stack.length && found.length < limit) {
    const node = stack.pop()!;
    const v = node.v;
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: node });
      continue;
    }
    for (const k of Object.keys(v).reverse()) {
      if (RESERVED_KEYS.has(k)) found.push(pathOf(node, k));
      else stack.push({ v: (v as Record<string, unknown>)[k], key: k, parent: node });
    }
  }
  return found;
}
