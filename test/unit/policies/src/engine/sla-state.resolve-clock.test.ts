import { load, M, at, L1, pct, timeline, state, pauseStatus, stopStatus } from './sla-kit';

describe('resolve clock: pause, stop, reopen', () => {
  const changes = [
    { at: at(0), status: 'new' as const },
    { at: at(10), status: 'open' as const },
    { at: at(60), status: pauseStatus },
    { at: at(300), status: 'open' as const },
  ];

  test('paused while pending: elapsed frozen, due projected from now, no timer for it', () => {
    const s = state(timeline({ firstAgentReplyAt: at(5), statusChanges: changes.slice(0, 3) }), 200);
    expect(s.resolve.state).toBe('paused');
    expect(s.resolve.elapsedMs).toBe(60 * M);
    expect(s.resolve.dueAt).toBe(at(200 + L1.resolveWithinMinutes - 60));
    expect(s.state).toBe('paused');
    expect(s.nextChangeAt).toBeNull();
  });

  test('after the customer answers the due time is pushed out by exactly the paused span', () => {
    const s = state(timeline({ firstAgentReplyAt: at(5), statusChanges: changes }), 400);
    expect(s.resolve.state).toBe('ok');
    expect(s.resolve.elapsedMs).toBe((60 + 100) * M);
    expect(s.resolve.dueAt).toBe(at(L1.resolveWithinMinutes + 240));
    expect(s.resolve.warnAt).toBe(at(L1.resolveWithinMinutes * pct + 240));
    expect(s.nextChangeAt).toBe(s.resolve.warnAt);
  });

  test('solved stops it (met); reopened it resumes with the time used; solved late is breached', () => {
    const solvedAt = 500;
    const solved = [...changes, { at: at(solvedAt), status: stopStatus }];
    const s = state(timeline({ firstAgentReplyAt: at(5), statusChanges: solved }), 3000);
    expect([s.resolve.state, s.resolve.stoppedAt, s.state, s.nextChangeAt]).toEqual(['met', at(solvedAt), 'met', null]);
    const reopened = [...solved, { at: at(2000), status: 'open' as const }];
    const r = state(timeline({ firstAgentReplyAt: at(5), statusChanges: reopened }), 2010);
    expect(r.resolve.stoppedAt).toBeNull();
    expect(r.resolve.elapsedMs).toBe((solvedAt - 240 + 10) * M);
    expect(r.resolve.dueAt).toBe(at(2000 + L1.resolveWithinMinutes - (solvedAt - 240)));
    const late = [...reopened, { at: at(2000 + L1.resolveWithinMinutes), status: 'closed' as const }];
    const l = state(timeline({ firstAgentReplyAt: at(5), statusChanges: late }), 2000 + L1.resolveWithinMinutes + 10);
    expect([l.resolve.state, l.state]).toEqual(['breached', 'breached']);
    expect(l.resolve.remainingMs).toBeLessThan(0);
  });

  test('a clock breached before the pause stays breached while paused', () => {
    const tl = timeline({
      firstAgentReplyAt: at(5),
      statusChanges: [
        { at: at(0), status: 'open' },
        { at: at(L1.resolveWithinMinutes + 30), status: pauseStatus },
      ],
    });
    const s = state(tl, L1.resolveWithinMinutes + 60);
    expect(s.resolve.state).toBe('breached');
    expect(s.resolve.dueAt).toBe(at(L1.resolveWithinMinutes));
    expect(s.resolve.remainingMs).toBe(-30 * M);
  });

  test('solved before any reply stops respond and acknowledge too (documented rule)', () => {
    const s = state(
      timeline({
        channel: 'phone',
        statusChanges: [
          { at: at(0), status: 'new' },
          { at: at(20), status: stopStatus },
        ],
      }),
      L1.respondWithinMinutes + 60,
    );
    expect([s.respond.state, s.respond.stoppedAt, s.resolve.state, s.state]).toEqual(['met', at(20), 'met', 'met']);
  });

  test('no pause statuses in the policy: pending keeps the clock running', () => {
    const p = load((x) => {
      x.sla.pauseStatuses = [];
    });
    const s = state(timeline({ firstAgentReplyAt: at(5), statusChanges: changes.slice(0, 3) }), 200, p);
    expect([s.resolve.state, s.resolve.elapsedMs]).toEqual(['ok', 200 * M]);
  });

  test('status changes are sorted, the initial status is new, changes after now are ignored', () => {
    const shuffled = [changes[3], changes[1], changes[2]];
    const a = state(timeline({ statusChanges: shuffled }), 400);
    const b = state(timeline({ statusChanges: changes }), 400);
    expect(a).toEqual(b);
    expect(state(timeline({ statusChanges: changes }), 100).resolve.state).toBe('paused');
    expect(state(timeline({ statusChanges: [] }), 30).resolve.elapsedMs).toBe(30 * M);
  });
});
