import { EngineError, remedyOptions } from '../../../../../policies/src/engine/remedy-options';
import type { Policy, RemedyInput } from '../../../../../policies/src/types';
import { loadPolicy } from '../../../../support/test-policy';

const load = (edit?: (p: any) => void): Policy => loadPolicy(edit);
const policy = load();
const now = Date.parse('2026-11-22T10:00:00.000Z');
const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();
const quality: RemedyInput = { category: 'quality', severity: 'L2', purchaseDate: '2026-09-22T10:00:00.000Z', orderAmount: 1000 };

describe('remedyOptions', () => {
  test('in warranty quality: first matching entry, effective caps, approvals by the lowest role that covers them', () => {
    const r = remedyOptions(quality, policy, 'agent', now, 'en');
    expect(r.entryId).toBe('quality_in_warranty');
    expect(r.warranty).toBe('in');
    expect(r.warrantyKnown).toBe(true);
    expect(r.currency).toBe('CNY');
    expect(r.options.map((o) => [o.rank, o.kind, o.effectiveCap, o.needsApproval, o.approverRole])).toEqual([
      ['first', 'replace', 50, false, null],
      ['second', 'refund', 1000, true, 'specialist'], // 100 % of 1000: above the agent's CN¥300
      ['bottom', 'coupon', 1200, true, 'specialist'], // 120 % of 1000: refund plus coupon, within the specialist's CN¥1,500
    ]);
    expect(r.options.map((o) => o.includesRefund)).toEqual([false, true, true]);
    expect(r.options[0].label).toBe(policy.remedies.matrix[0].options[0].label.en);
  });

  test('effective cap is the smaller of money and percent caps', () => {
    const p = load((j) => {
      j.remedies.matrix[0].options[2].capAmount = 200;
      j.remedies.matrix[0].options[2].capPercent = 20;
    });
    const r = remedyOptions({ ...quality, orderAmount: 300 }, p, 'agent', now, 'en');
    expect(r.options[2].effectiveCap).toBe(60); // min(200, 20 % × 300)
    expect(r.options[2].capAmount).toBe(200);
    expect(r.options[2].capPercent).toBe(20);
  });

  test('a higher role needs no approval within its limits; nobody covers an amount above every role', () => {
    const sup = remedyOptions(quality, policy, 'supervisor', now, 'en');
    expect(sup.options.every((o) => !o.needsApproval && o.approverRole === null)).toBe(true);
    const huge = remedyOptions({ ...quality, orderAmount: 1_000_000 }, policy, 'supervisor', now, 'en');
    expect(huge.options[1]).toMatchObject({ effectiveCap: 1_000_000, needsApproval: true, approverRole: null });
  });

  test('unknown order amount: a %-only cap has no known cost, so it is assumed above the agent and says so', () => {
    const r = remedyOptions({ ...quality, orderAmount: null }, policy, 'agent', now, 'en');
    expect(r.options[1]).toMatchObject({
      kind: 'refund',
      effectiveCap: null,
      costKnown: false,
      needsApproval: true,
      approverRole: 'supervisor',
    });
    expect(r.options[0]).toMatchObject({ effectiveCap: 50, costKnown: true, needsApproval: false });
    expect(r.options[2]).toMatchObject({ effectiveCap: null, costKnown: false, needsApproval: true, approverRole: 'supervisor' });
    // The top role decides on the percentage alone.
    expect(remedyOptions({ ...quality, orderAmount: null }, policy, 'supervisor', now, 'en').options[1]).toMatchObject({
      needsApproval: false,
    });
  });

  test('warranty: in until purchase + warrantyMonths, out from then on; unknown date counts as in and says so', () => {
    const exactlyYear = remedyOptions({ ...quality, purchaseDate: '2025-11-22T10:00:00.000Z' }, policy, 'agent', now, 'en');
    expect(exactlyYear.warranty).toBe('out');
    expect(exactlyYear.entryId).toBe('quality_out_of_warranty');
    expect(remedyOptions({ ...quality, purchaseDate: '2025-11-22T10:00:00.001Z' }, policy, 'agent', now, 'en').warranty).toBe('in');
    const unknown = remedyOptions({ ...quality, purchaseDate: null }, policy, 'agent', now, 'en');
    expect(unknown).toMatchObject({ warranty: 'in', warrantyKnown: false });
    expect(remedyOptions({ ...quality, purchaseDate: 'not a date' }, policy, 'agent', now, 'en').warrantyKnown).toBe(false);
  });

  test('warranty months clamp to the end of a shorter month', () => {
    const p = load((j) => {
      j.remedies.warrantyMonths = 1;
    });
    const at = (iso: string) =>
      remedyOptions({ ...quality, purchaseDate: '2026-01-31T00:00:00.000Z' }, p, 'agent', Date.parse(iso), 'en').warranty;
    expect(at('2026-02-27T23:59:59.999Z')).toBe('in');
    expect(at('2026-02-28T00:00:00.000Z')).toBe('out');
  });

  test('no-reason return window from delivery, else purchase', () => {
    const days = policy.remedies.noReasonReturnDays;
    expect(remedyOptions({ ...quality, deliveredAt: daysAgo(days - 1) }, policy, 'agent', now, 'en').withinNoReasonReturn).toBe(true);
    expect(
      remedyOptions({ ...quality, deliveredAt: daysAgo(days + 1), purchaseDate: daysAgo(1) }, policy, 'agent', now, 'en')
        .withinNoReasonReturn,
    ).toBe(false);
    expect(
      remedyOptions({ ...quality, deliveredAt: null, purchaseDate: daysAgo(2) }, policy, 'agent', now, 'en').withinNoReasonReturn,
    ).toBe(true);
    expect(remedyOptions({ category: 'billing', severity: 'L3' }, policy, 'agent', now, 'en').withinNoReasonReturn).toBe(false);
  });

  test('the first matching matrix entry wins; labels follow the locale', () => {
    const p = load((j) => {
      j.remedies.matrix.unshift({ ...structuredClone(j.remedies.matrix[0]), id: 'quality_l1_first', severities: ['L1'] });
    });
    expect(remedyOptions({ ...quality, severity: 'L1' }, p, 'agent', now, 'en').entryId).toBe('quality_l1_first');
    expect(remedyOptions({ ...quality, severity: 'L2' }, p, 'agent', now, 'en').entryId).toBe('quality_in_warranty');
    expect(remedyOptions(quality, policy, 'agent', now, 'zh-CN').options[0].label).toBe(
      policy.remedies.matrix[0].options[0].label['zh-CN'],
    );
  });

  test('an unknown role is a coded error (also for prototype names)', () => {
    for (const role of ['intern', '__proto__', 'constructor']) {
      let err: unknown;
      try {
        remedyOptions(quality, policy, role, now, 'en');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('unknown_role');
      expect((err as EngineError).message).toContain('known roles: agent, specialist, supervisor');
    }
  });
});
