/**
 * `complaint-desk setup zendesk --url https://<connector> [--policy FILE] [--dry-run] [--print-secret]`: checks the
 * credentials (GET /api/v2/users/me.json), the policy's group and custom-field ids (groups, ticket_fields), then
 * creates or updates, idempotently, what README used to ask admins to click together:
 * - the webhook "Complaint Desk (ticket events)" subscribed to the ticket events the connector handles
 *   (developer.zendesk.com/api-reference/webhooks/webhooks-api: POST /api/v2/webhooks, PUT /api/v2/webhooks/{id},
 *   GET /api/v2/webhooks/{id}/signing_secret);
 * - the trigger "Complaint Desk: notify supervisors" when the policy has escalation.supervisorNotification
 *   (developer.zendesk.com/api-reference/ticketing/business-rules/triggers: POST /api/v2/triggers.json, PUT …/{id}.json).
 * Unchanged objects are not written. `--dry-run` prints the writes instead of sending them.
 */
import { write, type CliCommand } from '../../../../policies/cli/cli-io';
import { problemLines, readPolicyFile } from '../../../../policies/cli/cli-io';
import type { Policy } from '../../../../policies/src/types';
import { ZENDESK_TICKET_EVENTS } from '../../hosts/zendesk/parse-zendesk-event';
import { missingIds } from './check-policy-ids';
import { allPages, createSetupHttp, SetupError, type SetupHttp } from './setup-http';
import { zendeskApiUrl } from '../../hosts/zendesk/zendesk-url';
import { readSetupArgs } from './read-setup-args';

export const SETUP_ZENDESK_HELP = `Usage: complaint-desk setup zendesk --url https://CONNECTOR [--policy FILE] [--dry-run] [--print-secret]

Checks the Zendesk credentials and the policy's group and custom-field ids against the account, then creates or
updates (idempotently) the webhook with its event subscriptions and the supervisor-notification trigger.
  --url URL        the connector's public base URL (the webhook posts to URL/webhooks/zendesk)
  --policy FILE    the policy to check (default: $POLICY_FILE, else the built-in default policy)
  --dry-run        print the requests that would change Zendesk instead of sending them
  --print-secret   print the webhook's signing secret as ZENDESK_WEBHOOK_SECRET=… (otherwise only where to find it)
Credentials: ZENDESK_SUBDOMAIN (or ZENDESK_API_URL), ZENDESK_EMAIL, ZENDESK_API_TOKEN (an admin's token).
Exit codes: 0 done, 1 the account does not match the policy, 2 usage or API error.
`;

export const WEBHOOK_NAME = 'Complaint Desk (ticket events)';

interface Identified {
  id: number | string;
}
interface ZdWebhook {
  id: string;
  name: string;
  endpoint?: string;
  http_method?: string;
  request_format?: string;
  status?: string;
  subscriptions?: string[];
}
interface ZdTrigger {
  id: number;
  title: string;
  active?: boolean;
  conditions?: unknown;
  actions?: unknown;
}
export const TRIGGER_TITLE = 'Complaint Desk: notify supervisors';

export const setupZendesk: CliCommand = async (args, io) => {
  const start = await readSetupArgs('zendesk', SETUP_ZENDESK_HELP, args, io);
  if ('exit' in start) return start.exit;
  const { url, opts, fail } = start;
  const env = io.env;
  const base = env.ZENDESK_API_URL || (env.ZENDESK_SUBDOMAIN ? zendeskApiUrl(env.ZENDESK_SUBDOMAIN) : '');
  const missing = [
    !base && 'ZENDESK_SUBDOMAIN',
    !env.ZENDESK_EMAIL && 'ZENDESK_EMAIL',
    !env.ZENDESK_API_TOKEN && 'ZENDESK_API_TOKEN',
  ].filter(Boolean);
  if (missing.length)
    return fail(`set ${missing.join(', ')} (an admin's e-mail and API token: Admin Center → Apps and integrations → Zendesk API)`);
  const loaded = readPolicyFile(typeof opts.policy === 'string' ? opts.policy : env.POLICY_FILE, io);
  if (!loaded.ok) {
    await write(io.stderr, problemLines(loaded.source, loaded));
    return 2;
  }
  const http = createSetupHttp(
    base,
    `Basic ${Buffer.from(`${env.ZENDESK_EMAIL}/token:${env.ZENDESK_API_TOKEN}`).toString('base64')}`,
    opts['dry-run'] === true,
    io,
  );
  const say = (line: string) => write(io.stdout, `${line}\n`);
  try {
    const me = await http.get<{ user?: { id: number; role?: string; email?: string } }>('/api/v2/users/me.json');
    if (!me?.user?.id) throw new SetupError('GET /api/v2/users/me.json answered no user: the credentials are not accepted');
    await say(
      `credentials: OK (user ${me.user.id}, role ${me.user.role ?? 'unknown'})${me.user.role === 'admin' ? '' : ' — webhooks and triggers need an admin'}`,
    );
    const groups = await allPages(
      http,
      '/api/v2/groups.json',
      (b) => (b as { groups?: Identified[] } | null)?.groups ?? [],
      'zendesk',
      base,
    );
    const fields = await allPages(
      http,
      '/api/v2/ticket_fields.json',
      (b) => (b as { ticket_fields?: Identified[] } | null)?.ticket_fields ?? [],
      'zendesk',
      base,
    );
    const problems = missingIds(
      loaded.policy,
      'zendesk',
      new Set(groups.map((g) => String(g.id))),
      new Set(fields.map((f) => String(f.id))),
    );
    await say(`policy ${loaded.source}: ${problems.length ? `${problems.length} id(s) not in this account` : 'group and field ids OK'}`);
    for (const p of problems) await write(io.stderr, `${loaded.source}: ${p}\n`);
    const webhookId = await ensureWebhook(http, `${url}/webhooks/zendesk`, say);
    if (webhookId && !http.dryRun) {
      const s = await http.get<{ signing_secret?: { secret?: string } }>(
        `/api/v2/webhooks/${encodeURIComponent(webhookId)}/signing_secret`,
      );
      if (opts['print-secret'] === true && s?.signing_secret?.secret) await say(`ZENDESK_WEBHOOK_SECRET=${s.signing_secret.secret}`);
      else
        await say(
          `signing secret: set ZENDESK_WEBHOOK_SECRET to the secret of webhook ${webhookId} (run again with --print-secret, or Admin Center → Webhooks → Reveal secret)`,
        );
    }
    await ensureSupervisorTrigger(http, loaded.policy, base, say);
    return problems.length ? 1 : 0;
  } catch (e) {
    return fail(e instanceof SetupError ? e.message : `unexpected error: ${(e as Error).message}`);
  }
};

