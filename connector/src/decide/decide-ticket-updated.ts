/** ticket.updated (trigger/automation snapshot) → merge fields, tags and requester into the projection. Pure. */
import type { Policy, Ticket } from '../../../policies/src/types';
import type { TicketProjection } from './ticket-projection';
import { emptyDecision, type Decision } from './decision';

export function decideTicketUpdated(
  p: TicketProjection | null,
  t: Partial<Ticket> & { id: string },
  policy: Policy,
  now: number,
): Decision {
  const nowIso = new Date(now).toISOString();
  if (!p) return { ...emptyDecision(), records: [{ kind: 'unknown_ticket', data: { event: 'ticket.updated' } }] };
  // Only an id (a webhook body that was not valid JSON, recovered after verification): re-read the ticket.
  if (Object.keys(t).every((k) => k === 'id')) return { ...emptyDecision(), records: [{ kind: 'refresh_ticket', data: {} }] };
  const fields = { ...p.fields };
  for (const [k, v] of Object.entries(t.fields ?? {})) if (v !== undefined) fields[k] = v;
  const b = fields[policy.batches.field];
  const next: TicketProjection = {
    ...p,
    fields,
    subject: t.subject ?? p.subject,
    tags: t.tags ? [...t.tags] : p.tags,
    batch: b === undefined || b === null || b === '' ? null : String(b),
    snapshot: { ...p.snapshot, description: t.description ?? p.snapshot.description, requester: t.requester ?? p.snapshot.requester },
    requesterId: t.requester?.id ?? p.requesterId,
    updatedAt: nowIso,
  };
  const changed = Object.keys(t.fields ?? {});
  return { ...emptyDecision(next), evidence: [{ type: 'event', at: nowIso, data: { kind: 'ticket.updated', fields: changed } }] };
}
