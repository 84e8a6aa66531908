import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recoverTicketId } from '../../../../../connector/src/webhooks/recover-ticket-id';

const raw = (host: string, name: string) => readFileSync(join(__dirname, '../../../../fixtures', host, name), 'utf8');

describe('recoverTicketId', () => {
  it('reads the id from the fixed prefix of the README bodies, even when the rest is broken', () => {
    expect(recoverTicketId(raw('zendesk', 'webhook-trigger-unescaped.txt'))).toEqual({
      format: 'zendesk-trigger-v1',
      event: 'updated',
      ticketId: '5161',
    });
    expect(recoverTicketId(raw('freshdesk', 'webhook-automation-unescaped.txt'))).toEqual({
      format: 'freshdesk-automation-v1',
      event: 'customer_reply',
      ticketId: '6543',
    });
    expect(
      recoverTicketId('{"complaint_desk":"freshdesk-automation-v1","event":"ticket_created","ticket":{"id": 77 , "subject": "x"y"}}')
        ?.ticketId,
    ).toBe('77');
  });

  it('trusts nothing after the prefix: customer text cannot forge an id', () => {
    expect(recoverTicketId('{"complaint_desk":"zendesk-trigger-v1","event":"updated","ticket":{"subject":"a", "id":"1"}}')).toBeNull();
    expect(recoverTicketId('{"event":"updated","complaint_desk":"zendesk-trigger-v1","ticket":{"id":"1"}}')).toBeNull();
    expect(recoverTicketId('{"complaint_desk":"zendesk-trigger-v1","event":"updated","ticket":{"id":"{{ticket.id}}"}}')).toBeNull();
    expect(recoverTicketId('{"complaint_desk":"zendesk-trigger-v1","event":"updated","ticket":{"id":"12" "x"}}')).toBeNull();
    expect(recoverTicketId(`{"complaint_desk":"zendesk-trigger-v1","event":"updated","ticket":{"id":"${'1'.repeat(21)}"}}`)).toBeNull();
    expect(recoverTicketId('not json at all')).toBeNull();
  });
});
