/**
 * The save guard as the Freshdesk ticket_background location runs it: no UI, no policy until a save needs
 * one. Only a save that carries the policy's malicious tag costs a request (the ticket's evidence record);
 * the policy comes from the cache the sidebar keeps (same app origin), fetched once when there is none.
 */
import type { HostApi, SaveGuard } from '../host/host-api';
import type { Translate } from '../i18n/translate';
import { fetchPolicy, readCache, type KeyValueStore } from './load-policy';
import { requestWithTimeout } from './request-with-timeout';
import { guardReason } from './save-guard';

export function backgroundGuard(host: HostApi, store: KeyValueStore | null, t: Translate): SaveGuard {
  return async (tags) => {
    const cached = readCache(store) ?? (await fetchPolicy(host, store).catch(() => ({ cached: null }))).cached;
    const tag = cached?.policy.evidence.maliciousTag ?? null;
    if (!tag || !tags.includes(tag)) return null;
    const { host: h, ticketId } = host.context;
    const res = await requestWithTimeout(host, `/api/v1/tickets/${encodeURIComponent(h)}/${encodeURIComponent(ticketId)}/view`).catch(
      () => null,
    );
    const body = res?.status === 200 ? (res.body as { evidence?: { complete: boolean; missing: string[] } } | null) : null;
    return guardReason(tags, { maliciousTag: tag, evidence: body?.evidence ?? null }, t);
  };
}
