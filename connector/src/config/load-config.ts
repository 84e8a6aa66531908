/**
 * `loadConfig(env)`: validates the environment once at start-up. A bad value throws a ConfigError
 * whose message names each variable, what is wrong and how to fix it; main.ts prints it and exits.
 */
import { redactDatabaseUrl } from '../store/database-url';
import { envSchema, ENV_NAMES, type Env } from './config-schema';
import { readZendeskPublicKey } from './read-zendesk-public-key';
import { freshdeskApiUrl } from '../hosts/freshdesk/freshdesk-url';
import { zendeskApiUrl } from '../hosts/zendesk/zendesk-url';

export interface ZendeskConfig {
  subdomain: string | null;
  email: string;
  apiToken: string;
  /** Base URL of the API (ZENDESK_API_URL or https://<subdomain>.zendesk.com). */
  apiUrl: string;
  /** Sidebar token verification: RS256 key and expected claims; whether roles are vouched by a Zendesk lookup. */
  app?: {
    publicKeyPem: string | null;
    audience: string | null;
    issuer: string | null;
    vouchRoles: boolean;
    /** ZENDESK_PRIVILEGED_IDENTITY (default signed) and ZENDESK_SESSION_MINUTES (default 60): see auth/privileged-identity.ts, auth/session-token.ts. */
    privilegedIdentity?: 'signed' | 'claimed';
    sessionMinutes?: number;
  };
}

export interface FreshdeskConfig {
  domain: string | null;
  apiKey: string;
  apiUrl: string;
  /** Requester of tracker tickets (FRESHDESK_DEFAULT_REQUESTER_EMAIL); null only when FRESHDESK_CLUSTERS=off. */
  defaultRequesterEmail: string | null;
  /** Status written for on_hold (FRESHDESK_ON_HOLD_STATUS); null only when FRESHDESK_CLUSTERS=off (the client then uses 7). */
  onHoldStatus: number | null;
  clusters: boolean;
  /** FRESHDESK_PRIVILEGED_IDENTITY: claimed (default) or refuse (auth/privileged-identity.ts). */
  privilegedIdentity?: 'claimed' | 'refuse';
}

export interface Config {
  port: number;
  /** HOST: the interface to listen on (0.0.0.0, or 127.0.0.1 in sandbox mode, unless set). */
  host: string;
  /** SHUTDOWN_GRACE_MS: the bound on waiting for in-flight host calls at shutdown. */
  shutdownGraceMs: number;
  databaseUrl: string;
  policyFile: string;
  /** TRAINING_CORPUS / TRAINING_EPOCHS: the admin console's retrain (null: the install's policies/training/train.jsonl, the trainer's epochs). */
  trainingCorpus: string | null;
  trainingEpochs: number | null;
  /** MODELS_DIR: where retrained candidates are written (null: models/ beside the SQLite file, ./data/models on PostgreSQL). */
  modelsDir: string | null;
  /** Host API credentials; null when that host is not configured. */
  zendesk: ZendeskConfig | null;
  freshdesk: FreshdeskConfig | null;
  webhooks: {
    /** Any of these may sign a Zendesk webhook (rotation). Empty: the endpoint rejects everything with 401. */
    zendeskSecrets: string[];
    freshdeskSecret: string | null;
  };
  appSharedSecret: string | null;
  adminToken: string | null;
  rateLimitPerMin: { zendesk: number; freshdesk: number };
  /** HOST_RATE_LIMIT_WINDOW_MS: the window rateLimitPerMin counts in (60000 unless configured). */
  rateLimitWindowMs: number;
  /** Reconciliation of missed webhooks: period (0 = off) and tickets per host and run. */
  reconcile: { intervalMinutes: number; maxTickets: number };
  /** PROCESS_CONCURRENCY: tickets processed at once (null: the pipeline's default for the store). */
  processConcurrency: number | null;
  /** POLL_MS: the pipeline's (safety) poll interval (null: the pipeline's default). */
  pollMs: number | null;
  /** Run the sandbox host (no host credentials, or SANDBOX=on). */
  sandbox: boolean;
  logLevel: Env['LOG_LEVEL'];
}

