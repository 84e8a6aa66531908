import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { holdSqliteLock, StoreInUseError } from '../../../../../connector/src/store/hold-sqlite-lock';
import { openDatabase } from '../../../../../connector/src/store/open-database';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

describe('holdSqliteLock', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('one holder per database file; released, it can be taken again', () => {
    const file = t.file('a/cd.db');
    const first = holdSqliteLock(file);
    expect(first.file).toBe(`${join(t.dir, 'a/cd.db')}.lock`);
    expect(existsSync(first.file)).toBe(true);
    expect(() => holdSqliteLock(file)).toThrow(StoreInUseError);
    first.release();
    first.release(); // idempotent
    const again = holdSqliteLock(file);
    again.release();
  });

  it('does not block readers and writers of the database itself (CLI exports, tests)', () => {
    const file = t.file('b.db');
    const lock = holdSqliteLock(file);
    const db = openDatabase(file);
    db.prepare(`INSERT INTO decisions (host, ticket_id, kind, policy_version, at) VALUES ('zendesk', '1', 'k', 'v', 'now')`).run();
    expect((db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n).toBe(1);
    db.close();
    lock.release();
  });

  it(':memory: needs no lock', () => {
    const a = holdSqliteLock(':memory:');
    const b = holdSqliteLock(':memory:');
    a.release();
    b.release();
  });
});
