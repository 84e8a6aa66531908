/**
 * HostApi on the Zendesk Apps Framework v2 client (`ZAFClient.init()`).
 * Assets mode: connector calls go through `client.request` with `secure: true` and the `jwt` option: the ZAF proxy
 * signs an HS256 token with the secure setting `shared_secret` (never visible to the browser); its claims are ours, so
 * the connector refuses privileged actions on them. Signed mode: the connector served this page after verifying
 * Zendesk's own signed-URL token and put a session bound to the user Zendesk signed in `<meta name=
 * "complaint-desk-session">`; calls then go to the same origin with that session (renewed via X-Complaint-Desk-Session).
 */
import type { Policy, StatusId, Ticket } from '../../../../policies/src/types';
import { agentRole, ROLE_SETTING, zendeskIdentity } from './agent-roles';
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
import { parseJsonBody, readHostResponse } from './read-host-response';

/** The slice of the ZAF client this adapter uses. */
export interface ZafClient {
  get(paths: string | string[]): Promise<Record<string, any>>;
  metadata(): Promise<{ settings: Record<string, unknown> }>;
  request(options: Record<string, unknown>): Promise<any>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  on(event: string, handler: (...args: any[]) => unknown): void;
}

const STATUS: Record<string, StatusId> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
};
/** Token lifetime asked of the ZAF proxy, seconds. */
const JWT_EXPIRY_SECONDS = 300;

