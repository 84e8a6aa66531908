import { addBusinessTime, compileCalendar } from '../../../../../policies/src/engine/business-time';
import { slaState } from '../../../../../policies/src/engine/sla-state';
import type { SlaTimeline } from '../../../../../policies/src/types';
import { load, policy, M, T0, iso, at, L1, pct, online, timeline, state, pauseStatus } from './sla-kit';

test('the default policy runs L1 on a calendar-time calendar (the tests below rely on it)', () => {
  expect(policy.calendars[L1.calendar].mode).toBe('calendar');
  expect(policy.sla.onlineChannels).not.toContain('phone');
});

describe('a fresh online ticket', () => {
  test('has three running clocks with due and warn instants from the policy budgets', () => {
    const s = state(timeline(), 1);
    expect(s.acknowledge).not.toBeNull();
    expect(s.acknowledge!.dueAt).toBe(at(L1.firstAcknowledgeWithinMinutes));
    expect(s.acknowledge!.warnAt).toBe(at(L1.firstAcknowledgeWithinMinutes * pct));
    expect(s.respond.dueAt).toBe(at(L1.respondWithinMinutes));
    expect(s.resolve.dueAt).toBe(at(L1.resolveWithinMinutes));
    expect(s.resolve.budgetMs).toBe(L1.resolveWithinMinutes * M);
    expect([s.acknowledge!.state, s.respond.state, s.resolve.state, s.state]).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(s.respond.elapsedMs).toBe(M);
    expect(s.respond.remainingMs).toBe(L1.respondWithinMinutes * M - M);
    expect(s.nextChangeAt).toBe(s.acknowledge!.warnAt);
    expect(s.calendar).toBe(L1.calendar);
  });

  test('acknowledge turns warning at warnAt and breached at dueAt; nextChangeAt walks the timers', () => {
    const warnMin = L1.firstAcknowledgeWithinMinutes * pct;
    expect(state(timeline(), warnMin - 0.001).acknowledge!.state).toBe('ok');
    const w = state(timeline(), warnMin);
    expect([w.acknowledge!.state, w.state]).toEqual(['warning', 'warning']);
    expect(w.nextChangeAt).toBe(at(L1.firstAcknowledgeWithinMinutes));
    const b = state(timeline(), L1.firstAcknowledgeWithinMinutes + 1);
    expect([b.acknowledge!.state, b.respond.state, b.state]).toEqual(['breached', 'ok', 'breached']);
    expect(b.acknowledge!.remainingMs).toBe(-M);
    expect(b.acknowledge!.percent).toBeGreaterThan(100);
    expect(b.nextChangeAt).toBe(at(L1.respondWithinMinutes * pct));
  });

  test('a phone ticket has no acknowledge clock', () => {
    const s = state(timeline({ channel: 'phone' }), L1.firstAcknowledgeWithinMinutes + 1);
    expect(s.acknowledge).toBeNull();
    expect(s.state).toBe('ok');
    expect(state(timeline({ channel: undefined }), 1).acknowledge).toBeNull();
  });

  test('an online channel dropped from the policy loses the acknowledge clock', () => {
    const p = load((x) => {
      x.sla.onlineChannels = x.sla.onlineChannels.filter((c: string) => c !== online);
    });
    expect(state(timeline(), 1, p).acknowledge).toBeNull();
  });
});

describe('first agent reply', () => {
  test('an early reply meets acknowledge and respond; resolve keeps running', () => {
    const s = state(timeline({ firstAgentReplyAt: at(3) }), 60);
    expect([s.acknowledge!.state, s.respond.state, s.resolve.state, s.state]).toEqual(['met', 'met', 'ok', 'ok']);
    expect(s.respond.stoppedAt).toBe(at(3));
    expect(s.respond.elapsedMs).toBe(3 * M);
    expect(s.nextChangeAt).toBe(at(L1.resolveWithinMinutes * pct));
  });

  test('a late reply breaches acknowledge but meets respond; worst state wins', () => {
    const s = state(timeline({ firstAgentReplyAt: at(L1.firstAcknowledgeWithinMinutes + 5) }), 60);
    expect([s.acknowledge!.state, s.respond.state, s.state]).toEqual(['breached', 'met', 'breached']);
    const late = state(timeline({ firstAgentReplyAt: at(L1.respondWithinMinutes + 1) }), L1.respondWithinMinutes + 30);
    expect(late.respond.state).toBe('breached');
    expect(late.respond.stoppedAt).toBe(at(L1.respondWithinMinutes + 1));
    expect(late.respond.dueAt).toBe(at(L1.respondWithinMinutes));
  });

  test('a reply exactly at the due instant is on time', () => {
    expect(state(timeline({ firstAgentReplyAt: at(L1.respondWithinMinutes) }), L1.respondWithinMinutes + 5).respond.state).toBe('met');
  });

  test('pending does not pause acknowledge or respond', () => {
    const s = state(
      timeline({
        statusChanges: [
          { at: at(0), status: 'new' },
          { at: at(1), status: pauseStatus },
        ],
      }),
      L1.firstAcknowledgeWithinMinutes + 1,
    );
    expect(s.acknowledge!.state).toBe('breached');
    expect(s.respond.elapsedMs).toBe((L1.firstAcknowledgeWithinMinutes + 1) * M);
    expect(s.resolve.state).toBe('paused');
  });

  test('a reply in the future of `now` has not happened yet', () => {
    expect(state(timeline({ firstAgentReplyAt: at(30) }), 5).respond.state).toBe('ok');
  });
});

