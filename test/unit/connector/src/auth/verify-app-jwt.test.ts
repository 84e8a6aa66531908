import { generateKeyPair, SignJWT } from 'jose';
import { createAppJwtVerifier } from '../../../../../connector/src/auth/verify-app-jwt';
import { signHs256Jwt } from '../../../../support/sign-jwt';

const secret = 'app-shared-secret-123456';
const now = Date.parse('2026-11-22T10:00:00Z');
const s = now / 1000;

describe('sidebar tokens verified with jose', () => {
  const hs = createAppJwtVerifier({ sharedSecret: secret });

  it('HS256 (ZAF proxy): accepts a valid token; rejects another secret, tampered claims, alg none, a missing or past exp', async () => {
    expect(await hs(signHs256Jwt({ sub: '42', exp: s + 60 }, secret), now)).toMatchObject({
      ok: true,
      alg: 'HS256',
      claims: { sub: '42' },
    });
    expect(await hs(signHs256Jwt({ sub: '42', exp: s + 60 }, 'other-secret-abcdefgh'), now)).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    const [h, , sig] = signHs256Jwt({ sub: '42', exp: s + 60 }, secret).split('.');
    expect((await hs(`${h}.${Buffer.from(JSON.stringify({ sub: '1', exp: s + 60 })).toString('base64url')}.${sig}`, now)).ok).toBe(false);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: '1', exp: s + 60 })).toString('base64url')}.`;
    expect(await hs(none, now)).toEqual({ ok: false, reason: expect.stringMatching(/unsupported algorithm "none"/) });
    expect(await hs(signHs256Jwt({ sub: '1' }, secret), now)).toEqual({ ok: false, reason: 'claim "exp" is missing' });
    expect(await hs(signHs256Jwt({ sub: '1', exp: s - 61 }, secret), now)).toEqual({ ok: false, reason: 'token expired' });
    expect((await hs(signHs256Jwt({ sub: '1', exp: s - 59 }, secret), now)).ok).toBe(true);
    expect((await hs('abc', now)).ok).toBe(false);
  });

  it('RS256 is not accepted on the shared secret (Zendesk signed-URL tokens: verify-zendesk-signed-url.ts)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const rs = await new SignJWT({ sub: '901', aud: '360000123', iss: 'acme.zendesk.com' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuedAt(s)
      .setExpirationTime(s + 300)
      .sign(privateKey);
    expect(await hs(rs, now)).toEqual({ ok: false, reason: expect.stringMatching(/ZENDESK_APP_PUBLIC_KEY/) });
  });
});
