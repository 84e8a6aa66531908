/**
 * Sidebar API auth. Either a JWT (`Authorization: Bearer …`: HS256 from the ZAF proxy or an RS256 ZAF signed-URL
 * token, verify-app-jwt.ts; claims give the agent) or `X-Complaint-Desk-Key: <APP_SHARED_SECRET>` (Freshdesk request
 * template, sandbox sidebar) with `X-Complaint-Desk-Agent/-Role/-Locale` headers. Sets
 * `res.locals.agent = {id, name, role, locale, vouched}`. With a Zendesk voucher (Zendesk credentials configured), a
 * JWT's role is replaced by the role Zendesk vouches for (vouch-zendesk-role.ts): a browser-written `role` claim
 * never grants more than the agent's Zendesk groups do. The agent *id* of an HS256 token is still the browser's word;
 * two bearer tokens carry an id Zendesk vouches for (`agent.idVouchedBy = 'zendesk'`): Zendesk's own RS256 signed-URL
 * token (verify-zendesk-signed-url.ts) and the connector session minted from one (session-token.ts; renewed past half
 * its life through the X-Complaint-Desk-Session response header). See docs/zendesk.md, "Signed mode", and
 * docs/hosts-setup.md, "Trust model".
 */
import type { RequestHandler } from 'express';
import { LOCALES, type Locale } from '../../../policies/src/ids';
import type { Clock } from '../clock';
import type { Agent } from '../decide/agent-action';
import { AppError } from '../errors';
import { constantTimeEqual } from '../constant-time-equal';
import { looksLikeSession, mintSession, SESSION_HEADER, sessionKey, verifySession } from './session-token';
import { createAppJwtVerifier } from './verify-app-jwt';
import type { ZendeskSignedUrlVerifier } from './verify-zendesk-signed-url';
import type { ZendeskRoleVoucher } from './vouch-zendesk-role';

export interface AppAuthOptions {
  /** APP_SHARED_SECRET (a function so a sandbox-generated secret can be read late). */
  secret: string | null | (() => string | null);
  clock: Clock;
  /** Used when the request names no (or an unknown) locale: the active policy's defaultLocale. */
  defaultLocale: () => Locale;
  /** Role when the request names none (or an unusable one): the policy's lowest-ranked role. */
  defaultRole: () => string;
  /** Replaces a JWT's claimed role with the one Zendesk vouches for (set when Zendesk credentials are configured). */
  zendeskVoucher?: ZendeskRoleVoucher;
  /** Zendesk's RS256 signed-URL tokens (ZENDESK_APP_PUBLIC_KEY with the account as issuer). */
  signedUrl?: ZendeskSignedUrlVerifier;
  /** Lifetime of a connector session before renewal is needed (default 60 minutes). */
  sessionTtlMs?: number;
}

export const DEFAULT_SESSION_TTL_MS = 60 * 60_000;

