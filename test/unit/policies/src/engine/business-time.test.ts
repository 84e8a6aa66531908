import { addBusinessTime, compileCalendar, elapsedBusinessTime } from '../../../../../policies/src/engine/business-time';
import { BLOCK_MS } from '../../../../../policies/src/engine/calendar-blocks';
import type { CalendarSpec } from '../../../../../policies/src/schema/calendar';
import { calendar as calendarSchema } from '../../../../../policies/src/schema/calendar';

const H = 3_600_000;
const M = 60_000;
const none: CalendarSpec['week'] = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const spec = (timeZone: string, week: Partial<CalendarSpec['week']>, holidays: string[] = []): CalendarSpec =>
  calendarSchema.parse({ timeZone, mode: 'business', week: { ...none, ...week }, holidays });
const office = (tz: string, holidays: string[] = []) =>
  spec(
    tz,
    {
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
    },
    holidays,
  );
const at = (s: string) => Date.parse(s);
const iso = (t: number) => new Date(t).toISOString();

describe('business time: basics', () => {
  const cal = compileCalendar(office('Asia/Shanghai', ['2026-10-01', '2026-10-02']));

  test('adds inside a day, across the lunch break, and over a night', () => {
    // Mon 2026-11-23 09:30 Shanghai = 01:30Z
    expect(iso(addBusinessTime(cal, at('2026-11-23T01:30:00Z'), 3 * H))).toBe('2026-11-23T05:30:00.000Z'); // 13:30 local
    expect(iso(addBusinessTime(cal, at('2026-11-23T01:30:00Z'), 9 * H))).toBe('2026-11-24T02:30:00.000Z'); // Tue 10:30
  });

  test('a deadline that uses the last minute of a day lands on the closing time', () => {
    expect(iso(addBusinessTime(cal, at('2026-11-23T01:00:00Z'), 8 * H))).toBe('2026-11-23T10:00:00.000Z'); // 18:00 local
  });

  test('starting in closed time counts from the next opening', () => {
    // Sat 2026-11-21 12:00 local → Mon 09:00 + 1 h
    expect(iso(addBusinessTime(cal, at('2026-11-21T04:00:00Z'), H))).toBe('2026-11-23T02:00:00.000Z');
  });

  test('adding 0 returns the instant itself, open or closed', () => {
    const closed = at('2026-11-21T04:00:00Z');
    expect(addBusinessTime(cal, closed, 0)).toBe(closed);
    expect(addBusinessTime(cal, at('2026-11-23T01:30:00Z'), 0)).toBe(at('2026-11-23T01:30:00Z'));
  });

  test('holidays are skipped', () => {
    // Wed 2026-09-30 17:00 local + 2 h → Thu/Fri are holidays → Mon 2026-10-05 10:00 local
    expect(iso(addBusinessTime(cal, at('2026-09-30T09:00:00Z'), 2 * H))).toBe('2026-10-05T02:00:00.000Z');
    expect(elapsedBusinessTime(cal, at('2026-09-30T00:00:00Z'), at('2026-10-06T00:00:00Z'))).toBe(16 * H);
  });

  test('elapsed is antisymmetric: from > to gives the negative, equal gives 0 (never -0)', () => {
    const a = at('2026-11-23T01:30:00Z');
    const b = at('2026-11-27T07:10:00Z');
    const forward = elapsedBusinessTime(cal, a, b);
    expect(forward).toBe(8 * H - 30 * M + 3 * 8 * H + 8 * H - 2 * H - 50 * M);
    expect(elapsedBusinessTime(cal, b, a)).toBe(-forward);
    expect(Object.is(elapsedBusinessTime(cal, a, a), 0)).toBe(true);
    expect(Object.is(elapsedBusinessTime(cal, at('2026-11-21T04:00:00Z'), at('2026-11-21T02:00:00Z')), 0)).toBe(true);
  });

  test('elapsed of the result of add is the duration, also off the minute grid', () => {
    const start = at('2026-11-23T01:30:00Z') + 12_345;
    for (const d of [1, 999, 7 * M + 3, 44 * H + 17, 1000 * H]) {
      expect(elapsedBusinessTime(cal, start, addBusinessTime(cal, start, d))).toBe(d);
    }
  });

  test('a spec object compiles once (its blocks are shared by every caller)', () => {
    const s = office('Asia/Shanghai');
    expect(compileCalendar(s)).toBe(compileCalendar(s));
    expect(compileCalendar({ ...s })).not.toBe(compileCalendar(s));
  });

  test('calendar mode is plain arithmetic', () => {
    const always = compileCalendar({ ...office('Asia/Shanghai'), mode: 'calendar' });
    expect(addBusinessTime(always, 1_800_000_000_000, 5 * H)).toBe(1_800_000_000_000 + 5 * H);
    expect(elapsedBusinessTime(always, 1_800_000_000_000, 1_800_000_000_000 - H)).toBe(-H);
  });

  test('bad inputs are RangeErrors that say what and where', () => {
    expect(() => addBusinessTime(cal, 0 + Date.UTC(2026, 0, 1), -1)).toThrow(/durationMs must be a finite number >= 0/);
    expect(() => addBusinessTime(cal, Number.NaN, 1)).toThrow(/startMs must be epoch milliseconds/);
    expect(() => elapsedBusinessTime(cal, 0, Number.POSITIVE_INFINITY)).toThrow(/toMs must be epoch milliseconds/);
    expect(() => compileCalendar({ ...office('UTC'), week: none })).toThrow(/at least one open interval/);
  });
});

