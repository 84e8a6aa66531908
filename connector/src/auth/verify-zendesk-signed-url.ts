/**
 * The token Zendesk itself signs for a ZAF app with signed URLs (manifest `"signedUrls": true`): when the app's iframe
 * loads, Zendesk POSTs it as the form field `token` to the app's URL (developer.zendesk.com/documentation/apps/
 * build-an-app/building-a-server-side-app/part-5-secure-the-app; "Authenticating Zendesk in your server-side app").
 * RS256 with the app's key pair; the public key is `GET /api/v2/apps/{app_id}/public_key.pem` (ZENDESK_APP_PUBLIC_KEY).
 * Claims (using-the-apps-framework, "JWT claims"): `iss` the account host (`acme.zendesk.com`), `aud` the app
 * installation (`https://acme.zendesk.com/api/v2/apps/installations/{id}.json`), `sub` the current user
 * (`https://acme.zendesk.com/api/v2/users/{id}.json`), `exp`/`nbf`/`iat` (5 minutes), `qsh`, `cnf.jku`, `context`.
 * Unlike the ZAF proxy's HS256 token, no app code chooses these claims: `sub` is the user Zendesk signed in.
 * Checked here: only RS256 (never `none`, never HS256 on the public key), signature, `exp` (required) and `nbf`,
 * `iss` = the configured account, `aud` = the configured installation (or, when none is configured, an installation
 * URL of that account), `sub` a user of that account. 60 s clock tolerance.
 */
import { errors, importSPKI, jwtVerify, type KeyObject } from 'jose';

export interface ZendeskSignedUrlKeys {
  /** ZENDESK_APP_PUBLIC_KEY (PEM SPKI). */
  publicKeyPem: string;
  /** The account host Zendesk puts in `iss` (ZENDESK_APP_ISSUER, default `<ZENDESK_SUBDOMAIN>.zendesk.com`). */
  issuer: string;
  /** ZENDESK_APP_AUDIENCE: the installation URL (or its id); null = any installation of the issuer's account. */
  audience: string | null;
}

export type SignedUrlResult =
  { ok: true; userId: string; installation: string; expiresAt: number; location: string | null } | { ok: false; reason: string };

export const SIGNED_URL_SKEW_SECONDS = 60;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createZendeskSignedUrlVerifier(keys: ZendeskSignedUrlKeys) {
  const key: Promise<KeyObject | CryptoKey> = importSPKI(keys.publicKeyPem, 'RS256');
  key.catch(() => undefined); // a bad key is reported per token below, never as an unhandled rejection
  const host = escape(keys.issuer);
  const installationRe = new RegExp(`^https://${host}/api/v2/apps/installations/(\\d{1,20})(?:\\.json)?$`);
  const userRe = new RegExp(`^(?:https://${host}/api/v2/users/)?(\\d{1,20})(?:\\.json)?$`);
  const wantAud = keys.audience?.trim() || null;
  return async function verify(token: string, nowMs: number): Promise<SignedUrlResult> {
    let publicKey: KeyObject | CryptoKey;
    try {
      publicKey = await key;
    } catch {
      return { ok: false, reason: 'ZENDESK_APP_PUBLIC_KEY is not an RSA public key (paste GET /api/v2/apps/{app_id}/public_key.pem)' };
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(token, publicKey, {
        algorithms: ['RS256'],
        issuer: keys.issuer,
        clockTolerance: SIGNED_URL_SKEW_SECONDS,
        currentDate: new Date(nowMs),
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
      }));
    } catch (e) {
      return { ok: false, reason: explain(e, keys.issuer) };
    }
    const auds = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter((a): a is string => typeof a === 'string');
    const installation = auds.find((a) => installationRe.test(a));
    if (!installation) return { ok: false, reason: `claim "aud" is not an app installation of ${keys.issuer}` };
    const installationId = installationRe.exec(installation)![1];
    if (wantAud && wantAud !== installation && wantAud !== installationId) {
      return { ok: false, reason: `claim "aud" names installation ${installationId}, not the configured ZENDESK_APP_AUDIENCE` };
    }
    const user = userRe.exec(String(payload.sub));
    if (!user) return { ok: false, reason: `claim "sub" is not a user of ${keys.issuer}` };
    const ctx = payload.context as { location?: unknown } | undefined;
    return {
      ok: true,
      userId: user[1],
      installation,
      expiresAt: (payload.exp ?? 0) * 1000,
      location: typeof ctx?.location === 'string' ? ctx.location : null,
    };
  };
}

export type ZendeskSignedUrlVerifier = ReturnType<typeof createZendeskSignedUrlVerifier>;

function explain(e: unknown, issuer: string): string {
  if (e instanceof errors.JWTExpired) return 'token expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'iss' && e.reason !== 'missing') return `claim "iss" is not ${issuer}`;
    return `claim "${e.claim}" ${e.reason === 'missing' ? 'is missing' : `is not valid (${e.reason})`}`;
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'bad signature (not signed with the app key ZENDESK_APP_PUBLIC_KEY)';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed (Zendesk signs with RS256)';
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'malformed token';
  return 'token not accepted';
}
