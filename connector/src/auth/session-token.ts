/**
 * Connector-minted sidebar sessions for the Zendesk signed-URL page. After Zendesk's own RS256 token proved who the
 * agent is (verify-zendesk-signed-url.ts), the page gets a short-lived HS256 token (jose) bound to that Zendesk user
 * id; the sidebar API accepts it as `Authorization: Bearer …` and marks the agent's identity as vouched by Zendesk.
 * The key is derived (HKDF-SHA256) from APP_SHARED_SECRET, never the secret itself: the ZAF proxy signs any claims a
 * browser asks for with that secret, so a session key equal to it would let an agent mint a session. `iss`/`aud` are
 * fixed, `exp` required; `auth_time` (when Zendesk vouched) caps renewal: a session past half its life is renewed on
 * use (response header X-Complaint-Desk-Session) until MAX_SESSION_HOURS after Zendesk's token, then the page must be
 * reloaded so Zendesk signs again.
 */
import { hkdfSync } from 'node:crypto';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';

export const SESSION_ISSUER = 'complaint-desk/zendesk-signed-url';
export const SESSION_AUDIENCE = 'complaint-desk/sidebar-api';
export const SESSION_HEADER = 'X-Complaint-Desk-Session';
export const MAX_SESSION_HOURS = 12;

export interface SessionClaims {
  /** The Zendesk user id Zendesk signed (`sub`). */
  userId: string;
  /** The app installation the Zendesk token named. */
  installation: string;
  /** When Zendesk signed (ms). */
  authTime: number;
  expiresAt: number;
}

export function sessionKey(appSharedSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', appSharedSecret, 'complaint-desk', 'zendesk sidebar session v1', 32));
}

/** True when the token claims to be a connector session (its signature is checked by verifySession, never here). */
export function looksLikeSession(token: string): boolean {
  try {
    return decodeJwt(token).iss === SESSION_ISSUER;
  } catch {
    return false;
  }
}

export async function mintSession(
  key: Uint8Array,
  c: { userId: string; installation: string; authTime: number },
  nowMs: number,
  ttlMs: number,
): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = Math.min(nowMs + ttlMs, c.authTime + MAX_SESSION_HOURS * 3_600_000);
  const token = await new SignJWT({ inst: c.installation, auth_time: Math.floor(c.authTime / 1000) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setSubject(c.userId)
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(key);
  return { token, expiresAt };
}

export async function verifySession(
  key: Uint8Array,
  token: string,
  nowMs: number,
): Promise<{ ok: true; claims: SessionClaims } | { ok: false; reason: string }> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: SESSION_ISSUER,
      audience: SESSION_AUDIENCE,
      currentDate: new Date(nowMs),
      clockTolerance: 5,
      requiredClaims: ['exp', 'sub', 'auth_time'],
    });
    if (!/^\d{1,20}$/.test(String(payload.sub))) return { ok: false, reason: 'session names no Zendesk user' };
    return {
      ok: true,
      claims: {
        userId: String(payload.sub),
        installation: String(payload.inst ?? ''),
        authTime: Number(payload.auth_time) * 1000,
        expiresAt: (payload.exp ?? 0) * 1000,
      },
    };
  } catch (e) {
    if (e instanceof errors.JWTExpired)
      return { ok: false, reason: 'session expired: reload the Complaint Desk app so Zendesk signs a new one' };
    if (e instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'session not signed by this connector' };
    return { ok: false, reason: 'session not accepted' };
  }
}
