/**
 * The engine against the brute-force minute reference (reference-business-time.ts) around every
 * daylight-saving change of 2026 in New York, London, Santiago (changes at midnight) and
 * Lord Howe (30-minute changes), with holidays, several intervals a day, overnight shifts split at
 * 24:00, multi-week spans, and seeded random cases.
 */
import { addBusinessTime, compileCalendar, elapsedBusinessTime } from '../../../../../policies/src/engine/business-time';
import { calendar as calendarSchema, type CalendarSpec } from '../../../../../policies/src/schema/calendar';
import { MinuteReference } from './reference-business-time';
import { seededRandom as prng } from '../../../../support/seeded-random';

const M = 60_000;
const DAY = 86_400_000;
type Week = CalendarSpec['week'];
const every = (list: [string, string][]): Week => ({ mon: list, tue: list, wed: list, thu: list, fri: list, sat: list, sun: list });

const WEEKS: Record<string, Week> = {
  office: {
    ...every([]),
    mon: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    wed: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    thu: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    fri: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    sat: [['10:00', '14:00']],
  },
  // overnight shifts split at 24:00; Sunday covers the 01:00-03:00 change hours
  night: {
    ...every([
      ['00:00', '02:30'],
      ['22:00', '24:00'],
    ]),
    sat: [['00:00', '02:30']],
    sun: [
      ['01:00', '03:00'],
      ['23:30', '24:00'],
    ],
  },
  many: every([
    ['00:30', '01:15'],
    ['01:30', '02:45'],
    ['03:00', '04:00'],
    ['08:00', '09:00'],
    ['12:00', '13:30'],
    ['23:00', '24:00'],
  ]),
  allDay: every([['00:00', '24:00']]),
};

interface Window {
  zone: string;
  from: string;
  to: string;
  holidays: string[];
}
const WINDOWS: Window[] = [
  { zone: 'America/New_York', from: '2026-02-23', to: '2026-04-06', holidays: ['2026-03-08', '2026-03-17'] },
  { zone: 'America/New_York', from: '2026-10-12', to: '2026-11-23', holidays: ['2026-11-01', '2026-11-11'] },
  { zone: 'Europe/London', from: '2026-03-09', to: '2026-04-20', holidays: ['2026-04-03', '2026-04-06'] },
  { zone: 'Europe/London', from: '2026-10-05', to: '2026-11-16', holidays: ['2026-10-26'] },
  { zone: 'America/Santiago', from: '2026-03-23', to: '2026-04-20', holidays: ['2026-04-04'] },
  { zone: 'America/Santiago', from: '2026-08-24', to: '2026-09-21', holidays: ['2026-09-18'] },
  { zone: 'Australia/Lord_Howe', from: '2026-03-23', to: '2026-04-20', holidays: [] },
  { zone: 'Australia/Lord_Howe', from: '2026-09-21', to: '2026-10-19', holidays: ['2026-10-05'] },
];

// Windows start/end at UTC midnight; pad by a day so local days at the edges are whole.
const bounds = (w: Window) => [Date.parse(`${w.from}T00:00:00Z`) - DAY, Date.parse(`${w.to}T00:00:00Z`) + DAY] as const;

describe.each(WINDOWS)('$zone $from..$to against the minute reference', (w) => {
  const [from, to] = bounds(w);
  for (const [name, week] of Object.entries(WEEKS)) {
    test(`${name}: every day's elapsed time, multi-week spans, and random add/elapsed cases`, () => {
      const spec = calendarSchema.parse({ timeZone: w.zone, mode: 'business', week, holidays: w.holidays });
      const cal = compileCalendar(spec);
      const ref = new MinuteReference(spec, from, to);
      // each UTC day and each 4-hour slice (catches the transition hours themselves)
      for (let t = from; t + DAY <= to; t += DAY) expect([t, elapsedBusinessTime(cal, t, t + DAY)]).toEqual([t, ref.elapsed(t, t + DAY)]);
      for (let t = from; t + 4 * 3_600_000 <= to; t += 4 * 3_600_000) {
        expect([t, elapsedBusinessTime(cal, t, t + 4 * 3_600_000)]).toEqual([t, ref.elapsed(t, t + 4 * 3_600_000)]);
      }
      // whole window (multi-week) both ways
      expect(elapsedBusinessTime(cal, from, to)).toBe(ref.elapsed(from, to));
      expect(elapsedBusinessTime(cal, to, from)).toBe(-ref.elapsed(from, to));
      const rnd = prng(from / M + name.length);
      const minutes = (to - from) / M;
      for (let i = 0; i < 120; i++) {
        const a = from + Math.floor(rnd() * minutes) * M;
        const b = from + Math.floor(rnd() * minutes) * M;
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect([iso(lo), iso(hi), elapsedBusinessTime(cal, lo, hi)]).toEqual([iso(lo), iso(hi), ref.elapsed(lo, hi)]);
        const room = ref.elapsed(a, to) / M;
        const d = Math.floor(rnd() * rnd() * room); // biased to short durations, up to the whole window
        const expected = ref.add(a, d);
        expect([iso(a), d, iso(addBusinessTime(cal, a, d * M))]).toEqual([iso(a), d, expected === null ? 'out of window' : iso(expected)]);
      }
    });
  }
});

const iso = (t: number) => new Date(t).toISOString();

test('random calendars: several intervals a day, random holidays, 1,500 elapsed + 1,500 add seeded cases', () => {
  const rnd = prng(20261122);
  const w = WINDOWS[1];
  const [from, to] = bounds(w);
  const minutes = (to - from) / M;
  let cases = 0;
  for (let c = 0; c < 25; c++) {
    const week = {} as Week;
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const) {
      // random ascending, non-overlapping intervals on a 15-minute grid
      const cuts = [...new Set(Array.from({ length: 2 * Math.floor(rnd() * 4) }, () => Math.floor(rnd() * 97)))].sort((x, y) => x - y);
      if (cuts.length % 2) cuts.pop();
      const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
      week[day] = [];
      for (let i = 0; i < cuts.length; i += 2) week[day].push([hhmm(cuts[i]), hhmm(cuts[i + 1])]);
    }
    if (Object.values(week).every((l) => l.length === 0)) week.wed = [['10:00', '11:00']];
    const holidays = Array.from({ length: 4 }, () => iso(from + Math.floor((rnd() * (to - from)) / DAY) * DAY).slice(0, 10));
    const spec = calendarSchema.parse({ timeZone: w.zone, mode: 'business', week, holidays: [...new Set(holidays)] });
    const cal = compileCalendar(spec);
    const ref = new MinuteReference(spec, from, to);
    for (let i = 0; i < 60; i++, cases++) {
      const a = from + Math.floor(rnd() * minutes) * M;
      const b = from + Math.floor(rnd() * minutes) * M;
      expect([iso(a), iso(b), elapsedBusinessTime(cal, a, b)]).toEqual([
        iso(a),
        iso(b),
        a <= b ? ref.elapsed(a, b) : 0 - ref.elapsed(b, a),
      ]);
      const d = Math.floor(rnd() * rnd() * (ref.elapsed(a, to) / M));
      const expected = ref.add(a, d);
      expect([iso(a), d, iso(addBusinessTime(cal, a, d * M))]).toEqual([iso(a), d, expected === null ? 'out of window' : iso(expected)]);
    }
  }
  expect(cases).toBe(1500);
});
