/**
 * The dashboard's per-day charts on both backends: the same facts (written through the Store) and the same reader's
 * zone give the same days on a SQLite file and on a real PostgreSQL server, through each backend's AdminData (the
 * port the admin router reads). Shanghai (east of UTC), New York (west), UTC, and a daylight-saving change inside
 * the window.
 */
import { sqliteAdminData, type AdminData } from '../../../connector/src/admin/admin-data';
import { pgAdminData } from '../../../connector/src/admin/pg-admin-data';
import { windowStart } from '../../../connector/src/admin/ticket-facts';
import type { Kpis } from '../../../connector/src/admin/compute-kpis';
import type { Db } from '../../../connector/src/store/open-database';
import type { PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import type { TicketFactRow } from '../../../connector/src/store/store';
import { CATEGORY_IDS, SEVERITY_IDS } from '../../../policies/src/ids';
import { backendPerTest, describeOnBothBackends, type Backend } from '../store/store-kit';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T12:00:00Z');

const fact = (ticketId: string, createdAt: string, over: Partial<TicketFactRow> = {}): TicketFactRow => ({
  host: 'zendesk',
  ticketId,
  subject: 'Kettle',
  createdAt,
  createdDay: Math.floor(Date.parse(createdAt) / DAY),
  category: 'quality',
  severity: 'L2',
  isOpen: true,
  escalated: false,
  firstResponseMs: null,
  resolutionMs: null,
  reopened: false,
  breached: false,
  warnAt: null,
  dueAt: null,
  batch: null,
  csat: null,
  ...over,
});

const adminOf = (b: Backend): AdminData =>
  b.store.kind === 'postgres' ? pgAdminData(b.store as PostgresStore, null) : sqliteAdminData((b as Backend & { db: Db }).db, null);

/** The non-zero counts of one category, by the chart's day (as a date), up to `until` (later tickets of the same test are left out). */
function perDay(k: Kpis, until = '9999'): Record<string, number> {
  const s = k.perCategory.series.find((x) => x.label === 'quality')!;
  return Object.fromEntries(
    k.perCategory.days
      .map((d, i) => [new Date(d * 1000).toISOString().slice(0, 10), s.values[i]] as const)
      .filter(([d, v]) => v && d <= until),
  );
}

function contract(make: () => Promise<Backend>): void {
  let b: Backend;
  let admin: AdminData;
  const kpis = (zone: string, days = 7, now = NOW) =>
    admin.kpis({
      now,
      sinceMs: windowStart(now, days, zone),
      timeZone: zone,
      categories: CATEGORY_IDS,
      severities: SEVERITY_IDS,
      csatScale: { min: 1, max: 5 },
    });
  backendPerTest(make, (x) => {
    b = x;
    admin = adminOf(x);
  });

  it("counts each ticket on the reader's calendar day; the window starts at the reader's midnight", async () => {
    await b.store.facts.upsert(fact('1', '2026-11-29T17:30:00.000Z')); // 30 Nov 01:30 in Shanghai, 29 Nov 12:30 in New York
    await b.store.facts.upsert(fact('2', '2026-11-29T10:00:00.000Z', { severity: 'L1' })); // 29 Nov in both
    await b.store.facts.upsert(fact('3', '2026-11-30T03:00:00.000Z', { escalated: true })); // 30 Nov 11:00 in Shanghai, 29 Nov 22:00 in New York
    await b.store.facts.upsert(fact('4', '2026-11-23T15:59:00.000Z')); // 23 Nov 23:59 in Shanghai: before a 7-day Shanghai window (24–30 Nov)
    const shanghai = await kpis('Asia/Shanghai');
    expect(perDay(shanghai)).toEqual({ '2026-11-29': 1, '2026-11-30': 2 });
    expect(shanghai.total).toBe(3);
    expect(shanghai.escalationRatePercent).toBe(33.3);
    // Today is the reader's today: the last day of the chart is 30 Nov in Shanghai.
    expect(shanghai.perCategory.days.at(-1)).toBe(Date.parse('2026-11-30T00:00:00Z') / 1000);
    const bySeverity = Object.fromEntries(shanghai.perSeverity.series.map((s) => [s.label, s.values.reduce((a, v) => a + v, 0)]));
    expect(bySeverity).toMatchObject({ L1: 1, L2: 2 });
    expect(perDay(await kpis('America/New_York'))).toEqual({ '2026-11-29': 3 });
    expect(perDay(await kpis('UTC'))).toEqual({ '2026-11-29': 2, '2026-11-30': 1 });
    // A wider window reaches the fourth ticket on each reader's own date of it.
    expect(perDay(await kpis('Asia/Shanghai', 8))).toEqual({ '2026-11-23': 1, '2026-11-29': 1, '2026-11-30': 2 });
    expect(perDay(await kpis('America/New_York', 8))).toEqual({ '2026-11-23': 1, '2026-11-29': 3 });
    // In New York at 03:00 UTC on 30 Nov it is still 29 Nov: that is the chart's last day.
    const early = await kpis('America/New_York', 7, Date.parse('2026-11-30T03:00:00Z'));
    expect(early.perCategory.days.at(-1)).toBe(Date.parse('2026-11-29T00:00:00Z') / 1000);
  });

  it('a daylight-saving change inside the window moves the day boundary with it', async () => {
    const now = Date.parse('2026-11-05T12:00:00Z'); // New York left DST on 1 Nov 2026 (06:00 UTC)
    await b.store.facts.upsert(fact('5', '2026-10-30T03:30:00.000Z')); // EDT (UTC-4): 29 Oct 23:30
    await b.store.facts.upsert(fact('6', '2026-11-03T04:30:00.000Z')); // EST (UTC-5): 2 Nov 23:30
    await b.store.facts.upsert(fact('7', '2026-11-03T05:30:00.000Z')); // EST: 3 Nov 00:30
    expect(perDay(await kpis('America/New_York', 10, now))).toEqual({ '2026-10-29': 1, '2026-11-02': 1, '2026-11-03': 1 });
    expect(perDay(await kpis('UTC', 10, now))).toEqual({ '2026-10-30': 1, '2026-11-03': 2 });
  });

  it('the hours between local midnight and the change itself stay on their own date', async () => {
    // New York: EDT ends 1 Nov 2026 at 06:00 UTC, EST ends 8 Mar 2026 at 07:00 UTC; both UTC days start on the previous local date.
    await b.store.facts.upsert(fact('8', '2026-11-01T04:30:00.000Z')); // EDT: 1 Nov 00:30 (01:00 UTC would be 31 Oct 21:00)
    await b.store.facts.upsert(fact('9', '2026-11-01T05:30:00.000Z')); // EDT: 1 Nov 01:30
    await b.store.facts.upsert(fact('10', '2026-11-01T03:30:00.000Z')); // EDT: 31 Oct 23:30
    await b.store.facts.upsert(fact('11', '2026-03-08T04:30:00.000Z')); // EST: 7 Mar 23:30
    await b.store.facts.upsert(fact('12', '2026-03-08T05:30:00.000Z')); // EST: 8 Mar 00:30
    expect(perDay(await kpis('America/New_York', 7, Date.parse('2026-11-03T12:00:00Z')), '2026-11-03')).toEqual({
      '2026-10-31': 1,
      '2026-11-01': 2,
    });
    expect(perDay(await kpis('America/New_York', 7, Date.parse('2026-03-10T12:00:00Z')), '2026-03-10')).toEqual({
      '2026-03-07': 1,
      '2026-03-08': 1,
    });
    // Europe/London's autumn change (02:00 BST → 01:00 GMT, 25 Oct 2026): the UTC day starts an hour into the local one.
    await b.store.facts.upsert(fact('13', '2026-10-24T23:30:00.000Z')); // BST: 25 Oct 00:30
    await b.store.facts.upsert(fact('14', '2026-10-24T22:30:00.000Z')); // BST: 24 Oct 23:30
    expect(perDay(await kpis('Europe/London', 7, Date.parse('2026-10-27T12:00:00Z')), '2026-10-27')).toEqual({
      '2026-10-24': 1,
      '2026-10-25': 1,
    });
  });
}

describeOnBothBackends("dashboard days in the reader's zone", contract);
