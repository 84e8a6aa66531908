/**
 * Reconciliation against the fake Zendesk over HTTP (cursor-based incremental ticket export): a ticket whose
 * ticket.created event was lost is fetched and processed once; the next run (from the stored cursor) adds nothing.
 */
import nock from 'nock';
import { adjustableClock } from '../../../connector/src/clock';
import { createZendeskClient } from '../../../connector/src/hosts/zendesk/create-zendesk-client';
import { createPipeline } from '../../../connector/src/pipeline/create-pipeline';
import { runReconcile } from '../../../connector/src/reconcile/run-reconcile';
import { openDatabase } from '../../../connector/src/store/open-database';
import { fixedPolicyStore, loadPolicy } from '../../fixtures/connector-core/policy';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { startFakeZendesk, type FakeZendesk } from './fake-zendesk-server';

const AUTH = `Basic ${Buffer.from('bot@acme.example/token:tok').toString('base64')}`;
const dir = tempDir();
let host: FakeZendesk;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.enableNetConnect();
  dir.cleanup();
});
beforeEach(async () => {
  host = await startFakeZendesk(AUTH);
});
afterEach(async () => {
  await host.close();
});

it('a lost ticket.created is recovered from the incremental export once; the next run from the stored cursor adds nothing', async () => {
  const policy = loadPolicy();
  const db = openDatabase(`sqlite:${dir.file('zd-reconcile.db')}`);
  const clock = adjustableClock();
  clock.set(Date.now());
  const client = createZendeskClient({
    subdomain: 'acme',
    email: 'bot@acme.example',
    apiToken: 'tok',
    baseUrl: host.url,
    getPolicy: () => policy,
    queue: { intervalCap: 1000, interval: 1000 },
    retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
    sleep: async () => undefined,
  });
  const hosts = { zendesk: client };
  const pipeline = createPipeline({ db, hosts, policyStore: fixedPolicyStore(policy), clock, retryBaseMs: 60_000, maxOutboxAttempts: 3 });
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
