/**
 * HS256 JWT verification with node:crypto only (the ZAF proxy signs the sidebar's requests this way:
 * `jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry, claims }` and
 * `Authorization: Bearer {{jwt.token}}`). Constant-time signature check; `exp` is required,
 * `iat`/`nbf` are checked when present, all with a clock skew allowance.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time-equal';

export type JwtResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

export const DEFAULT_SKEW_SECONDS = 60;

export function signHs256Jwt(claims: Record<string, unknown>, secret: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export function verifyHs256Jwt(token: string, secret: string, nowMs: number, skewSeconds = DEFAULT_SKEW_SECONDS): JwtResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return { ok: false, reason: 'malformed token' };
  const [head, body, sig] = parts;
  const header = decode(head);
  if (!header || header.alg !== 'HS256') return { ok: false, reason: 'unsupported algorithm (only HS256)' };
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  if (!constantTimeEqual(expected, sig)) return { ok: false, reason: 'bad signature' };
  const claims = decode(body);
  if (!claims) return { ok: false, reason: 'malformed claims' };
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'token has no exp claim' };
  if (claims.exp + skewSeconds < now) return { ok: false, reason: 'token expired' };
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - skewSeconds > now)) return { ok: false, reason: 'token not valid yet (nbf)' };
  if (claims.iat !== undefined && (typeof claims.iat !== 'number' || claims.iat - skewSeconds > now)) return { ok: false, reason: 'token issued in the future (iat)' };
  return { ok: true, claims };
}

function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

function decode(part: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
