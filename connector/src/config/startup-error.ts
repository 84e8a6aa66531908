/**
 * Start-up failures that a restart cannot fix (the database file cannot be opened, the policy file is
 * unusable): the message names the variable, the file, the cause and the fix. main.ts prints it and exits
 * with EXIT_CONFIG (78, EX_CONFIG) so a supervisor can stop restarting (systemd
 * `RestartPreventExitStatus=78`) instead of crash-looping.
 */
import { resolve } from 'node:path';

export const EXIT_CONFIG = 78;
/** EX_TEMPFAIL: the store is in use by another connector process; starting again after it stops works. */
export const EXIT_IN_USE = 75;

export class StartupError extends Error {
  constructor(
    readonly variable: string,
    message: string,
    override readonly cause?: unknown,
    readonly exitCode: number = EXIT_CONFIG,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

const code = (e: unknown): string => String((e as { code?: unknown })?.code ?? '');
const reason = (e: unknown): string => (e as Error)?.message ?? String(e);

/** Explains why `openDatabase(url)` failed, with the fix for that cause. */
export function explainDatabaseError(url: string, file: string, err: unknown): StartupError {
  const full = file === ':memory:' ? file : resolve(file);
  const c = code(err);
  const head = `DATABASE_URL=${url}: `;
  if (c === 'SQLITE_NOTADB' || c === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(reason(err))) {
    return new StartupError(
      'DATABASE_URL',
      `${head}${full} is not a usable SQLite database (${reason(err)}).\n` +
        `Fix: restore the file from a backup, or move it aside (mv "${full}" "${full}.corrupt") to start with an empty store; ` +
        'the connector never overwrites it. Then start again.',
      err,
    );
  }
  if (
    ['ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'EISDIR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM'].includes(c) ||
    /unable to open|readonly/i.test(reason(err))
  ) {
    return new StartupError(
      'DATABASE_URL',
      `${head}cannot create or write the database file ${full} (${c || 'error'}: ${reason(err)}).\n` +
        'Fix: point DATABASE_URL at a file in a folder the connector can create and write (e.g. sqlite:./data/complaint-desk.db), ' +
        "or create that folder and give the connector's user write access. Then start again.",
      err,
    );
  }
  return new StartupError(
    'DATABASE_URL',
    `${head}cannot open the database ${full} (${c || 'error'}: ${reason(err)}).\n` +
      'Fix: check the path, free disk space and permissions, then start again.',
    err,
  );
}

/** Explains why the policy store could not start (no usable file and no stored policy to fall back on). */
export function explainPolicyError(file: string, err: unknown): StartupError {
  return new StartupError(
    'POLICY_FILE',
    `POLICY_FILE=${file} (${resolve(file)}): ${reason(err)}\n` +
      `Fix: correct the file (\`npx complaint-desk policy check ${file}\` lists each problem with its JSON path) ` +
      'or point POLICY_FILE at a valid policy such as policies/default.json. Then start again.',
    err,
  );
}

/** A second connector process on the same SQLite file: refused (SQLite serves one process; PostgreSQL serves several). */
export function explainStoreInUse(url: string, file: string, lockFile: string): StartupError {
  return new StartupError(
    'DATABASE_URL',
    `DATABASE_URL=${url}: another connector process is already running on ${resolve(file)} ` +
      `(it holds ${lockFile}); a SQLite store serves one connector process.\n` +
      'Fix: stop the other process first (a crashed one releases the file by itself), or give this one its own DATABASE_URL. ' +
      'Then start again.',
    undefined,
    EXIT_IN_USE,
  );
}
