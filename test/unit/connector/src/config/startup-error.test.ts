import { resolve } from 'node:path';
import { explainDatabaseError, explainPolicyError, StartupError } from '../../../../../connector/src/config/startup-error';

const err = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('explainDatabaseError', () => {
  it('corrupt file: names DATABASE_URL and the absolute file, says to restore or move it aside', () => {
    const e = explainDatabaseError('sqlite:./data/x.db', './data/x.db', err('SQLITE_NOTADB', 'file is not a database'));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.variable).toBe('DATABASE_URL');
    expect(e.message).toBe(
      `DATABASE_URL=sqlite:./data/x.db: ${resolve('data/x.db')} is not a usable SQLite database (file is not a database).\n` +
        `Fix: restore the file from a backup, or move it aside (mv "${resolve('data/x.db')}" "${resolve('data/x.db')}.corrupt") to start with an empty store; the connector never overwrites it. Then start again.`,
    );
  });

  it.each(['ENOTDIR', 'EACCES', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'])(
    '%s: cannot create or write, with the folder fix',
    (code) => {
      const e = explainDatabaseError('/srv/cd/x.db', '/srv/cd/x.db', err(code, 'nope'));
      expect(e.message).toMatch(
        new RegExp(
          `^DATABASE_URL=/srv/cd/x\\.db: cannot create or write the database file /srv/cd/x\\.db \\(${code}: nope\\)\\.\\nFix: point DATABASE_URL at a file in a folder`,
        ),
      );
    },
  );

  it('anything else: still names the variable, the file and the cause', () => {
    expect(explainDatabaseError('/a.db', '/a.db', err('SQLITE_IOERR', 'disk I/O error')).message).toMatch(
      /^DATABASE_URL=\/a\.db: cannot open the database \/a\.db \(SQLITE_IOERR: disk I\/O error\)\.\nFix: /,
    );
  });
});

describe('explainPolicyError', () => {
  it('names POLICY_FILE, the absolute path, the cause and the check command', () => {
    const e = explainPolicyError('my.json', new Error('severities.L1.group: unknown group'));
    expect(e.variable).toBe('POLICY_FILE');
    expect(e.message).toBe(
      `POLICY_FILE=my.json (${resolve('my.json')}): severities.L1.group: unknown group\n` +
        'Fix: correct the file (`npx complaint-desk policy check my.json` lists each problem with its JSON path) or point POLICY_FILE at a valid policy such as policies/default.json. Then start again.',
    );
  });
});
