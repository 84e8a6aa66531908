/**
 * Candidate models: ids, the policy that uses one (only the model and version change), and the problems refused.
 * The model is the small one (test/support/small-model.ts): these tests are about candidates, not the shipped
 * model's answers, and the shipped one costs seconds per cold load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  candidateFile,
  candidateInfo,
  listCandidates,
  policyWithCandidate,
  versionWithModel,
} from '../../../../../../connector/src/admin/retrain/model-candidates';
import { compareModels, diffModelOutcomes } from '../../../../../../connector/src/admin/retrain/compare-models';
import { preparePolicy, sha256Of } from '../../../../../../policies/server/load-model';
import { validatePolicy } from '../../../../../../policies/src/validate-policy';
import { writeSmallModel, type SmallModel } from '../../../../../support/small-model';

let small: SmallModel;
let activeText: string;
let modelText: string;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-cand-'));
  small = writeSmallModel(path.join(dir, 'active'));
  activeText = small.policyText;
  modelText = fs.readFileSync(small.file, 'utf8');
  dir = path.join(dir, 'candidates');
  fs.mkdirSync(dir);
});
afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

/** A candidate file as the worker writes it (named by the SHA-256 of its content). */
function writeCandidate(text: string): string {
  const file = path.join(dir, `triage-model-${sha256Of(text).slice(0, 12)}.json`);
  fs.writeFileSync(file, text);
  return file;
}

describe('model candidates', () => {
  it('the candidate policy is the active one with the model pinned to the candidate and a +m version suffix', () => {
    const file = writeCandidate(modelText);
    const cand = candidateInfo(file);
    expect(cand.id).toBe(sha256Of(modelText).slice(0, 12));
    const { json, policy } = policyWithCandidate(activeText, cand, small.baseDir);
    const active = JSON.parse(activeText);
    expect(json.version).toBe(`${active.version}+m${cand.id.slice(0, 8)}`);
    expect(policy.classification.model).toEqual({ ...active.classification.model, file, sha256: cand.sha256 });
    const strip = (p: Record<string, unknown>) => ({
      ...p,
      version: null,
      classification: { ...(p.classification as object), model: null },
    });
    expect(strip(json)).toEqual(strip(active));
    expect(listCandidates(dir).map((c) => c.id)).toEqual([cand.id]);
  });

  it('versions stay within the schema limit and a second retrain replaces the suffix', () => {
    expect(versionWithModel('2026.11.1+mabcdef01', '0123456789ab')).toBe('2026.11.1+m01234567');
    const long = versionWithModel('x'.repeat(40), '0123456789ab');
    expect(long).toHaveLength(40);
    expect(long.endsWith('+m01234567')).toBe(true);
  });

  it('refuses malformed ids (no path escapes), unknown candidates and a file that is not a model', () => {
    expect(() => candidateFile(dir, '../../etc/passwd')).toThrow(/not a candidate id/);
    expect(() => candidateFile(dir, 'abcdefabcdef')).toThrow(/no candidate model abcdefabcdef/);
    const bad = writeCandidate('{"format":"other"}\n');
    expect(() => policyWithCandidate(activeText, candidateInfo(bad), dir)).toThrow(/cannot be used: .*not a Complaint Desk model/);
  });

  it('the dry run reports category, severity, signals and review changes per ticket, with totals', async () => {
    const active = validatePolicy(JSON.parse(activeText));
    const rulesOnly = validatePolicy({
      ...JSON.parse(activeText),
      classification: { ...JSON.parse(activeText).classification, model: undefined },
    });
    if (!active.ok || !rulesOnly.ok) throw new Error('policy invalid');
    expect(preparePolicy(active.policy, small.baseDir)).toEqual([]);
    expect(preparePolicy(rulesOnly.policy, small.baseDir)).toEqual([]);
    const tickets = [
      {
        host: 'sandbox',
        ticket: {
          id: '1',
          subject: 'Sofa arrived',
          description: 'The sofa came today and the seat cushions already sag in the middle after two evenings.',
        },
      },
      { host: 'sandbox', ticket: { id: '2', subject: '电饭煲漏电', description: '电饭煲插上电以后摸外壳会麻手,怀疑漏电。' } },
    ];
    const same = await compareModels(tickets, active.policy, active.policy);
    expect(same).toMatchObject({ total: 2, changedTickets: 0, rows: [], totals: { category: 0, severity: 0, signals: 0, review: 0 } });
    const diff = await compareModels(tickets, active.policy, rulesOnly.policy);
    // Without the model the sofa falls back to other / L3 (the model gives it a category; its severity and signals
    // are the small model's to decide, so only counted consistently); the shock stays L1 / safety (the rules force it).
    expect(diff).toMatchObject({ total: 2, changedTickets: 1 });
    expect(diff.rows).toEqual([
      expect.objectContaining({ id: '1', after: expect.objectContaining({ category: 'other', severity: 'L3' }) }),
    ]);
    const row = diff.rows[0];
    expect(row.before.category).not.toBe('other');
    const changed = (['category', 'severity', 'signals', 'review'] as const).filter(
      (f) => JSON.stringify(row.before[f]) !== JSON.stringify(row.after[f]),
    );
    expect(row.changed).toEqual(changed);
    expect(changed).toContain('category');
    for (const f of ['category', 'severity', 'signals', 'review'] as const) expect(diff.totals[f]).toBe(changed.includes(f) ? 1 : 0);
    expect(
      diffModelOutcomes(
        { category: 'a', severity: 'L1', signals: ['safety'], review: false, reviewReasons: [] },
        { category: 'b', severity: 'L2', signals: [], review: true, reviewReasons: ['x'] },
      ),
    ).toEqual(['category', 'severity', 'signals', 'review']);
  });
});
