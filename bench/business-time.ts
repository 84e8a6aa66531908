/**
 * Business-time `add` / `elapsed`: ours vs dayjs-business-time and moment-business-time, same
 * calendar, same run, on a 1 h / 100 h / 10 000 h grid, with every answer cross-checked.
 *
 * The shared calendar is one both libraries express correctly: zone UTC (the libraries only know
 * the process's local time or UTC; we use their UTC objects so `TZ` does not matter), one segment
 * per day (Mon-Fri 09:00-18:00, Sat 10:00-16:00), and holidays. With two segments a day
 * moment-business-time's `workingDiff` miscounts (it adds later segments of the end day), so the
 * comparison would not be like for like. `add` adds N business hours to a start; `elapsed` counts
 * business minutes between a start and start + N calendar hours (libraries answer in minutes).
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import dayjsBusinessTime from 'dayjs-business-time';
import moment from 'moment';
import 'moment-business-time'; // adds addWorkingTime / workingDiff to moment (no type declarations)
import { addBusinessTime, compileCalendar, elapsedBusinessTime } from '../policies/src/engine/business-time';
import type { CalendarSpec } from '../policies/src/schema/calendar';
import type { BenchRow } from './print-table';

const H = 3_600_000;
const M = 60_000;
const SIZES = [1, 100, 10_000];
const day = ['09:00', '18:00'] as [string, string];
const SPEC: CalendarSpec = {
  timeZone: 'UTC',
  mode: 'business',
  week: { mon: [day], tue: [day], wed: [day], thu: [day], fri: [day], sat: [['10:00', '16:00']], sun: [] },
  holidays: [
    '2026-12-25',
    '2027-01-01',
    '2027-05-03',
    '2027-12-24',
    '2028-01-03',
    '2028-05-01',
    '2028-12-25',
    '2029-01-01',
    '2029-05-01',
    '2029-12-25',
    '2030-01-01',
    '2030-05-01',
    '2030-12-25',
    '2031-01-01',
    '2031-05-01',
  ],
};
/** Starts on whole minutes, open and closed, spread over two weeks. */
const STARTS = Array.from({ length: 12 }, (_, i) => Date.UTC(2026, 11, 14) + i * (29 * H + 7 * M));

type Impl = { name: string; add: (start: number, hours: number) => number; elapsedMin: (from: number, to: number) => number };

function libraries(): Impl[] {
  const keys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
  const names = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  dayjs.extend(utc);
  dayjs.extend(dayjsBusinessTime);
  dayjs.setBusinessTime(
    Object.fromEntries(
      names.map((n, i) => [
        n,
        SPEC.week[keys[i]].length ? SPEC.week[keys[i]].map(([start, end]) => ({ start: `${start}:00`, end: `${end}:00` })) : null,
      ]),
    ) as never,
  );
  dayjs.setHolidays(SPEC.holidays);
  moment.updateLocale(moment.locale(), {
    workinghours: Object.fromEntries(keys.map((k, i) => [i, SPEC.week[k].length ? SPEC.week[k].flat().map((t) => `${t}:00`) : null])),
    holidays: SPEC.holidays,
  } as never);
  const m = moment as unknown as {
    utc(t: number): { addWorkingTime(n: number, u: string): { valueOf(): number }; workingDiff(o: unknown, u: string): number };
  };
  return [
    {
      name: 'dayjs-business-time',
      add: (s, h) =>
        dayjs
          .utc(s)
          .addBusinessMinutes(h * 60)
          .valueOf(),
      elapsedMin: (f, t) => dayjs.utc(f).businessMinutesDiff(dayjs.utc(t)),
    },
    {
      name: 'moment-business-time',
      add: (s, h) =>
        m
          .utc(s)
          .addWorkingTime(h * 60, 'minutes')
          .valueOf(),
      elapsedMin: (f, t) => m.utc(t).workingDiff(m.utc(f), 'minutes'),
    },
  ];
}

function ours(): Impl {
  const cal = compileCalendar(SPEC);
  return {
    name: 'complaint-desk',
    add: (s, h) => addBusinessTime(cal, s, h * H),
    elapsedMin: (f, t) => elapsedBusinessTime(cal, f, t) / M,
  };
}

/** Ops per second: cycles through the starts for at least `minMs` (and at least one full pass). */
function opsPerSecond(op: (start: number) => number, minMs: number): number {
  let sink = 0;
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const s of STARTS) sink += op(s);
    n += STARTS.length;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  if (sink === 42) process.stderr.write(''); // keep `sink` alive
  return (n / elapsed) * 1000;
}

export async function run(): Promise<BenchRow[]> {
  const us = ours();
  const libs = libraries();
  const rows: BenchRow[] = [];
  let total = 0;
  let matched = 0;
  for (const hours of SIZES) {
    for (const s of STARTS) {
      const want = [us.add(s, hours), us.elapsedMin(s, s + hours * H)];
      for (const lib of libs) {
        total += 2;
        if (lib.add(s, hours) === want[0]) matched++;
        if (lib.elapsedMin(s, s + hours * H) === want[1]) matched++;
      }
    }
  }
  for (const [op, label] of [
    ['add', 'add'],
    ['elapsed', 'elapsed'],
  ] as const) {
    for (const hours of SIZES) {
      const subject = `${label} ${hours.toLocaleString('en-US')} h`;
      const measure = (impl: Impl, minMs: number) =>
        opsPerSecond(op === 'add' ? (s) => impl.add(s, hours) : (s) => impl.elapsedMin(s, s + hours * H), minMs);
      opsPerSecond(op === 'add' ? (s) => us.add(s, hours) : (s) => us.elapsedMin(s, s + hours * H), 50); // warm-up
      const mine = measure(us, 300);
      const base = libs.map((lib) => ({ name: lib.name, ops: measure(lib, 300) }));
      const faster = base.reduce((a, b) => (b.ops > a.ops ? b : a));
      for (const b of base) rows.push({ bench: 'business-time', subject, metric: b.name, value: b.ops, unit: 'ops/s' });
      const ratio = mine / faster.ops;
      rows.push({
        bench: 'business-time',
        subject,
        metric: 'complaint-desk',
        value: mine,
        unit: 'ops/s',
        baseline: faster.name,
        ratio,
        target: '>= 10x faster lib',
        pass: ratio >= 10,
      });
    }
  }
  // a freshly compiled calendar per op (a policy reload); zone offsets stay cached per process
  const cold = opsPerSecond((s) => addBusinessTime(compileCalendar({ ...SPEC }), s, 10_000 * H), 300);
  rows.push({
    bench: 'business-time',
    subject: 'add 10,000 h, new calendar',
    metric: 'compile + blocks + add',
    value: cold,
    unit: 'ops/s',
  });
  rows.push({
    bench: 'business-time',
    subject: 'identical answers',
    metric: 'matched (libs vs ours)',
    value: matched,
    unit: `of ${total}`,
    target: 'all',
    pass: matched === total,
  });
  if (matched !== total) process.exitCode = 1;
  return rows;
}
