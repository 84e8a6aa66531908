/**
 * HostApi on the Freshworks platform 3.0 client (`app.initialized()`).
 * Connector calls go through request templates (`client.request.invokeTemplate`), declared in the
 * manifest and defined in config/requests.json; the secure iparam `api_key` is filled in by the platform,
 * the agent rides in the query (apps/build/render-freshdesk.mjs CONTEXT_QUERY).
 *
 * Lifecycle (Freshworks platform 3.0 docs, "App lifecycle events"; freshworks-developers/freshworks-platform3
 * references/architecture/freshdesk_app_lifecycle_events.md): a ticket_sidebar app starts minimised and
 * gets `app.activated` when the agent opens it; the page is a single-page app, so the same instance is
 * activated again as the agent moves from ticket to ticket. The sidebar therefore reads nothing from the
 * connector before the first activation (`activation`), and re-reads the ticket on every activation.
 * The save guard's intercepts live in the ticket_background location (entry/freshdesk-background.ts), which
 * runs on every ticket page whether or not the agent ever opens the sidebar.
 */
import type { Policy, StatusId, Ticket } from '../../../../policies/src/types';
import templates from '../../../freshdesk/request-templates.json';
import { agentRole, freshdeskIdentity, ROLE_SETTING } from './agent-roles';
import { freshdeskZoneName } from './freshdesk-time-zones';
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
import { parseJsonBody } from './read-host-response';

/** Where this instance runs: the visible sidebar, or the UI-less ticket_background location. */
export type FreshdeskLocation = 'ticket_sidebar' | 'ticket_background';

export interface FreshworksClient {
  data: { get(name: string): Promise<Record<string, any>> };
  request: { invokeTemplate(name: string, options: { context?: Record<string, string>; body?: string }): Promise<any> };
  interface: { trigger(action: string, options: Record<string, unknown>): Promise<unknown> };
  events: { on(event: string, cb: (event: any) => void, options?: { intercept?: boolean }): void };
  instance: { resize(options: { height: string }): void };
  /** Non-secure installation parameters (`agent_roles`); secure ones only reach request templates. */
  iparams?: { get(key?: string): Promise<Record<string, any>> };
}

const STATUS: Record<number, StatusId> = { 2: 'open', 3: 'pending', 4: 'solved', 5: 'closed', 6: 'on_hold', 7: 'on_hold' };
const SOURCE: Record<number, string> = { 1: 'email', 2: 'web', 3: 'phone', 7: 'chat', 9: 'web', 10: 'email' };

export function freshdeskTicket(t: any, requester: any, policy?: Policy | null): Ticket {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(t?.custom_fields ?? {})) if (v != null && v !== '') fields[k] = String(v);
  // Custom fields the policy maps (intake key → cf_ name) also appear under their intake keys, as the connector reads them.
  for (const [key, cf] of Object.entries(policy?.hostFields?.freshdesk ?? {})) if (fields[cf] !== undefined) fields[key] = fields[cf];
  return {
    host: 'freshdesk',
    id: String(t?.id ?? ''),
    subject: String(t?.subject ?? ''),
    description: String(t?.description_text ?? t?.description ?? ''),
    requester: requester
      ? {
          id: requester.id != null ? String(requester.id) : undefined,
          name: requester.name,
          email: requester.email,
          phone: requester.phone ?? requester.mobile,
        }
      : undefined,
    channel: SOURCE[Number(t?.source)] ?? undefined,
    createdAt: t?.created_at ? new Date(t.created_at).toISOString() : undefined,
    status: STATUS[Number(t?.status)] ?? 'open',
    tags: Array.isArray(t?.tags) ? t.tags : [],
    fields,
  };
}

/** Finds the request template for a connector path; throws for a path no template covers. */
export function templateFor(path: string, method: string): { name: string; ticketId: string | null } {
  const clean = path.split('?')[0];
  for (const t of templates) {
    if (t.method !== method) continue;
    const re = new RegExp(`^${t.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(':ticket_id', '([^/]+)')}$`);
    const m = re.exec(clean);
    if (m) return { name: t.name, ticketId: m[1] ?? null };
  }
  throw new Error(`no Freshdesk request template for ${method} ${clean}; add it to apps/freshdesk/request-templates.json`);
}

function toResponse(r: any): HostResponse {
  const raw = r?.response;
  const body: unknown = typeof raw === 'string' ? parseJsonBody(raw) : raw && typeof raw === 'object' ? raw : null;
  return { status: Number(r?.status ?? 0), body, headers: r?.headers ?? {} };
}

