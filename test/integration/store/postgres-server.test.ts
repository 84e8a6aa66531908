/** The test helper itself: a real server starts on a free port, takes connections, and is gone after stop. */
import { Client } from 'pg';
import { describePostgres, startPostgres } from '../../support/postgres-server';

describePostgres('test PostgreSQL server (test/support/postgres-server.ts)', () => {
  it('starts on 127.0.0.1 in a temp directory (as a non-root user), creates databases, stops', async () => {
    const pg = await startPostgres();
    let stopped = false;
    try {
      const url = await pg.createDatabase('helper_check');
      const c = new Client({ connectionString: url });
      await c.connect();
      const r = await c.query<{ db: string; v: string; addr: string; superuser: string }>(
        "SELECT current_database() AS db, current_setting('server_version_num') AS v, inet_server_addr()::text AS addr, current_setting('is_superuser') AS superuser",
      );
      await c.end();
      expect(r.rows[0].db).toBe('helper_check');
      expect(Number(r.rows[0].v)).toBeGreaterThanOrEqual(120000);
      expect(r.rows[0].addr).toBe('127.0.0.1/32');
      await pg.stop();
      stopped = true;
      const after = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      await expect(after.connect()).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      if (!stopped) await pg.stop();
    }
  });
});
