import { SignJWT } from 'jose';
import {
  looksLikeSession,
  MAX_SESSION_HOURS,
  mintSession,
  SESSION_AUDIENCE,
  SESSION_ISSUER,
  sessionKey,
  verifySession,
} from '../../../../../connector/src/auth/session-token';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const key = sessionKey('app-shared-secret-0123456789');
const claims = { userId: '778', installation: 'https://acme.zendesk.com/api/v2/apps/installations/1.json', authTime: NOW };

describe('connector sessions', () => {
  it('round-trips the user Zendesk signed, until it expires', async () => {
    const s = await mintSession(key, claims, NOW, 60 * 60_000);
    expect(looksLikeSession(s.token)).toBe(true);
    expect(await verifySession(key, s.token, NOW + 59 * 60_000)).toEqual({ ok: true, claims: { ...claims, expiresAt: NOW + 60 * 60_000 } });
    expect(await verifySession(key, s.token, NOW + 61 * 60_000)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('session expired'),
    });
  });

  it('never outlives MAX_SESSION_HOURS after Zendesk signed, however often it is renewed', async () => {
    const late = NOW + (MAX_SESSION_HOURS * 60 - 10) * 60_000;
    const s = await mintSession(key, claims, late, 60 * 60_000);
    expect(s.expiresAt).toBe(NOW + MAX_SESSION_HOURS * 3_600_000);
  });

  it('is bound to its key: the APP_SHARED_SECRET itself (what the ZAF proxy signs with) or another secret cannot make one', async () => {
    const viaProxy = await new SignJWT({ auth_time: NOW / 1000 })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setSubject('778')
      .setExpirationTime(NOW / 1000 + 600)
      .sign(new TextEncoder().encode('app-shared-secret-0123456789'));
    expect(await verifySession(key, viaProxy, NOW)).toEqual({ ok: false, reason: 'session not signed by this connector' });
    const other = await mintSession(sessionKey('another-secret-0123456789'), claims, NOW, 600_000);
    expect((await verifySession(key, other.token, NOW)).ok).toBe(false);
    const [h, , sig] = (await mintSession(key, claims, NOW, 600_000)).token.split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ iss: SESSION_ISSUER, aud: SESSION_AUDIENCE, sub: '1', auth_time: NOW / 1000, exp: NOW / 1000 + 600 }),
    ).toString('base64url');
    expect((await verifySession(key, `${h}.${forgedBody}.${sig}`, NOW)).ok).toBe(false);
    expect(looksLikeSession('not.a.jwt')).toBe(false);
  });
});
