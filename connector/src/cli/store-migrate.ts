/**
 * `complaint-desk store migrate --from sqlite:FILE --to postgres://…`: moves a connector's SQLite store to
 * PostgreSQL (to run several connectors). The connector must be stopped (the SQLite process lock is taken,
 * so a running one is refused); the target must be empty. All or nothing; exit 0 with a per-table summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl, redactDatabaseUrl } from '../store/database-url';
import { holdSqliteLock, StoreInUseError } from '../store/hold-sqlite-lock';
import { openDatabase } from '../store/open-database';
import { copySqliteToPostgres, TargetNotEmptyError } from '../store/postgres/copy-from-sqlite';
import { openPostgresStore } from '../store/postgres/open-postgres-store';
import type { CliCommand } from '../../../policies/cli/cli-io';

export const STORE_MIGRATE_HELP = `Usage: complaint-desk store migrate --from sqlite:FILE --to postgres://USER:PASSWORD@HOST:5432/DB

Copies the connector's SQLite store (inbox, outbox, timers, tickets, decisions, clusters, fetches,
evidence, policy versions; ids kept) into an empty PostgreSQL database, in one transaction, then checks
the row counts and every evidence chain. Stop the connector first. Sandbox tables are not copied.
`;

export const storeMigrate: CliCommand = async (args, io) => {
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      io.stdout.write(STORE_MIGRATE_HELP);
      return 0;
    }
    const [name, inline] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s, 2) : [a, undefined];
    if (name !== 'from' && name !== 'to') return usage(io, `unknown argument ${a}`);
    const value = inline ?? args[++i];
    if (!value) return usage(io, `--${name} needs a value`);
    opts[name] = value;
  }
  if (!opts.from || !opts.to) return usage(io, 'give both --from sqlite:FILE and --to postgres://…');
  const from = parseDatabaseUrl(opts.from);
  const to = parseDatabaseUrl(opts.to);
  if (!from.ok || from.target.kind !== 'sqlite')
    return usage(io, `--from must be a SQLite store (sqlite:FILE)${from.ok ? '' : `: ${from.problem}`}`);
  if (!to.ok || to.target.kind !== 'postgres')
    return usage(io, `--to must be a PostgreSQL URL (postgres://…)${to.ok ? '' : `: ${to.problem}`}`);
  const file = path.resolve(io.cwd ?? process.cwd(), from.target.file);
  if (!fs.existsSync(file)) {
    io.stderr.write(`complaint-desk store migrate: ${file} does not exist; give --from the connector's DATABASE_URL\n`);
    return 1;
  }

  let lock;
  try {
    lock = holdSqliteLock(file);
  } catch (e) {
    if (!(e instanceof StoreInUseError)) throw e;
    io.stderr.write(`complaint-desk store migrate: a connector is running on ${file}; stop it first, then migrate (nothing was copied)\n`);
    return 1;
  }
  const db = openDatabase(file);
  try {
    const store = await openPostgresStore(to.target.url, { max: 2 });
    try {
      const report = await copySqliteToPostgres(db, store.pool);
      io.stdout.write(`copied ${file} to ${redactDatabaseUrl(to.target.url)}:\n`);
      for (const [t, n] of Object.entries(report.tables)) io.stdout.write(`  ${t.padEnd(17)} ${n}\n`);
      io.stdout.write(`checked: row counts match; ${report.evidenceTickets} evidence chain(s) verify in PostgreSQL\n`);
      return 0;
    } catch (e) {
      if (e instanceof TargetNotEmptyError) {
        io.stderr.write(`complaint-desk store migrate: ${e.message}; migrate into an empty database (nothing was copied)\n`);
        return 1;
      }
      throw e;
    } finally {
      await store.close();
    }
  } finally {
    db.close();
    lock.release();
  }
};

function usage(io: { stderr: NodeJS.WritableStream }, problem: string): number {
  io.stderr.write(`complaint-desk store migrate: ${problem}\n\n${STORE_MIGRATE_HELP}`);
  return 2;
}
