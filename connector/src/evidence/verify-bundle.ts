/**
 * Verifies an exported evidence bundle on its own (no database): every entry's hash is
 * recomputed, `seq` must run 1..n, each `prevHash` must be the previous entry's hash, the bundle's
 * `headHash` must be the last hash (catches a dropped tail), and a freeze entry must be last and
 * agree with `frozen`/`frozenAt`. The first failure is reported with the entry it concerns.
 */
import { hashEntry, GENESIS_HASH } from './hash-entry';
import {
  BUNDLE_FORMAT,
  ENTRY_TYPES,
  HASH_SCHEMES,
  type BundleEntry,
  type EntryType,
  type HashScheme,
  type VerifyResult,
} from './evidence-types';

const HEX64 = /^[0-9a-f]{64}$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(entries: number, brokenAt: number | undefined, reason: string): VerifyResult {
  return brokenAt === undefined ? { ok: false, entries, reason } : { ok: false, entries, brokenAt, reason };
}

export function verifyBundle(bundle: unknown): VerifyResult {
  if (!isObj(bundle)) return fail(0, undefined, 'not an evidence bundle: expected a JSON object');
  if (bundle.format !== BUNDLE_FORMAT)
    return fail(0, undefined, `unknown format ${JSON.stringify(bundle.format)}; expected "${BUNDLE_FORMAT}"`);
  if (typeof bundle.host !== 'string' || typeof bundle.ticketId !== 'string')
    return fail(0, undefined, 'the bundle has no host/ticketId strings');
  if (!Array.isArray(bundle.entries)) return fail(0, undefined, 'the bundle has no entries array');
  const scheme = (bundle.hashScheme ?? 'sorted-json-sha256') as HashScheme;
  if (!HASH_SCHEMES.includes(scheme))
    return fail(0, undefined, `unknown hashScheme ${JSON.stringify(bundle.hashScheme)}; expected one of ${HASH_SCHEMES.join(', ')}`);
  const list = bundle.entries as unknown[];
  const n = list.length;
  let prev = GENESIS_HASH;
  let freezeAt: string | null = null;
  for (let i = 0; i < n; i++) {
    const pos = i + 1;
    const e = list[i];
    const shape = shapeProblem(e);
    if (shape) return fail(n, pos, `entry ${pos}: ${shape}`);
    const entry = e as BundleEntry;
    if (entry.seq !== pos) {
      return fail(n, pos, `entry ${pos} has seq ${entry.seq}: entries were removed, inserted or reordered`);
    }
    if (entry.prevHash !== prev)
      return fail(
        n,
        pos,
        `entry ${pos}: prevHash does not match the hash of entry ${pos - 1} (an entry before it was removed, inserted or changed)`,
      );
    const expected = hashEntry(
      prev,
      { host: bundle.host, ticketId: bundle.ticketId, seq: entry.seq, type: entry.type, at: entry.at, by: entry.by, data: entry.data },
      scheme,
    );
    if (expected !== entry.hash)
      return fail(n, pos, `entry ${pos} (${entry.type} at ${entry.at}) was edited: its content does not match its hash`);
    if (freezeAt !== null) return fail(n, pos, `entry ${pos} comes after the freeze entry; nothing may follow a freeze`);
    if (entry.type === 'freeze') freezeAt = entry.at;
    prev = entry.hash;
  }
  const head = n ? prev : null;
  if (bundle.headHash !== head) {
    return fail(
      n,
      n ? n : undefined,
      `headHash ${JSON.stringify(bundle.headHash)} is not the hash of the last entry (entries were truncated or added at the end)`,
    );
  }
  if (bundle.frozen !== (freezeAt !== null))
    return fail(n, undefined, `frozen is ${JSON.stringify(bundle.frozen)} but the log ${freezeAt ? 'has' : 'has no'} freeze entry`);
  if ((bundle.frozenAt ?? null) !== freezeAt)
    return fail(n, undefined, `frozenAt ${JSON.stringify(bundle.frozenAt)} does not match the freeze entry (${JSON.stringify(freezeAt)})`);
  return { ok: true, entries: n };
}

function shapeProblem(e: unknown): string | null {
  if (!isObj(e)) return 'not an object';
  if (!Number.isInteger(e.seq)) return 'seq is not an integer';
  if (!ENTRY_TYPES.includes(e.type as EntryType)) return `unknown type ${JSON.stringify(e.type)}`;
  if (typeof e.at !== 'string') return 'at is not a string';
  if (e.by !== null && typeof e.by !== 'string') return 'by is neither a string nor null';
  if (!isObj(e.data)) return 'data is not an object';
  if (typeof e.prevHash !== 'string' || !HEX64.test(e.prevHash)) return 'prevHash is not a 64-digit hex hash';
  if (typeof e.hash !== 'string' || !HEX64.test(e.hash)) return 'hash is not a 64-digit hex hash';
  return null;
}
