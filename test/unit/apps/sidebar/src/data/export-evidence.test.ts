import { evidencePath, fetchEvidenceBundle } from '../../../../../../apps/sidebar/src/data/export-evidence';
import type { HostApi, HostResponse } from '../../../../../../apps/sidebar/src/host/host-api';

function host(h: 'zendesk' | 'freshdesk' | 'sandbox', ticketId: string, answer: HostResponse) {
  const asked: string[] = [];
  const api: HostApi = {
    context: { host: h, ticketId, agent: { id: 'a', name: 'a', role: 'supervisor', locale: 'en', timeZone: 'UTC' } },
    getTicket: async () => ({ id: ticketId, subject: '', description: '' }),
    request: async (p) => {
      asked.push(p);
      return answer;
    },
    insertIntoEditor: async () => undefined,
    onSaveGuard: () => undefined,
    resize: () => undefined,
    onTicketChanged: () => undefined,
  };
  return { api, asked };
}

test("asks the connector for this ticket's bundle and names the file after host and ticket", async () => {
  const bundle = { format: 'x', host: 'zendesk', ticketId: 'A/1', headHash: 'ab'.repeat(32), entries: [{}, {}] };
  const { api, asked } = host('zendesk', 'A/1', { status: 200, body: bundle, headers: {} });
  expect(evidencePath(api)).toBe('/api/v1/evidence/zendesk/A%2F1');
  expect(await fetchEvidenceBundle(api)).toEqual({ ok: true, bundle, fileName: 'evidence-zendesk-A_1.json' });
  expect(asked).toEqual(['/api/v1/evidence/zendesk/A%2F1']);
});

test("a refusal comes back with the connector's message and status", async () => {
  const { api } = host('freshdesk', '9', {
    status: 403,
    body: { error: { code: 'forbidden', message: 'role "agent" may not export evidence' } },
    headers: {},
  });
  expect(await fetchEvidenceBundle(api)).toEqual({ ok: false, reason: 'role "agent" may not export evidence (HTTP 403)' });
});
