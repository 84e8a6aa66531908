/**
 * What `DATABASE_URL` names: `sqlite:./data/x.db`, `sqlite:///abs/x.db`, a plain path or `:memory:` (SQLite);
 * `postgres://…` / `postgresql://…` (PostgreSQL). Any other scheme (mysql://, postgress://, http://…) is a
 * mistake, never a file name: taking it as a path once created a folder named `postgres:` with a SQLite file.
 */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** A scheme is 2+ letters before ':' (a Windows drive letter `C:` is a path, not a scheme). */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;
const POSTGRES = new Set(['postgres', 'postgresql']);
const EXAMPLE = 'use sqlite:PATH (e.g. sqlite:./data/complaint-desk.db, the default) or a plain file path';

/** Parses DATABASE_URL; returns a readable problem instead of a target when it is not usable. */
export function parseDatabaseUrl(raw: string): { ok: true; target: DatabaseTarget } | { ok: false; problem: string } {
  const url = raw.trim();
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme && POSTGRES.has(scheme)) return { ok: true, target: { kind: 'postgres', url } };
  if (scheme && scheme !== 'sqlite' && url !== ':memory:') {
    return {
      ok: false,
      problem: `the scheme "${scheme}:" is not a database this connector supports; ${EXAMPLE}, or postgres://USER:PASSWORD@HOST:5432/DB (a file whose name contains ":" can be written ./NAME)`,
    };
  }
  let file = url;
  if (file.startsWith('sqlite:')) {
    file = file.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2);
  }
  if (!file) return { ok: false, problem: `"${url}" names no file; ${EXAMPLE}` };
  return { ok: true, target: { kind: 'sqlite', file } };
}

/** The URL without its password (for messages and logs): postgres://app:***@db:5432/cd. */
export function redactDatabaseUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]+:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}