describe('business time: daylight saving (the documented rule)', () => {
  test('New York: a wall interval in the spring-forward gap is shortened, the fall-back hour counts twice', () => {
    const cal = compileCalendar(spec('America/New_York', { sun: [['01:00', '04:00']] }));
    expect(elapsedBusinessTime(cal, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(2 * H);
    expect(elapsedBusinessTime(cal, at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toBe(4 * H);
    expect(elapsedBusinessTime(cal, at('2026-11-08T00:00:00Z'), at('2026-11-09T00:00:00Z'))).toBe(3 * H);
    // Spring: 01:00 EST = 06:00Z; 1.5 h later is 03:30 EDT = 07:30Z
    expect(iso(addBusinessTime(cal, at('2026-03-08T06:00:00Z'), 1.5 * H))).toBe('2026-03-08T07:30:00.000Z');
    // Fall: 01:00 EDT = 05:00Z; 2.5 h of real time later is 02:30 EST = 07:30Z
    expect(iso(addBusinessTime(cal, at('2026-11-01T05:00:00Z'), 2.5 * H))).toBe('2026-11-01T07:30:00.000Z');
  });

  test('New York: an interval wholly inside the gap vanishes; one inside the repeated hour happens twice', () => {
    const cal = compileCalendar(spec('America/New_York', { sun: [['02:15', '02:45']], sat: [['10:00', '11:00']] }));
    expect(elapsedBusinessTime(cal, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(0);
    const fall = compileCalendar(spec('America/New_York', { sun: [['01:15', '01:45']], sat: [['10:00', '11:00']] }));
    expect(elapsedBusinessTime(fall, at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toBe(H);
    // the first pass ends 01:45 EDT (05:45Z); the next business minute is 01:15 EST (06:15Z)
    expect(iso(addBusinessTime(fall, at('2026-11-01T05:15:00Z'), 31 * M))).toBe('2026-11-01T06:16:00.000Z');
  });

  test('London: office hours keep their length across both changes; the night hours do not', () => {
    const cal = compileCalendar(spec('Europe/London', { sun: [['00:00', '24:00']] }));
    expect(elapsedBusinessTime(cal, at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00Z'))).toBe(23 * H);
    expect(elapsedBusinessTime(cal, at('2026-10-24T12:00:00Z'), at('2026-10-26T12:00:00Z'))).toBe(25 * H);
    const day = compileCalendar(office('Europe/London'));
    expect(elapsedBusinessTime(day, at('2026-03-23T00:00:00Z'), at('2026-04-06T00:00:00Z'))).toBe(80 * H);
    expect(iso(addBusinessTime(day, at('2026-03-27T16:00:00Z'), 3 * H))).toBe('2026-03-30T09:00:00.000Z'); // Mon 10:00 BST
  });
});

describe('business time: long spans and block boundaries', () => {
  const cal = compileCalendar(office('UTC'));

  test('whole weeks over ten years are 40 h each (whole-block skips)', () => {
    const monday = at('2024-01-01T00:00:00Z');
    for (const weeks of [1, 7, 52, 520]) {
      expect(elapsedBusinessTime(cal, monday, monday + weeks * 7 * 24 * H)).toBe(weeks * 40 * H);
      expect(addBusinessTime(cal, monday, weeks * 40 * H)).toBe(monday + (weeks - 1) * 7 * 24 * H + 4 * 24 * H + 18 * H);
    }
  });

  test('elapsed is additive across a block boundary and across many blocks', () => {
    const edge = Math.ceil(at('2026-06-01T00:00:00Z') / BLOCK_MS) * BLOCK_MS;
    const ny = compileCalendar(office('America/New_York', ['2026-12-25']));
    for (const c of [cal, ny]) {
      for (const [a, b] of [
        [edge - 3 * 24 * H, edge + 5 * 24 * H],
        [edge - 800 * 24 * H, edge + 900 * 24 * H],
      ]) {
        const mid = edge;
        expect(elapsedBusinessTime(c, a, mid) + elapsedBusinessTime(c, mid, b)).toBe(elapsedBusinessTime(c, a, b));
        const d = elapsedBusinessTime(c, a, b);
        expect(elapsedBusinessTime(c, a, addBusinessTime(c, a, d))).toBe(d);
        expect(addBusinessTime(c, a, d)).toBeLessThanOrEqual(b);
      }
    }
  });

  test('an interval running through midnight UTC of a block boundary is not split in the answer', () => {
    const allDay = compileCalendar(
      spec('UTC', {
        mon: [['00:00', '24:00']],
        tue: [['00:00', '24:00']],
        wed: [['00:00', '24:00']],
        thu: [['00:00', '24:00']],
        fri: [['00:00', '24:00']],
        sat: [['00:00', '24:00']],
        sun: [['00:00', '24:00']],
      }),
    );
    const edge = Math.ceil(at('2026-06-01T00:00:00Z') / BLOCK_MS) * BLOCK_MS;
    expect(addBusinessTime(allDay, edge - H, 2 * H)).toBe(edge + H);
    expect(addBusinessTime(allDay, edge - H, H)).toBe(edge);
    expect(elapsedBusinessTime(allDay, edge - 100 * 24 * H, edge + 100 * 24 * H)).toBe(200 * 24 * H);
  });
});
