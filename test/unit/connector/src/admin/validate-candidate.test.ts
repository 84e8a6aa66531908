import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateCandidate } from '../../../../../connector/src/admin/validate-candidate';

const defaultText = () => readFileSync(path.join(__dirname, '../../../../../policies/default.json'), 'utf8');

describe('validateCandidate', () => {
  it('diffs a valid candidate against the active version, read once per version id', () => {
    const active = JSON.parse(defaultText());
    const cand = JSON.parse(defaultText());
    cand.severities.L2.respondWithinMinutes = 120;
    const reads: number[] = [];
    const readActive = (id: number) => {
      reads.push(id);
      return JSON.stringify(active);
    };
    const first = JSON.parse(validateCandidate({ text: JSON.stringify(cand), activeId: 7 }, readActive));
    expect(first).toEqual({
      ok: true,
      version: cand.version,
      diff: { changes: [{ path: 'severities.L2.respondWithinMinutes', kind: 'changed', before: 240, after: 120 }], truncated: false },
    });
    validateCandidate({ text: JSON.stringify(cand), activeId: 7 }, readActive);
    expect(reads).toEqual([7]);
    // A new active version is read again: the diff is against it, not the one kept.
    active.severities.L2.respondWithinMinutes = 120;
    expect(JSON.parse(validateCandidate({ text: JSON.stringify(cand), activeId: 8 }, readActive)).diff.changes).toEqual([]);
    expect(reads).toEqual([7, 8]);
  });

  it('prefers the JSON sent with the job and answers problems with paths without reading the active policy', () => {
    const bad = JSON.parse(defaultText());
    bad.severities.L2.respondWithinMinutes = 'soon';
    const never = () => {
      throw new Error('must not read');
    };
    const r = JSON.parse(validateCandidate({ text: JSON.stringify(bad), activeId: 1 }, never));
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ path: 'severities.L2.respondWithinMinutes' });
    expect(JSON.parse(validateCandidate({ text: '{"version": ', activeId: 1 }, never)).problems[0].message).toMatch(/invalid JSON/);
    expect(JSON.parse(validateCandidate({ text: defaultText(), activeId: 9, activeJson: defaultText() }, never)).diff.changes).toEqual([]);
  });

  it("does not mix up two connectors' versions of the same id when the JSON is sent along (in-process)", () => {
    const a = JSON.parse(defaultText());
    const b = JSON.parse(defaultText());
    b.severities.L2.respondWithinMinutes = 120;
    const cand = defaultText();
    expect(JSON.parse(validateCandidate({ text: cand, activeId: 1, activeJson: JSON.stringify(a) })).diff.changes).toEqual([]);
    expect(JSON.parse(validateCandidate({ text: cand, activeId: 1, activeJson: JSON.stringify(b) })).diff.changes).toEqual([
      { path: 'severities.L2.respondWithinMinutes', kind: 'changed', before: 120, after: 240 },
    ]);
  });

  it('says which version is missing when the active one cannot be read', () => {
    expect(() => validateCandidate({ text: defaultText(), activeId: 404 }, () => undefined)).toThrow(/policy version 404 is not stored/);
  });
});
