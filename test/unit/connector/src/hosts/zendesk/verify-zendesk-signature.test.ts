import { createHmac } from 'node:crypto';
import { signZendeskPayload, verifyZendeskSignature } from '../../../../../../connector/src/hosts/zendesk/verify-zendesk-signature';

const secret = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmc=';
const other = 'another-secret-of-sufficient-length';
const body = Buffer.from('{"type":"zen:event-type:ticket.created","id":"e1"}');
const ts = '2026-11-22T10:00:00Z';
const now = Date.parse(ts);

describe('verifyZendeskSignature', () => {
  it('signs as base64(HMAC-SHA256(secret, timestamp + body))', () => {
    const expected = createHmac('sha256', secret)
      .update(ts + body.toString())
      .digest('base64');
    expect(signZendeskPayload(secret, ts, body)).toBe(expected);
  });

  it('accepts a valid signature', () => {
    expect(
      verifyZendeskSignature({
        rawBody: body,
        signature: signZendeskPayload(secret, ts, body),
        timestamp: ts,
        secrets: [secret],
        nowMs: now,
      }),
    ).toEqual({ ok: true });
  });

  it('accepts a signature made with any configured secret (rotation)', () => {
    const sig = signZendeskPayload(other, ts, body);
    expect(verifyZendeskSignature({ rawBody: body, signature: sig, timestamp: ts, secrets: [secret, other], nowMs: now }).ok).toBe(true);
    expect(verifyZendeskSignature({ rawBody: body, signature: sig, timestamp: ts, secrets: [secret], nowMs: now })).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
  });

  it('rejects a forged body, a missing signature and a missing timestamp', () => {
    const sig = signZendeskPayload(secret, ts, body);
    const forged = Buffer.from(body.toString().replace('e1', 'e2'));
    expect(verifyZendeskSignature({ rawBody: forged, signature: sig, timestamp: ts, secrets: [secret], nowMs: now }).ok).toBe(false);
    expect(verifyZendeskSignature({ rawBody: body, signature: undefined, timestamp: ts, secrets: [secret], nowMs: now })).toEqual({
      ok: false,
      reason: expect.stringMatching(/missing X-Zendesk-Webhook-Signature/),
    });
    expect(verifyZendeskSignature({ rawBody: body, signature: sig, timestamp: undefined, secrets: [secret], nowMs: now })).toEqual({
      ok: false,
      reason: expect.stringMatching(/Timestamp/),
    });
  });

  it('rejects a signature whose timestamp was changed (the timestamp is signed)', () => {
    const sig = signZendeskPayload(secret, ts, body);
    expect(
      verifyZendeskSignature({ rawBody: body, signature: sig, timestamp: '2026-11-22T10:00:01Z', secrets: [secret], nowMs: now }).ok,
    ).toBe(false);
  });

  it('accepts timestamps within ±5 minutes of the clock and rejects older or newer ones', () => {
    const sig = signZendeskPayload(secret, ts, body);
    const at = (offsetMs: number) =>
      verifyZendeskSignature({ rawBody: body, signature: sig, timestamp: ts, secrets: [secret], nowMs: now + offsetMs });
    expect(at(5 * 60_000).ok).toBe(true);
    expect(at(-5 * 60_000).ok).toBe(true);
    expect(at(5 * 60_000 + 1)).toEqual({ ok: false, reason: expect.stringMatching(/stale/) });
    expect(at(-(5 * 60_000 + 1)).ok).toBe(false);
  });

  it('rejects everything when no secret is configured', () => {
    expect(
      verifyZendeskSignature({ rawBody: body, signature: signZendeskPayload(secret, ts, body), timestamp: ts, secrets: [], nowMs: now }),
    ).toEqual({ ok: false, reason: expect.stringMatching(/no ZENDESK_WEBHOOK_SECRET/) });
  });
});
