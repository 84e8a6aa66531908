/**
 * A real PostgreSQL server stopped (as a crash: every connection dropped) and started again under a store that is
 * in use: calls fail while it is away (rejections, never a crash), the watcher reports it (gauge 0, errors
 * counted, one warning) and pings with back-off, and the same store works again once the server is back.
 */
import { Client } from 'pg';
import { watchDatabase, type DatabaseWatch } from '../../../connector/src/ops/watch-database';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { describePostgres, startPostgres, type PgServer } from '../../support/postgres-server';

const iso = () => new Date().toISOString();
const event = (id: string) => ({
  host: 'zendesk',
  eventId: id,
  ticketId: '1',
  kind: 'comment.added',
  occurredAt: iso(),
  receivedAt: iso(),
  payload: {},
});

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describePostgres('PostgreSQL outage', () => {
  let server: PgServer;
  let store: PostgresStore | undefined;
  let watch: DatabaseWatch | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterEach(async () => {
    watch?.stop();
    await store?.close();
    store = undefined;
  });
  afterAll(() => server?.stop());

  it('a store in use survives the server going away and coming back; the watcher reports both', async () => {
    const url = await server.createDatabase();
    // The test server runs with synchronous_commit=off (speed); a crash would lose the last commits, as it would on
    // any server so configured. This database commits durably, as production does.
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${url.split('/').pop()}" SET synchronous_commit = on`);
    await admin.end();
    const poolErrors: string[] = [];
    store = await openPostgresStore(url, { max: 3, onError: (e) => poolErrors.push(e.message) });
    expect(await store.inbox.insert(event('before'))).toBe(true);
    const gauge: number[] = [];
    let errors = 0;
    const logs: string[] = [];
    const s = store;
    watch = watchDatabase({
      ping: () => s.ping(),
      intervalMs: 50,
      baseMs: 50,
      maxMs: 400,
      timeoutMs: 1000,
      metrics: {
        databaseUp: { set: (v) => gauge.push(v) },
        databaseErrors: {
          inc: () => {
            errors++;
          },
        },
      },
      logger: { warn: (_o, m) => logs.push(String(m)) },
    });

    await server.halt();
    await expect(store.inbox.insert(event('during'))).rejects.toThrow();
    await waitFor('the watcher sees the database down', () => !watch!.state().up);
    await waitFor('several failed pings', () => watch!.state().failures >= 3);
    expect(gauge.at(-1)).toBe(0);
    expect(errors).toBeGreaterThanOrEqual(3);
    expect(logs).toEqual([expect.stringMatching(/^database unreachable/)]); // one warning, not one per retry

    await server.restart();
    await waitFor('the watcher sees the database back', () => watch!.state().up);
    expect(gauge.at(-1)).toBe(1);
    expect(logs).toHaveLength(2);
    expect(logs[1]).toBe('database reachable again');
    // the same store (its pool replaced the broken connections): nothing to reopen
    expect(await store.inbox.insert(event('after'))).toBe(true);
    expect((await store.inbox.ofTicket('zendesk', '1')).map((r) => r.eventId)).toEqual(['before', 'after']);
  }, 90_000);
});
