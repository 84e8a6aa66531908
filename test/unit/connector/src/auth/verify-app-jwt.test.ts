import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { createAppJwtVerifier } from '../../../../../connector/src/auth/verify-app-jwt';
import { signHs256Jwt } from '../../../../support/sign-jwt';

const secret = 'app-shared-secret-123456';
const now = Date.parse('2026-11-22T10:00:00Z');
const s = now / 1000;

describe('sidebar tokens verified with jose', () => {
  const hs = createAppJwtVerifier({ sharedSecret: secret });

  it('HS256 (ZAF proxy): accepts a valid token; rejects another secret, tampered claims, alg none, a missing or past exp', async () => {
    expect(await hs(signHs256Jwt({ sub: '42', exp: s + 60 }, secret), now)).toMatchObject({ ok: true, alg: 'HS256', claims: { sub: '42' } });
    expect(await hs(signHs256Jwt({ sub: '42', exp: s + 60 }, 'other-secret-abcdefgh'), now)).toEqual({ ok: false, reason: 'bad signature' });
    const [h, , sig] = signHs256Jwt({ sub: '42', exp: s + 60 }, secret).split('.');
    expect((await hs(`${h}.${Buffer.from(JSON.stringify({ sub: '1', exp: s + 60 })).toString('base64url')}.${sig}`, now)).ok).toBe(false);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: '1', exp: s + 60 })).toString('base64url')}.`;
    expect(await hs(none, now)).toEqual({ ok: false, reason: expect.stringMatching(/unsupported algorithm "none"/) });
    expect(await hs(signHs256Jwt({ sub: '1' }, secret), now)).toEqual({ ok: false, reason: 'claim "exp" is missing' });
    expect(await hs(signHs256Jwt({ sub: '1', exp: s - 61 }, secret), now)).toEqual({ ok: false, reason: 'token expired' });
    expect((await hs(signHs256Jwt({ sub: '1', exp: s - 59 }, secret), now)).ok).toBe(true);
    expect((await hs('abc', now)).ok).toBe(false);
  });

  it('RS256 (ZAF signed URL): verified with the app public key; aud and iss checked', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const pem = await exportSPKI(publicKey);
    const rs = createAppJwtVerifier({ sharedSecret: secret, publicKeyPem: pem, audience: '360000123', issuer: 'acme.zendesk.com' });
    const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setIssuedAt(s).setExpirationTime(s + 300).sign(privateKey);
    expect(await rs(await sign({ sub: '901', aud: '360000123', iss: 'acme.zendesk.com' }), now)).toMatchObject({ ok: true, alg: 'RS256', claims: { sub: '901' } });
    expect(await rs(await sign({ sub: '901', aud: 'another-install', iss: 'acme.zendesk.com' }), now)).toEqual({ ok: false, reason: expect.stringMatching(/claim "aud"/) });
    expect(await rs(await sign({ sub: '901', aud: '360000123', iss: 'evil.zendesk.com' }), now)).toEqual({ ok: false, reason: expect.stringMatching(/claim "iss"/) });
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: '901', aud: '360000123', iss: 'acme.zendesk.com' }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime(s + 300).sign(other.privateKey);
    expect(await rs(forged, now)).toEqual({ ok: false, reason: 'bad signature' });
    // an RS256 token without a configured key is refused, never accepted on the shared secret
    expect(await hs(await sign({ sub: '901' }), now)).toEqual({ ok: false, reason: expect.stringMatching(/ZENDESK_APP_PUBLIC_KEY/) });
  });
});
