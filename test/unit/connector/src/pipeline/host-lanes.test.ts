/**
 * Host lanes and a stale claim. A process may claim its own claimed rows again (so a row it skipped is not held
 * for a whole claim), so a claim read while one of its calls is in flight lists that row; if the call finishes
 * before the lane looks at the result, the row must not be sent again. (two-pipelines-pg once saw 31 writes for
 * 30 rows: one row sent a second time, as a retry, by the process that had just sent it.)
 */
import { adjustableClock } from '../../../../../connector/src/clock';
import type { HostClient, TicketChange } from '../../../../../connector/src/hosts/host-client';
import { createPipeline } from '../../../../../connector/src/pipeline/create-pipeline';
import { openDatabase } from '../../../../../connector/src/store/open-database';
import { createSqliteStore } from '../../../../../connector/src/store/sqlite-store';
import type { Store } from '../../../../../connector/src/store/store';
import { created } from '../../../../fixtures/connector-core/events';
import { fixedPolicyStore, loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';
import { recordingHost } from '../../../../fixtures/connector-core/recording-host';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

const t = tempDir();
afterAll(() => t.cleanup());
const policy = loadPolicy();

async function waitFor(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 15_000;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('host lanes', () => {
  it('a row whose call finished while a claim was being read is not sent again', async () => {
    const db = openDatabase(t.file('stale.db'));
    const real = createSqliteStore(db);
    const rec = recordingHost();
    // Ticket 101's first call waits for `release`: it is in flight while the next pump round reads its claim.
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let gated = false;
    const host: HostClient = {
      ...rec,
      async applyChange(id: string, change: TicketChange, options) {
        await rec.applyChange(id, change, options);
        if (id === '101' && !gated) {
          gated = true;
          await gate;
        }
      },
    };
    const rowState = (id: string) =>
      (db.prepare(`SELECT state FROM outbox WHERE ticket_id = ? ORDER BY id LIMIT 1`).get(id) as { state: string } | undefined)?.state;
    let staleServed = false;
    // The store as it is, except that the claim read during 101's call returns only after that call has finished
    // and its row is done: the result the lane gets is older than what it knows.
    const store: Store = {
      ...real,
      outbox: {
        ...real.outbox,
        async claimHeads(...args) {
          const rows = await real.outbox.claimHeads(...args);
          if (gated && !staleServed && rows.some((r) => r.ticketId === '101')) {
            staleServed = true;
            release();
            await waitFor(() => rowState('101') === 'done', "ticket 101's row done");
            await new Promise((r) => setImmediate(r));
          }
          return rows;
        },
      },
    };
    const clock = adjustableClock();
    clock.set(T0);
    const pipeline = createPipeline({ db, store, hosts: { zendesk: host }, policyStore: fixedPolicyStore(policy), clock });
    pipeline.ingest(created(ticket({ id: '101' })));
    pipeline.start();
    await waitFor(() => rec.calls.length === 1, "ticket 101's call in flight");
    // Another event: its batch pumps the lanes while 101's call is still in flight.
    pipeline.ingest(created(ticket({ id: '102' })));
    await waitFor(() => staleServed, 'a claim read during the call');
    await pipeline.idle({ timeoutMs: 15_000 });
    await pipeline.stop(1000);
    const to = (id: string) => rec.calls.filter((c) => c.op === 'applyChange' && c.id === id);
    expect(to('102')).toHaveLength(1);
    expect(to('101')).toHaveLength(1);
    expect(to('101')[0]).toMatchObject({ options: { retry: false } });
    db.close();
  });
});
