/**
 * The policy the sidebar computes with locally (live SLA ticks, offline classification): fetched from
 * `GET /api/v1/policy`, cached in localStorage with its ETag and revalidated with If-None-Match. Its
 * classification section goes to the rules cache (policy-rules-cache.ts) where there is one, and comes back only
 * for an offline view (withRules).
 */
import type { Policy } from '../../../../policies/src/types';
import { ConnectorUnreachable, type HostApi } from '../host/host-api';
import { browserRulesCache, type RulesCache } from './policy-rules-cache';
import { requestWithTimeout } from './request-with-timeout';

export const POLICY_CACHE_KEY = 'complaint-desk.policy.v2';
/** Version 1 held the whole policy: removed at the first write, so it no longer weighs on every page's first read. */
const OLD_KEYS = ['complaint-desk.policy.v1'];

export interface CachedPolicy {
  etag: string | null;
  version: string;
  /** Without `classification` when it was read back from a cache that keeps it apart (withRules restores it). */
  policy: Policy;
}

export interface FetchedPolicy {
  cached: CachedPolicy | null;
  /** true when the connector answered (200 or 304). */
  fresh: boolean;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

const tagOf = (c: { etag: string | null; version: string }) => c.etag ?? `version:${c.version}`;

/** The cached policy with its classification section, or null when the rules cache has none for its version. */
export async function withRules(cached: CachedPolicy, rules: RulesCache | null = browserRulesCache()): Promise<CachedPolicy | null> {
  if (cached.policy.classification) return cached;
  const classification = await rules?.read(tagOf(cached)).catch(() => null);
  return classification ? { ...cached, policy: { ...cached.policy, classification } as Policy } : null;
}

/** Writes the small part to localStorage and, where there is a rules cache, the classification section to it. */
async function writeCache(store: KeyValueStore | null, rules: RulesCache | null, next: CachedPolicy): Promise<void> {
  const { classification, ...rest } = next.policy;
  const apart = await rules
    ?.write(tagOf(next), classification)
    .then(() => true)
    .catch(() => false);
  try {
    store?.setItem(POLICY_CACHE_KEY, JSON.stringify(apart ? { ...next, policy: rest } : next));
    for (const k of OLD_KEYS) store?.removeItem?.(k);
  } catch {
    /* storage full or blocked: keep it in memory */
  }
}

export function readCache(store: KeyValueStore | null): CachedPolicy | null {
  try {
    const raw = store?.getItem(POLICY_CACHE_KEY);
    if (!raw) return null;
    const c = JSON.parse(raw) as CachedPolicy;
    return c && typeof c === 'object' && c.policy && typeof c.policy === 'object' ? c : null;
  } catch {
    return null;
  }
}

/** The connector may answer with the policy itself or `{policy, version, etag}`. */
function unwrap(body: any): { policy: Policy; version: string; etag: string | null } | null {
  if (!body || typeof body !== 'object') return null;
  const policy = body.policy && typeof body.policy === 'object' ? body.policy : body;
  if (!policy.severities || !policy.categories) return null;
  return { policy, version: String(body.version ?? policy.version ?? ''), etag: body.etag ?? null };
}

export async function fetchPolicy(
  host: HostApi,
  store: KeyValueStore | null,
  rules: RulesCache | null = browserRulesCache(),
): Promise<FetchedPolicy> {
  const cached = readCache(store);
  try {
    const res = await requestWithTimeout(host, '/api/v1/policy', { headers: cached?.etag ? { 'If-None-Match': cached.etag } : {} });
    if (res.status === 304 && cached) return { cached, fresh: true };
    const got = res.status === 200 ? unwrap(res.body) : null;
    if (!got) return { cached, fresh: false };
    const etag = res.headers.etag ?? res.headers.ETag ?? got.etag;
    const next: CachedPolicy = { etag: etag ?? null, version: got.version, policy: got.policy };
    await writeCache(store, rules, next);
    return { cached: next, fresh: true };
  } catch (e) {
    if (e instanceof ConnectorUnreachable) return { cached, fresh: false };
    throw e;
  }
}

export function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
