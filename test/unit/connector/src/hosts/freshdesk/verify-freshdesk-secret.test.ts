import { verifyFreshdeskSecret } from '../../../../../../connector/src/hosts/freshdesk/verify-freshdesk-secret';

describe('verifyFreshdeskSecret', () => {
  const secret = 'fd-shared-secret-0123456789';
  it('accepts the exact secret', () => expect(verifyFreshdeskSecret(secret, secret)).toEqual({ ok: true }));
  it('rejects a different secret, a prefix of it and a missing header', () => {
    expect(verifyFreshdeskSecret('fd-shared-secret-0123456780', secret).ok).toBe(false);
    expect(verifyFreshdeskSecret(secret.slice(0, -1), secret).ok).toBe(false);
    expect(verifyFreshdeskSecret(undefined, secret)).toEqual({
      ok: false,
      reason: expect.stringMatching(/missing X-Complaint-Desk-Secret/),
    });
  });
  it('rejects everything when no secret is configured', () => expect(verifyFreshdeskSecret(secret, null).ok).toBe(false));
});
