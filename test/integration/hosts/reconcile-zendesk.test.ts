/**
 * Reconciliation against the fake Zendesk over HTTP (cursor-based incremental ticket export): a ticket whose
 * ticket.created event was lost is fetched and processed once; the next run (from the stored cursor) adds nothing.
 */
import { runReconcile } from '../../../connector/src/reconcile/run-reconcile';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { startFakeZendesk, type FakeZendesk } from './fake-zendesk-server';
import { fakeHostPerTest, pipelineOverHttp, ZENDESK_AUTH } from './over-http-kit';

const dir = tempDir();
let host: FakeZendesk;
fakeHostPerTest(
  () => startFakeZendesk(ZENDESK_AUTH),
  (h) => (host = h),
);
afterAll(() => dir.cleanup());

it('a lost ticket.created is recovered from the incremental export once; the next run from the stored cursor adds nothing', async () => {
  const { db, hosts, pipeline } = pipelineOverHttp('zendesk', host.url, dir.file('zd-reconcile.db'), Date.now());
  const at = new Date(Date.now() - 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  host.tickets.set(8801, {
    id: 8801,
    subject: 'Charger sparks',
    description: 'The charger sparks and smokes when plugged in.',
    status: 'new',
    priority: null,
    tags: [],
    group_id: null,
    custom_fields: [],
    requester_id: 70,
    updated_at: at,
    via: { channel: 'web' },
    created_at: at,
  });
  host.comments.set(8801, [{ id: 1, author_id: 70, body: 'The charger sparks and smokes when plugged in.', public: true, created_at: at }]);
  const first = await runReconcile({ db, hosts, now: () => Date.now(), lookbackMs: 10 * 60_000 });
  await pipeline.idle();
  expect(first).toEqual([expect.objectContaining({ host: 'zendesk', listed: 1, bootstrapped: 1 })]);
  const classified = () =>
    (
      db.prepare(`SELECT COUNT(*) AS n FROM decisions WHERE host = 'zendesk' AND ticket_id = '8801' AND kind = 'classified'`).get() as {
        n: number;
      }
    ).n;
  expect(classified()).toBe(1);
  expect(host.log.some((l) => l.path === '/api/v2/incremental/tickets/cursor.json' && l.status === 200)).toBe(true);
  const stored = db.prepare(`SELECT cursor FROM reconcile_cursors WHERE host = 'zendesk'`).get() as { cursor: string };
  expect(stored.cursor).not.toBe('');
  const inboxBefore = (db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n;
  const second = await runReconcile({ db, hosts, now: () => Date.now(), lookbackMs: 10 * 60_000 });
  await pipeline.idle();
  expect(second).toEqual([expect.objectContaining({ bootstrapped: 0, refreshed: 0, statusEvents: 0 })]);
  expect((db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n).toBe(inboxBefore);
  expect(classified()).toBe(1);
  await pipeline.stop();
  db.close();
});
