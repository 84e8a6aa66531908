/**
 * HostApi for the sandbox page: the sidebar runs in an iframe at `/sandbox/app/?ticket=ID&locale=…&agent=…&role=…`,
 * gets a short-lived sidebar token from `/sandbox/api/sidebar-token` (no secret in its URL), calls the connector
 * same-origin with it (or, for a hand-made `#key=…` URL, with `X-Complaint-Desk-*` headers) and talks to the parent
 * page by postMessage.
 */
import type { Ticket } from '../../../../policies/src/types';
import {
  ConnectorUnreachable,
  toLocale,
  withLazyTimeZone,
  type AgentContext,
  type HostApi,
  type HostResponse,
  type RequestOptions,
  type SaveGuard,
} from './host-api';
import { readHostResponse } from './read-host-response';

const OUT = 'complaint-desk';
const IN = 'complaint-desk-host';

export interface SandboxWindow {
  location: { search: string; hash: string; origin: string };
  parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(type: 'message', cb: (e: MessageEvent) => void): void;
  fetch: typeof fetch;
}

export async function createSandboxHost(win: SandboxWindow = window as unknown as SandboxWindow): Promise<HostApi> {
  const q = new URLSearchParams(win.location.search);
  const key = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('key') ?? '';
  const ticketId = q.get('ticket') ?? '';
  if (!ticketId) throw new Error('the sandbox sidebar needs ?ticket=ID in its URL');
  const agentName = q.get('agent') ?? 'agent';
  const context: AgentContext = {
    host: 'sandbox',
    ticketId,
    agent: withLazyTimeZone({ id: agentName, name: agentName, role: q.get('role') ?? '', locale: toLocale(q.get('locale')) }, q.get('tz')),
  };
  let token: { value: string; until: number } | null = null;
  async function bearer(): Promise<string> {
    if (token && token.until - Date.now() > 60_000) return token.value;
    const p = new URLSearchParams({ agent: context.agent.name, role: context.agent.role, locale: context.agent.locale });
    const res = await win.fetch(`/sandbox/api/sidebar-token?${p.toString()}`);
    if (!res.ok) throw new Error(`no sidebar token (${res.status})`);
    const body = (await res.json()) as { token: string; expiresAt: string };
    token = { value: body.token, until: Date.parse(body.expiresAt) };
    return token.value;
  }
  const headers = async (): Promise<Record<string, string>> =>
    key
      ? {
          'X-Complaint-Desk-Key': key,
          'X-Complaint-Desk-Agent': context.agent.name,
          'X-Complaint-Desk-Role': context.agent.role,
          'X-Complaint-Desk-Locale': context.agent.locale,
        }
      : { Authorization: `Bearer ${await bearer()}` };
  const post = (msg: Record<string, unknown>) => win.parent.postMessage({ source: OUT, ...msg }, win.location.origin);
  let guard: SaveGuard | null = null;
  const changed: (() => void)[] = [];

  win.addEventListener('message', (e: MessageEvent) => {
    if (e.origin !== win.location.origin || e.data?.source !== IN) return;
    if (e.data.type === 'ticket.changed') changed.forEach((cb) => cb());
    if (e.data.type === 'ticket.save') {
      const requestId = e.data.requestId;
      const tags: string[] = Array.isArray(e.data.tags) ? e.data.tags : [];
      Promise.resolve(guard ? guard(tags) : null)
        .then((reason) => post({ type: 'ticket.save.result', requestId, ok: !reason, ...(reason ? { reason } : {}) }))
        .catch(() => post({ type: 'ticket.save.result', requestId, ok: true }));
    }
  });

  async function call(path: string, options: RequestOptions = {}): Promise<HostResponse> {
    let res: Response;
    try {
      res = await win.fetch(path, {
        method: options.method ?? 'GET',
        headers: {
          ...(await headers()),
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(options.headers ?? {}),
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
    } catch (e) {
      throw new ConnectorUnreachable(`connector unreachable: ${(e as Error).message}`);
    }
    if (res.status >= 502 && res.status <= 504) throw new ConnectorUnreachable(`connector unreachable (status ${res.status})`);
    return readHostResponse(res);
  }

  return {
    context,
    async getTicket() {
      const r = await call(`/sandbox/api/tickets/${encodeURIComponent(ticketId)}`);
      if (r.status !== 200 || !r.body) throw new Error(`sandbox ticket ${ticketId}: HTTP ${r.status}`);
      return { ...(r.body as Ticket), host: 'sandbox' };
    },
    request: call,
    async insertIntoEditor(text: string) {
      post({ type: 'editor.insert', text });
    },
    onSaveGuard(g: SaveGuard) {
      guard = g;
    },
    resize(height: number) {
      post({ type: 'resize', height: Math.ceil(height) });
    },
    onTicketChanged(cb: () => void) {
      changed.push(cb);
    },
  };
}
