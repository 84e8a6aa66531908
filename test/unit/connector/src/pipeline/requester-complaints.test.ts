/** The counts the decide-* functions ask for synchronously are read up front for every window the policy names. */
import { requesterComplaints, windowsOf } from '../../../../../connector/src/pipeline/requester-complaints';
import type { TicketsStore } from '../../../../../connector/src/store/store';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';

const NOW = Date.parse('2026-11-25T00:00:00.000Z');
const DAY = 86_400_000;

describe('requesterComplaints', () => {
  const policy = loadPolicy((raw) => {
    raw.escalation.rules.push({
      ...raw.escalation.rules[0],
      id: 'repeat_90',
      when: { type: 'repeat_requester', count: 5, withinDays: 90 },
    });
  });
  const asked: string[] = [];
  const tickets = {
    countByRequester: async (_h: string, rid: string, since: string) => {
      asked.push(`${rid}@${since}`);
      return Math.round((NOW - Date.parse(since)) / DAY);
    },
  } as unknown as TicketsStore;

  test('windowsOf finds every withinDays in the policy', () => {
    expect(windowsOf(policy)).toContain(90);
  });

  test('each window is read once; the answer adds `extra`; an unnamed window is a loud error', async () => {
    const f = await requesterComplaints(tickets, policy, 'zendesk', 'r1', NOW, 1);
    expect(asked).toHaveLength(windowsOf(policy).length);
    expect(f(90)).toBe(91);
    expect(() => f(7777)).toThrow('requesterComplaints(7777)');
  });

  test('no requester: only `extra`, nothing read', async () => {
    asked.length = 0;
    const f = await requesterComplaints(tickets, policy, 'zendesk', null, NOW, 1);
    expect(f(90)).toBe(1);
    expect(asked).toEqual([]);
  });
});
