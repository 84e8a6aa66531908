/**
 * A ticket normalises the same whether it arrived by webhook or was fetched through the REST API: the acknowledge
 * clock (policy `sla.onlineChannels`) and the pause/stop statuses must not depend on the path. Payload shapes:
 * Zendesk event webhooks (developer.zendesk.com/api-reference/webhooks/event-types/ticket-events), trigger
 * placeholders ({{ticket.via}} "Help Center", "Web Service (API)"), REST tickets (via.channel "help_center",
 * "api"); Freshdesk automation placeholders ({{ticket.source}} "Portal", {{ticket.status}} "Waiting on Customer")
 * and REST v2 tickets (source 2, status 6; developers.freshdesk.com/api/#tickets).
 */
import fs from 'node:fs';
import path from 'node:path';
import { normalizeFreshdeskTicket } from '../../../../../connector/src/hosts/freshdesk/normalize-freshdesk-ticket';
import { normalizeZendeskTicket } from '../../../../../connector/src/hosts/zendesk/normalize-zendesk-ticket';
import { parseFreshdeskAutomation } from '../../../../../connector/src/hosts/freshdesk/parse-freshdesk-automation';
import { parseZendeskEvent } from '../../../../../connector/src/hosts/zendesk/parse-zendesk-event';
import { parseZendeskTrigger } from '../../../../../connector/src/hosts/zendesk/parse-zendesk-trigger';
import { loadPolicy } from '../../../../support/test-policy';

const fixture = (p: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../fixtures', p), 'utf8'));
const policy = loadPolicy();
const NOW = '2026-11-22T10:13:00.000Z';

function created(result: ReturnType<typeof parseZendeskEvent>) {
  if (result.ignored || result.event.event.kind !== 'ticket.created') throw new Error('expected ticket.created');
  return result.event.event.ticket;
}

describe('Zendesk: event webhook, trigger webhook and REST agree', () => {
  // [event detail via.channel / status, trigger {{ticket.via}} / {{ticket.status}}, REST via.channel / status]
  const cases: [string, string, string, string, string, string][] = [
    ['help_center', 'OPEN', 'Help Center', 'Open', 'help_center', 'open'],
    ['web_service', 'HOLD', 'Web Service (API)', 'On-hold', 'api', 'hold'],
    ['web_service', 'SOLVED', 'Web Service', 'Solved', 'web_service', 'solved'],
    ['web_form', 'PENDING', 'Web Form', 'Pending', 'web', 'pending'],
    ['email', 'NEW', 'Mail', 'New', 'email', 'new'],
  ];
  test.each(cases)('%s / %s', (evChannel, evStatus, trVia, trStatus, restChannel, restStatus) => {
    const ev = fixture('zendesk/webhook-ticket-created.json');
    ev.detail.via.channel = evChannel;
    ev.detail.status = evStatus;
    const fromEvent = created(parseZendeskEvent(ev, NOW));

    const tr = fixture('zendesk/webhook-trigger-rendered.json');
    tr.event = 'created';
    tr.ticket.via = trVia;
    tr.ticket.status = trStatus;
    const trig = parseZendeskTrigger(tr, 'inv-1', NOW);
    if (trig.ignored || trig.event.event.kind !== 'ticket.created') throw new Error('expected ticket.created');
    const fromTrigger = trig.event.event.ticket;

    const rest = normalizeZendeskTicket(
      { id: 5158, subject: 's', via: { channel: restChannel }, status: restStatus, created_at: '2026-11-22T10:12:07Z' } as never,
      [],
      [],
      policy,
    );

    expect({ channel: fromEvent.channel, status: fromEvent.status }).toEqual({ channel: rest.channel, status: rest.status });
    expect({ channel: fromTrigger.channel, status: fromTrigger.status }).toEqual({ channel: rest.channel, status: rest.status });
    expect(rest.channel).toMatch(/^(web|api|email)$/);
  });
});

describe('Freshdesk: automation webhook and REST agree', () => {
  // [{{ticket.source}}, {{ticket.status}}, REST source, REST status]
  const cases: [string, string, number, number][] = [
    ['Portal', 'Open', 2, 2],
    ['Feedback Widget', 'Waiting on Customer', 9, 6],
    ['Outbound Email', 'Resolved', 10, 4],
    ['Phone', 'Pending', 3, 3],
    ['Chat', 'Closed', 7, 5],
  ];
  test.each(cases)('%s / %s', (source, status, restSource, restStatus) => {
    const body = fixture('freshdesk/webhook-ticket-created.json');
    body.ticket.source = source;
    body.ticket.status = status;
    const r = parseFreshdeskAutomation(body, NOW);
    if (r.ignored || r.event.event.kind !== 'ticket.created') throw new Error('expected ticket.created');
    const hook = r.event.event.ticket;
    const rest = normalizeFreshdeskTicket(
      { id: 6541, subject: 's', source: restSource, status: restStatus, requester_id: 1 } as never,
      [],
      policy,
    );
    expect({ channel: hook.channel, status: hook.status }).toEqual({ channel: rest.channel, status: rest.status });
  });
});
