/**
 * The process's one LISTEN connection (store/postgres/pg-notify-hub.ts) and the work notices over it
 * (pg-work-notices.ts), on a real PostgreSQL server: several channels share one connection; a burst of
 * announcements is coalesced into a few NOTIFYs; a replica ignores its own notices; a dropped connection is
 * re-opened, counted in its state, and its subscribers are told to look for themselves.
 */
import { Client } from 'pg';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { pgWorkNotices, type WorkKind } from '../../../connector/src/store/postgres/pg-work-notices';
import { waitUntil } from '../faults/fault-kit';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';

describePostgres('LISTEN/NOTIFY on PostgreSQL: one connection, coalesced notices, reconnect', () => {
  let server: PgServer;
  let url: string;
  let one: PostgresStore;
  let two: PostgresStore;
  let admin: Client;
  beforeAll(async () => {
    server = await sharedPostgres();
    url = await server.createDatabase();
    [one, two] = [await openPostgresStore(url, { max: 2 }), await openPostgresStore(url, { max: 2 })];
    admin = new Client({ connectionString: url });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await one?.close();
    await two?.close();
    await server?.stop();
  });

  const listeners = async () =>
    (await admin.query(`SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`)).rows;

  it('several channels on one connection; notices delivered per channel', async () => {
    const got: string[] = [];
    const stopA = one.listen('chan_a', (p) => p && got.push(`a:${p}`));
    const stopB = one.listen('chan_b', (p) => p && got.push(`b:${p}`));
    await waitUntil(() => one.listener().listening && one.listener().channels.length === 2, 'listening on both channels');
    await two.notify('chan_b', 'hello');
    await two.notify('chan_a', 'there');
    await waitUntil(() => got.length === 2, 'both notices arrived');
    expect(got.sort()).toEqual(['a:there', 'b:hello']);
    expect(await listeners()).toHaveLength(1);
    await stopA();
    await stopB();
  });

  it('a burst of announcements is coalesced; a replica ignores its own notices', async () => {
    const sender = pgWorkNotices(one, 'replica-1');
    const receiver = pgWorkNotices(two, 'replica-2');
    const heard: (WorkKind | null)[] = [];
    const own: (WorkKind | null)[] = [];
    const stopR = receiver.follow((k) => heard.push(k));
    const stopS = sender.follow((k) => own.push(k));
    await waitUntil(() => two.listener().listening && one.listener().channels.includes('complaint_desk_work'), 'both follow');
    heard.length = 0;
    own.length = 0;
    await Promise.all(Array.from({ length: 50 }, () => sender.announce('inbox', 'zendesk')));
    await sender.announce('lease');
    await waitUntil(() => heard.includes('lease'), 'the lease notice arrived');
    const inbox = heard.filter((k) => k === 'inbox').length;
    expect(inbox).toBeGreaterThanOrEqual(1);
    expect(inbox).toBeLessThanOrEqual(2); // one in flight, one queued behind it: never one per announcement
    expect(own.filter((k) => k !== null)).toEqual([]);
    await stopR();
    await stopS();
  });

  it('a dropped LISTEN connection is re-opened and counted; subscribers are told to look (null)', async () => {
    const seen: (string | null)[] = [];
    const stop = two.listen('chan_c', (p) => seen.push(p));
    await waitUntil(() => two.listener().listening && two.listener().channels.includes('chan_c'), 'listening');
    const before = two.listener();
    seen.length = 0;
    const mine = (await listeners()).map((r) => r.pid);
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [mine]);
    await waitUntil(() => two.listener().drops > before.drops && two.listener().listening, 'dropped, then listening again');
    expect(two.listener().lastError).toBeTruthy();
    await waitUntil(() => seen.includes(null), 'subscribers were told to look for themselves');
    await one.notify('chan_c', 'after');
    await waitUntil(() => seen.includes('after'), 'notices flow again');
    await stop();
  });
});
