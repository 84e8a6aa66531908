/** Zendesk reconciliation listing: the cursor-based incremental ticket export, payloads as developer.zendesk.com documents them. */
import nock from 'nock';
import { createZendeskClient } from '../../../../../../connector/src/hosts/zendesk/create-zendesk-client';
import { loadPolicy } from '../../../../../support/test-policy';

const ZD = 'https://acme.zendesk.com';
const NOW = Date.parse('2026-11-22T10:00:00Z');
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

it('starts at start_time (at least a minute back), then follows after_cursor; deleted tickets are skipped', async () => {
  const zd = createZendeskClient({
    subdomain: 'acme',
    email: 'bot@acme.example',
    apiToken: 't',
    getPolicy: () => loadPolicy(),
    now: () => NOW,
    queue: { intervalCap: 100, interval: 1000 },
    retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  nock(ZD)
    .get('/api/v2/incremental/tickets/cursor.json')
    .query({ per_page: '100', start_time: String(NOW / 1000 - 600) })
    .reply(200, {
      tickets: [
        { url: `${ZD}/api/v2/tickets/35436.json`, id: 35436, status: 'hold', updated_at: '2026-11-22T09:55:00Z', subject: 'Help' },
        { url: `${ZD}/api/v2/tickets/35437.json`, id: 35437, status: 'deleted', updated_at: '2026-11-22T09:56:00Z' },
      ],
      after_url: `${ZD}/api/v2/incremental/tickets/cursor.json?cursor=MTU3NjYxMzUzOS4wfHw0NTF8`,
      after_cursor: 'MTU3NjYxMzUzOS4wfHw0NTF8',
      before_url: null,
      before_cursor: null,
      end_of_stream: false,
    });
  const first = await zd.listChanged!(null, new Date(NOW - 600_000).toISOString());
  expect(first).toEqual({
    tickets: [{ id: '35436', updatedAt: '2026-11-22T09:55:00Z', status: 'on_hold' }],
    cursor: 'MTU3NjYxMzUzOS4wfHw0NTF8',
    done: false,
  });
  nock(ZD)
    .get('/api/v2/incremental/tickets/cursor.json')
    .query({ per_page: '100', cursor: 'MTU3NjYxMzUzOS4wfHw0NTF8' })
    .reply(200, { tickets: [], after_cursor: 'MTU3NjYxMzUzOS4wfHw0NTJ8', end_of_stream: true });
  expect(await zd.listChanged!(first.cursor, '')).toEqual({ tickets: [], cursor: 'MTU3NjYxMzUzOS4wfHw0NTJ8', done: true });
  // A start_time less than a minute back is moved a minute back (Zendesk refuses it otherwise).
  nock(ZD)
    .get('/api/v2/incremental/tickets/cursor.json')
    .query({ per_page: '100', start_time: String(NOW / 1000 - 61) })
    .reply(200, { tickets: [], after_cursor: 'x', end_of_stream: true });
  expect((await zd.listChanged!(null, new Date(NOW).toISOString())).done).toBe(true);
});
