/**
 * `complaint-desk setup freshdesk --url https://<connector> [--policy FILE]`: Freshdesk's automation rules cannot be
 * created through its API, so this checks what it can reach and prints the exact rules to create:
 * credentials (GET /api/v2/agents/me), the policy's group ids (GET /api/v2/groups) and custom fields
 * (GET /api/v2/ticket_fields: `name` cf_…), and the status FRESHDESK_ON_HOLD_STATUS names (the status field's
 * `choices`; developers.freshdesk.com/api/#ticket_fields). Never changes the account.
 */
import { problemLines, readPolicyFile, write, type CliCommand } from '../../../../policies/cli/cli-io';
import { missingIds } from './check-policy-ids';
import { rulesText } from './freshdesk-automation-rules';
import { allPages, createSetupHttp, SetupError } from './setup-http';
import { freshdeskApiUrl } from '../../hosts/freshdesk/freshdesk-url';
import { readSetupArgs } from './read-setup-args';

export const SETUP_FRESHDESK_HELP = `Usage: complaint-desk setup freshdesk --url https://CONNECTOR [--policy FILE]

Checks the Freshdesk credentials, the policy's group ids and custom fields, and FRESHDESK_ON_HOLD_STATUS against the
account, then prints the automation rules to create (Freshdesk has no API for them). Changes nothing.
  --url URL        the connector's public base URL (the rules post to URL/webhooks/freshdesk)
  --policy FILE    the policy to check (default: $POLICY_FILE, else the built-in default policy)
Credentials: FRESHDESK_DOMAIN (or FRESHDESK_API_URL), FRESHDESK_API_KEY.
Exit codes: 0 done, 1 the account does not match the policy or settings, 2 usage or API error.
`;

export const setupFreshdesk: CliCommand = async (args, io) => {
  const start = await readSetupArgs('freshdesk', SETUP_FRESHDESK_HELP, args, io);
  if ('exit' in start) return start.exit;
  const { url, opts, fail } = start;
  const env = io.env;
  const base = env.FRESHDESK_API_URL || (env.FRESHDESK_DOMAIN ? freshdeskApiUrl(env.FRESHDESK_DOMAIN) : '');
  const missing = [!base && 'FRESHDESK_DOMAIN', !env.FRESHDESK_API_KEY && 'FRESHDESK_API_KEY'].filter(Boolean);
  if (missing.length) return fail(`set ${missing.join(', ')} (an admin's API key: Profile settings → View API key)`);
  const loaded = readPolicyFile(typeof opts.policy === 'string' ? opts.policy : env.POLICY_FILE, io);
  if (!loaded.ok) {
    await write(io.stderr, problemLines(loaded.source, loaded));
    return 2;
  }
  const http = createSetupHttp(base, `Basic ${Buffer.from(`${env.FRESHDESK_API_KEY}:X`).toString('base64')}`, true, io);
  const say = (line: string) => write(io.stdout, `${line}\n`);
  try {
    const me = await http.get<{ id?: number; contact?: { email?: string } }>('/api/v2/agents/me');
    if (!me?.id) throw new SetupError('GET /api/v2/agents/me answered no agent: the API key is not accepted');
    await say(`credentials: OK (agent ${me.id}${me.contact?.email ? `, ${me.contact.email}` : ''})`);
    const groups = await allPages(http, '/api/v2/groups', (b) => (Array.isArray(b) ? (b as { id: number }[]) : []), 'freshdesk', base);
    const fields = await http.get<{ name: string; choices?: unknown }[]>('/api/v2/ticket_fields');
    const problems = missingIds(
      loaded.policy,
      'freshdesk',
      new Set(groups.map((g) => String(g.id))),
      new Set((fields ?? []).map((f) => f.name)),
    );
    const statusField = (fields ?? []).find((f) => f.name === 'status');
    const statuses =
      statusField?.choices && typeof statusField.choices === 'object'
        ? Object.entries(statusField.choices as Record<string, unknown>).map(([id, v]) => `${id} ${Array.isArray(v) ? v[0] : v}`)
        : [];
    if (statuses.length) await say(`statuses: ${statuses.join(', ')}`);
    const onHold = env.FRESHDESK_ON_HOLD_STATUS;
    if (onHold && statuses.length && !statuses.some((s) => s.startsWith(`${onHold} `)))
      problems.push(`FRESHDESK_ON_HOLD_STATUS=${onHold} is not a status of this account (fix: use one of the statuses above, e.g. 6 or 7)`);
    if (!onHold) await say('FRESHDESK_ON_HOLD_STATUS is not set: pick the status written for on_hold from the list above');
    await say(`policy ${loaded.source}: ${problems.length ? `${problems.length} problem(s)` : 'group and field ids OK'}`);
    for (const p of problems) await write(io.stderr, `${p.startsWith('FRESHDESK_') ? 'settings' : loaded.source}: ${p}\n`);
    await say('');
    await say(rulesText(url));
    return problems.length ? 1 : 0;
  } catch (e) {
    return fail(e instanceof SetupError ? e.message : `unexpected error: ${(e as Error).message}`);
  }
};
