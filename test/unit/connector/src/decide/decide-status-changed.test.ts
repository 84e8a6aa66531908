import { decideStatusChanged } from '../../../../../connector/src/decide/decide-status-changed';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0 } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();
const H = 3600_000;

describe('decideStatusChanged', () => {
  it('pending pauses the resolve clock: no resolve timers while paused, resumed later with the paused time added', () => {
    const p = projection(policy, {}, { firstAgentReplyAt: new Date(T0 + H).toISOString(), status: 'open' });
    const paused = decideStatusChanged(p, 'pending', policy, T0 + 2 * H, new Date(T0 + 2 * H).toISOString());
    expect(paused.projection?.statusHistory.map((s) => s.status)).toEqual(['new', 'pending']);
    expect(paused.timers!.plans).toEqual([]);
    const resumed = decideStatusChanged(paused.projection, 'open', policy, T0 + 12 * H, new Date(T0 + 12 * H).toISOString());
    const breach = resumed.timers!.plans.find((t) => t.kind === 'sla_breach')!;
    expect(breach.dueAt).toBe(T0 + 48 * H + 10 * H);
  });

  it('solved schedules the follow-up after policy days; reopening cancels it', () => {
    const p = projection(policy, {}, { status: 'open' });
    const solved = decideStatusChanged(p, 'solved', policy, T0 + 5 * H, new Date(T0 + 5 * H).toISOString());
    expect(solved.timers!.plans).toEqual([{ kind: 'follow_up', dueAt: T0 + 5 * H + 3 * 24 * H, data: {} }]);
    expect(solved.timers!.cancel).toContain('follow_up');
    const reopened = decideStatusChanged(solved.projection, 'open', policy, T0 + 6 * H);
    expect(reopened.timers!.cancel).toContain('follow_up');
    expect(reopened.timers!.plans.some((t) => t.kind === 'follow_up')).toBe(false);
    expect(reopened.records.map((r) => r.kind)).toContain('follow_up_cancelled');
  });

  it('the same status again is only evidence', () => {
    const d = decideStatusChanged(projection(policy), 'new', policy, T0);
    expect(d.projection).toBeNull();
    expect(d.timers).toBeNull();
    expect(d.evidence).toHaveLength(1);
  });
});
