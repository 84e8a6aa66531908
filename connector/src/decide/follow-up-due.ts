/**
 * When the follow-up visit is due: `followUp.daysAfterSolve` days after solve. On a business
 * calendar only days with business time count, and the due time moves into business hours. Pure.
 */
import { addBusinessTime, compileCalendar, elapsedBusinessTime } from '../../../policies/src/engine';
import type { Policy, SeverityId } from '../../../policies/src/types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Safety bound when a calendar is almost all holidays. */
const MAX_DAYS_SCANNED = 366;

export function followUpDueAt(policy: Policy, severity: string, solvedAt: number): number {
  const days = policy.followUp.daysAfterSolve;
  const spec = policy.calendars[policy.severities[severity as SeverityId]?.calendar ?? ''];
  if (!spec || spec.mode !== 'business') return solvedAt + days * DAY_MS;
  const cal = compileCalendar(spec);
  let t = solvedAt;
  let counted = 0;
  for (let i = 0; i < MAX_DAYS_SCANNED && counted < days; i++) {
    t += DAY_MS;
    const dayStart = localDayStart(t, spec.timeZone);
    if (elapsedBusinessTime(cal, dayStart, dayStart + DAY_MS) > 0) counted++;
  }
  // Land inside business hours: the instant one business minute from t, minus that minute.
  const minute = 60_000;
  return addBusinessTime(cal, t, minute) - minute;
}

/** Start of the local calendar day containing `t` in `timeZone` (ms). */
export function localDayStart(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(t));
  const n = (k: string) => Number(parts.find((p) => p.type === k)?.value ?? 0);
  return t - ((n('hour') * 60 + n('minute')) * 60 + n('second')) * 1000 - (t % 1000);
}
