/**
 * What one ticket open costs the host: the view, and the policy only when this browser has none or an
 * older one than the view names (`policyEtag`, else `policyVersion`). The policy stays cached in
 * localStorage with its ETag across tickets, so a ticket open is one host request (Freshworks' request
 * method allows 50 calls per minute per app and account: Freshworks platform 3.0 docs, "Use request
 * method to place secure HTTP calls", Notes).
 */
import type { HostApi } from '../host/host-api';
import { fetchPolicy, readCache, type CachedPolicy, type KeyValueStore } from './load-policy';
import { loadView, type ViewState } from './load-view';

export interface SidebarData {
  policy: CachedPolicy | null;
  state: ViewState;
}

/** True when the cached policy is the one the view was computed with. */
export function policyCurrent(cached: CachedPolicy | null, view: { policyEtag?: string; policyVersion: string }): boolean {
  if (!cached) return false;
  if (view.policyEtag) return cached.etag === view.policyEtag;
  return cached.version === view.policyVersion;
}

export async function loadSidebarData(host: HostApi, store: KeyValueStore | null, now: () => number): Promise<SidebarData> {
  // A minimised Freshworks sidebar loads nothing until the agent opens it (host.activation).
  if (host.activation) await host.activation;
  const cached = readCache(store);
  const state = await loadView(host, cached, now()).catch((e: Error): ViewState => ({ kind: 'error', reason: e.message }));
  if (state.kind !== 'online' || policyCurrent(cached, state.view)) return { policy: cached, state };
  const fresh = await fetchPolicy(host, store).catch(() => ({ cached }));
  return { policy: fresh.cached, state };
}
