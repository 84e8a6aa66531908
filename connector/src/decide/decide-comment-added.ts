/**
 * comment.added → evidence; a first public agent reply stops the respond/acknowledge clocks (timers
 * rescheduled); a customer comment is re-classified and new signals escalate (`signal_update` note). Pure.
 */
import { classify, renderNote } from '../../../policies/src/engine';
import type { Comment, Locale, Policy } from '../../../policies/src/types';
import type { TicketChange } from '../hosts/host-client';
import type { TicketProjection } from './ticket-projection';
import { applyTags, compactChange, emptyDecision, joinNotes, type Decision, type EvidenceAppend } from './decision';
import { escalate, withEscalation } from './escalate';
import { matchesText, signalLabels } from './labels';
import { slaOf, slaTimersFor } from './sla-timers';
import { templateVars } from './template-vars';
import { ticketLocale } from './ticket-locale';

export interface CommentFacts {
  requesterComplaints: (days: number) => number;
}

export function commentEvidence(c: Comment, at: string): EvidenceAppend[] {
  const out: EvidenceAppend[] = [
    { type: 'comment', at: c.createdAt || at, by: c.author, data: { id: c.id, author: c.author, public: c.public, body: c.body } },
  ];
  for (const a of c.attachments ?? []) {
    out.push({
      type: 'attachment',
      at: c.createdAt || at,
      by: c.author,
      data: {
        commentId: c.id,
        name: a.name,
        size: a.size ?? null,
        contentType: a.contentType ?? null,
        url: a.url ?? null,
        sha256: a.sha256 ?? null,
      },
    });
  }
  return out;
}

export function decideCommentAdded(
  p: TicketProjection | null,
  comment: Comment,
  policy: Policy,
  now: number,
  facts: CommentFacts,
): Decision {
  const nowIso = new Date(now).toISOString();
  const evidence = commentEvidence(comment, nowIso);
  if (!p) return { ...emptyDecision(), evidence, records: [{ kind: 'unknown_ticket', data: { event: 'comment.added' } }] };
  const locale: Locale = ticketLocale({ ...p.snapshot, subject: p.subject }, policy);
  let next: TicketProjection = { ...p, updatedAt: nowIso };
  const d = emptyDecision();
  d.evidence = evidence;

  if (comment.author === 'agent' && comment.public && !p.firstAgentReplyAt) {
    next = { ...next, firstAgentReplyAt: comment.createdAt || nowIso };
    d.timers = slaTimersFor(next, policy, now);
    d.records.push({ kind: 'first_agent_reply', data: { at: next.firstAgentReplyAt } });
  }

  if (comment.author === 'customer') {
    const c = classify({ id: p.id, subject: '', description: '', comments: [comment] }, policy);
    const fresh = c.signals.filter((s) => !p.signals.includes(s));
    if (fresh.length) {
      next = { ...next, signals: [...p.signals, ...fresh] };
      const step = escalate(
        next,
        { sla: slaOf(next, policy, now), requesterComplaints: facts.requesterComplaints, requesterTags: p.snapshot.requester?.tags ?? [] },
        policy,
        nowIso,
        locale,
      );
      next = withEscalation(next, step);
      const update = renderNote(policy, 'signal_update', locale, {
        ...templateVars(next, policy, { locale, now }),
        signals: signalLabels(policy, fresh, locale),
        matches: matchesText(c, (f) => f.startsWith('comment:')),
      });
      const addTags = [...fresh.map((s) => `${policy.tags.signalPrefix}${s}`), ...step.addTags];
      const change: TicketChange = {
        addTags,
        removeTags: step.removeTags,
        priority: step.priority ?? undefined,
        group: step.group ?? undefined,
        note: joinNotes([update, ...step.notes]),
      };
      next = { ...next, tags: applyTags(next.tags, addTags, step.removeTags) };
      d.change = compactChange(change);
      d.records.push({ kind: 'signals_added', data: { signals: fresh, commentId: comment.id } });
      for (const h of step.hits) d.records.push({ kind: 'escalated', data: { ruleId: h.ruleId, tier: h.tier, reason: h.reason } });
    }
  }
  d.projection = next;
  return d;
}
