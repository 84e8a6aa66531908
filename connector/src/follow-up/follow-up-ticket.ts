/** The follow-up task created on the host when the follow-up timer fires (script + CSAT question). Pure. */
import { renderNote, renderScript } from '../../../policies/src/engine';
import type { Policy } from '../../../policies/src/types';
import type { NewTicket } from '../hosts/host-client';
import { templateVars } from '../processing/template-vars';
import type { TicketProjection } from '../store/ticket-projection';

export function followUpTicket(p: TicketProjection, policy: Policy, now: number): NewTicket {
  const locale = policy.defaultLocale;
  const vars = templateVars(p, policy, { locale, now });
  const script = renderScript(policy, 'follow_up', locale, vars);
  const body = renderNote(policy, 'follow_up_task', locale, { ...vars, script });
  return {
    kind: 'follow_up', subject: `${policy.scripts.follow_up.label[locale]} #${p.id}`, body,
    requesterId: p.snapshot.requester?.id ?? undefined, group: policy.followUp.group ?? undefined, tags: [policy.followUp.tag],
    relatedTicketId: p.id,
  };
}
