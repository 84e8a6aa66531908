/** The default policy and a fresh L1 online timeline at T0, shared by sla-state*.test.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { slaState } from '../../../../../policies/src/engine/sla-state';
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import type { Policy, SlaTimeline } from '../../../../../policies/src/types';

export const raw = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../policies/default.json'), 'utf8'));
export function load(change: (p: any) => void = () => {}): Policy {
  const copy = structuredClone(raw);
  change(copy);
  const r = validatePolicy(copy);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
}
export const policy = load();
export const M = 60_000;
export const T0 = Date.parse('2026-11-23T02:00:00Z');
export const iso = (t: number) => new Date(t).toISOString();
export const at = (minutes: number) => iso(T0 + minutes * M);
export const L1 = policy.severities.L1;
export const pct = policy.sla.warnAtPercent / 100;
export const [pauseStatus] = policy.sla.pauseStatuses;
export const [stopStatus] = policy.sla.stopStatuses;
export const online = policy.sla.onlineChannels[0];
export const timeline = (extra: Partial<SlaTimeline> = {}): SlaTimeline => ({
  createdAt: at(0),
  severity: 'L1',
  channel: online,
  statusChanges: [{ at: at(0), status: 'new' }],
  ...extra,
});
export const state = (tl: SlaTimeline, minutes: number, p = policy) => slaState(tl, p, T0 + minutes * M);
