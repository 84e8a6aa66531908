/**
 * `parsePolicy` with its valid results kept in the preparation cache (prepare-cache.ts): a CLI call that reads the
 * policy text an earlier one validated takes the validated policy from there instead of running the zod schema over
 * it again (about a quarter of a second of every `classify`, `eval`, `policy check`, `simulate`, `model train` and
 * `model cv` for the default policy, time zones checked included). Node-side only.
 *
 * The key binds the exact text, the code (prepare-cache's code version: the bundle, or the sources of policies/src
 * and policies/server, where the schema lives), the zod build that ran the schema and the runtime's versions. Only a valid policy whose
 * validated form survives JSON unchanged (deep-equal after a round trip: no `undefined` member, no value JSON does
 * not carry) is written; an invalid policy is parsed every time, so its problems are the schema's own. A corrupt or
 * foreign entry means parsing again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Policy } from '../src/types';
import type { PolicyResult } from '../src/validate-policy';
import { cacheKey, throughCache } from './prepare-cache';

let zodBuild: string | null | undefined;

/**
 * parsePolicy, loaded on first use: the schema module builds every zod schema of the policy language when it loads,
 * which a cache hit never needs.
 */
function schemaCheck(): (text: string) => PolicyResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../src/validate-policy') as typeof import('../src/validate-policy')).parsePolicy;
}

/** The version of the zod package the schema runs on (it is not bundled), or null when it cannot be read. */
function zodVersion(): string | null {
  if (zodBuild !== undefined) return zodBuild;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('zod')), 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    zodBuild = typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    zodBuild = null;
  }
  return zodBuild;
}

/**
 * The entry's key for a policy text, or null (no code or zod version: nothing is read or written). The runtime's
 * versions are in it too: whether a time zone or a regex is valid is the runtime's (ICU's, V8's) answer.
 */
export function policyKey(text: string): string | null {
  const zod = zodVersion();
  const runtime = JSON.stringify([process.version, process.versions.icu, process.versions.tz, process.versions.unicode]);
  return zod ? cacheKey('policy', zod, runtime, text) : null;
}

/** A validated policy as stored, or null when the bytes are not a JSON object. */
function policyFromBytes(b: Buffer): Policy | null {
  try {
    const v = JSON.parse(b.toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Policy) : null;
  } catch {
    return null;
  }
}

/** parsePolicy(text), the validated policy read from the cache when this text was validated before. */
export function parsePolicyCached(text: string): PolicyResult {
  return throughCache<PolicyResult>(
    policyKey(text),
    (hit) => {
      const policy = policyFromBytes(hit);
      return policy && { ok: true, policy };
    },
    () => schemaCheck()(text),
    (result) => {
      if (!result.ok) return null;
      const json = JSON.stringify(result.policy);
      return isDeepStrictEqual(JSON.parse(json), result.policy) ? Buffer.from(json) : null;
    },
  );
}
