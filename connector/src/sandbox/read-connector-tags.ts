/**
 * What the connector decided about a ticket, read back from the tags it writes (policy.tags prefixes).
 * Used for list columns when the connector's projection has no row yet, and for sandbox KPIs.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS, TIER_IDS } from '../../../policies/src/ids';
import type { Policy } from '../../../policies/src/types';

export interface ConnectorLabels {
  category: string | null;
  severity: string | null;
  signals: string[];
  tier: string | null;
  sla: 'breached' | 'warning' | null;
}

function pick(tags: string[], prefix: string, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    if (!t.startsWith(prefix)) continue;
    const rest = t.slice(prefix.length);
    const id = ids.find((i) => i.toLowerCase() === rest);
    if (id) out.push(id);
  }
  return out;
}

export function readConnectorTags(tags: string[], policy: Policy): ConnectorLabels {
  const p = policy.tags;
  const sev = pick(tags, p.severityPrefix, SEVERITY_IDS).sort();
  const tiers = pick(tags, p.tierPrefix, TIER_IDS);
  return {
    category: pick(tags, p.categoryPrefix, CATEGORY_IDS)[0] ?? null,
    severity: sev[0] ?? null,
    signals: pick(tags, p.signalPrefix, SIGNAL_IDS),
    tier: tiers.sort((a, b) => TIER_IDS.indexOf(b as never) - TIER_IDS.indexOf(a as never))[0] ?? null,
    sla: tags.includes(p.slaBreached) ? 'breached' : tags.includes(p.slaWarning) ? 'warning' : null,
  };
}
