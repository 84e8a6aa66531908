/**
 * The dashboard's per-day charts count each ticket on its creation date in the reader's zone (the API's `?tz=`,
 * else the policy's agent zone), not on its UTC date; the window starts at the reader's midnight. Real SQLite file,
 * real migrations, facts written by the connector's own upsert.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kpisFromFacts, upsertFacts, windowStart } from '../../../connector/src/admin/ticket-facts';
import { openDatabase, type Db } from '../../../connector/src/store/open-database';
import { CATEGORY_IDS, SEVERITY_IDS } from '../../../policies/src/ids';

const DAY = 86_400_000;
let dir: string;
let db: Db;
const NOW = Date.parse('2026-11-30T12:00:00Z');

/** A stored fact created at `iso`, as the pipeline writes one. */
function fact(id: string, iso: string, category = 'quality') {
  upsertFacts(db).run({
    host: 'zendesk',
    id,
    subject: 'Kettle',
    createdAt: iso,
    day: Math.floor(Date.parse(iso) / DAY),
    category,
    severity: 'L2',
    open: 1,
    escalated: 0,
    firstResponse: null,
    resolution: null,
    reopened: 0,
    breached: 0,
    warnAt: null,
    dueAt: null,
    batch: null,
    csat: null,
    policyId: null,
  });
}

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
function perDay(zone: string, days = 7): Record<string, number> {
  const k = kpisFromFacts(db, {
    now: NOW,
    sinceMs: windowStart(NOW, days, zone),
    timeZone: zone,
    categories: CATEGORY_IDS,
    severities: SEVERITY_IDS,
    csatScale: { min: 1, max: 5 },
  });
  const quality = k.perCategory.series.find((s) => s.label === 'quality')!;
  return Object.fromEntries(
    k.perCategory.days.map((d, i) => [new Date(d * 1000).toISOString().slice(0, 10), quality.values[i]]).filter(([, v]) => v),
  );
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-dash-zone-'));
  db = openDatabase(`sqlite:${path.join(dir, 'cd.db')}`);
  fact('1', '2026-11-29T17:30:00.000Z'); // 30 Nov 01:30 in Shanghai, 29 Nov 12:30 in New York
  fact('2', '2026-11-29T10:00:00.000Z'); // 29 Nov in both
  fact('3', '2026-11-30T03:00:00.000Z'); // 30 Nov 11:00 in Shanghai, 29 Nov 22:00 in New York
  fact('4', '2026-11-23T15:59:00.000Z'); // 23 Nov 23:59 in Shanghai: before a 7-day Shanghai window (24–30 Nov)
});
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("days are the reader's calendar days", () => {
  expect(perDay('Asia/Shanghai')).toEqual({ '2026-11-29': 1, '2026-11-30': 2 });
  expect(perDay('America/New_York')).toEqual({ '2026-11-29': 3 });
  expect(perDay('UTC')).toEqual({ '2026-11-29': 2, '2026-11-30': 1 });
  // A wider window reaches the fourth ticket on each reader's own date of it.
  expect(perDay('Asia/Shanghai', 8)).toEqual({ '2026-11-23': 1, '2026-11-29': 1, '2026-11-30': 2 });
  expect(perDay('America/New_York', 8)).toEqual({ '2026-11-23': 1, '2026-11-29': 3 });
});

test("the window starts at the reader's midnight and today is the reader's today", () => {
  expect(windowStart(NOW, 7, 'Asia/Shanghai')).toBe(Date.parse('2026-11-23T16:00:00Z'));
  expect(windowStart(NOW, 7, 'America/New_York')).toBe(Date.parse('2026-11-24T05:00:00Z'));
  const k = kpisFromFacts(db, {
    now: NOW,
    sinceMs: windowStart(NOW, 7, 'Asia/Shanghai'),
    timeZone: 'Asia/Shanghai',
    categories: CATEGORY_IDS,
    severities: SEVERITY_IDS,
    csatScale: { min: 1, max: 5 },
  });
  expect(k.total).toBe(3);
  expect(k.perCategory.days[k.perCategory.days.length - 1]).toBe(dayOf('2026-11-30'));
});

test('a daylight-saving change inside the window moves the day boundary with it', () => {
  const now = Date.parse('2026-11-05T12:00:00Z'); // New York left DST on 1 Nov 2026 (06:00 UTC)
  fact('5', '2026-10-30T03:30:00.000Z'); // EDT (UTC-4): 29 Oct 23:30
  fact('6', '2026-11-03T04:30:00.000Z'); // EST (UTC-5): 2 Nov 23:30
  const k = kpisFromFacts(db, {
    now,
    sinceMs: windowStart(now, 10, 'America/New_York'),
    timeZone: 'America/New_York',
    categories: CATEGORY_IDS,
    severities: SEVERITY_IDS,
    csatScale: { min: 1, max: 5 },
  });
  const q = k.perCategory.series.find((s) => s.label === 'quality')!;
  const got = Object.fromEntries(
    k.perCategory.days.map((d, i) => [new Date(d * 1000).toISOString().slice(0, 10), q.values[i]]).filter(([, v]) => v),
  );
  // (The later tickets of the other tests are after this `now`; only the days around the change matter here.)
  expect(Object.fromEntries(Object.entries(got).filter(([d]) => d < '2026-11-10'))).toEqual({ '2026-10-29': 1, '2026-11-02': 1 });
});
