/** Localised labels and deadline formatting for notes (all wording comes from the policy). */
import type { ClockId } from '../../../policies/src/types';
import type { Locale, Policy, SeverityId, SignalId, TierId } from '../../../policies/src/types';
import type { Classification } from '../../../policies/src/types';
import { formatCustomerDeadline, formatDeadline as formatIn, listText, readerZone, type Reader } from '../../../policies/src/engine';

export const categoryLabel = (p: Policy, id: string, l: Locale) => p.categories[id as keyof Policy['categories']]?.label[l] ?? id;
export const severityLabel = (p: Policy, id: string, l: Locale) => p.severities[id as SeverityId]?.label[l] ?? id;
export const signalLabels = (p: Policy, ids: string[], l: Locale) =>
  listText(
    l,
    ids.map((s) => p.signals[s as SignalId]?.label[l] ?? s),
  );
export const clockLabel = (p: Policy, id: ClockId, l: Locale) =>
  p.sla.clockLabels[id]?.[l] ?? p.sla.clockLabels[id]?.[p.defaultLocale] ?? id;
export const groupLabel = (p: Policy, id: string | null | undefined, l: Locale) => (id ? (p.groups[id]?.label[l] ?? id) : '');
export const tierLabel = (p: Policy, id: string, l: Locale) => p.escalation.tiers[id as TierId]?.label[l] ?? id;

/**
 * Distinct matched phrases, quoted; with none, the classifier's category "why", which the engine writes in the
 * policy's default locale from `explanations` templates and labels (the locale notes are written in).
 */
export function matchesText(c: Classification, only?: (field: string) => boolean): string {
  const texts = [...new Set(c.matches.filter((m) => !only || only(m.field)).map((m) => `"${m.text}"`))];
  return texts.length ? texts.join(', ') : c.why.category;
}

/**
 * A deadline in the zone the policy names for `reader` (notes unless said otherwise): `2026-11-22 18:30 (Asia/Shanghai)`
 * for agents and notes; for customers the zone is named in words of `locale` (`2026-11-22 18:30 (China Standard Time)`).
 */
export function formatDeadline(
  p: Policy,
  severity: string,
  iso: string | null | undefined,
  reader: Reader = 'notes',
  locale: Locale = p.defaultLocale,
): string {
  if (!iso) return '';
  const zone = readerZone(p, reader, severity);
  return reader === 'customers' ? formatCustomerDeadline(iso, zone, locale) : formatIn(iso, zone);
}

export { listText };
