import { evidenceStatus } from '../../../../../policies/src/engine/evidence-status';
import type { EvidenceRecord, Policy } from '../../../../../policies/src/types';
import { loadPolicy } from '../../../../support/test-policy';

const policy: Policy = loadPolicy();
const at = '2026-11-22T10:00:00.000Z';
const item = (kind: string) => ({ kind, at, by: 'a1' });

describe('evidenceStatus', () => {
  test('nothing on record: every requirement missing, with have/need', () => {
    const s = evidenceStatus({ customerContacts: 0, items: [], reviews: [] }, policy, 'en');
    expect(s.complete).toBe(false);
    expect(s.requirements.map((x) => [x.id, x.met, x.have, x.need])).toEqual([
      ['contacts', false, 0, 3],
      ['media', false, 0, 1],
      ['orders', false, 0, 1],
      ['review', false, 0, 1],
    ]);
    expect(s.missing).toEqual(policy.evidence.requirements.map((x) => x.label.en));
  });

  test('complete record', () => {
    const rec: EvidenceRecord = {
      customerContacts: 3,
      items: [item('call_recording'), item('order_record')],
      reviews: [{ role: 'supervisor', by: 's1', at }],
    };
    const s = evidenceStatus(rec, policy, 'zh-CN');
    expect(s.complete).toBe(true);
    expect(s.missing).toEqual([]);
    expect(s.requirements[0].label).toBe('至少 3 次客户沟通记录');
  });

  test('items only count for their kinds; reviews only by the role or a higher one', () => {
    const rec: EvidenceRecord = {
      customerContacts: 5,
      items: [item('note'), item('note'), item('order_record')],
      reviews: [
        { role: 'agent', by: 'a', at },
        { role: 'ghost', by: 'g', at },
      ],
    };
    const s = evidenceStatus(rec, policy, 'en');
    expect(s.requirements.filter((x) => !x.met).map((x) => x.id)).toEqual(['media', 'review']);
    const bySpecialistRole = loadPolicy((p) => {
      p.evidence.requirements[3].role = 'specialist';
    });
    const bySupervisor = evidenceStatus({ ...rec, reviews: [{ role: 'supervisor', by: 's', at }] }, bySpecialistRole, 'en');
    expect(bySupervisor.requirements[3]).toMatchObject({ met: true, have: 1 });
  });
});
