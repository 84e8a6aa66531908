import fs from 'node:fs';
import path from 'node:path';
import { createZendeskWebhook } from '../../../../../../connector/src/hosts/zendesk/zendesk-webhook';
import { signZendeskPayload } from '../../../../../../connector/src/hosts/zendesk/verify-zendesk-signature';
import type { WebhookDelivery } from '../../../../../../connector/src/hosts/webhook-host';

const FIX = path.join(__dirname, '../../../../../fixtures/zendesk');
const secret = 'zendesk-webhook-secret-for-tests-0123';
const ts = '2026-11-22T10:00:00Z';
const now = Date.parse(ts);

function delivery(raw: string | Buffer, headers: Record<string, string>): WebhookDelivery {
  const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
  return { rawBody, header: (name) => headers[name.toLowerCase()] };
}
function signed(raw: string, extra: Record<string, string> = {}): WebhookDelivery {
  return delivery(raw, {
    'x-zendesk-webhook-signature': signZendeskPayload(secret, ts, raw),
    'x-zendesk-webhook-signature-timestamp': ts,
    ...extra,
  });
}

describe('createZendeskWebhook', () => {
  const hook = createZendeskWebhook(() => ['old-secret-still-accepted-0123', secret]);

  it('verifies the signature against every configured secret and refuses a changed byte', () => {
    const raw = fs.readFileSync(path.join(FIX, 'webhook-ticket-created.json'), 'utf8');
    expect(hook.verify(signed(raw), now)).toEqual({ ok: true });
    const d = signed(raw);
    const tampered = { ...d, rawBody: Buffer.from(raw.replace('"', ' "')) };
    expect(hook.verify(tampered, now).ok).toBe(false);
  });

  it('parses an event subscription and a trigger body, each into an inbox event for its ticket', () => {
    const event = JSON.parse(fs.readFileSync(path.join(FIX, 'webhook-ticket-created.json'), 'utf8'));
    const parsedEvent = hook.parse(event, signed(JSON.stringify(event)), ts);
    expect(parsedEvent).toMatchObject({ ignored: false, event: { host: 'zendesk', event: { kind: 'ticket.created' } } });
    const triggerRaw = fs.readFileSync(path.join(FIX, 'webhook-trigger-rendered.json'), 'utf8');
    const trigger = JSON.parse(triggerRaw);
    const parsedTrigger = hook.parse(trigger, signed(triggerRaw, { 'x-zendesk-webhook-invocation-id': 'inv-1' }), ts);
    expect(parsedTrigger.ignored).toBe(false);
    if (!parsedTrigger.ignored) expect(parsedTrigger.event.ticketId).toBe(String(trigger.ticket.id));
  });

  it('a resent trigger delivery keeps its identity although the invocation id is new', () => {
    const raw = fs.readFileSync(path.join(FIX, 'webhook-trigger-rendered.json'), 'utf8');
    const a = hook.parse(JSON.parse(raw), signed(raw, { 'x-zendesk-webhook-invocation-id': 'inv-1' }), ts);
    const b = hook.parse(JSON.parse(raw), signed(raw, { 'x-zendesk-webhook-invocation-id': 'inv-2' }), ts);
    expect(a.ignored || b.ignored).toBe(false);
    if (!a.ignored && !b.ignored) expect(a.event.eventId).toBe(b.event.eventId);
  });

  it('recovers a broken trigger body to a ticket.updated event carrying only the id', () => {
    const raw = fs.readFileSync(path.join(FIX, 'webhook-trigger-unescaped.txt'), 'utf8');
    expect(hook.recoverFormat).toBe('zendesk-trigger-v1');
    const r = hook.recover('4711', signed(raw, { 'x-zendesk-webhook-invocation-id': 'inv-9' }), ts);
    expect(() => hook.recover('4711', signed(raw), ts)).toThrow(/Invocation-Id/);
    expect(r).toMatchObject({
      ignored: false,
      event: { host: 'zendesk', ticketId: '4711', event: { kind: 'ticket.updated', ticket: { id: '4711' } } },
    });
  });
});
