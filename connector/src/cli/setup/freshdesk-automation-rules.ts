/**
 * The automation rules an admin creates in Freshdesk (Admin → Workflows → Automations); Freshdesk offers no API to
 * create them, so `setup freshdesk` prints them. The body is the one parse-freshdesk-automation.ts reads
 * (placeholders from Freshdesk's placeholder list: {{ticket.created_on}}, {{ticket.modified_on}}, {{ticket.from_email}}).
 */
import { FRESHDESK_EVENTS } from '../../hosts/freshdesk/parse-freshdesk-automation';

export const FRESHDESK_RULES: { tab: string; condition: string; event: (typeof FRESHDESK_EVENTS)[number] }[] = [
  { tab: 'Ticket creation', condition: 'any ticket', event: 'ticket_created' },
  { tab: 'Ticket updates', condition: 'Reply is sent, performed by Requester', event: 'customer_reply' },
  { tab: 'Ticket updates', condition: 'Reply is sent, performed by Agent', event: 'agent_reply' },
  { tab: 'Ticket updates', condition: 'Note is added (private)', event: 'note_added' },
  { tab: 'Ticket updates', condition: 'Status is changed', event: 'status_changed' },
  { tab: 'Ticket updates', condition: 'Priority is changed', event: 'priority_changed' },
  { tab: 'Ticket updates', condition: 'Tags are changed (and anything else to re-evaluate)', event: 'ticket_updated' },
];

export function automationBody(event: string): string {
  return JSON.stringify(
    {
      complaint_desk: 'freshdesk-automation-v1',
      event,
      ticket: {
        id: '{{ticket.id}}',
        subject: '{{ticket.subject}}',
        description: '{{ticket.description}}',
        status: '{{ticket.status}}',
        priority: '{{ticket.priority}}',
        source: '{{ticket.source}}',
        tags: '{{ticket.tags}}',
        created_at: '{{ticket.created_on}}',
        updated_at: '{{ticket.modified_on}}',
        requester: { name: '{{ticket.requester.name}}', email: '{{ticket.from_email}}', phone: '{{ticket.requester.phone}}' },
      },
      latest_public_comment: '{{ticket.latest_public_comment}}',
      latest_private_comment: '{{ticket.latest_private_comment}}',
    },
    null,
    2,
  );
}

export function rulesText(connectorUrl: string): string {
  const lines = [
    'Create these automation rules (Admin → Workflows → Automations), one per row. Action of each: Trigger webhook,',
    `  request type POST, URL ${connectorUrl}/webhooks/freshdesk, encoding JSON, content Advanced,`,
    '  custom header  X-Complaint-Desk-Secret: <the value of FRESHDESK_WEBHOOK_SECRET>',
    '',
    ...FRESHDESK_RULES.map((r, i) => `  ${i + 1}. ${r.tab} → ${r.condition}: body with "event": "${r.event}"`),
    '',
    'Body (change only "event"; keep the first lines in this order):',
    automationBody('ticket_created'),
    '',
  ];
  return lines.join('\n');
}
