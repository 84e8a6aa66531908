/**
 * Who the sidebar's caller is, wired from configuration (part of the composition root, start-connector.ts):
 * the app-auth middleware (proxy HS256 tokens, Zendesk's signed-URL RS256 tokens, connector sessions), the
 * optional Zendesk role voucher, which identity each host's privileged actions need, and the signed-mode
 * sidebar page. The trust model is in docs/zendesk.md ("Signed mode") and docs/hosts-setup.md.
 */
import type { Router } from 'express';
import type { Policy } from '../../policies/src/types';
import { lowestRole } from '../../policies/src/engine';
import { createSignedSidebarRouter } from './api/create-signed-sidebar-router';
import { requireAppAuth } from './auth/require-app-auth';
import { createZendeskSignedUrlVerifier } from './auth/verify-zendesk-signed-url';
import { createZendeskRoleVoucher } from './auth/vouch-zendesk-role';
import type { Clock } from './clock';
import type { Config } from './config/load-config';
import type { HostLimiter } from './hosts/host-limiter';
import { rateLimitQueueOptions } from './hosts/rate-limit-options';
import { createZendeskUserLookup } from './hosts/zendesk/zendesk-user-lookup';
import type { Logger } from './ops/create-logger';
import type { Metrics } from './ops/create-metrics';
import { zendeskAccountHost } from './hosts/zendesk/zendesk-url';

export interface AppIdentityDeps {
  config: Config;
  getPolicy: () => Policy;
  /** The connector's clock (the sandbox's virtual one in sandbox mode): role-voucher cache times. */
  clock: Clock;
  /** Real time: token and session freshness. */
  authClock: Clock;
  appSharedSecret: string | null;
  zendeskLimiter?: HostLimiter;
  logger: Logger;
  metrics: Metrics;
  rootDir?: string;
  zafSdkSrc?: string;
}

export function wireAppIdentity(d: AppIdentityDeps) {
  const { config, getPolicy, logger, metrics } = d;
  const zendeskApp = config.zendesk?.app;
  const zendeskVoucher =
    config.zendesk && zendeskApp?.vouchRoles
      ? createZendeskRoleVoucher(
          createZendeskUserLookup({
            subdomain: config.zendesk.subdomain ?? '',
            email: config.zendesk.email,
            apiToken: config.zendesk.apiToken,
            baseUrl: config.zendesk.apiUrl,
            queue: rateLimitQueueOptions(config.rateLimitPerMin.zendesk, config.rateLimitWindowMs),
            limiter: d.zendeskLimiter,
            retry: { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 1000 },
            logger,
            metrics,
          }),
          getPolicy,
          () => d.clock.now(),
        )
      : undefined;
  // Signed mode (docs/zendesk.md): Zendesk's RS256 token names the user; the account host is its issuer.
  const accountHost = zendeskApp?.issuer ?? (config.zendesk?.subdomain ? zendeskAccountHost(config.zendesk.subdomain) : null);
  const signedUrl =
    config.zendesk && zendeskApp?.publicKeyPem && accountHost
      ? createZendeskSignedUrlVerifier({ publicKeyPem: zendeskApp.publicKeyPem, issuer: accountHost, audience: zendeskApp.audience })
      : undefined;
  const sessionTtlMs = (zendeskApp?.sessionMinutes ?? 60) * 60_000;
  const appAuth = requireAppAuth({
    secret: d.appSharedSecret,
    clock: d.authClock,
    defaultLocale: () => getPolicy().defaultLocale,
    defaultRole: () => lowestRole(getPolicy()),
    // HS256 proxy tokens carry browser-chosen claims, so aud/iss prove nothing there; RS256 goes to the signed-URL verifier.
    zendeskVoucher,
    signedUrl,
    sessionTtlMs,
  });
  const privilegedIdentity = {
    zendesk: config.zendesk ? (zendeskApp?.privilegedIdentity ?? 'signed') : 'claimed',
    freshdesk: config.freshdesk?.privilegedIdentity ?? 'claimed',
  } as const;
  if (privilegedIdentity.zendesk === 'signed' && !signedUrl) {
    logger.warn(
      'Zendesk approvals, evidence reviews/exports and safety downgrades need signed mode, which is off (set ZENDESK_APP_PUBLIC_KEY; docs/zendesk.md, "Signed mode"); until then the admin token exports evidence',
    );
  }
  const signedSidebar: Router | null =
    config.zendesk && accountHost && d.appSharedSecret
      ? createSignedSidebarRouter({
          verify: signedUrl ?? null,
          accountHost,
          appSharedSecret: d.appSharedSecret,
          voucher: zendeskVoucher,
          clock: d.authClock,
          sessionTtlMs,
          logger,
          rootDir: d.rootDir,
          zafSdkSrc: d.zafSdkSrc,
        })
      : null;
  return { appAuth, privilegedIdentity, signedSidebar };
}
