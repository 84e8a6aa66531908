/**
 * An on-disk cache of server-side policy preparation (phrases widened into both Chinese scripts, the compiled
 * model), so a CLI call or a connector start that reads the same policy and model as the last one skips seconds of
 * work. It cannot go stale: an entry's key is a SHA-256 of the exact inputs and of the code that prepares them (the
 * running bundle, or the source files when run from source, and the opencc-js build); an entry carries the SHA-256
 * of its payload, and one that is corrupt, truncated or unreadable is ignored (the work is done again). Writes are
 * atomic (temporary file, then rename) and best effort: an unwritable folder only means no cache.
 *
 * Folder: COMPLAINT_DESK_CACHE_DIR, else $XDG_CACHE_HOME/complaint-desk, else ~/.cache/complaint-desk;
 * COMPLAINT_DESK_CACHE_DIR=off switches it off. Node-side only: the sidebar never bundles it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Entries kept per kind by default: the most recently used (a hit refreshes an entry's time), so the policy and model
 * in daily use stay while one-off ones (a test's trained model, an edited copy) come and go.
 */
const KEEP = 32;

export function cacheDir(env: Record<string, string | undefined> = process.env): string | null {
  const set = env.COMPLAINT_DESK_CACHE_DIR?.trim();
  if (set === 'off') return null;
  if (set) return path.resolve(set);
  const base = env.XDG_CACHE_HOME?.trim() || path.join(os.homedir(), '.cache');
  return path.join(base, 'complaint-desk');
}

/** The .ts files under a folder (recursively). */
function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** The hash of `files` (names and contents), or null when one cannot be read. */
export function versionOf(files: readonly string[]): string | null {
  const h = createHash('sha256');
  try {
    for (const f of files) h.update(`${path.basename(f)}\0`).update(fs.readFileSync(f));
  } catch {
    return null;
  }
  return h.digest('hex');
}

let version: string | null | undefined;

/**
 * The code that prepares a policy, as a hash: the bundle this runs in (dist/node/*.js), or every source file of
 * policies/server and policies/src when run from source; and the opencc-js build the phrases are widened with.
 * Null when that code cannot be read (e.g. a bundle evaluated in memory, as the admin worker is when run from
 * TypeScript): then nothing is cached, since an entry could not be tied to the code that made it.
 */
export function codeVersion(): string | null {
  if (version !== undefined) return version;
  try {
    const files = __filename.endsWith('.ts')
      ? [...sourceFiles(__dirname), ...sourceFiles(path.join(__dirname, '..', 'src'))]
      : [__filename];
    version = versionOf([...files, require.resolve('opencc-js')]);
  } catch {
    version = null;
  }
  return version;
}

/** The key of an entry: its kind, the code version and the exact inputs; null when the code version is unknown. */
export function cacheKey(kind: string, ...inputs: (string | Buffer)[]): string | null {
  const code = codeVersion();
  if (!code) return null;
  const h = createHash('sha256').update(`${kind}\0${code}\0`);
  for (const i of inputs) h.update(`${i.length}\0`).update(i);
  return `${kind}-${h.digest('hex')}`;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest();

/**
 * The value stored under `key` when `decode` accepts its bytes, else `compute()`'s, stored for next time when
 * `encode` gives bytes for it (null: not stored). A null key (no code version) means computing, nothing stored.
 */
export function throughCache<T>(
  key: string | null,
  decode: (bytes: Buffer) => T | null,
  compute: () => T,
  encode: (value: T) => Buffer | null,
): T {
  const hit = readCached(key);
  const cached = hit && decode(hit);
  if (cached) return cached;
  const value = compute();
  const bytes = key ? encode(value) : null;
  if (bytes) writeCached(key, bytes);
  return value;
}

/**
 * throughCache for a value stored as JSON: `accept` checks what was parsed and returns it as a T, or null (then, as
 * for bytes that are not JSON, the value is computed again).
 */
export function jsonThroughCache<T>(key: string | null, accept: (parsed: unknown) => T | null, compute: () => T): T {
  return throughCache(
    key,
    (hit) => {
      try {
        return accept(JSON.parse(hit.toString('utf8')));
      } catch {
        return null; // not one of ours: computed again
      }
    },
    compute,
    (v) => Buffer.from(JSON.stringify(v)),
  );
}

/** The payload stored under `key`, or null (no folder, no entry, or an entry that fails its check). */
export function readCached(key: string | null, env?: Record<string, string | undefined>): Buffer | null {
  const dir = cacheDir(env);
  if (!dir || !key) return null;
  try {
    const raw = fs.readFileSync(path.join(dir, key));
    if (raw.length < 32) return null;
    const payload = raw.subarray(32);
    if (!sha(payload).equals(raw.subarray(0, 32))) return null;
    touch(path.join(dir, key));
    return payload;
  } catch {
    return null;
  }
}

/** Marks an entry as used now (for the eviction order); best effort. */
function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // a read-only folder: the entry still serves
  }
}

/**
 * Stores `payload` under `key`; silently nothing when the folder cannot be written. Keeps the `keep` most recently
 * used entries of the key's kind.
 */
export function writeCached(key: string | null, payload: Buffer, env?: Record<string, string | undefined>, keep = KEEP): void {
  const dir = cacheDir(env);
  if (!dir || !key) return;
  const tmp = path.join(dir, `${key}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, Buffer.concat([sha(payload), payload]), { mode: 0o600 });
    fs.renameSync(tmp, path.join(dir, key));
    const kind = key.slice(0, key.lastIndexOf('-') + 1);
    const same = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(kind) && !f.includes('.tmp-'))
      .map((f) => ({ f, at: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of same.slice(keep)) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing to clean up
    }
  }
}