describe('business-hours calendars', () => {
  const office = load((x) => {
    for (const s of Object.values<any>(x.severities)) s.calendar = 'office';
    x.calendars.office.holidays = [];
    x.calendars.office.week.sat = [['10:00', '16:00']];
  });
  const L3 = office.severities.L3;

  test('respond due skips the night and the weekend (Fri 17:00 Shanghai + 8 business hours = Mon 10:00)', () => {
    const tl: SlaTimeline = {
      createdAt: '2026-11-20T09:00:00Z',
      severity: 'L3',
      channel: 'phone',
      statusChanges: [{ at: '2026-11-20T09:00:00Z', status: 'new' }],
    };
    const s = slaState(tl, office, Date.parse('2026-11-21T04:00:00Z'));
    expect(L3.respondWithinMinutes).toBe(480); // the literal date below assumes the default 8 h
    expect(s.respond.dueAt).toBe('2026-11-23T02:00:00.000Z');
    expect(s.respond.elapsedMs).toBe(3 * 60 * M); // Fri 17-18, Sat 10-12
    const cal = compileCalendar(office.calendars.office);
    expect(s.resolve.dueAt).toBe(iso(addBusinessTime(cal, Date.parse(tl.createdAt), L3.resolveWithinMinutes * M)));
  });

  test('a pause during closed hours costs nothing; nights do not count as elapsed', () => {
    const tl: SlaTimeline = {
      createdAt: '2026-11-23T01:00:00Z',
      severity: 'L3',
      channel: 'phone',
      firstAgentReplyAt: '2026-11-23T02:00:00Z',
      statusChanges: [
        { at: '2026-11-23T01:00:00Z', status: 'open' },
        { at: '2026-11-23T12:00:00Z', status: pauseStatus },
        { at: '2026-11-23T23:00:00Z', status: 'open' },
      ],
    };
    const s = slaState(tl, office, Date.parse('2026-11-24T02:00:00Z'));
    const plain = slaState({ ...tl, statusChanges: [tl.statusChanges![0]] }, office, Date.parse('2026-11-24T02:00:00Z'));
    expect(s.resolve.elapsedMs).toBe(plain.resolve.elapsedMs);
    expect(s.resolve.elapsedMs).toBe((8 + 1) * 60 * M);
    expect(s.resolve.dueAt).toBe(plain.resolve.dueAt);
  });

  test('DST-safe: a New York office calendar keeps local hours across spring forward', () => {
    const ny = load((x) => {
      x.calendars.ny = {
        ...x.calendars.office,
        timeZone: 'America/New_York',
        holidays: [],
        week: { ...x.calendars.office.week, sat: [], mon: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
      };
      x.severities.L3.calendar = 'ny';
    });
    // Fri 2026-03-06 17:00 EST; 1 h on Friday, then Mon 2026-03-09 (EDT) 09:00 + 7 h = 16:00 EDT = 20:00Z
    const tl: SlaTimeline = { createdAt: '2026-03-06T22:00:00Z', severity: 'L3', channel: 'phone' };
    const s = slaState(tl, ny, Date.parse('2026-03-09T14:00:00Z'));
    expect(ny.severities.L3.respondWithinMinutes).toBe(480);
    expect(s.respond.dueAt).toBe('2026-03-09T20:00:00.000Z');
    expect(s.respond.elapsedMs).toBe(2 * 60 * M); // Fri 17-18 EST, Mon 09-10 EDT
  });

  test('warning outranks paused, paused outranks ok', () => {
    const tl = timeline({
      channel: 'phone',
      statusChanges: [
        { at: at(0), status: 'open' },
        { at: at(5), status: pauseStatus },
      ],
    });
    const w = state(tl, L1.respondWithinMinutes * pct + 1);
    expect([w.respond.state, w.resolve.state, w.state]).toEqual(['warning', 'paused', 'warning']);
    const p = state(tl, 10);
    expect([p.respond.state, p.resolve.state, p.state]).toEqual(['ok', 'paused', 'paused']);
  });

  test('warning threshold from the policy (variant 50 %)', () => {
    const half = load((x) => {
      x.sla.warnAtPercent = 50;
    });
    const s = state(timeline({ channel: 'phone' }), L1.respondWithinMinutes / 2, half);
    expect([s.respond.state, s.respond.warnAt]).toEqual(['warning', at(L1.respondWithinMinutes / 2)]);
  });
});

describe('timers and inputs', () => {
  test('at nextChangeAt some clock has changed state, just before it none has', () => {
    const cases: [SlaTimeline, number][] = [
      [timeline(), 0],
      [timeline({ firstAgentReplyAt: at(3) }), 10],
      [timeline({ channel: 'phone' }), 100],
      [timeline({ firstAgentReplyAt: at(3), statusChanges: [{ at: at(0), status: 'open' }] }), 1000],
    ];
    for (const [tl, minutes] of cases) {
      const s = state(tl, minutes);
      const next = Date.parse(s.nextChangeAt!);
      const states = (x: ReturnType<typeof slaState>) => [x.acknowledge?.state, x.respond.state, x.resolve.state];
      expect(states(slaState(tl, policy, next - 1))).toEqual(states(s));
      expect(states(slaState(tl, policy, next))).not.toEqual(states(s));
    }
  });

  test('now before createdAt counts nothing; bad instants are clear RangeErrors', () => {
    expect(state(timeline(), -30).respond.elapsedMs).toBe(0);
    expect(() => slaState({ ...timeline(), createdAt: 'yesterday' }, policy, T0)).toThrow(/createdAt is not an ISO-8601 instant/);
    expect(() => slaState(timeline({ statusChanges: [{ at: 'x', status: 'open' }] }), policy, T0)).toThrow(/statusChanges\[0\]\.at/);
    expect(() => slaState(timeline(), policy, Number.NaN)).toThrow(/now must be epoch milliseconds/);
  });
});
