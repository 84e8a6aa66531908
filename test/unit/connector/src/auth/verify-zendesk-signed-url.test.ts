/** Zendesk's signed-URL token, shaped as developer.zendesk.com documents it, signed in the test with a test RSA key pair. */
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createZendeskSignedUrlVerifier } from '../../../../../connector/src/auth/verify-zendesk-signed-url';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const S = NOW / 1000;
const INST = 'https://acme.zendesk.com/api/v2/apps/installations/360001.json';
let key: CryptoKey;
let pem: string;
beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  pem = await exportSPKI(pair.publicKey);
});
const token = (over: Record<string, unknown> = {}) =>
  new SignJWT({
    iss: 'acme.zendesk.com',
    aud: INST,
    sub: 'https://acme.zendesk.com/api/v2/users/778.json',
    iat: S,
    nbf: S,
    exp: S + 300,
    qsh: 'x',
    cnf: { jku: 'https://acme.zendesk.com/api/v2/apps/9001/public_key.pem' },
    context: { product: 'support', location: 'ticket_sidebar' },
    ...over,
  })
    .setProtectedHeader({ alg: 'RS256' })
    .sign(key);

describe('createZendeskSignedUrlVerifier', () => {
  it('gives the user id Zendesk signed, the installation and the location', async () => {
    const v = createZendeskSignedUrlVerifier({ publicKeyPem: pem, issuer: 'acme.zendesk.com', audience: INST });
    expect(await v(await token(), NOW)).toEqual({
      ok: true,
      userId: '778',
      installation: INST,
      expiresAt: (S + 300) * 1000,
      location: 'ticket_sidebar',
    });
  });

  it('ZENDESK_APP_AUDIENCE may be the installation id; unset, any installation of the account passes but not another account', async () => {
    const byId = createZendeskSignedUrlVerifier({ publicKeyPem: pem, issuer: 'acme.zendesk.com', audience: '360001' });
    expect((await byId(await token(), NOW)).ok).toBe(true);
    expect(await byId(await token({ aud: 'https://acme.zendesk.com/api/v2/apps/installations/2.json' }), NOW)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('installation 2'),
    });
    const any = createZendeskSignedUrlVerifier({ publicKeyPem: pem, issuer: 'acme.zendesk.com', audience: null });
    expect((await any(await token({ aud: 'https://acme.zendesk.com/api/v2/apps/installations/2.json' }), NOW)).ok).toBe(true);
    expect(await any(await token({ aud: 'https://evil.zendesk.com/api/v2/apps/installations/2.json' }), NOW)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"aud"'),
    });
    expect(await any(await token({ aud: 'complaint-desk' }), NOW)).toMatchObject({ ok: false });
  });

  it('refuses a missing sub, a sub of another account, a missing exp, a token not yet valid, and a late one (60 s skew)', async () => {
    const v = createZendeskSignedUrlVerifier({ publicKeyPem: pem, issuer: 'acme.zendesk.com', audience: INST });
    expect(await v(await token({ sub: undefined }), NOW)).toMatchObject({ ok: false, reason: 'claim "sub" is missing' });
    expect(await v(await token({ sub: 'https://evil.zendesk.com/api/v2/users/778.json' }), NOW)).toMatchObject({ ok: false });
    expect(await v(await token({ exp: undefined }), NOW)).toMatchObject({ ok: false, reason: 'claim "exp" is missing' });
    expect(await v(await token({ nbf: S + 600 }), NOW)).toMatchObject({ ok: false });
    expect((await v(await token(), NOW + 359_000)).ok).toBe(true);
    expect(await v(await token(), NOW + 361_000)).toMatchObject({ ok: false, reason: 'token expired' });
  });
});

it('a key that is not an RSA public key refuses every token with the reason (no crash)', async () => {
  const v = createZendeskSignedUrlVerifier({
    publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
    issuer: 'acme.zendesk.com',
    audience: null,
  });
  expect(await v(await token(), NOW)).toEqual({
    ok: false,
    reason: expect.stringContaining('ZENDESK_APP_PUBLIC_KEY is not an RSA public key'),
  });
});
