import { z } from 'zod';
import { localized } from './common';
import { WEEKDAYS } from '../ids';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'time as HH:MM (00:00-24:00)');

const toMinutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** One open interval of a day, local wall time, end exclusive ("09:00"-"12:00"). */
export const interval = z.tuple([hhmm, hhmm]).refine(([a, b]) => toMinutes(a) < toMinutes(b), {
  message: 'an interval must end after it starts',
  params: {
    hint: 'write ["start", "end"] with end later the same day; split an overnight shift into ["22:00", "24:00"] and ["00:00", "06:00"] on the next day',
  },
});

/** Intervals of one weekday, ascending and not overlapping. */
const dayIntervals = z
  .array(interval)
  .max(12)
  .superRefine((list, ctx) => {
    for (let i = 1; i < list.length; i++) {
      if (toMinutes(list[i][0]) < toMinutes(list[i - 1][1])) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `interval ${list[i][0]}-${list[i][1]} overlaps or comes before ${list[i - 1][0]}-${list[i - 1][1]}`,
          params: { hint: 'list the intervals of a day in ascending order without overlap; merge overlapping ones into one interval' },
        });
      }
    }
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'not a real calendar date', params: { hint: 'use an existing date as YYYY-MM-DD, e.g. "2026-10-01"' } },
  );

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, checked against the runtime's zone database. */
export const ianaZone = z
  .string()
  .max(64)
  .refine(isValidTimeZone, {
    message: 'not an IANA time zone',
    params: { hint: 'use an IANA zone name such as "Asia/Shanghai", "Asia/Taipei" or "America/New_York"' },
  });

export const calendar = z
  .strictObject({
    /** How agents and notes name the calendar (default: its key). */
    label: localized(80).optional(),
    timeZone: ianaZone,
    /** `business`: clocks run only inside `week` minus `holidays`; `calendar`: clocks run 24/7. */
    mode: z.enum(['business', 'calendar']),
    week: z.strictObject(
      Object.fromEntries(WEEKDAYS.map((d) => [d, dayIntervals])) as Record<(typeof WEEKDAYS)[number], typeof dayIntervals>,
    ),
    /** Whole local days on which the business clock does not run. */
    holidays: z.array(isoDate).max(2000),
  })
  .superRefine((cal, ctx) => {
    if (cal.mode === 'business' && WEEKDAYS.every((d) => cal.week[d].length === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['week'],
        message: 'a business calendar needs at least one open interval in the week',
        params: { hint: 'add opening hours to at least one day, or use "mode": "calendar" for a 24/7 clock' },
      });
    }
  });

export type CalendarSpec = z.infer<typeof calendar>;
