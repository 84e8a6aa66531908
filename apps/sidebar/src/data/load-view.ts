/**
 * Loads what the sidebar shows: the connector's view when it answers, else a local view from the
 * cached policy (offline), else an explicit error. Never waits forever: every call has a timeout.
 */
import type { TicketView } from '../../../../connector/src/api/ticket-view';
import type { Policy } from '../../../../policies/src/types';
import { ConnectorUnreachable, type HostApi, type HostResponse } from '../host/host-api';
import { loadOfflineView, type LocalView } from './load-offline-view';
import { withRules, type CachedPolicy } from './load-policy';
import { requestWithTimeout } from './request-with-timeout';

export type ViewState =
  | { kind: 'online'; view: TicketView }
  | { kind: 'offline'; view: TicketView; policyVersion: string }
  | { kind: 'offline-empty'; reason: string }
  | { kind: 'error'; reason: string }
  /** The connector has no complaint for this ticket (a task it created, or a ticket it never heard of): its words. */
  | { kind: 'unknown'; reason: string };

export function viewPath(host: HostApi, suffix = 'view'): string {
  const { host: h, ticketId } = host.context;
  return `/api/v1/tickets/${encodeURIComponent(h)}/${encodeURIComponent(ticketId)}/${suffix}`;
}

export function errorReason(res: HostResponse): string {
  const b = res.body as { error?: { message?: string } | string; message?: string } | null;
  const msg = typeof b?.error === 'object' ? b.error?.message : typeof b?.error === 'string' ? b.error : b?.message;
  return msg ? `${msg} (HTTP ${res.status})` : `HTTP ${res.status}`;
}

type MaybePolicy = CachedPolicy | null | Promise<CachedPolicy | null>;

/** How the offline view's code is had: offline.js, fetched on first need (load-offline-view.ts). */
export type GetLocalView = () => Promise<LocalView>;

async function offline(host: HostApi, policy: MaybePolicy, now: number, reason: string, getLocalView: GetLocalView): Promise<ViewState> {
  const stored = await policy;
  const cached = stored && (await withRules(stored));
  if (!cached) return { kind: 'offline-empty', reason };
  // Fetched beside the ticket: the script and the host's ticket read overlap.
  const code = getLocalView().then(
    (fn) => ({ fn }),
    (e: Error) => ({ fn: null, why: e.message }),
  );
  const [got, ticket] = await Promise.all([code, host.getTicket(cached.policy as Policy)]);
  // The connector is unreachable and so is the offline view: say both, with the way out.
  if (!got.fn) return { kind: 'error', reason: `${reason}; ${got.why}` };
  const view = got.fn({
    ticket,
    policy: cached.policy as Policy,
    policyVersion: cached.version,
    now,
    locale: host.context.agent.locale,
    agent: host.context.agent,
  });
  return { kind: 'offline', view, policyVersion: cached.version };
}

/** `policy` may still be loading (it is only awaited when the connector is unreachable). */
export async function loadView(
  host: HostApi,
  cached: MaybePolicy,
  now: number,
  getLocalView: GetLocalView = loadOfflineView,
): Promise<ViewState> {
  let res: HostResponse;
  try {
    // The agent's zone as the host names it: the connector writes the view's times in it (`display`).
    const zone = host.context.agent.hostTimeZone;
    res = await requestWithTimeout(host, `${viewPath(host)}${zone ? `?cd_zone=${encodeURIComponent(zone)}` : ''}`);
  } catch (e) {
    if (e instanceof ConnectorUnreachable) return offline(host, cached, now, e.message, getLocalView);
    return { kind: 'error', reason: (e as Error).message };
  }
  if (res.status === 200 && res.body && typeof res.body === 'object') return { kind: 'online', view: res.body as TicketView };
  if (res.status >= 500) return offline(host, cached, now, errorReason(res), getLocalView);
  if (res.status === 404) {
    const b = res.body as { error?: { message?: string } } | null;
    if (b?.error?.message) return { kind: 'unknown', reason: b.error.message };
  }
  return { kind: 'error', reason: errorReason(res) };
}
