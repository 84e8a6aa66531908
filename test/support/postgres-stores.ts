/**
 * Connector processes on one PostgreSQL database, for a `describePostgres` block: each Store has its own pool of
 * connections, as each process has. Registers the block's hooks: the run's shared server before all, every store
 * opened closed after each test, the handle's databases dropped after all.
 */
import { openPostgresStore, type PostgresStore } from '../../connector/src/store/postgres/open-postgres-store';
import type { PgServer } from './postgres-server';
import { sharedPostgres } from './shared-postgres';

export type PostgresStores = {
  /** The server (set once the block's beforeAll has run). */
  server: () => PgServer;
  /** `n` stores on `url`, or on a fresh database. */
  stores: (n: number, url?: string) => Promise<PostgresStore[]>;
  /** Stores a test opened itself, to be closed after it like the others. */
  closeAfterTest: (...s: PostgresStore[]) => void;
};

export function usePostgresStores(): PostgresStores {
  let server: PgServer | undefined;
  const open: PostgresStore[] = [];
  beforeAll(async () => {
    server = await sharedPostgres();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(() => server?.stop());
  const serverOf = (): PgServer => {
    if (!server) throw new Error('usePostgresStores: the server is not started yet (use it inside a test)');
    return server;
  };
  return {
    server: serverOf,
    closeAfterTest: (...s) => void open.push(...s),
    async stores(n, url) {
      const u = url ?? (await serverOf().createDatabase());
      const out: PostgresStore[] = [];
      for (let i = 0; i < n; i++) out.push(await openPostgresStore(u, { max: 4 }));
      open.push(...out);
      return out;
    },
  };
}
