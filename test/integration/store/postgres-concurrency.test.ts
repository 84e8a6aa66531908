/**
 * Several connector processes on one PostgreSQL database, modelled as separate Stores (each its own pool of
 * connections, as each process has): what the store guarantees under real concurrency, on a real server.
 * Design: docs/several-connectors.md.
 */
import { Client } from 'pg';
import { PG_MIGRATIONS } from '../../../connector/src/store/postgres/migrations';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { describePostgres } from '../../support/postgres-server';
import { usePostgresStores } from '../../support/postgres-stores';

const T = Date.parse('2026-11-23T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describePostgres('several processes on one PostgreSQL database', () => {
  const pg = usePostgresStores();
  const stores = pg.stores;

  it('migrations: three processes starting at once on an empty database apply each migration exactly once', async () => {
    const url = await pg.server().createDatabase();
    const three = await Promise.all([0, 1, 2].map(() => openPostgresStore(url, { max: 2 })));
    pg.closeAfterTest(...three);
    expect(three.flatMap((s) => s.applied).sort()).toEqual(PG_MIGRATIONS.map((m) => m.id).sort());
    const rows = (await three[0].pool.query('SELECT id, applied_by FROM schema_migrations ORDER BY id')).rows;
    expect(rows.map((r) => r.id)).toEqual(PG_MIGRATIONS.map((m) => m.id).sort());
    // a later start finds everything applied
    const fourth = await openPostgresStore(url, { max: 1 });
    pg.closeAfterTest(fourth);
    expect(fourth.applied).toEqual([]);
  });

  it('inbox: two claimers never hold one ticket at once; every event is processed once, in order per ticket', async () => {
    const [a, b] = await stores(2);
    const TICKETS = 30;
    const EVENTS = 8;
    for (let n = 0; n < EVENTS; n++) {
      for (let t = 0; t < TICKETS; t++) {
        await a.inbox.insert({
          host: 'zendesk',
          eventId: `e${t}-${n}`,
          ticketId: String(t),
          kind: 'comment.added',
          occurredAt: iso(T + n),
          receivedAt: iso(T + n),
          payload: { n },
        });
      }
    }
    const active = new Map<string, string>(); // ticket -> owner processing it right now
    const overlaps: string[] = [];
    const processed: { owner: string; ticket: string; n: number }[] = [];
    async function worker(owner: string, store: PostgresStore): Promise<void> {
      for (let idle = 0; idle < 3;) {
        const now = Date.now();
        const claims = await store.inbox.claim(owner, now, 30_000, 5);
        if (!claims.length) {
          idle++;
          await new Promise((r) => setImmediate(r));
          continue;
        }
        idle = 0;
        for (const c of claims) {
          for (const row of c.rows) {
            const ok = await store.transaction(async (tx) => {
              if (!(await tx.inbox.holds(owner, c.host, c.ticketId, Date.now()))) return false;
              if (active.has(c.ticketId)) overlaps.push(`${owner} and ${active.get(c.ticketId)} on ${c.ticketId}`);
              active.set(c.ticketId, owner);
              await new Promise((r) => setImmediate(r)); // give the other claimer a chance to interleave
              await tx.decisions.record(c.host, c.ticketId, row.id, 'processed', owner, iso(now), { n: (row.payload as { n: number }).n });
              const done = await tx.inbox.markDone(row.id, 'v1', iso(now));
              active.delete(c.ticketId);
              if (done) processed.push({ owner, ticket: c.ticketId, n: (row.payload as { n: number }).n });
              return done;
            });
            if (!ok) break;
          }
          await store.inbox.release(owner, c.host, c.ticketId);
        }
      }
    }
    await Promise.all([worker('A', a), worker('B', b)]);
    expect(overlaps).toEqual([]);
    expect(processed).toHaveLength(TICKETS * EVENTS);
    expect(new Set(processed.map((p) => p.owner))).toEqual(new Set(['A', 'B'])); // both did work
    for (let t = 0; t < TICKETS; t++) {
      const ns = (await a.decisions.list('zendesk', String(t))).map((d) => d.data.n);
      expect(ns).toEqual([...Array(EVENTS).keys()]); // once each, in order
    }
    expect(await a.inbox.depth()).toBe(0);
  });

  it('inbox: a process that dies holding a lease (its connection gone) loses the ticket when the lease expires; the survivor finishes it once', async () => {
    const [dying, survivor] = await stores(2);
    for (let n = 0; n < 3; n++)
      await survivor.inbox.insert({
        host: 'zendesk',
        eventId: `d${n}`,
        ticketId: '1',
        kind: 'comment.added',
        occurredAt: iso(T),
        receivedAt: iso(T),
        payload: { n },
      });
    const [c] = await dying.inbox.claim('dying', T, 5_000);
    // it processed the first event, then died in the middle of the second (transaction open, never committed)
    await dying.transaction(async (tx) => {
      expect(await tx.inbox.holds('dying', 'zendesk', '1', T + 1)).toBe(true);
      await tx.decisions.record('zendesk', '1', c.rows[0].id, 'processed', 'dying', iso(T));
      await tx.inbox.markDone(c.rows[0].id, 'v1', iso(T));
    });
    const client = await dying.pool.connect();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO decisions (host, ticket_id, inbox_id, kind, policy_version, at) VALUES ('zendesk', '1', $1, 'processed', 'dying', $2)`,
      [c.rows[1].id, iso(T)],
    );
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const killer = new Client({ connectionString: pg.server().url });
    await killer.connect();
    client.on('error', () => undefined);
    await killer.query('SELECT pg_terminate_backend($1)', [pid]); // the process is gone: its transaction rolls back
    await killer.end();
    client.release(true);

    expect(await survivor.inbox.claim('survivor', T + 4_999, 5_000)).toEqual([]); // lease still live
    const [taken] = await survivor.inbox.claim('survivor', T + 5_000, 5_000);
    expect(taken.rows.map((r) => (r.payload as { n: number }).n)).toEqual([1, 2]);
    for (const row of taken.rows) {
      await survivor.transaction(async (tx) => {
        expect(await tx.inbox.holds('survivor', 'zendesk', '1', T + 5_001)).toBe(true);
        await tx.decisions.record('zendesk', '1', row.id, 'processed', 'survivor', iso(T));
        expect(await tx.inbox.markDone(row.id, 'v1', iso(T))).toBe(true);
      });
    }
    expect((await survivor.decisions.list('zendesk', '1')).map((d) => d.policyVersion)).toEqual(['dying', 'survivor', 'survivor']);
  });

  it('inbox: a holder re-checks its lease in the transaction; a takeover waits for that transaction, then sees its work done', async () => {
    const [slow, fast] = await stores(2);
    await slow.inbox.insert({
      host: 'zendesk',
      eventId: 's1',
      ticketId: '1',
      kind: 'comment.added',
      occurredAt: iso(T),
      receivedAt: iso(T),
      payload: {},
    });
    const [c] = await slow.inbox.claim('slow', T, 1_000);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const inFlight = slow.transaction(async (tx) => {
      expect(await tx.inbox.holds('slow', 'zendesk', '1', T + 999)).toBe(true); // locks the lease row
      await gate;
      return tx.inbox.markDone(c.rows[0].id, 'v1', iso(T));
    });
    await new Promise((r) => setTimeout(r, 50));
    const takeover = fast.inbox.claim('fast', T + 1_000, 1_000); // lease expired meanwhile: waits on the row lock
    release();
    expect(await inFlight).toBe(true);
    expect(await takeover).toEqual([]); // nothing pending any more: the event was processed once
  });

  it('outbox: concurrent claimers send every row once, one row of a ticket at a time, in order', async () => {
    const [a, b, c] = await stores(3);
    const ids: number[] = [];
    for (let n = 0; n < 6; n++)
      for (let t = 0; t < 20; t++)
        ids.push(await a.outbox.add('zendesk', String(t), { op: 'apply_change', change: { addTags: [`n${n}`] } }, iso(T), null));
    const sent: { id: number; ticket: string; n: string }[] = [];
    const inFlight = new Set<string>();
    const overlaps: string[] = [];
    async function sender(owner: string, store: PostgresStore): Promise<void> {
      for (let idle = 0; idle < 3;) {
        const rows = await store.outbox.claimHeads(owner, Date.now(), 30_000, 7);
        if (!rows.length) {
          idle++;
          await new Promise((r) => setImmediate(r));
          continue;
        }
        idle = 0;
        await Promise.all(
          rows.map(async (r) => {
            if (inFlight.has(r.ticketId)) overlaps.push(r.ticketId);
            inFlight.add(r.ticketId);
            await store.outbox.startAttempt(r.id);
            await new Promise((res) => setImmediate(res)); // the host call
            sent.push({ id: r.id, ticket: r.ticketId, n: (r.payload as { change: { addTags: string[] } }).change.addTags[0] });
            inFlight.delete(r.ticketId);
            await store.outbox.markDone(r.id, iso(T));
          }),
        );
      }
    }
    await Promise.all([sender('A', a), sender('B', b), sender('C', c)]);
    expect(overlaps).toEqual([]);
    expect(sent.map((s) => s.id).sort((x, y) => x - y)).toEqual(ids.sort((x, y) => x - y));
    for (let t = 0; t < 20; t++)
      expect(sent.filter((s) => s.ticket === String(t)).map((s) => s.n)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(await a.outbox.counts()).toEqual({ pending: 0, done: 120, parked: 0 });
  });

  it('timers: three processes firing at once fire each due timer once', async () => {
    const three = await stores(3);
    for (let t = 0; t < 50; t++) await three[0].timers.replace('zendesk', String(t), [], [{ kind: 'sla_breach', dueAt: T + t }], iso(T));
    const fired = (
      await Promise.all(
        three.map((s) => Promise.all([s.timers.fireDue(T + 100, 7), s.timers.fireDue(T + 100, 7), s.timers.fireDue(T + 100)])),
      )
    ).flat(2);
    expect(fired.map((t) => t.ticketId).sort()).toEqual([...Array(50).keys()].map(String).sort());
    expect(await three[0].inbox.depth()).toBe(50);
    expect(await three[1].timers.fireDue(T + 100)).toEqual([]);
  });

  it('a connection the server drops is reported and replaced: no crash, the next call works', async () => {
    const url = await pg.server().createDatabase();
    const errors: string[] = [];
    const store = await openPostgresStore(url, { max: 2, onError: (e) => errors.push(e.message) });
    pg.closeAfterTest(store);
    await store.ping(); // one idle client in the pool now
    const killer = new Client({ connectionString: pg.server().url });
    await killer.connect();
    const db = url.slice(url.lastIndexOf('/') + 1);
    await killer.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db]);
    await killer.end();
    const until = Date.now() + 10_000;
    while (!errors.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(errors.join('\n')).toMatch(/terminat/i);
    await expect(store.ping()).resolves.toBeUndefined();
    expect(
      await store.inbox.insert({
        host: 'zendesk',
        eventId: 'after-drop',
        ticketId: '1',
        kind: 'x',
        occurredAt: iso(T),
        receivedAt: iso(T),
        payload: {},
      }),
    ).toBe(true);
  });

  it('a write that fails while it waits (write-behind) fails its transaction with the statement it went out with; nothing stays', async () => {
    const [s] = await stores(1);
    await expect(
      s.transaction(async (tx) => {
        await tx.outbox.enqueue('zendesk', '91', { op: 'apply_change', change: { addTags: ['x'] } }, iso(T), null);
        await tx.decisions.recordAll([
          { host: 'zendesk', ticketId: '91', inboxId: null, kind: null as unknown as string, policyVersion: 'v1', at: iso(T) },
        ]);
        await tx.inbox.markDone(999_998, 'v1', iso(T));
      }),
    ).rejects.toThrow(/null value in column "kind"/);
    expect(await s.decisions.list('zendesk', '91')).toEqual([]);
    expect((await s.outbox.counts()).pending).toBe(0);
  });
});
