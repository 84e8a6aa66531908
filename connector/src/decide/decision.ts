/** What a pure decide-* function returns; the executor turns it into store writes and outbox rows. */
import type { NewTicket, TicketChange } from '../hosts/host-client';
import type { TicketProjection } from './ticket-projection';

export type TimerKind = 'sla_warning' | 'sla_breach' | 'follow_up';

export interface TimerPlan {
  kind: TimerKind;
  dueAt: number;
  data?: Record<string, unknown>;
}

export interface EvidenceAppend {
  type: 'comment' | 'attachment' | 'event' | 'action' | 'item' | 'review';
  at: string;
  by?: string;
  data: Record<string, unknown>;
}

export interface Decision {
  /** The projection after this event (null = unchanged / unknown ticket). */
  projection: TicketProjection | null;
  /** At most one change per event on the event's ticket (one host call). */
  change: TicketChange | null;
  creates: NewTicket[];
  /** Cancel these timer kinds for the ticket, then schedule `plans`. */
  timers: { cancel: TimerKind[]; plans: TimerPlan[] } | null;
  evidence: EvidenceAppend[];
  /** Audit records (`decisions` table), each stored with the policy version. */
  records: { kind: string; data: Record<string, unknown> }[];
  /** Freeze the evidence log after appending (malicious tag with complete evidence). */
  freeze?: { by: string };
}

export function emptyDecision(projection: TicketProjection | null = null): Decision {
  return { projection, change: null, creates: [], timers: null, evidence: [], records: [] };
}

/** Drops empty parts so an empty change is `null` (no host call). */
export function compactChange(c: TicketChange): TicketChange | null {
  const out: TicketChange = {};
  if (c.addTags?.length) out.addTags = [...new Set(c.addTags)];
  if (c.removeTags?.length) out.removeTags = [...new Set(c.removeTags)].filter((t) => !out.addTags?.includes(t));
  if (!out.removeTags?.length) delete out.removeTags;
  if (c.priority) out.priority = c.priority;
  if (c.priority && c.severity) out.severity = c.severity;
  if (c.group) out.group = c.group;
  if (c.status) out.status = c.status;
  if (c.fields && Object.keys(c.fields).length) out.fields = c.fields;
  if (c.problemId) out.problemId = c.problemId;
  if (c.note) out.note = c.note;
  if (c.seenTags) out.seenTags = c.seenTags;
  return Object.keys(out).length ? out : null;
}

/** Joins note bodies into one internal note (one host call); the executor sets the marker. */
export function joinNotes(bodies: string[]): TicketChange['note'] | undefined {
  const parts = bodies.filter((b) => b.trim());
  return parts.length ? { body: parts.join('\n\n'), marker: '' } : undefined;
}

export function applyTags(tags: string[], add: string[] = [], remove: string[] = []): string[] {
  const out = tags.filter((t) => !remove.includes(t));
  for (const t of add) if (!out.includes(t)) out.push(t);
  return out;
}
