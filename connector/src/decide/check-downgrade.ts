/**
 * Who may clear a signal that forces a severity (safety → L1) or lower a severity below what the
 * ticket's signals force: only an agent whose role ranks at or above the policy's
 * `classification.review.downgradeRole`, and only with a reason (recorded as an internal note).
 * Pure; used by the sidebar API (refuses up front) and by the correction decision (enforces it
 * again for actions that reach the inbox another way).
 */
import { SEVERITY_IDS } from '../../../policies/src/ids';
import { rankOf } from '../../../policies/src/engine';
import type { Policy, SeverityId, SignalId } from '../../../policies/src/types';

export interface DowngradeRequest {
  severity?: string;
  clearSignals?: string[];
  reason?: string;
  agent: { role: string };
}

export type DowngradeCheck =
  | { ok: true; downgrade: false }
  | { ok: true; downgrade: true; clearedForcing: SignalId[]; forced: SeverityId | null }
  | { ok: false; code: 'forbidden' | 'invalid_request'; message: string };

const rank = (s: string) => SEVERITY_IDS.indexOf(s as SeverityId);

/** The most severe level the signals force, or null. */
export function forcedSeverity(policy: Policy, signals: readonly string[]): SeverityId | null {
  let out: SeverityId | null = null;
  for (const s of signals) {
    const f = policy.signals[s as SignalId]?.forcesSeverity;
    if (f && (out === null || rank(f) < rank(out))) out = f;
  }
  return out;
}

export function checkDowngrade(
  policy: Policy,
  current: { severity: string; signals: readonly string[] },
  req: DowngradeRequest,
): DowngradeCheck {
  const clearing = (req.clearSignals ?? []).filter((s) => current.signals.includes(s));
  const clearedForcing = clearing.filter((s) => policy.signals[s as SignalId]?.forcesSeverity) as SignalId[];
  const forced = forcedSeverity(policy, current.signals);
  const lowering = !!req.severity && forced !== null && rank(req.severity) > rank(forced);
  if (!clearedForcing.length && !lowering) return { ok: true, downgrade: false };
  const what = [
    clearedForcing.length ? `clearing ${clearedForcing.join(', ')}` : '',
    lowering ? `lowering the severity below ${forced}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const review = policy.classification.review;
  if (!review)
    return { ok: false, code: 'forbidden', message: `${what} is not allowed: the policy names no classification.review.downgradeRole` };
  const need = rankOf(policy, review.downgradeRole)!;
  const have = rankOf(policy, req.agent.role);
  if (have === null || have < need) {
    return {
      ok: false,
      code: 'forbidden',
      message: `${what} needs role "${review.downgradeRole}" or a role ranked at or above it (classification.review.downgradeRole); your role is "${req.agent.role}"`,
    };
  }
  if (!req.reason?.trim())
    return { ok: false, code: 'invalid_request', message: `${what} needs a reason (it is recorded as an internal note on the ticket)` };
  return { ok: true, downgrade: true, clearedForcing, forced };
}
