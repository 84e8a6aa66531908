/**
 * A captured trigger-format Zendesk delivery resent within the signature's 5-minute window with fresh
 * `X-Zendesk-Webhook-Invocation-Id`s (not covered by the signature) is a duplicate: deduplication is on what
 * the signature covers (timestamp + raw body), so it is stored once. A new signed delivery is still accepted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { ROOT, signedHeaders, zendeskEnv } from './fault-kit';

let dir: string;
let c: RunningConnector;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cd-replay-'));
  c = await startConnector({
    env: zendeskEnv(join(dir, 'cd.db'), 'http://127.0.0.1:9'),
    port: 0,
    hostname: '127.0.0.1',
    logger: createLogger({ level: 'silent' }),
    startPipeline: false,
  });
});
afterAll(async () => {
  await c.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('trigger-format replay', () => {
  it('stores a captured delivery once however many new invocation ids it is resent with', async () => {
    const body = readFileSync(join(ROOT, 'test/fixtures/zendesk/webhook-trigger-rendered.json'), 'utf8');
    const captured = signedHeaders(body);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${c.url}/webhooks/zendesk`, {
        method: 'POST',
        body,
        headers: { ...captured, 'x-zendesk-webhook-invocation-id': `inv-replay-${i}` },
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 200, 200, 200, 200]);
    expect((c.db.prepare(`SELECT COUNT(*) AS n FROM inbox`).get() as { n: number }).n).toBe(1);

    // a genuine new delivery (signed at another time) is not a duplicate
    const later = signedHeaders(body, new Date(Date.now() + 1000));
    const res = await fetch(`${c.url}/webhooks/zendesk`, {
      method: 'POST',
      body,
      headers: { ...later, 'x-zendesk-webhook-invocation-id': 'inv-new' },
    });
    expect(res.status).toBe(202);
  });
});
