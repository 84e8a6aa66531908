/**
 * The connector's environment variables, validated with zod. Every variable is documented in
 * docs/connector.md "Configuration" with its default.
 */
import { z } from 'zod';
import { parseDatabaseUrl } from '../store/database-url';

const optionalText = z.string().trim().min(1).optional();
const secret = (min: number) => z.string().trim().min(min, `use at least ${min} characters (e.g. \`openssl rand -hex 32\`)`).optional();
const url = z.url({ protocol: /^https?$/, error: 'use a full http(s) URL such as https://example.zendesk.com' }).optional();
const intIn = (min: number, max: number) => z.coerce.number({ error: 'use a whole number' }).int('use a whole number').min(min).max(max);

/** `HOST_RATE_LIMIT_PER_MIN`: one number for every host, or `zendesk=160,freshdesk=64`. */
const rateLimit = z
  .string()
  .trim()
  .regex(/^(\d+|(zendesk|freshdesk)=\d+(,(zendesk|freshdesk)=\d+)*)$/, 'use a number (e.g. 120) or per host: zendesk=160,freshdesk=64')
  .optional();

export const envSchema = z.object({
  PORT: intIn(0, 65535).default(3000),
  /** Interface to listen on. Default 0.0.0.0, or 127.0.0.1 for the sandbox. */
  HOST: z
    .union([z.ipv4(), z.ipv6(), z.literal('localhost')], {
      error: 'use an IP address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)',
    })
    .optional(),
  /** How long SIGTERM waits for host calls in flight before abandoning them for the next start. */
  SHUTDOWN_GRACE_MS: intIn(0, 600_000).default(10_000),
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .default('sqlite:./data/complaint-desk.db')
    .superRefine((v, ctx) => {
      const problem = databaseUrlProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  POLICY_FILE: z.string().trim().min(1).default('policies/default.json'),
  /** Labelled JSONL the admin console's "Retrain from corrections" trains on (default policies/training/train.jsonl of the install). */
  TRAINING_CORPUS: optionalText,
  /** Folder of retrained candidate models (default: models/ beside the SQLite file; ./data/models on PostgreSQL). */
  MODELS_DIR: optionalText,
  /** Training epochs of that retrain (default the trainer's, 40; a small number trains faster and worse). */
  TRAINING_EPOCHS: intIn(1, 500).optional(),
  ZENDESK_SUBDOMAIN: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'use only the subdomain, e.g. "acme" for acme.zendesk.com')
    .optional(),
  ZENDESK_EMAIL: z.email('use the e-mail address of the agent who owns the API token').optional(),
  ZENDESK_API_TOKEN: optionalText,
  ZENDESK_WEBHOOK_SECRET: optionalText,
  ZENDESK_API_URL: url,
  /** The app's public key (PEM) for RS256 ZAF signed-URL tokens (Zendesk: GET /api/v2/apps/{app_id}/public_key.pem). */
  ZENDESK_APP_PUBLIC_KEY: z
    .string()
    .trim()
    .regex(
      /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/,
      'paste the PEM public key, from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----',
    )
    .optional(),
  /** A file holding that PEM (instead of ZENDESK_APP_PUBLIC_KEY; multi-line values are awkward in some environments). */
  ZENDESK_APP_PUBLIC_KEY_FILE: optionalText,
  /** Expected `aud` of sidebar tokens (the app installation id for signed URLs). */
  ZENDESK_APP_AUDIENCE: optionalText,
  /** Expected `iss` of sidebar tokens (e.g. acme.zendesk.com for signed URLs). */
  ZENDESK_APP_ISSUER: optionalText,
  /** on (default with Zendesk credentials): a sidebar token's role is what the agent's Zendesk groups vouch for; off: trust the token's claims. */
  ZENDESK_VOUCH_ROLES: z.enum(['on', 'off']).default('on'),
  /** signed (default): approvals, evidence reviews/export and safety downgrades on Zendesk tickets need an agent id Zendesk signed (signed mode); claimed: the ZAF proxy token's id is taken as is. */
  ZENDESK_PRIVILEGED_IDENTITY: z.enum(['signed', 'claimed']).default('signed'),
  /** Lifetime of a signed-mode sidebar session, renewed on use (at most 12 h after Zendesk signed). */
  ZENDESK_SESSION_MINUTES: intIn(5, 720).default(60),
  /** claimed (default): Freshdesk sidebar approvals/reviews/exports rest on the app's (browser's) agent id; refuse: none from the sidebar. */
  FRESHDESK_PRIVILEGED_IDENTITY: z.enum(['claimed', 'refuse']).default('claimed'),
  FRESHDESK_DOMAIN: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]*$/i, 'use the domain, e.g. "acme" or "acme.freshdesk.com"')
    .optional(),
  FRESHDESK_API_KEY: optionalText,
  FRESHDESK_WEBHOOK_SECRET: secret(16),
  FRESHDESK_API_URL: url,
  /** Requester of the tickets the connector creates without one (cluster trackers): Freshdesk requires a requester. */
  FRESHDESK_DEFAULT_REQUESTER_EMAIL: z
    .email('use the e-mail address of a contact (e.g. complaints@acme.example) that owns tracker tickets')
    .optional(),
  /** Status id written for on_hold: 6 "Waiting on Customer", 7 "Waiting on Third Party" or a custom status id (Admin → Ticket Fields → Status). */
  FRESHDESK_ON_HOLD_STATUS: intIn(2, 1_000_000).optional(),
  /** on (default): batch clusters create a tracker ticket in Freshdesk; off: clusters are noted only (no ticket is created). */
  FRESHDESK_CLUSTERS: z.enum(['on', 'off']).default('on'),
  APP_SHARED_SECRET: secret(16),
  ADMIN_TOKEN: secret(16),
  HOST_RATE_LIMIT_PER_MIN: rateLimit,
  /**
   * The window HOST_RATE_LIMIT_PER_MIN counts in, in ms (default 60000: the hosts' minute). Only a host that counts
   * its limit over another window, or a test against a fake host, needs another value.
   */
  HOST_RATE_LIMIT_WINDOW_MS: intIn(1000, 3_600_000).default(60_000),
  /** Reconciliation period in minutes (catch-up on missed webhooks; 0 = off; fractions from 0.05, i.e. 3 s, for tests and demos). */
  RECONCILE_INTERVAL_MINUTES: z.coerce
    .number({ error: 'use a number of minutes' })
    .min(0)
    .max(1440)
    .refine((m) => m === 0 || m >= 0.05, 'use 0 (off) or at least 0.05 (3 seconds)')
    .default(10),
  /** Tickets listed per host and reconciliation run (each costs at most one re-read). */
  RECONCILE_MAX_TICKETS: intIn(1, 10_000).default(200),
  /** Tickets one process works on at once (PostgreSQL; default 4). SQLite's one connection processes one at a time. */
  PROCESS_CONCURRENCY: intIn(1, 32).optional(),
  /**
   * How often the pipeline looks for work nobody announced (ms): timers, retries, a dead replica's tickets. Default
   * 5000; on PostgreSQL replicas also wake each other with notices, so this is a safety poll there.
   */
  POLL_MS: intIn(100, 600_000).optional(),
  /** auto (default): sandbox when no host credentials; on: always; off: never. */
  SANDBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export const ENV_NAMES = Object.keys(envSchema.shape) as (keyof Env)[];

/**
 * DATABASE_URL names a SQLite file (one process) or a PostgreSQL database (postgres://, several processes;
 * docs/several-connectors.md). Any other scheme is refused: taking it as a path would split the data.
 */
function databaseUrlProblem(url: string): string | null {
  const r = parseDatabaseUrl(url);
  if (!r.ok) return r.problem;
  return null;
}
