/**
 * Finds what must never reach an agent in rendered text: a policy's ids (classification and escalation rule
 * ids, and every other id written in snake_case: signals, groups, clocks, remedies, tiers) and the learned
 * model's feature keys (`rule:…`, `sig:…`, `s:…`, `text:…`, `amount:…`). The tests that use it scan whole
 * rendered surfaces (sidebar, notes, sandbox page, admin dry run).
 */
import type { Policy } from '../../policies/src/types';

const FEATURE_KEY = /(?<![\p{L}\p{N}])(?:rule|sig|s|text|amount):[\p{L}\p{N}_]/u;

function idsOf(policy: Policy): string[] {
  const ids = new Set<string>();
  for (const r of policy.classification.rules) ids.add(r.id);
  for (const r of policy.escalation.rules) ids.add(r.id);
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(k)) ids.add(k);
      walk(x);
    }
  };
  walk(policy);
  // A one-word id ("media", "legal") is also an ordinary word: it counts only where it is named as a rule.
  return [...ids].filter((id) => id.includes('_'));
}

/** The raw ids and feature keys found in `text` (empty when it is clean). */
export function rawIdsIn(policy: Policy, text: string): string[] {
  const found: string[] = [];
  for (const id of idsOf(policy)) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u');
    if (re.test(text)) found.push(id);
  }
  const ruleIds = policy.classification.rules.map((x) => x.id).join('|');
  const r = new RegExp(`(?:\\brule|规则|規則)\\s+(?:${ruleIds})\\b`, 'u').exec(text);
  if (r) found.push(r[0]);
  const m = FEATURE_KEY.exec(text);
  if (m) found.push(text.slice(m.index, m.index + 24));
  return found;
}

/** Quoted phrases ("…") in `text` that are not the customer's own words (a feature key or a stem quoted as if it were). */
export function quotesNotFrom(text: string, source: string): string[] {
  const src = source.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    const q = m[1].replace(/…$/, '').normalize('NFKC').toLowerCase();
    if (q && !src.includes(q)) out.push(m[1]);
  }
  return out;
}
