import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diffPolicies } from '../../../../../connector/src/admin/compute-policy-diff';

describe('diffPolicies', () => {
  it('lists changed, added and removed paths', () => {
    const a = { severities: { L2: { respondWithinMinutes: 240 } }, tags: ['x', 'y'], gone: 1 };
    const b = { severities: { L2: { respondWithinMinutes: 120 } }, tags: ['x'], extra: { k: true } };
    expect(diffPolicies(a, b).changes).toEqual([
      { path: 'severities.L2.respondWithinMinutes', kind: 'changed', before: 240, after: 120 },
      { path: 'tags[1]', kind: 'removed', before: 'y' },
      { path: 'gone', kind: 'removed', before: 1 },
      { path: 'extra.k', kind: 'added', after: true },
    ]);
  });

  it('finds no difference between a policy and its copy', () => {
    const p = JSON.parse(readFileSync(path.join(__dirname, '../../../../../policies/default.json'), 'utf8'));
    expect(diffPolicies(p, JSON.parse(JSON.stringify(p)))).toEqual({ changes: [], truncated: false });
  });
});
