/**
 * The agent's Complaint Desk role, from the `agent_roles` app setting (data an admin sets at install, not
 * code), for every host. One line per role: `supervisor: lead@example.com, 48000012345` — agent emails
 * and/or ids (digits). What an id is depends on the host, because each host tells the app different
 * things about the logged-in agent:
 * - Zendesk (`client.get('currentUser')`): the agent's **user id** (`currentUser.id`);
 * - Freshdesk (`client.data.get('loggedInUser')`): a **role id** the agent has (`loggedInUser.role_ids`).
 * The first matching line wins; no match → no role (`DEFAULT_ROLE`, empty), which the sidebar and the
 * connector both read as the policy's lowest-ranked role (`lowestRole`). A helpdesk admin gets no authority
 * from being an admin: only a line of the setting gives a role above that.
 */

/** The setting (manifest.json `settings[].name`, Freshdesk iparam, Zendesk parameter) holding the mapping. */
export const ROLE_SETTING = 'agent_roles';
/** No role named: an agent no `agent_roles` line matches; read as the policy's lowest-ranked role. */
export const DEFAULT_ROLE = '';

export interface RoleRule {
  role: string;
  emails: string[];
  /** Host ids (digits): Zendesk user ids, Freshdesk role ids. */
  ids: string[];
}

export interface RoleMap {
  rules: RoleRule[];
  /** Lines that could not be read: what and where, so the admin can fix the setting. */
  problems: string[];
}

/** Who is logged in, as the matcher sees it: an email and the host ids digits are compared with. */
export interface AgentIdentity {
  email?: string | null;
  ids: string[];
}

/** Same form the connector accepts for a role (X-Complaint-Desk-Role, JWT `role` claim). */
const ROLE = /^[a-z][a-z0-9_-]{0,39}$/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+$/;

/** Parses the setting. `idLabel` names what digits mean on this host, for the problem messages. */
export function parseRoleMap(text: string | null | undefined, idLabel = 'id'): RoleMap {
  const rules: RoleRule[] = [];
  const problems: string[] = [];
  String(text ?? '')
    .split(/\r?\n|;/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const where = `${ROLE_SETTING} entry ${i + 1} ("${line.slice(0, 60)}")`;
      const colon = line.indexOf(':');
      if (colon < 0) return void problems.push(`${where}: write "role: email, ${idLabel}, …"`);
      const role = line.slice(0, colon).trim().toLowerCase();
      if (!ROLE.test(role)) return void problems.push(`${where}: "${role}" is not a role id (lower-case letters, digits, _ or -)`);
      const rule: RoleRule = { role, emails: [], ids: [] };
      for (const token of line
        .slice(colon + 1)
        .split(/[,\s]+/)
        .filter(Boolean)) {
        if (EMAIL.test(token)) rule.emails.push(token.toLowerCase());
        else if (/^\d+$/.test(token)) rule.ids.push(token);
        else problems.push(`${where}: "${token}" is neither an email nor a ${idLabel} (digits)`);
      }
      if (rule.emails.length === 0 && rule.ids.length === 0) problems.push(`${where}: no email or ${idLabel} after "${role}:"`);
      else rules.push(rule);
    });
  return { rules, problems };
}

export function resolveRole(
  map: RoleMap,
  who: AgentIdentity | null | undefined,
  fallback: string = DEFAULT_ROLE,
): { role: string; matched: string | null } {
  const email = String(who?.email ?? '')
    .trim()
    .toLowerCase();
  const ids = new Set((who?.ids ?? []).map((v) => String(v)));
  for (const rule of map.rules) {
    if (email && rule.emails.includes(email)) return { role: rule.role, matched: 'email' };
    const id = rule.ids.find((v) => ids.has(v));
    if (id) return { role: rule.role, matched: `id ${id}` };
  }
  return { role: fallback, matched: null };
}

/** The shape of `client.data.get('loggedInUser')` this needs (Freshdesk agent object). */
export interface FreshdeskLoggedInUser {
  id?: number | string;
  role_ids?: (number | string)[];
  contact?: { email?: string | null; name?: string | null; language?: string | null };
}

/** Freshdesk: the contact email, and digits are the agent's role ids. */
export function freshdeskIdentity(user: FreshdeskLoggedInUser | null | undefined): AgentIdentity {
  return { email: user?.contact?.email ?? null, ids: (Array.isArray(user?.role_ids) ? user.role_ids : []).map((r) => String(r)) };
}

/** The shape of ZAF `client.get('currentUser')` this needs. `role` (`admin`/`agent`/…) is deliberately not read. */
export interface ZendeskCurrentUser {
  id?: number | string;
  email?: string | null;
}

/** Zendesk: the user's email, and digits are the user id. */
export function zendeskIdentity(user: ZendeskCurrentUser | null | undefined): AgentIdentity {
  return { email: user?.email ?? null, ids: user?.id != null && String(user.id) !== '' ? [String(user.id)] : [] };
}

/** Setting text + identity → the role and the setting's problems (shown to the agent as a warning). */
export function agentRole(
  setting: unknown,
  who: AgentIdentity,
  idLabel: string,
): { role: string; matched: string | null; problems: string[] } {
  const map = parseRoleMap(typeof setting === 'string' ? setting : null, idLabel);
  return { ...resolveRole(map, who, DEFAULT_ROLE), problems: map.problems };
}
