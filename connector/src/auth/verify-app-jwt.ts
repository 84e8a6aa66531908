/**
 * The ZAF proxy's sidebar token, verified with `jose` (a maintained JOSE library; no hand-written crypto): HS256,
 * signed by the proxy with the app's secure setting (`jwt: {algorithm: 'HS256', secret_key: '{{setting.shared_secret}}'}`,
 * developer.zendesk.com/documentation/apps/app-developer-guide/making-api-requests-from-a-zendesk-app, "JSON Web
 * Tokens"). It proves the request came through the installed app; its claims are written by app code in the browser
 * (the proxy signs whatever it is asked to), so no claim in it is trusted for privileged actions. Zendesk's own RS256
 * signed-URL token is verified by verify-zendesk-signed-url.ts. Only HS256 is accepted here (never `none`, never an
 * RS256 token on the shared secret); `exp` is required; 60 s clock tolerance.
 */
import { errors, jwtVerify, type JWTPayload } from 'jose';

export type JwtResult = { ok: true; claims: JWTPayload; alg: string } | { ok: false; reason: string };

export interface AppJwtKeys {
  /** APP_SHARED_SECRET: HS256 tokens from the ZAF proxy. */
  sharedSecret: string | null;
}

export const SKEW_SECONDS = 60;

export function createAppJwtVerifier(keys: AppJwtKeys) {
  const secret = keys.sharedSecret ? new TextEncoder().encode(keys.sharedSecret) : null;
  return async function verify(token: string, nowMs: number): Promise<JwtResult> {
    let alg: string;
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: unknown };
      alg = typeof header.alg === 'string' ? header.alg : '';
    } catch {
      return { ok: false, reason: 'malformed token' };
    }
    if (alg === 'RS256') return { ok: false, reason: 'RS256 token: Zendesk signed-URL tokens need ZENDESK_APP_PUBLIC_KEY (signed mode)' };
    if (alg !== 'HS256')
      return { ok: false, reason: `unsupported algorithm ${JSON.stringify(alg)} (HS256 from the ZAF proxy, RS256 signed URLs)` };
    if (!secret) return { ok: false, reason: 'HS256 token but APP_SHARED_SECRET is not set' };
    try {
      const { payload } = await jwtVerify(token, secret, {
        algorithms: ['HS256'],
        clockTolerance: SKEW_SECONDS,
        currentDate: new Date(nowMs),
        requiredClaims: ['exp'],
      });
      return { ok: true, claims: payload, alg };
    } catch (e) {
      return { ok: false, reason: explain(e) };
    }
  };
}

function explain(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'token expired';
  if (e instanceof errors.JWTClaimValidationFailed)
    return `claim "${e.claim}" ${e.reason === 'missing' ? 'is missing' : `is not valid (${e.reason})`}`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'malformed token';
  return 'token not accepted';
}