/** 80 % of the smallest plan's limits (Zendesk 200 req/min; Freshdesk 80 ticket updates/min). */
export const DEFAULT_RATE_LIMIT_PER_MIN = { zendesk: 160, freshdesk: 64 } as const;

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `configuration is not valid:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}\nFix the variable(s) above (see docs/connector.md "Configuration") and start again.`,
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as "not set" so `FOO=` in a .env file does not trip validation.
  const input: Record<string, string> = {};
  for (const name of ENV_NAMES) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') input[name] = v;
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '(environment)'), message: describe(i, input) })),
    );
  }
  const e = parsed.data;
  const problems: ConfigProblem[] = [];
  const zendesk = hostGroup(
    problems,
    'Zendesk',
    { ZENDESK_EMAIL: e.ZENDESK_EMAIL, ZENDESK_API_TOKEN: e.ZENDESK_API_TOKEN },
    e.ZENDESK_SUBDOMAIN,
    e.ZENDESK_API_URL,
    'ZENDESK_SUBDOMAIN',
    'ZENDESK_API_URL',
  );
  const freshdesk = hostGroup(
    problems,
    'Freshdesk',
    { FRESHDESK_API_KEY: e.FRESHDESK_API_KEY },
    e.FRESHDESK_DOMAIN,
    e.FRESHDESK_API_URL,
    'FRESHDESK_DOMAIN',
    'FRESHDESK_API_URL',
  );
  const zendeskSecrets = (e.ZENDESK_WEBHOOK_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (zendeskSecrets.some((s) => s.length < 16))
    problems.push({
      variable: 'ZENDESK_WEBHOOK_SECRET',
      message: 'each comma-separated secret must be the signing secret Zendesk shows for the webhook (at least 16 characters)',
    });
  if (zendesk && zendeskSecrets.length === 0)
    problems.push({
      variable: 'ZENDESK_WEBHOOK_SECRET',
      message:
        "required when Zendesk credentials are set: copy the webhook's signing secret from Admin Center → Webhooks → (webhook) → Reveal secret",
    });
  if (freshdesk && !e.FRESHDESK_WEBHOOK_SECRET)
    problems.push({
      variable: 'FRESHDESK_WEBHOOK_SECRET',
      message:
        "required when Freshdesk credentials are set: generate one (`openssl rand -hex 32`) and put it in the automation's X-Complaint-Desk-Secret header",
    });
  const publicKeyPem = readZendeskPublicKey(problems, e.ZENDESK_APP_PUBLIC_KEY, e.ZENDESK_APP_PUBLIC_KEY_FILE);
  if (zendesk && publicKeyPem && !e.ZENDESK_APP_ISSUER && !e.ZENDESK_SUBDOMAIN) {
    problems.push({
      variable: 'ZENDESK_APP_ISSUER',
      message: 'required for signed mode when ZENDESK_SUBDOMAIN is not set: the account host Zendesk puts in "iss", e.g. acme.zendesk.com',
    });
  }
  if (freshdesk && e.FRESHDESK_CLUSTERS === 'on') {
    // Every cluster's tracker ticket needs a requester and its members an on-hold status: without them each tracker is parked.
    if (!e.FRESHDESK_DEFAULT_REQUESTER_EMAIL)
      problems.push({
        variable: 'FRESHDESK_DEFAULT_REQUESTER_EMAIL',
        message:
          "required while FRESHDESK_CLUSTERS=on (the default): Freshdesk creates no ticket without a requester, so every batch cluster's tracker ticket would fail. Set the e-mail of a contact that owns tracker tickets (e.g. complaints@acme.example), or set FRESHDESK_CLUSTERS=off",
      });
    if (e.FRESHDESK_ON_HOLD_STATUS === undefined)
      problems.push({
        variable: 'FRESHDESK_ON_HOLD_STATUS',
        message:
          'required while FRESHDESK_CLUSTERS=on (the default): the status id the connector writes for on_hold: 6 (Waiting on Customer), 7 (Waiting on Third Party) or your custom status id (Admin → Ticket Fields → Status); `complaint-desk setup freshdesk` lists them. Or set FRESHDESK_CLUSTERS=off',
      });
  }
  const anyHost = Boolean(zendesk || freshdesk);
  if (anyHost && !e.APP_SHARED_SECRET)
    problems.push({
      variable: 'APP_SHARED_SECRET',
      message:
        'required with host credentials: the sidebar apps authenticate with it (Zendesk secure setting shared_secret / Freshdesk secure iparam)',
    });
  if (anyHost && !e.ADMIN_TOKEN)
    problems.push({
      variable: 'ADMIN_TOKEN',
      message: 'required with host credentials: it protects the admin console and API (e.g. `openssl rand -hex 32`)',
    });
  const sandbox = e.SANDBOX === 'on' || (e.SANDBOX === 'auto' && !anyHost);
  if (sandbox && anyHost) {
    problems.push({
      variable: 'SANDBOX',
      message: `SANDBOX=on cannot run beside real host credentials (${[zendesk && 'Zendesk', freshdesk && 'Freshdesk'].filter(Boolean).join(', ')} set): its virtual clock, test tickets and sidebar keys would act on the real helpdesk. Unset SANDBOX (or set SANDBOX=off) to run against the helpdesk, or unset the host credentials to try the sandbox`,
    });
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST ?? (sandbox ? '127.0.0.1' : '0.0.0.0'),
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    databaseUrl: e.DATABASE_URL,
    policyFile: e.POLICY_FILE,
    trainingCorpus: e.TRAINING_CORPUS ?? null,
    trainingEpochs: e.TRAINING_EPOCHS ?? null,
    modelsDir: e.MODELS_DIR ?? null,
    zendesk: !zendesk
      ? null
      : {
          subdomain: e.ZENDESK_SUBDOMAIN ?? null,
          email: e.ZENDESK_EMAIL!,
          apiToken: e.ZENDESK_API_TOKEN!,
          apiUrl: trimSlash(e.ZENDESK_API_URL ?? zendeskApiUrl(e.ZENDESK_SUBDOMAIN!)),
          app: {
            publicKeyPem,
            audience: e.ZENDESK_APP_AUDIENCE ?? null,
            issuer: e.ZENDESK_APP_ISSUER ?? null,
            vouchRoles: e.ZENDESK_VOUCH_ROLES === 'on',
            privilegedIdentity: e.ZENDESK_PRIVILEGED_IDENTITY,
            sessionMinutes: e.ZENDESK_SESSION_MINUTES,
          },
        },
    freshdesk: !freshdesk
      ? null
      : {
          domain: e.FRESHDESK_DOMAIN ?? null,
          apiKey: e.FRESHDESK_API_KEY!,
          apiUrl: trimSlash(e.FRESHDESK_API_URL ?? freshdeskApiUrl(e.FRESHDESK_DOMAIN!)),
          defaultRequesterEmail: e.FRESHDESK_DEFAULT_REQUESTER_EMAIL ?? null,
          onHoldStatus: e.FRESHDESK_ON_HOLD_STATUS ?? null,
          clusters: e.FRESHDESK_CLUSTERS === 'on',
          privilegedIdentity: e.FRESHDESK_PRIVILEGED_IDENTITY,
        },
    webhooks: { zendeskSecrets, freshdeskSecret: e.FRESHDESK_WEBHOOK_SECRET ?? null },
    appSharedSecret: e.APP_SHARED_SECRET ?? null,
    adminToken: e.ADMIN_TOKEN ?? null,
    rateLimitPerMin: parseRateLimit(e.HOST_RATE_LIMIT_PER_MIN),
    rateLimitWindowMs: e.HOST_RATE_LIMIT_WINDOW_MS,
    reconcile: { intervalMinutes: e.RECONCILE_INTERVAL_MINUTES, maxTickets: e.RECONCILE_MAX_TICKETS },
    processConcurrency: e.PROCESS_CONCURRENCY ?? null,
    pollMs: e.POLL_MS ?? null,
    sandbox,
    logLevel: e.LOG_LEVEL,
  };
}