async function ensureWebhook(http: SetupHttp, endpoint: string, say: (l: string) => unknown): Promise<string | null> {
  const wanted = {
    name: WEBHOOK_NAME,
    status: 'active',
    endpoint,
    http_method: 'POST',
    request_format: 'json',
    subscriptions: ZENDESK_TICKET_EVENTS.map((e) => `zen:event-type:ticket.${e}`),
  };
  const list = await http.get<{ webhooks?: ZdWebhook[] }>(
    `/api/v2/webhooks?${new URLSearchParams({ 'filter[name_contains]': 'Complaint Desk' })}`,
  );
  const existing = (list?.webhooks ?? []).find((w) => w.name === WEBHOOK_NAME);
  if (!existing) {
    const res = await http.send<{ webhook?: { id: string } }>('POST', '/api/v2/webhooks', { webhook: wanted });
    await say(
      http.dryRun
        ? `webhook: would create "${WEBHOOK_NAME}" → ${endpoint}`
        : `webhook: created "${WEBHOOK_NAME}" (${res?.webhook?.id}) → ${endpoint}, subscribed to ${wanted.subscriptions.join(', ')}`,
    );
    return res?.webhook?.id ?? null;
  }
  const same =
    existing.endpoint === endpoint &&
    existing.http_method === 'POST' &&
    existing.request_format === 'json' &&
    existing.status === 'active' &&
    JSON.stringify([...(existing.subscriptions ?? [])].sort()) === JSON.stringify([...wanted.subscriptions].sort());
  if (same) {
    await say(`webhook: "${WEBHOOK_NAME}" (${existing.id}) unchanged`);
    return existing.id;
  }
  await http.send('PUT', `/api/v2/webhooks/${encodeURIComponent(existing.id)}`, { webhook: wanted });
  await say(`webhook: ${http.dryRun ? 'would update' : 'updated'} "${WEBHOOK_NAME}" (${existing.id}) → ${endpoint}`);
  return existing.id;
}

async function ensureSupervisorTrigger(http: SetupHttp, policy: Policy, base: string, say: (l: string) => unknown): Promise<void> {
  const tag = policy.escalation.supervisorNotification?.tag;
  if (!tag) {
    await say('trigger: the policy has no escalation.supervisorNotification; none needed');
    return;
  }
  const groupKey = policy.escalation.tiers.supervisor.group;
  const groupId = policy.groups[groupKey]?.zendeskGroupId;
  if (groupId == null) {
    await say(`trigger: skipped — groups.${groupKey}.zendeskGroupId is null, so there is no supervisors group to notify`);
    return;
  }
  const wanted = {
    title: TRIGGER_TITLE,
    active: true,
    conditions: { all: [{ field: 'current_tags', operator: 'includes', value: tag }], any: [] },
    actions: [
      {
        field: 'notification_group',
        value: [
          String(groupId),
          'Escalated complaint #{{ticket.id}}: {{ticket.title}}',
          'Complaint Desk escalated ticket #{{ticket.id}} and asks a supervisor to look at it: {{ticket.link}}',
        ],
      },
      { field: 'remove_tags', value: tag },
    ],
  };
  const triggers = await allPages(
    http,
    '/api/v2/triggers.json',
    (b) => (b as { triggers?: ZdTrigger[] } | null)?.triggers ?? [],
    'zendesk',
    base,
  );
  const existing = triggers.find((t) => t.title === TRIGGER_TITLE);
  if (!existing) {
    const res = await http.send<{ trigger?: { id: number } }>('POST', '/api/v2/triggers.json', { trigger: wanted });
    await say(
      http.dryRun
        ? `trigger: would create "${TRIGGER_TITLE}"`
        : `trigger: created "${TRIGGER_TITLE}" (${res?.trigger?.id}) for tag ${tag} → group ${groupId}`,
    );
    return;
  }
  const same =
    existing.active === true &&
    JSON.stringify(existing.conditions) === JSON.stringify(wanted.conditions) &&
    JSON.stringify(existing.actions) === JSON.stringify(wanted.actions);
  if (same) {
    await say(`trigger: "${TRIGGER_TITLE}" (${existing.id}) unchanged`);
    return;
  }
  await http.send('PUT', `/api/v2/triggers/${existing.id}.json`, { trigger: wanted });
  await say(`trigger: ${http.dryRun ? 'would update' : 'updated'} "${TRIGGER_TITLE}" (${existing.id})`);
}
