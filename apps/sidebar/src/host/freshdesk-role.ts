/**
 * The Freshdesk agent's Complaint Desk role, from the `agent_roles` iparam (data an admin sets at install,
 * not code). One line per role: `supervisor: lead@example.com, 48000012345` — agent emails (matched to
 * `loggedInUser.contact.email`) and/or Freshdesk role ids (matched to `loggedInUser.role_ids`).
 * The first matching line wins; no match → the fallback role.
 */

export interface RoleRule {
  role: string;
  emails: string[];
  roleIds: string[];
}

export interface RoleMap {
  rules: RoleRule[];
  /** Lines that could not be read: what and where, so the admin can fix the setting. */
  problems: string[];
}

/** Same form the connector accepts for X-Complaint-Desk-Role. */
const ROLE = /^[a-z][a-z0-9_-]{0,39}$/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+$/;

export function parseRoleMap(text: string | null | undefined): RoleMap {
  const rules: RoleRule[] = [];
  const problems: string[] = [];
  String(text ?? '').split(/\r?\n|;/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = `agent_roles entry ${i + 1} ("${line.slice(0, 60)}")`;
    const colon = line.indexOf(':');
    if (colon < 0) return void problems.push(`${where}: write "role: email, role id, …"`);
    const role = line.slice(0, colon).trim().toLowerCase();
    if (!ROLE.test(role)) return void problems.push(`${where}: "${role}" is not a role id (lower-case letters, digits, _ or -)`);
    const rule: RoleRule = { role, emails: [], roleIds: [] };
    for (const token of line.slice(colon + 1).split(/[,\s]+/).filter(Boolean)) {
      if (EMAIL.test(token)) rule.emails.push(token.toLowerCase());
      else if (/^\d+$/.test(token)) rule.roleIds.push(token);
      else problems.push(`${where}: "${token}" is neither an email nor a Freshdesk role id (digits)`);
    }
    if (rule.emails.length === 0 && rule.roleIds.length === 0) problems.push(`${where}: no email or role id after "${role}:"`);
    else rules.push(rule);
  });
  return { rules, problems };
}

/** The shape of `client.data.get('loggedInUser')` this needs (Freshdesk agent object). */
export interface LoggedInUser {
  id?: number | string;
  role_ids?: (number | string)[];
  contact?: { email?: string | null; name?: string | null; language?: string | null };
}

export function resolveRole(map: RoleMap, user: LoggedInUser | null | undefined, fallback: string): { role: string; matched: string | null } {
  const email = String(user?.contact?.email ?? '').trim().toLowerCase();
  const ids = new Set((Array.isArray(user?.role_ids) ? user.role_ids : []).map((r) => String(r)));
  for (const rule of map.rules) {
    if (email && rule.emails.includes(email)) return { role: rule.role, matched: 'email' };
    const id = rule.roleIds.find((r) => ids.has(r));
    if (id) return { role: rule.role, matched: `role id ${id}` };
  }
  return { role: fallback, matched: null };
}
