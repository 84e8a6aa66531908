import { parseDatabaseUrl, redactDatabaseUrl } from '../../../../../connector/src/store/database-url';
import { databaseFile } from '../../../../../connector/src/store/open-database';

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite:./data/x.db', './data/x.db'],
    ['sqlite:///var/lib/cd.db', '/var/lib/cd.db'],
    ['/tmp/y.db', '/tmp/y.db'],
    ['data/y.db', 'data/y.db'],
    [':memory:', ':memory:'],
    ['C:\\cd\\data.db', 'C:\\cd\\data.db'],
  ])('%s is the SQLite file %s', (url, file) => {
    expect(parseDatabaseUrl(url)).toEqual({ ok: true, target: { kind: 'sqlite', file } });
  });

  it.each(['postgres://u:p@127.0.0.1:5432/cd', 'postgresql://db/cd', 'POSTGRES://db/cd'])('%s is PostgreSQL', (url) => {
    expect(parseDatabaseUrl(url)).toEqual({ ok: true, target: { kind: 'postgres', url } });
  });

  it.each(['mysql://db/cd', 'postgress://db/cd', 'http://db/cd', 'postgres-ql:cd', 'file:./x.db'])('%s is refused with the fix', (url) => {
    const r = parseDatabaseUrl(url);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(/^the scheme ".+:" is not a database this connector supports; use sqlite:PATH/);
  });

  it('databaseFile refuses PostgreSQL and unknown schemes (CLI --db), never taking them as a path', () => {
    expect(() => databaseFile('postgres://u:pw@db/cd')).toThrow('DATABASE_URL "postgres://u:***@db/cd" is a PostgreSQL URL');
    expect(() => databaseFile('mysql://db/cd')).toThrow(/the scheme "mysql:"/);
  });

  it('redacts only the password', () => {
    expect(redactDatabaseUrl('postgres://app:s3cret@db:5432/cd?sslmode=require')).toBe('postgres://app:***@db:5432/cd?sslmode=require');
    expect(redactDatabaseUrl('postgres://app@db/cd')).toBe('postgres://app@db/cd');
    expect(redactDatabaseUrl('sqlite:./a:b.db')).toBe('sqlite:./a:b.db');
  });
});
