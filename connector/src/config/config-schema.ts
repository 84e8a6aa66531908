/**
 * The connector's environment variables, validated with zod. Every variable is documented in
 * docs/connector.md "Configuration" with its default.
 */
import { z } from 'zod';

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
  DATABASE_URL: z.string().trim().min(1).default('sqlite:./data/complaint-desk.db'),
  POLICY_FILE: z.string().trim().min(1).default('policies/default.json'),
  ZENDESK_SUBDOMAIN: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'use only the subdomain, e.g. "acme" for acme.zendesk.com').optional(),
  ZENDESK_EMAIL: z.email('use the e-mail address of the agent who owns the API token').optional(),
  ZENDESK_API_TOKEN: optionalText,
  ZENDESK_WEBHOOK_SECRET: optionalText,
  ZENDESK_API_URL: url,
  FRESHDESK_DOMAIN: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]*$/i, 'use the domain, e.g. "acme" or "acme.freshdesk.com"').optional(),
  FRESHDESK_API_KEY: optionalText,
  FRESHDESK_WEBHOOK_SECRET: secret(16),
  FRESHDESK_API_URL: url,
  APP_SHARED_SECRET: secret(16),
  ADMIN_TOKEN: secret(16),
  HOST_RATE_LIMIT_PER_MIN: rateLimit,
  /** auto (default): sandbox when no host credentials; on: always; off: never. */
  SANDBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export const ENV_NAMES = Object.keys(envSchema.shape) as (keyof Env)[];
