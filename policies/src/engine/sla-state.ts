/**
 * SLA clocks of a ticket: a pure function of (timeline, policy, now).
 *
 * - Every clock starts at `createdAt` and runs on the severity's calendar (business or calendar
 *   time) with the severity's budget (`respondWithinMinutes`, `resolveWithinMinutes`,
 *   `firstAcknowledgeWithinMinutes`).
 * - `acknowledge` exists only when `timeline.channel` is one of `sla.onlineChannels`.
 * - `acknowledge` and `respond` stop at the first public agent reply (`met`, or `breached` when it
 *   came after the due instant). They are not paused by pending statuses. A ticket that reaches a
 *   stop status (`sla.stopStatuses`) before any agent reply (e.g. solved on the phone) stops them
 *   there too, so a solved ticket never breaches later.
 * - `resolve` is paused while the status is in `sla.pauseStatuses`, stopped while it is in
 *   `sla.stopStatuses`, and resumes (with the time used so far) when the ticket is reopened.
 * - The status before the first recorded change is `new`; changes at or before `createdAt` set
 *   the initial status; changes and replies after `now` are ignored (not happened yet).
 * - Overall `state` is the worst clock (breached > warning > paused > ok > met); `nextChangeAt`
 *   is the earliest future `warnAt`/`dueAt` of a running clock (paused/stopped clocks change only
 *   on ticket events).
 */
import type { StatusId } from '../ids';
import type { ClockState, Policy, SlaState, SlaTimeline } from '../types';
import { compileCalendar } from './business-time';
import { walkClock, type ClockResult, type Segment, type SegmentMode } from './sla-clock';

const RANK: Record<ClockState, number> = { met: 0, ok: 1, paused: 2, warning: 3, breached: 4 };

function instant(value: string, where: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new RangeError(`slaState: ${where} is not an ISO-8601 instant (got ${JSON.stringify(value)})`);
  return t;
}

/** Status segments from createdAt to now, consecutive segments of the same mode merged. */
function statusSegments(timeline: SlaTimeline, policy: Policy, created: number, now: number): Segment[] {
  const modeOf = (s: StatusId): SegmentMode =>
    policy.sla.stopStatuses.includes(s) ? 'stop' : policy.sla.pauseStatuses.includes(s) ? 'pause' : 'run';
  const changes = (timeline.statusChanges ?? [])
    .map((c, i) => ({ at: instant(c.at, `statusChanges[${i}].at`), status: c.status }))
    .sort((a, b) => a.at - b.at); // stable: equal instants keep their recorded order
  let status: StatusId = 'new';
  const segments: Segment[] = [];
  let cursor = created;
  for (const c of changes) {
    if (c.at > now) break;
    if (c.at > cursor) {
      push(segments, { from: cursor, to: c.at, mode: modeOf(status) });
      cursor = c.at;
    }
    status = c.status;
  }
  push(segments, { from: cursor, to: Math.max(cursor, now), mode: modeOf(status) });
  return segments;
}

function push(list: Segment[], seg: Segment): void {
  const prev = list[list.length - 1];
  if (prev && prev.mode === seg.mode) prev.to = seg.to;
  else list.push(seg);
}

export function slaState(timeline: SlaTimeline, policy: Policy, now: number): SlaState {
  if (!Number.isFinite(now)) throw new RangeError(`slaState: now must be epoch milliseconds (got ${String(now)})`);
  const severity = policy.severities[timeline.severity];
  if (!severity)
    throw new RangeError(
      `slaState: unknown severity ${JSON.stringify(timeline.severity)}; the policy defines ${Object.keys(policy.severities).join(', ')}`,
    );
  const spec = policy.calendars[severity.calendar];
  if (!spec)
    throw new RangeError(`slaState: severity ${timeline.severity} uses calendar "${severity.calendar}", which the policy does not define`);
  const cal = compileCalendar(spec); // cached per spec object
  const created = instant(timeline.createdAt, 'createdAt');
  const t = Math.max(now, created);
  const resolveSegs = statusSegments(timeline, policy, created, t);

  // respond / acknowledge: run from creation until the first agent reply or the first stop status.
  let stop: number | null = null;
  if (timeline.firstAgentReplyAt) {
    const reply = Math.max(created, instant(timeline.firstAgentReplyAt, 'firstAgentReplyAt'));
    if (reply <= t) stop = reply;
  }
  const firstStop = resolveSegs.find((s) => s.mode === 'stop');
  if (firstStop && (stop === null || firstStop.from < stop)) stop = firstStop.from;
  const replySegs: Segment[] =
    stop === null
      ? [{ from: created, to: t, mode: 'run' }]
      : [
          { from: created, to: stop, mode: 'run' },
          { from: stop, to: t, mode: 'stop' },
        ];

  const warn = (budget: number) => Math.round((budget * policy.sla.warnAtPercent) / 100);
  const clock = (id: 'acknowledge' | 'respond' | 'resolve', minutes: number, segs: Segment[]): ClockResult => {
    const budget = minutes * 60_000;
    return walkClock(id, cal, budget, warn(budget), segs, t);
  };

  const online = timeline.channel !== undefined && policy.sla.onlineChannels.includes(timeline.channel);
  const results = [
    ...(online ? [clock('acknowledge', severity.firstAcknowledgeWithinMinutes, replySegs)] : []),
    clock('respond', severity.respondWithinMinutes, replySegs),
    clock('resolve', severity.resolveWithinMinutes, resolveSegs),
  ];
  let state: ClockState = 'met';
  let next = Infinity;
  for (const r of results) {
    if (RANK[r.clock.state] > RANK[state]) state = r.clock.state;
    for (const c of r.changesAt) next = Math.min(next, c);
  }
  return {
    severity: timeline.severity,
    calendar: severity.calendar,
    acknowledge: online ? results[0].clock : null,
    respond: results[online ? 1 : 0].clock,
    resolve: results[online ? 2 : 1].clock,
    state,
    nextChangeAt: next === Infinity ? null : new Date(next).toISOString(),
  };
}