/** A host is configured when any of its credentials is set; then all of them must be (the base URL may replace the domain). */
function hostGroup(
  problems: ConfigProblem[],
  host: string,
  creds: Record<string, string | undefined>,
  domain: string | undefined,
  apiUrl: string | undefined,
  domainVar: string,
  urlVar: string,
): boolean {
  const set = Object.values(creds).some(Boolean) || Boolean(domain);
  if (!set) return false;
  for (const [name, value] of Object.entries(creds)) {
    if (!value)
      problems.push({
        variable: name,
        message: `required because other ${host} credentials are set; set it, or unset all ${host} variables to run without ${host}`,
      });
  }
  if (!domain && !apiUrl)
    problems.push({ variable: domainVar, message: `required because ${host} credentials are set (or set ${urlVar} to the API base URL)` });
  return true;
}

function parseRateLimit(raw: string | undefined): Config['rateLimitPerMin'] {
  const out: Config['rateLimitPerMin'] = { ...DEFAULT_RATE_LIMIT_PER_MIN };
  if (!raw) return out;
  if (/^\d+$/.test(raw)) return { zendesk: Number(raw), freshdesk: Number(raw) };
  for (const part of raw.split(',')) {
    const [host, n] = part.split('=') as ['zendesk' | 'freshdesk', string];
    out[host] = Number(n);
  }
  return out;
}

function trimSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

function describe(issue: { code: string; message: string; path: PropertyKey[] }, input: Record<string, string>): string {
  const name = String(issue.path[0] ?? '');
  const shown = name === 'DATABASE_URL' ? redactDatabaseUrl(input[name] ?? '') : input[name];
  const value = name in input ? ` (got ${/SECRET|TOKEN|KEY/.test(name) ? 'a value' : JSON.stringify(shown)})` : '';
  return `${issue.message}${value}`;
}
