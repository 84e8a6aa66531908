import { followUpDueAt } from '../../../../../connector/src/decide/follow-up-due';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';

const H = 3600_000;

describe('followUpDueAt', () => {
  it('calendar hours: daysAfterSolve × 24 h', () => {
    const policy = loadPolicy();
    const solved = Date.parse('2026-11-20T10:00:00Z');
    expect(followUpDueAt(policy, 'L2', solved)).toBe(solved + 72 * H);
  });

  it('business calendar: counts only days with business hours (Saturday yes, Sunday no)', () => {
    const policy = loadPolicy((raw) => {
      raw.severities.L2.calendar = 'office';
    });
    // Friday 2026-11-20 17:00 Asia/Shanghai (09:00Z) → Sat (1), Sun skipped, Mon (2), Tue (3) 17:00 local
    const solved = Date.parse('2026-11-20T09:00:00Z');
    expect(new Date(followUpDueAt(policy, 'L2', solved)).toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });

  it('business calendar: a due time outside business hours moves to the next opening', () => {
    const policy = loadPolicy((raw) => {
      raw.severities.L2.calendar = 'office';
    });
    // Wednesday 2026-11-18 20:00 local (12:00Z) → Saturday 2026-11-21 20:00 local is after closing → Monday 09:00 local
    const solved = Date.parse('2026-11-18T12:00:00Z');
    expect(new Date(followUpDueAt(policy, 'L2', solved)).toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });
});
