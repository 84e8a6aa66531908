/** A readable policy diff: every JSON path whose value differs, was added or was removed (pure). */
import { formatPath } from '../../../policies/src/format-path';

export interface PolicyChange {
  path: string;
  kind: 'changed' | 'added' | 'removed';
  before?: unknown;
  after?: unknown;
}

function flatten(value: unknown, path: (string | number)[], out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (!value.length) out.set(formatPath(path), []);
    value.forEach((v, i) => flatten(v, [...path, i], out));
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) out.set(formatPath(path), {});
    for (const [k, v] of entries) flatten(v, [...path, k], out);
  } else {
    out.set(formatPath(path), value);
  }
}

export function diffPolicies(active: unknown, candidate: unknown, max = 500): { changes: PolicyChange[]; truncated: boolean } {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(active, [], a);
  flatten(candidate, [], b);
  const changes: PolicyChange[] = [];
  for (const [path, before] of a) {
    if (!b.has(path)) changes.push({ path, kind: 'removed', before });
    else if (JSON.stringify(b.get(path)) !== JSON.stringify(before)) changes.push({ path, kind: 'changed', before, after: b.get(path) });
  }
  for (const [path, after] of b) if (!a.has(path)) changes.push({ path, kind: 'added', after });
  return { changes: changes.slice(0, max), truncated: changes.length > max };
}
