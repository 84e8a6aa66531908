/** `complaint-desk evidence verify FILE`: checks an exported evidence bundle's hash chain (no database needed). */
import fs from 'node:fs';
import path from 'node:path';
import { verifyBundle } from '../evidence/verify-bundle';

export interface EvidenceCliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd?: string;
}

export const EVIDENCE_VERIFY_HELP = `Usage: complaint-desk evidence verify FILE

Recomputes every SHA-256 hash of an evidence bundle (from "evidence export" or
GET /api/v1/evidence/:host/:ticket) and checks the chain, the order and the head hash.
  intact:   one line "OK ...", exit 0
  tampered: one line naming the first broken entry and why, exit 1
  unreadable file or not JSON: exit 1 with the reason; usage errors exit 2
`;

export async function evidenceVerify(args: string[], io: EvidenceCliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(EVIDENCE_VERIFY_HELP);
    return 0;
  }
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length || files.length !== 1) {
    io.stderr.write(
      `${unknown.length ? `unknown option ${unknown[0]}` : files.length ? 'give exactly one FILE' : 'missing FILE'}\n\n${EVIDENCE_VERIFY_HELP}`,
    );
    return 2;
  }
  const file = files[0];
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(io.cwd ?? process.cwd(), file), 'utf8');
  } catch (e) {
    io.stderr.write(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 1;
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch (e) {
    io.stderr.write(`${file}: not valid JSON (${(e as Error).message}); expected an evidence bundle\n`);
    return 1;
  }
  const r = verifyBundle(bundle);
  const b = bundle as { host?: unknown; ticketId?: unknown; headHash?: unknown; frozenAt?: unknown };
  if (r.ok) {
    const frozen = b.frozenAt ? `, frozen at ${String(b.frozenAt)}` : ', not frozen';
    io.stdout.write(
      `${file}: OK: ticket ${String(b.host)}/${String(b.ticketId)}, ${r.entries} entries, head ${String(b.headHash)}${frozen}\n`,
    );
    return 0;
  }
  io.stdout.write(`${file}: BROKEN${r.brokenAt ? ` at entry ${r.brokenAt}` : ''}: ${r.reason}\n`);
  return 1;
}
