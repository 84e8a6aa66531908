/**
 * `complaint-desk evidence export TICKET [--host HOST] [--db URL] [--out FILE]`: writes a ticket's
 * evidence bundle as JSON. The database comes from --db, else DATABASE_URL, else the connector's
 * default; it is opened read-only and must exist.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createEvidenceLog } from '../evidence/create-evidence-log';
import { databaseFile } from '../store/open-database';
import type { EvidenceCliIo } from './evidence-verify';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/complaint-desk.db';

export const EVIDENCE_EXPORT_HELP = `Usage: complaint-desk evidence export TICKET [--host HOST] [--db URL] [--out FILE]

Writes the evidence bundle of one ticket (JSON, format complaint-desk-evidence/1).
  TICKET       the ticket id, or HOST/ID (e.g. zendesk/123)
  --host HOST  zendesk | freshdesk | sandbox (needed when the id exists on several hosts)
  --db URL     the connector database (default: $DATABASE_URL, else ${DEFAULT_DATABASE_URL})
  --out FILE   write to FILE instead of stdout
Check a bundle later with: complaint-desk evidence verify FILE
`;

const VALUED = ['host', 'db', 'out'];

export async function evidenceExport(args: string[], io: EvidenceCliIo): Promise<number> {
  const opts: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      io.stdout.write(EVIDENCE_EXPORT_HELP);
      return 0;
    }
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    const value = inline ?? args[++i];
    if (!VALUED.includes(name)) return usage(io, `unknown option --${name}`);
    if (value === undefined || value === '') return usage(io, `--${name} needs a value`);
    opts[name] = value;
  }
  if (rest.length !== 1) return usage(io, rest.length ? 'give exactly one TICKET' : 'missing TICKET');
  let host = opts.host;
  let ticketId = rest[0];
  const slash = ticketId.indexOf('/');
  if (!host && slash > 0) {
    host = ticketId.slice(0, slash);
    ticketId = ticketId.slice(slash + 1);
  }

  const cwd = io.cwd ?? process.cwd();
  const url = opts.db ?? io.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  let file: string;
  try {
    file = databaseFile(url);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (file === ':memory:') {
    io.stderr.write('an in-memory database has no evidence to export; give --db with a file\n');
    return 2;
  }
  const full = path.resolve(cwd, file);
  if (!fs.existsSync(full)) {
    io.stderr.write(`database ${full} does not exist; set --db or DATABASE_URL to the connector's database\n`);
    return 1;
  }

  const db = new Database(full, { readonly: true, fileMustExist: true });
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'evidence_entries'").get()) {
      io.stderr.write(`database ${full} has no evidence_entries table; is it the connector's database (started at least once)?\n`);
      return 1;
    }
    if (!host) {
      const hosts = (db.prepare('SELECT DISTINCT host FROM evidence_entries WHERE ticket_id = ?').all(ticketId) as { host: string }[]).map(
        (r) => r.host,
      );
      if (hosts.length > 1) {
        io.stderr.write(`ticket ${ticketId} has evidence on several hosts (${hosts.join(', ')}); add --host\n`);
        return 2;
      }
      host = hosts[0];
    }
    const bundle = host ? createEvidenceLog(db).exportBundle(host, ticketId) : null;
    if (!bundle || bundle.entries.length === 0) {
      io.stderr.write(`no evidence recorded for ticket ${host ? `${host}/` : ''}${ticketId}\n`);
      return 1;
    }
    const json = `${JSON.stringify(bundle, null, 2)}\n`;
    if (opts.out) {
      fs.writeFileSync(path.resolve(cwd, opts.out), json);
      io.stderr.write(`wrote ${bundle.entries.length} entries of ${host}/${ticketId} to ${opts.out} (head ${bundle.headHash})\n`);
    } else {
      io.stdout.write(json);
    }
    return 0;
  } finally {
    db.close();
  }
}

function usage(io: EvidenceCliIo, message: string): number {
  io.stderr.write(`${message}\n\n${EVIDENCE_EXPORT_HELP}`);
  return 2;
}
