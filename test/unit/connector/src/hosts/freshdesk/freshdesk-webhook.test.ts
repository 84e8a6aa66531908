import fs from 'node:fs';
import path from 'node:path';
import { createFreshdeskWebhook } from '../../../../../../connector/src/hosts/freshdesk/freshdesk-webhook';
import type { WebhookDelivery } from '../../../../../../connector/src/hosts/webhook-host';

const FIX = path.join(__dirname, '../../../../../fixtures/freshdesk');
const secret = 'freshdesk-shared-secret-0123456789';
const at = '2026-11-22T10:00:00.000Z';
const delivery = (raw: string, headers: Record<string, string> = {}): WebhookDelivery => ({
  rawBody: Buffer.from(raw),
  header: (n) => headers[n.toLowerCase()],
});

describe('createFreshdeskWebhook', () => {
  it('accepts the shared secret header and refuses a wrong, missing or unconfigured secret', () => {
    const raw = fs.readFileSync(path.join(FIX, 'webhook-automation-rendered.json'), 'utf8');
    expect(createFreshdeskWebhook(() => secret).verify(delivery(raw, { 'x-complaint-desk-secret': secret }), 0)).toEqual({ ok: true });
    expect(createFreshdeskWebhook(() => secret).verify(delivery(raw, { 'x-complaint-desk-secret': 'nope' }), 0).ok).toBe(false);
    expect(createFreshdeskWebhook(() => secret).verify(delivery(raw), 0).ok).toBe(false);
    expect(createFreshdeskWebhook(() => null).verify(delivery(raw, { 'x-complaint-desk-secret': secret }), 0)).toEqual({
      ok: false,
      reason: expect.stringMatching(/FRESHDESK_WEBHOOK_SECRET/),
    });
  });

  it('parses the documented automation body', () => {
    const raw = fs.readFileSync(path.join(FIX, 'webhook-automation-rendered.json'), 'utf8');
    const r = createFreshdeskWebhook(() => secret).parse(JSON.parse(raw), delivery(raw), at);
    expect(r).toMatchObject({ ignored: false, event: { host: 'freshdesk', ticketId: '6542', event: { kind: 'ticket.created' } } });
  });

  it('recovers a broken body to its ticket id, one identity per raw delivery', () => {
    const raw = fs.readFileSync(path.join(FIX, 'webhook-automation-unescaped.txt'), 'utf8');
    const hook = createFreshdeskWebhook(() => secret);
    expect(hook.recoverFormat).toBe('freshdesk-automation-v1');
    const a = hook.recover('6543', delivery(raw), at);
    const b = hook.recover('6543', delivery(raw), at);
    const c = hook.recover('6543', delivery(raw + ' '), at);
    expect(a).toMatchObject({
      ignored: false,
      event: { host: 'freshdesk', ticketId: '6543', event: { kind: 'ticket.updated', ticket: { id: '6543' } } },
    });
    if (!a.ignored && !b.ignored && !c.ignored) {
      expect(a.event.eventId).toBe(b.event.eventId);
      expect(c.event.eventId).not.toBe(a.event.eventId);
    }
  });
});