/**
 * Registers the save guard's intercepts (freshdesk-save-intercepts.ts). Only the ticket_background location
 * intercepts, and only its entry passes this in, so the sidebar bundle does not carry that code.
 */
export type SaveIntercepts = (client: FreshworksClient, context: AgentContext, guard: SaveGuard) => void;

export async function createFreshdeskHost(
  client: FreshworksClient,
  location: FreshdeskLocation = 'ticket_sidebar',
  intercepts: SaveIntercepts | null = null,
): Promise<HostApi> {
  if (location === 'ticket_background' && !intercepts)
    throw new Error('the ticket_background location needs the save intercepts (host/freshdesk-save-intercepts.ts)');
  const [{ ticket }, { loggedInUser }, iparams] = await Promise.all([
    client.data.get('ticket'),
    client.data.get('loggedInUser'),
    client.iparams ? client.iparams.get(ROLE_SETTING).catch((): Record<string, any> => ({})) : Promise.resolve({} as Record<string, any>),
  ]);
  const contact = loggedInUser?.contact ?? {};
  // Role from the agent_roles iparam (agent-roles.ts): email or a Freshdesk role id of the agent.
  const { role, problems } = agentRole(iparams?.[ROLE_SETTING], freshdeskIdentity(loggedInUser), 'Freshdesk role id');
  const context: AgentContext = {
    host: 'freshdesk',
    ticketId: String(ticket?.id ?? ''),
    agent: withLazyTimeZone(
      { id: String(loggedInUser?.id ?? ''), name: String(contact.name ?? ''), role, locale: toLocale(contact.language) },
      freshdeskZoneName(contact.time_zone),
    ),
    ...(problems.length ? { warnings: problems } : {}),
  };
  const changed: (() => void)[] = [];
  // The sidebar waits for its first activation; the background location has no activation and works at once.
  let markActive: () => void = () => {};
  const activation =
    location === 'ticket_sidebar'
      ? new Promise<void>((resolve) => {
          markActive = resolve;
        })
      : Promise.resolve();
  let activations = 0;
  if (location === 'ticket_sidebar') {
    client.events.on('app.activated', () => {
      activations++;
      const first = activations === 1;
      // The same instance serves the next ticket: read which ticket is open now before anything loads.
      void client.data
        .get('ticket')
        .then(
          (r) => {
            if (r?.ticket?.id != null) context.ticketId = String(r.ticket.id);
          },
          () => undefined,
        )
        .then(() => {
          markActive();
          if (!first) changed.forEach((cb) => cb());
        });
    });
  }

  return {
    context,
    activation,
    async getTicket(policy?: Policy | null) {
      const [t, r] = await Promise.all([client.data.get('ticket'), client.data.get('requester').catch(() => ({ requester: null }))]);
      return freshdeskTicket(t.ticket, r.requester, policy);
    },
    async request(path: string, options: RequestOptions = {}) {
      const { name, ticketId } = templateFor(path, options.method ?? 'GET');
      const ctx: Record<string, string> = {
        ticket_id: ticketId ?? context.ticketId,
        agent_name: context.agent.name,
        agent_role: context.agent.role,
        agent_locale: context.agent.locale,
        agent_zone: context.agent.hostTimeZone ?? '',
        etag: options.headers?.['If-None-Match'] ?? '',
      };
      try {
        const r = await client.request.invokeTemplate(name, {
          context: ctx,
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        });
        return toResponse(r);
      } catch (e: any) {
        const status = Number(e?.status ?? 0);
        if (!status || status >= 502) throw new ConnectorUnreachable(`connector unreachable (status ${status || 'none'})`);
        return toResponse(e);
      }
    },
    async insertIntoEditor(text: string) {
      // The documented way from a ticket_sidebar: mimic a click on Reply, which opens the reply editor with
      // the text inserted (Freshworks platform 3.0 docs, Interface methods, "Open reply editor button: Open
      // the reply editor window with a text insert"; freshworks-developers/interface-method-samples
      // `click('reply', { text })`). `setValue` on `editor` is documented for ticket_conversation_editor only.
      await client.interface.trigger('click', { id: 'reply', text });
    },
    onSaveGuard(guard: SaveGuard) {
      // One owner of the intercepts: the ticket_background location (it runs even when the sidebar is never opened).
      if (location === 'ticket_background') intercepts!(client, context, guard);
    },
    resize(height: number) {
      client.instance.resize({ height: `${Math.ceil(height)}px` });
    },
    onTicketChanged(cb: () => void) {
      changed.push(cb);
      for (const e of ['ticket.sendReply', 'ticket.addNote', 'ticket.statusChanged']) client.events.on(e, () => cb());
    },
  };
}
