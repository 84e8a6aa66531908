/**
 * The inbox worker with several tickets at once (PROCESS_CONCURRENCY): each ticket's events still run in inbox
 * order, one at a time; with one at a time the rows run in inbox order across tickets, as before.
 */
import { adjustableClock } from '../../../../../connector/src/clock';
import { createPipeline } from '../../../../../connector/src/pipeline/create-pipeline';
import { openDatabase } from '../../../../../connector/src/store/open-database';
import { createSqliteStore } from '../../../../../connector/src/store/sqlite-store';
import type { Store } from '../../../../../connector/src/store/store';
import { created, inboxEvent } from '../../../../fixtures/connector-core/events';
import { fixedPolicyStore, loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';
import { recordingHost } from '../../../../fixtures/connector-core/recording-host';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

const t = tempDir();
afterAll(() => t.cleanup());
const policy = loadPolicy();
const IDS = Array.from({ length: 8 }, (_, i) => String(300 + i));

async function runWith(name: string, processConcurrency: number) {
  const db = openDatabase(t.file(name));
  const real = createSqliteStore(db);
  // Counts transactions asked for at once (SQLite then runs them one after another).
  let open = 0;
  let most = 0;
  const store: Store = {
    ...real,
    async transaction(fn) {
      most = Math.max(most, ++open);
      try {
        return await real.transaction(fn);
      } finally {
        open--;
      }
    },
  };
  const clock = adjustableClock();
  clock.set(T0);
  const pipeline = createPipeline({
    db,
    store,
    hosts: { zendesk: recordingHost() },
    policyStore: fixedPolicyStore(policy),
    clock,
    processConcurrency,
  });
  // Interleaved: every ticket's created, then every ticket's status changes.
  for (const id of IDS) pipeline.ingest(created(ticket({ id })));
  for (const status of ['open', 'pending'] as const)
    for (const id of IDS) pipeline.ingest(inboxEvent(id, { kind: 'status.changed', status }, new Date(T0).toISOString()));
  await pipeline.idle({ timeoutMs: 30_000 });
  await pipeline.stop(1000);
  const inbox = db.prepare(`SELECT id, ticket_id, state, processed_at FROM inbox ORDER BY id`).all() as {
    id: number;
    ticket_id: string;
    state: string;
  }[];
  // The order events were processed in: the order of their first decision.
  const processed = db.prepare(`SELECT inbox_id, ticket_id FROM decisions GROUP BY inbox_id ORDER BY MIN(id)`).all() as {
    inbox_id: number;
    ticket_id: string;
  }[];
  db.close();
  return { inbox, processed, most };
}

describe('inbox worker concurrency', () => {
  it('several tickets at once: every event done, each ticket in inbox order', async () => {
    const r = await runWith('c4.db', 4);
    expect(r.inbox.every((row) => row.state === 'done')).toBe(true);
    expect(r.most).toBeGreaterThan(1);
    for (const id of IDS) {
      const mine = r.processed.filter((p) => p.ticket_id === id).map((p) => p.inbox_id);
      expect(mine).toEqual(r.inbox.filter((row) => row.ticket_id === id).map((row) => row.id));
    }
  });

  it('one at a time: rows in inbox order across tickets', async () => {
    const r = await runWith('c1.db', 1);
    expect(r.most).toBe(1);
    expect(r.processed.map((p) => p.inbox_id)).toEqual(r.inbox.map((row) => row.id));
  });
});
