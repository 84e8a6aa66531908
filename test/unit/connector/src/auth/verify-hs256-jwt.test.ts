import { createHmac } from 'node:crypto';
import { signHs256Jwt, verifyHs256Jwt } from '../../../../../connector/src/auth/verify-hs256-jwt';

const secret = 'app-shared-secret-123456';
const now = Date.parse('2026-11-22T10:00:00Z');
const s = now / 1000;

describe('verifyHs256Jwt', () => {
  it('accepts a valid token and returns its claims', () => {
    const token = signHs256Jwt({ sub: '42', name: 'Ana', iat: s, exp: s + 60 }, secret);
    expect(verifyHs256Jwt(token, secret, now)).toEqual({ ok: true, claims: { sub: '42', name: 'Ana', iat: s, exp: s + 60 } });
  });

  it('rejects a token signed with another secret or with tampered claims', () => {
    expect(verifyHs256Jwt(signHs256Jwt({ sub: '42', exp: s + 60 }, 'other-secret-abcdefgh'), secret, now)).toEqual({ ok: false, reason: 'bad signature' });
    const [h, , sig] = signHs256Jwt({ sub: '42', exp: s + 60 }, secret).split('.');
    const forgedBody = Buffer.from(JSON.stringify({ sub: '1', exp: s + 60 })).toString('base64url');
    expect(verifyHs256Jwt(`${h}.${forgedBody}.${sig}`, secret, now).ok).toBe(false);
  });

  it('rejects alg none and other algorithms even with a matching HMAC', () => {
    const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: '42', exp: s + 60 })).toString('base64url');
    expect(verifyHs256Jwt(`${head}.${body}.`, secret, now)).toEqual({ ok: false, reason: expect.stringMatching(/HS256/) });
    const h384 = Buffer.from(JSON.stringify({ alg: 'HS384' })).toString('base64url');
    const sig = createHmac('sha256', secret).update(`${h384}.${body}`).digest('base64url');
    expect(verifyHs256Jwt(`${h384}.${body}.${sig}`, secret, now).ok).toBe(false);
  });

  it('checks exp, nbf and iat with a 60 s skew, and requires exp', () => {
    const tok = (c: Record<string, unknown>) => verifyHs256Jwt(signHs256Jwt(c, secret), secret, now);
    expect(tok({ sub: '1', exp: s - 59 }).ok).toBe(true);
    expect(tok({ sub: '1', exp: s - 61 })).toEqual({ ok: false, reason: 'token expired' });
    expect(tok({ sub: '1', exp: s + 600, nbf: s + 61 }).ok).toBe(false);
    expect(tok({ sub: '1', exp: s + 600, nbf: s + 59 }).ok).toBe(true);
    expect(tok({ sub: '1', exp: s + 600, iat: s + 120 }).ok).toBe(false);
    expect(tok({ sub: '1' })).toEqual({ ok: false, reason: 'token has no exp claim' });
  });

  it('rejects malformed tokens', () => {
    expect(verifyHs256Jwt('abc', secret, now).ok).toBe(false);
    expect(verifyHs256Jwt('a.b.c.d', secret, now).ok).toBe(false);
    expect(verifyHs256Jwt('a b.c.d', secret, now).ok).toBe(false);
  });
});
