/**
 * The follow-up task created on the host when the follow-up timer fires: subject `followUp.subject`, body the
 * `follow_up_task` note with the follow-up script and CSAT question, all in the policy's default locale. Pure.
 */
import { renderNote, renderScript, renderTemplate } from '../../../policies/src/engine';
import type { Policy } from '../../../policies/src/types';
import type { NewTicket } from '../hosts/host-client';
import { templateVars } from './template-vars';
import type { TicketProjection } from './ticket-projection';

export function followUpTicket(p: TicketProjection, policy: Policy, now: number): NewTicket {
  const locale = policy.defaultLocale;
  const vars = templateVars(p, policy, { locale, now });
  const script = renderScript(policy, 'follow_up', locale, templateVars(p, policy, { locale, now, reader: 'customers' }), {
    category: p.correction?.category ?? p.category,
    signals: p.signals,
  });
  const body = renderNote(policy, 'follow_up_task', locale, { ...vars, script });
  return {
    kind: 'follow_up',
    subject: renderTemplate(policy.followUp.subject[locale] ?? policy.followUp.subject[policy.defaultLocale], vars),
    body,
    requesterId: p.snapshot.requester?.id ?? undefined,
    ...(p.snapshot.requester?.id
      ? {}
      : { requesterEmail: p.snapshot.requester?.email ?? undefined, requesterName: p.snapshot.requester?.name ?? undefined }),
    group: policy.followUp.group ?? undefined,
    tags: [policy.followUp.tag],
    relatedTicketId: p.id,
  };
}
