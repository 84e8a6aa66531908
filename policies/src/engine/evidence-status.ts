/**
 * Whether the evidence on record is enough to label a complaint malicious (policy.evidence.requirements).
 */
import type { Locale } from '../ids';
import type { EvidenceRecord, EvidenceStatus, Policy } from '../types';

type Requirement = Policy['evidence']['requirements'][number];

function count(req: Requirement, record: EvidenceRecord, policy: Policy): { have: number; need: number } {
  switch (req.type) {
    case 'customer_contacts':
      return { have: record.customerContacts, need: req.min };
    case 'items': {
      const kinds = new Set(req.kinds);
      return { have: record.items.filter((i) => kinds.has(i.kind)).length, need: req.min };
    }
    case 'review': {
      const roles = policy.remedies.roles;
      const needed = roles[req.role]?.rank ?? Number.POSITIVE_INFINITY;
      // A review counts when it was recorded by the required role or a higher-ranked one.
      return { have: record.reviews.filter((r) => (roles[r.role]?.rank ?? -1) >= needed).length, need: 1 };
    }
  }
}

export function evidenceStatus(record: EvidenceRecord, policy: Policy, locale: Locale): EvidenceStatus {
  const requirements = policy.evidence.requirements.map((req) => {
    const { have, need } = count(req, record, policy);
    return { id: req.id, label: req.label[locale] ?? req.label[policy.defaultLocale], met: have >= need, have, need };
  });
  const missing = requirements.filter((r) => !r.met).map((r) => r.label);
  return { complete: missing.length === 0, requirements, missing };
}
