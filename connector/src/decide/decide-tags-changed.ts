/**
 * tags.changed → when the malicious tag is added: evidence incomplete → remove it + `evidence_missing`
 * note; complete → freeze the evidence and route to the review group (`evidence_frozen` note). Pure.
 */
import { evidenceStatus, renderNote } from '../../../policies/src/engine';
import type { EvidenceRecord, Locale, Policy, TemplateVars } from '../../../policies/src/types';
import type { TicketChange } from '../hosts/host-client';
import type { TicketProjection } from './ticket-projection';
import { applyTags, compactChange, emptyDecision, joinNotes, type Decision } from './decision';
import { groupLabel, listText } from './labels';
import { templateVars } from './template-vars';
import { ticketLocale } from './ticket-locale';

export interface TagsEvent {
  added: string[];
  removed: string[];
  tags?: string[];
}

export interface TagsFacts {
  evidence: EvidenceRecord;
  /** Already frozen: a repeated malicious tag changes nothing. */
  frozen: boolean;
  by?: string;
}

export function decideTagsChanged(p: TicketProjection | null, e: TagsEvent, policy: Policy, now: number, facts: TagsFacts): Decision {
  const nowIso = new Date(now).toISOString();
  const evidence = [
    { type: 'event' as const, at: nowIso, by: facts.by, data: { kind: 'tags.changed', added: e.added, removed: e.removed } },
  ];
  if (!p) return { ...emptyDecision(), evidence, records: [{ kind: 'unknown_ticket', data: { event: 'tags.changed' } }] };
  const locale: Locale = ticketLocale({ ...p.snapshot, subject: p.subject }, policy);
  const tag = policy.evidence.maliciousTag;
  let next: TicketProjection = { ...p, tags: e.tags ? [...e.tags] : applyTags(p.tags, e.added, e.removed), updatedAt: nowIso };
  const d: Decision = { ...emptyDecision(next), evidence };
  if (!e.added.includes(tag) || facts.frozen) return d;
  const status = evidenceStatus(facts.evidence, policy, locale);
  if (!status.complete) {
    next = { ...next, tags: next.tags.filter((t) => t !== tag) };
    const note = renderNote(policy, 'evidence_missing', locale, {
      ...templateVars(next, policy, { locale, now }),
      missing_fields: listText(locale, status.missing),
    });
    d.change = compactChange({ removeTags: [tag], note: joinNotes([note]) });
    d.projection = next;
    d.records.push({ kind: 'malicious_tag_rejected', data: { missing: status.requirements.filter((r) => !r.met).map((r) => r.id) } });
    return d;
  }
  d.projection = { ...next, group: policy.evidence.reviewGroup };
  // who froze: the host's actor when it names one, else recorded as unknown (never a guessed role name)
  d.freeze = { by: facts.by ?? 'unknown' };
  d.records.push({ kind: 'evidence_frozen', data: {} });
  return d;
}

/** The change sent once the evidence is frozen (needs the head hash, known only after the freeze). */
export function evidenceFrozenChange(policy: Policy, headHash: string, base: TemplateVars = {}): TicketChange {
  const locale = policy.defaultLocale;
  const group = policy.evidence.reviewGroup;
  const note = renderNote(policy, 'evidence_frozen', locale, {
    ...base,
    evidence_hash: headHash,
    group: groupLabel(policy, group, locale),
  });
  return { group, note: joinNotes([note]) };
}
