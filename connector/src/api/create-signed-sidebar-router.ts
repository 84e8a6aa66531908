/**
 * Zendesk signed mode: the connector serves the ticket sidebar itself. The app's manifest points the location at
 * `https://<connector>/zendesk/sidebar` with `"signedUrls": true`, so Zendesk POSTs its RS256 token (form field
 * `token`) when the iframe loads (developer.zendesk.com/documentation/apps/build-an-app/building-a-server-side-app/
 * part-5-secure-the-app). The page is answered only for a token that verifies (verify-zendesk-signed-url.ts) and a
 * user Zendesk says is an active agent; it carries a connector session bound to that user id (session-token.ts),
 * which the sidebar sends as `Authorization: Bearer` to /api/v1 on the same origin. Assets come from dist/zendesk.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { Clock } from '../clock';
import { mintSession, sessionKey } from '../auth/session-token';
import type { ZendeskSignedUrlVerifier } from '../auth/verify-zendesk-signed-url';
import type { ZendeskRoleVoucher } from '../auth/vouch-zendesk-role';
import type { Logger } from '../ops/create-logger';

export interface SignedSidebarDeps {
  /** null when ZENDESK_APP_PUBLIC_KEY is not set: the page explains how to enable signed mode. */
  verify: ZendeskSignedUrlVerifier | null;
  /** The Zendesk account host (`acme.zendesk.com`): the only site allowed to frame the page. */
  accountHost: string;
  appSharedSecret: string;
  voucher?: ZendeskRoleVoucher;
  clock: Clock;
  sessionTtlMs: number;
  logger: Logger;
  /** Repo root holding dist/zendesk/assets (default process.cwd()). */
  rootDir?: string;
  /** Where the page loads the ZAF SDK from (default Zendesk's CDN; tests serve the npm copy). */
  zafSdkSrc?: string;
}

export const ZAF_SDK_CDN = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js';
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createSignedSidebarRouter(deps: SignedSidebarDeps): Router {
  const r = Router();
  const assets = path.join(deps.rootDir ?? process.cwd(), 'dist', 'zendesk', 'assets');
  const sdk = deps.zafSdkSrc ?? ZAF_SDK_CDN;
  const sdkOrigin = /^https?:\/\//.test(sdk) ? new URL(sdk).origin : "'self'";
  const key = sessionKey(deps.appSharedSecret);
  const headers = (res: express.Response) =>
    res.set({
      'Content-Security-Policy': [
        "default-src 'self'",
        `script-src 'self' ${sdkOrigin}`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        `frame-ancestors https://${deps.accountHost}`,
      ].join('; '),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
  const page = (res: express.Response, status: number, body: string, session?: string) => {
    headers(res).status(status).type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Complaint Desk</title>
${session ? `<meta name="complaint-desk-session" content="${escapeHtml(session)}">\n` : ''}<link rel="stylesheet" href="/zendesk/assets/sidebar.css"></head>
<body>${body}</body></html>
`);
  };
  const refuse = (res: express.Response, status: number, why: string) =>
    page(res, status, `<p role="alert">Complaint Desk: ${escapeHtml(why)}</p>`);

  r.get('/zendesk/sidebar', (_req, res) =>
    refuse(
      res,
      405,
      'this page is opened by Zendesk with a signed token (POST). Install the app with "signedUrls": true and this URL as its ticket_sidebar location (docs/zendesk.md, "Signed mode").',
    ),
  );
  r.post('/zendesk/sidebar', express.urlencoded({ extended: false, limit: '16kb' }), (req, res, next) => {
    void (async () => {
      if (!deps.verify)
        return refuse(
          res,
          503,
          'signed mode is not enabled on the connector: set ZENDESK_APP_PUBLIC_KEY (GET /api/v2/apps/{app_id}/public_key.pem).',
        );
      const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
      if (!token) return refuse(res, 401, 'Zendesk sent no signed token: the app needs "signedUrls": true in its manifest.');
      const now = deps.clock.now();
      const v = await deps.verify(token, now);
      if (!v.ok) {
        deps.logger.warn({ reason: v.reason }, 'zendesk signed-url token refused');
        return refuse(res, 401, `the Zendesk token was not accepted (${v.reason}).`);
      }
      if (deps.voucher) {
        const who = await deps.voucher(v.userId, '');
        if (!who.ok) return refuse(res, 403, `Zendesk does not vouch for this agent: ${who.reason}.`);
      }
      const session = await mintSession(key, { userId: v.userId, installation: v.installation, authTime: now }, now, deps.sessionTtlMs);
      page(
        res,
        200,
        `<div id="app"></div>\n<script src="${escapeHtml(sdk)}"></script>\n<script src="/zendesk/assets/sidebar.js"></script>`,
        session.token,
      );
    })().catch(next);
  });
  r.get('/zendesk/assets/:file', (req, res, next) => {
    const file = String(req.params.file);
    if (!['sidebar.js', 'sidebar.css', 'offline.js'].includes(file)) return next();
    const full = path.join(assets, file);
    if (!fs.existsSync(full)) return refuse(res, 404, `${file} is missing: run npm run build (dist/zendesk/assets).`);
    res.set({ 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' }).sendFile(full);
  });
  return r;
}
