import type { TicketView } from '../../../../../../connector/src/api/ticket-view';
import { readerFormats } from '../../../../../../apps/sidebar/src/data/reader-formats';
import { formatAt, formatMoney } from '../../../../../../policies/src/engine/display-format';

const AT = '2026-11-22T10:30:00.000Z';
const base = { remedies: { currency: 'USD' } } as unknown as TicketView;
const display = {
  locale: 'en' as const,
  timeZone: 'Asia/Tokyo',
  times: { [Date.parse(AT)]: 'the connector wrote this' },
  money: { 80: 'eighty' },
};

test("a view with `display` for the agent's locale: its zone and its text, and the sidebar's own zone is never worked out", () => {
  const zone = jest.fn(() => 'Europe/London');
  const f = readerFormats({ ...base, display } as TicketView, 'en', zone);
  expect(f.timeZone).toBe('Asia/Tokyo');
  expect(f.at(AT)).toBe('the connector wrote this');
  expect(f.at(Date.parse(AT))).toBe('the connector wrote this');
  expect(f.money(80, 'USD')).toBe('eighty');
  expect(zone).not.toHaveBeenCalled();
  // What the view did not carry is formatted here, in the view's zone.
  expect(f.at('2026-11-23T00:00:00Z')).toBe(formatAt('2026-11-23T00:00:00Z', 'en', 'Asia/Tokyo'));
  expect(f.money(80, 'EUR')).toBe(formatMoney(80, 'EUR', 'en'));
  expect(f.money(5, 'USD')).toBe(formatMoney(5, 'USD', 'en'));
  expect(f.at(null)).toBe('');
});

test('without `display` (offline), or with one written for another locale, the sidebar formats in its own zone', () => {
  for (const view of [base, { ...base, display } as TicketView]) {
    const f = readerFormats(view, 'zh-CN', () => 'Europe/London');
    expect(f.timeZone).toBe('Europe/London');
    expect(f.at(AT)).toBe(formatAt(AT, 'zh-CN', 'Europe/London'));
    expect(f.money(80, 'USD')).toBe(formatMoney(80, 'USD', 'zh-CN'));
  }
});