export function requireAppAuth(opts: AppAuthOptions): RequestHandler {
  const verifiers = new Map<string, ReturnType<typeof createAppJwtVerifier>>();
  const verifierFor = (secret: string) => {
    let v = verifiers.get(secret);
    if (!v) verifiers.set(secret, (v = createAppJwtVerifier({ sharedSecret: secret })));
    return v;
  };
  let derived: { secret: string; key: Uint8Array } | null = null;
  const keyFor = (secret: string) => (derived?.secret === secret ? derived.key : (derived = { secret, key: sessionKey(secret) }).key);
  return (req, res, next) => {
    const secret = typeof opts.secret === 'function' ? opts.secret() : opts.secret;
    if (!secret) return next(new AppError('unauthorized', 'the sidebar API is disabled: APP_SHARED_SECRET is not set on the connector'));
    const auth = req.get('authorization');
    const key = req.get('x-complaint-desk-key');
    if (auth && /^Bearer\s+/i.test(auth)) {
      const token = auth.replace(/^Bearer\s+/i, '').trim();
      void (async () => {
        const now = opts.clock.now();
        if (looksLikeSession(token) || (algOf(token) === 'RS256' && opts.signedUrl)) {
          // An id Zendesk vouches for: a connector session, or Zendesk's own signed-URL token.
          let userId: string;
          if (looksLikeSession(token)) {
            const s = await verifySession(keyFor(secret), token, now);
            if (!s.ok) return next(new AppError('unauthorized', `invalid sidebar session: ${s.reason}`));
            userId = s.claims.userId;
            const ttl = opts.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
            if (s.claims.expiresAt - now < ttl / 2) {
              const renewed = await mintSession(keyFor(secret), s.claims, now, ttl);
              if (renewed.expiresAt > s.claims.expiresAt) res.set(SESSION_HEADER, renewed.token);
            }
          } else {
            const v = await opts.signedUrl!(token, now);
            if (!v.ok) return next(new AppError('unauthorized', `invalid Zendesk signed-URL token: ${v.reason}`));
            userId = v.userId;
          }
          const a = agent(userId, undefined, appParam(req, 'role'), appParam(req, 'locale'), opts);
          a.idVouchedBy = 'zendesk';
          if (opts.zendeskVoucher) {
            // No claimed role: the highest role Zendesk vouches for (a lower one may be asked for with X-Complaint-Desk-Role).
            const v = await opts.zendeskVoucher(a.id, appParam(req, 'role')?.trim().toLowerCase() ?? '');
            if (!v.ok) return next(new AppError('forbidden', `Zendesk does not vouch for this agent: ${v.reason}`));
            a.role = v.role;
            a.vouched = true;
            if (v.name) a.name = v.name.slice(0, 200);
          }
          res.locals.agent = a;
          return next();
        }
        const result = await verifierFor(secret)(token, now);
        if (!result.ok) return next(new AppError('unauthorized', `invalid sidebar token: ${result.reason}`));
        const c = result.claims as Record<string, unknown>;
        const id = str(c.sub) ?? str(c.agent_id) ?? str(c.user_id);
        if (!id) return next(new AppError('unauthorized', 'the sidebar token names no agent: add a "sub" (agent id) claim'));
        const a = agent(id, str(c.name) ?? str(c.agent_name), str(c.role), str(c.locale), opts);
        if (opts.zendeskVoucher) {
          const v = await opts.zendeskVoucher(a.id, a.role);
          if (!v.ok) return next(new AppError('forbidden', `Zendesk does not vouch for this agent: ${v.reason}`));
          a.role = v.role;
          a.vouched = true;
        }
        res.locals.agent = a;
        next();
      })().catch(next);
      return;
    }
    if (key) {
      if (!constantTimeEqual(key, secret))
        return next(new AppError('unauthorized', 'X-Complaint-Desk-Key does not match APP_SHARED_SECRET'));
      const id = appParam(req, 'agent')?.trim();
      if (!id)
        return next(
          new AppError(
            'unauthorized',
            'send the agent (query cd_agent, or header X-Complaint-Desk-Agent: the agent id or name) with X-Complaint-Desk-Key',
          ),
        );
      res.locals.agent = agent(id, id, appParam(req, 'role'), appParam(req, 'locale'), opts);
      return next();
    }
    next(new AppError('unauthorized', 'send Authorization: Bearer <ZAF JWT> or X-Complaint-Desk-Key'));
  };
}

/**
 * An agent field from the header `X-Complaint-Desk-<Name>`, else the query parameter `cd_<name>`; an empty
 * value counts as absent. Also used for `etag` (If-None-Match). The query form is what a Freshdesk request
 * template can fill from a front-end app: Freshworks substitutes context in path and query, not in headers
 * (apps/build/render-freshdesk.mjs CONTEXT_QUERY; docs/sidebar-hosts.md).
 */
export function appParam(
  req: { get(name: string): string | undefined; query?: Record<string, unknown> },
  name: 'agent' | 'role' | 'locale' | 'etag',
): string | undefined {
  const header = req.get(name === 'etag' ? 'if-none-match' : `x-complaint-desk-${name}`);
  if (header?.trim()) return header;
  const q = req.query?.[`cd_${name}`];
  return typeof q === 'string' && q.trim() ? q : undefined;
}

function agent(id: string, name: string | undefined, role: string | undefined, locale: string | undefined, opts: AppAuthOptions): Agent {
  const cleanRole = role?.trim().toLowerCase();
  return {
    id: id.slice(0, 200),
    name: (name ?? id).slice(0, 200),
    role: cleanRole && /^[a-z][a-z0-9_-]{0,39}$/.test(cleanRole) ? cleanRole : opts.defaultRole(),
    locale: (LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : opts.defaultLocale(),
  };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function algOf(token: string): string {
  try {
    const h = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof h.alg === 'string' ? h.alg : '';
  } catch {
    return '';
  }
}
