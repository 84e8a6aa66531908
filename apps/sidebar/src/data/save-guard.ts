/**
 * The client-side half of the malicious-label rule: saving a ticket with the malicious tag is
 * blocked unless the evidence record is complete (the connector enforces it again).
 */
import type { Translate } from '../i18n/translate';

export interface GuardFacts {
  maliciousTag: string | null;
  /** null = unknown (connector unreachable). */
  evidence: { complete: boolean; missing: string[] } | null;
}

export function guardReason(tags: string[], facts: GuardFacts, t: Translate): string | null {
  if (!facts.maliciousTag || !tags.includes(facts.maliciousTag)) return null;
  if (!facts.evidence) return t('guard.unknown', { tag: facts.maliciousTag });
  if (facts.evidence.complete) return null;
  return t('guard.blocked', { tag: facts.maliciousTag, missing: facts.evidence.missing.join('; ') });
}
