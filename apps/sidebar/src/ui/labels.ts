/** Localised labels of fixed ids, read from the policy (falls back to the id when no policy is cached). */
import { isEvidenceReviewer } from '../../../../policies/src/engine';
import type { Locale, Policy } from '../../../../policies/src/types';

type Labelled = Record<string, { label: Record<Locale, string> } | undefined>;

function pick(map: Labelled | undefined, id: string, locale: Locale): string {
  return map?.[id]?.label?.[locale] ?? id;
}

export interface Labels {
  category(id: string): string;
  severity(id: string): string;
  signal(id: string): string;
  tier(id: string): string;
  group(id: string): string;
  role(id: string | null): string;
  evidenceKind(id: string): string;
}

export function labelsFor(policy: Policy | null, locale: Locale): Labels {
  return {
    category: (id) => pick(policy?.categories as Labelled, id, locale),
    severity: (id) => pick(policy?.severities as Labelled, id, locale),
    signal: (id) => pick(policy?.signals as Labelled, id, locale),
    tier: (id) => pick(policy?.escalation?.tiers as Labelled, id, locale),
    group: (id) => pick(policy?.groups as Labelled, id, locale),
    role: (id) => (id ? pick(policy?.remedies?.roles as Labelled, id, locale) : ''),
    evidenceKind: (id) => pick(policy?.evidence?.itemKinds as Labelled, id, locale),
  };
}

/** Whether the agent's role ranks at or above the role that reviews evidence (may export the bundle). */
export function canExportEvidence(policy: Policy | null, role: string): boolean {
  return policy !== null && isEvidenceReviewer(policy, role);
}
