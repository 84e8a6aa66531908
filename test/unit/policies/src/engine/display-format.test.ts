import { canonicalZone, displayFor, formatAt, formatMoney } from '../../../../../policies/src/engine/display-format';

const AT = '2026-11-22T10:30:00.000Z';

test('formatAt: the wall clock of the zone with its name; bad times are empty, a bad zone is UTC', () => {
  expect(formatAt(AT, 'en', 'Asia/Shanghai')).toMatch(/18:30/);
  expect(formatAt(AT, 'en', 'America/New_York')).toMatch(/05:30/);
  expect(formatAt(Date.parse(AT), 'en', 'UTC')).toMatch(/10:30/);
  expect(formatAt('not a time', 'en', 'UTC')).toBe('');
  expect(formatAt(null, 'en', 'UTC')).toBe('');
  expect(formatAt(AT, 'en', 'Mars/Olympus')).toBe(formatAt(AT, 'en', 'UTC'));
});

test('formatAt: the hour after midnight is 00, never 24, in every locale', () => {
  // 16:50 UTC is 00:50 the next day in Taipei; `hour12: false` made ICU write "24:50" (en, zh-TW)
  const late = '2026-12-04T16:50:00.000Z';
  for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
    expect(formatAt(late, locale, 'Asia/Taipei')).toMatch(/\b00:50\b/);
    expect(formatAt(late, locale, 'Asia/Taipei')).not.toMatch(/24:50/);
  }
  expect(formatAt('2026-12-04T16:00:00.000Z', 'en', 'UTC')).toMatch(/\b16:00\b/);
});

test('formatMoney: the currency as Intl writes it; an unknown currency code falls back to the number and the code', () => {
  expect(formatMoney(50, 'USD', 'en')).toBe('$50.00');
  expect(formatMoney(12.5, 'CNY', 'zh-CN')).toBe('¥12.50');
  expect(formatMoney(7, 'not a currency', 'en')).toBe('7 not a currency');
});

test('canonicalZone: canonical IANA names; empty, unknown, over-long or non-string names are null', () => {
  expect(canonicalZone(' Asia/Taipei ')).toBe('Asia/Taipei');
  expect(canonicalZone('utc')).toBe('UTC');
  for (const bad of ['', 'Mars/Olympus', 'A'.repeat(65), 42, null, undefined]) expect(canonicalZone(bad)).toBeNull();
});

test('displayFor: every ISO time anywhere in the view, keyed by epoch ms, and every remedy cap in the view currency', () => {
  const view = {
    now: AT,
    ticket: { createdAt: '2026-11-21T23:59:00Z', subject: '2026-11-21T23:59:00Z is in the subject' },
    sla: { clocks: { resolve: { dueAt: '2026-11-23T10:30:00+08:00', stoppedAt: null } } },
    evidence: { items: [{ at: '2026-11-20T01:02:03.456Z', description: 'not a time' }] },
    remedies: {
      currency: 'USD',
      options: [
        { effectiveCap: 80, capAmount: 100 },
        { effectiveCap: null, capAmount: null },
      ],
    },
  };
  const d = displayFor(view, 'en', 'Asia/Shanghai');
  expect(d.locale).toBe('en');
  expect(d.timeZone).toBe('Asia/Shanghai');
  const expected = [AT, '2026-11-21T23:59:00Z', '2026-11-23T10:30:00+08:00', '2026-11-20T01:02:03.456Z'].map((t) => Date.parse(t));
  expect(Object.keys(d.times).map(Number).sort()).toEqual([...expected].sort());
  for (const ms of expected) expect(d.times[ms]).toBe(formatAt(ms, 'en', 'Asia/Shanghai'));
  expect(d.money).toEqual({ 80: '$80.00', 100: '$100.00' });
  expect(displayFor({ remedies: null }, 'en', 'UTC')).toEqual({ locale: 'en', timeZone: 'UTC', times: {}, money: {} });
});
