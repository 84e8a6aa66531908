/**
 * Who an agent is, according to Zendesk, read with the connector's credentials (never the browser's word):
 * GET /api/v2/users/{id}.json (`role`: end-user | agent | admin, `active`, `suspended`, `email`),
 * GET /api/v2/users/{id}/group_memberships.json (`group_memberships[].group_id`) and the app's `agent_roles` setting
 * from GET /api/v2/apps/installations.json, per developer.zendesk.com/api-reference/ticketing/users/users,
 * …/groups/group_memberships and …/apps/app_installations.
 */
import { createHostTransport } from '../create-host-transport';
import { HostError } from '../host-client';
import type { ZendeskClientOptions } from './create-zendesk-client';
import { zendeskApiUrl } from './zendesk-url';

/** What the role voucher (auth/vouch-zendesk-role.ts) asks Zendesk. */
export interface ZendeskUserLookup {
  user(id: string): Promise<{ role: string; active: boolean; suspended: boolean; email?: string | null; name?: string } | null>;
  groupIds(id: string): Promise<number[]>;
  /** The `agent_roles` setting of the installed app, or null when no installation has one. */
  agentRolesSetting(): Promise<string | null>;
}

export function createZendeskUserLookup(opts: Omit<ZendeskClientOptions, 'getPolicy'>): ZendeskUserLookup {
  const transport = createHostTransport({
    ...opts,
    host: 'zendesk',
    baseUrl: opts.baseUrl ?? zendeskApiUrl(opts.subdomain),
    authorization: `Basic ${Buffer.from(`${opts.email}/token:${opts.apiToken}`).toString('base64')}`,
  });
  return {
    async user(id) {
      try {
        const res = await transport.get<{
          user?: { name?: string; role?: string; active?: boolean; suspended?: boolean; email?: string | null };
        }>(`/api/v2/users/${encodeURIComponent(id)}.json`);
        const u = res?.user;
        return u
          ? {
              role: String(u.role ?? ''),
              active: u.active !== false,
              suspended: u.suspended === true,
              email: u.email ?? null,
              ...(typeof u.name === 'string' && u.name ? { name: u.name } : {}),
            }
          : null;
      } catch (e) {
        if (e instanceof HostError && e.code === 'not_found') return null;
        throw e;
      }
    },
    async groupIds(id) {
      const ids: number[] = [];
      let path: string | null = `/api/v2/users/${encodeURIComponent(id)}/group_memberships.json`;
      for (let page = 0; path && page < 10; page++) {
        const res: { group_memberships?: { group_id: number }[]; next_page?: string | null } = await transport.get(path);
        ids.push(...(res?.group_memberships ?? []).map((m) => m.group_id));
        path = res?.next_page ? new URL(res.next_page).pathname + new URL(res.next_page).search : null;
      }
      return ids;
    },
    async agentRolesSetting() {
      // GET /api/v2/apps/installations.json: `installations[].settings` holds the non-secure settings an admin saved.
      let res: { installations?: { enabled?: boolean; settings?: Record<string, unknown> }[] };
      try {
        res = await transport.get('/api/v2/apps/installations.json');
      } catch (e) {
        // An API user without admin rights cannot list installations: then group membership decides (documented).
        if (e instanceof HostError && (e.code === 'permanent' || e.code === 'not_found')) return null;
        throw e;
      }
      const mine = (res?.installations ?? []).find((i) => i.enabled !== false && typeof i.settings?.agent_roles === 'string');
      return mine ? String(mine.settings!.agent_roles) : null;
    },
  };
}
