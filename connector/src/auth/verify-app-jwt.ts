/**
 * Sidebar tokens, verified with `jose` (a maintained JOSE library; no hand-written crypto):
 * - HS256, signed by the ZAF proxy with the app's secure setting (`jwt: {algorithm: 'HS256', secret_key:
 *   '{{setting.shared_secret}}'}`, developer.zendesk.com/documentation/apps/app-developer-guide/making-api-requests-from-a-zendesk-app,
 *   "JSON Web Tokens"): proves the request came through the installed app; its claims are written by app code in the browser.
 * - RS256, the ZAF signed-URL token Zendesk itself signs with the app's key pair (developer.zendesk.com/documentation/apps/
 *   build-an-app/building-a-server-side-app/part-5-secure-the-app): verified with the app's public key
 *   (ZENDESK_APP_PUBLIC_KEY, PEM); `aud` (the installation id) and `iss` (the account) are checked when configured.
 * Only the listed algorithms are accepted (never `none`); `exp` is required; 60 s clock tolerance.
 */
import { errors, importSPKI, jwtVerify, type JWTPayload } from 'jose';

export type JwtResult = { ok: true; claims: JWTPayload; alg: string } | { ok: false; reason: string };

export interface AppJwtKeys {
  /** APP_SHARED_SECRET: HS256 tokens from the ZAF proxy. */
  sharedSecret: string | null;
  /** ZENDESK_APP_PUBLIC_KEY (PEM SPKI): RS256 signed-URL tokens. */
  publicKeyPem?: string | null;
  /** Expected `aud` (ZENDESK_APP_AUDIENCE) / `iss` (ZENDESK_APP_ISSUER): checked when set. */
  audience?: string | null;
  issuer?: string | null;
}

export const SKEW_SECONDS = 60;

export function createAppJwtVerifier(keys: AppJwtKeys) {
  const rsa = keys.publicKeyPem ? importSPKI(keys.publicKeyPem, 'RS256') : null;
  const secret = keys.sharedSecret ? new TextEncoder().encode(keys.sharedSecret) : null;
  return async function verify(token: string, nowMs: number): Promise<JwtResult> {
    let alg: string;
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: unknown };
      alg = typeof header.alg === 'string' ? header.alg : '';
    } catch {
      return { ok: false, reason: 'malformed token' };
    }
    const key = alg === 'RS256' ? (rsa ? await rsa : null) : alg === 'HS256' ? secret : undefined;
    if (key === undefined) return { ok: false, reason: `unsupported algorithm ${JSON.stringify(alg)} (HS256 from the ZAF proxy, RS256 signed URLs)` };
    if (key === null) return { ok: false, reason: alg === 'RS256' ? 'RS256 token but ZENDESK_APP_PUBLIC_KEY is not set' : 'HS256 token but APP_SHARED_SECRET is not set' };
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [alg], clockTolerance: SKEW_SECONDS, currentDate: new Date(nowMs), requiredClaims: ['exp'],
        ...(keys.audience ? { audience: keys.audience } : {}), ...(keys.issuer ? { issuer: keys.issuer } : {}),
      });
      return { ok: true, claims: payload, alg };
    } catch (e) {
      return { ok: false, reason: explain(e) };
    }
  };
}

function explain(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'token expired';
  if (e instanceof errors.JWTClaimValidationFailed) return `claim "${e.claim}" ${e.reason === 'missing' ? 'is missing' : `is not valid (${e.reason})`}`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'malformed token';
  return 'token not accepted';
}