function stripHtml(html: string): string {
  return String(html ?? '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}

export function zendeskTicket(t: any): Ticket {
  const comments = Array.isArray(t?.comments) ? t.comments : [];
  return {
    host: 'zendesk',
    id: String(t?.id ?? ''),
    subject: String(t?.subject ?? ''),
    description: String(t?.description ?? ''),
    requester: t?.requester
      ? {
          id: t.requester.id != null ? String(t.requester.id) : undefined,
          name: t.requester.name,
          email: t.requester.email,
          tags: t.requester.tags,
        }
      : undefined,
    channel: t?.via?.channel ?? undefined,
    createdAt: t?.createdAt ? new Date(t.createdAt).toISOString() : undefined,
    status: STATUS[String(t?.status ?? '').toLowerCase()] ?? 'open',
    tags: Array.isArray(t?.tags) ? t.tags : [],
    comments: comments.map((c: any, i: number) => ({
      id: String(c.id ?? i),
      author: c.author?.role === 'end-user' ? 'customer' : 'agent',
      public: c.isPublic !== false,
      body: stripHtml(c.value ?? c.body ?? ''),
      createdAt: c.createdAt ? new Date(c.createdAt).toISOString() : new Date(0).toISOString(),
    })),
  };
}

/** ZAF path of a custom ticket field's value (`ticket.customField:custom_field_<id>`). */
export function customFieldPath(id: number): string {
  return `ticket.customField:custom_field_${id}`;
}

/** Reads the custom fields `policy.hostFields.zendesk` maps (intake key → field id) into intake keys; empty values are left out. */
export async function zendeskFields(client: Pick<ZafClient, 'get'>, policy: Policy | null | undefined): Promise<Record<string, string>> {
  const map = Object.entries(policy?.hostFields?.zendesk ?? {});
  if (map.length === 0) return {};
  const r = await client.get(map.map(([, id]) => customFieldPath(id)));
  const out: Record<string, string> = {};
  for (const [key, id] of map) {
    const v = r[customFieldPath(id)];
    if (v == null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

/** The connector session of a signed-mode page (connector/src/api/create-signed-sidebar-router.ts), else null. */
export function signedSession(
  doc: Pick<Document, 'querySelector'> | undefined = typeof document === 'undefined' ? undefined : document,
): string | null {
  return doc?.querySelector('meta[name="complaint-desk-session"]')?.getAttribute('content') || null;
}

/** A same-origin connector call with the session; a renewed session from the response replaces it. */
async function sessionRequest(holder: { token: string }, path: string, options: RequestOptions): Promise<HostResponse> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? 'GET',
      headers: {
        ...(options.headers ?? {}),
        Authorization: `Bearer ${holder.token}`,
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (e) {
    throw new ConnectorUnreachable(`connector unreachable (${(e as Error).message})`);
  }
  if (res.status >= 502) throw new ConnectorUnreachable(`connector unreachable (status ${res.status})`);
  holder.token = res.headers.get('x-complaint-desk-session') || holder.token;
  return readHostResponse(res);
}

function toResponse(r: any): HostResponse {
  const body: unknown = r?.responseJSON ?? (typeof r?.responseText === 'string' ? parseJsonBody(r.responseText) : null);
  return { status: Number(r?.status ?? 0), body, headers: r?.headers ?? {} };
}

export async function createZendeskHost(client: ZafClient): Promise<HostApi> {
  const [data, meta] = await Promise.all([client.get(['ticket.id', 'currentUser']), client.metadata()]);
  const user = data.currentUser ?? {};
  const connectorUrl = String(meta.settings?.connector_url ?? '').replace(/\/+$/, '');
  // Role from the agent_roles setting (agent-roles.ts): the user's email or Zendesk user id. Being a
  // Zendesk admin gives no Complaint Desk authority; only a line of the setting does.
  const { role, problems } = agentRole(meta.settings?.[ROLE_SETTING], zendeskIdentity(user), 'Zendesk user id');
  const context: AgentContext = {
    host: 'zendesk',
    ticketId: String(data['ticket.id']),
    agent: withLazyTimeZone(
      { id: String(user.id ?? ''), name: String(user.name ?? ''), role, locale: toLocale(user.locale) },
      typeof user.timeZone?.ianaName === 'string' ? user.timeZone.ianaName : null,
    ),
    ...(problems.length ? { warnings: problems } : {}),
  };
  const claims = {
    sub: context.agent.id,
    name: context.agent.name,
    role: context.agent.role,
    locale: context.agent.locale,
    host: 'zendesk',
  };
  const session = signedSession();
  const holder = { token: session ?? '' };

  return {
    context,
    async getTicket(policy?: Policy | null) {
      const [r, fields] = await Promise.all([client.get('ticket'), zendeskFields(client, policy).catch(() => ({}))]);
      const t = zendeskTicket(r.ticket);
      return { ...t, fields: { ...(t.fields ?? {}), ...fields } };
    },
    async request(path: string, options: RequestOptions = {}) {
      if (session)
        return sessionRequest(holder, path, {
          ...options,
          headers: { ...(options.headers ?? {}), 'X-Complaint-Desk-Locale': context.agent.locale },
        });
      const req: Record<string, unknown> = {
        url: `${connectorUrl}${path}`,
        type: options.method ?? 'GET',
        secure: true,
        cors: false,
        httpCompleteResponse: true,
        // The ZAF proxy signs the token and substitutes {{jwt.token}}; the secret never reaches the browser.
        headers: { ...(options.headers ?? {}), Authorization: 'Bearer {{jwt.token}}' },
        jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: JWT_EXPIRY_SECONDS, claims },
      };
      if (options.body !== undefined) {
        req.contentType = 'application/json';
        req.data = JSON.stringify(options.body);
      }
      try {
        return toResponse(await client.request(req));
      } catch (e: any) {
        const status = Number(e?.status ?? 0);
        if (!status || status >= 502) throw new ConnectorUnreachable(`connector unreachable (status ${status || 'none'})`);
        return toResponse(e);
      }
    },
    async insertIntoEditor(text: string) {
      await client.invoke('ticket.editor.insert', text);
    },
    onSaveGuard(guard: SaveGuard) {
      // ZAF: a handler returning a rejected promise cancels the save and shows the reason.
      client.on('ticket.save', async () => {
        const r = await client.get('ticket.tags');
        const reason = await guard(Array.isArray(r['ticket.tags']) ? r['ticket.tags'] : []);
        if (reason) throw reason;
        return true;
      });
    },
    resize(height: number) {
      void client.invoke('resize', { width: '100%', height: `${Math.ceil(height)}px` });
    },
    onTicketChanged(cb: () => void) {
      client.on('ticket.submit.done', cb);
      client.on('ticket.updated', cb);
    },
  };
}
