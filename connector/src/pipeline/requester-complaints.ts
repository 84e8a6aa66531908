/**
 * The decide-* functions ask `requesterComplaints(days)` synchronously; with an async store the counts are
 * read first, for every window the policy can ask about (each `withinDays` in it).
 */
import type { Policy } from '../../../policies/src/types';
import type { TicketsStore } from '../store/store';

const DAY_MS = 86_400_000;

const windowsByPolicy = new WeakMap<Policy, number[]>();

/** Every `withinDays` value anywhere in the policy (walked once per policy object: a policy is not changed in place). */
export function windowsOf(policy: Policy): number[] {
  let w = windowsByPolicy.get(policy);
  if (!w) windowsByPolicy.set(policy, (w = walkWindows(policy)));
  return w;
}

function walkWindows(policy: Policy): number[] {
  const out = new Set<number>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'withinDays' && typeof x === 'number') out.add(x);
        else walk(x);
      }
    }
  };
  walk(policy);
  return [...out];
}

/** A synchronous `(days) => count` over counts read now (plus `extra`, e.g. the ticket being created). */
export async function requesterComplaints(
  tickets: TicketsStore,
  policy: Policy,
  host: string,
  rid: string | null,
  now: number,
  extra: number,
): Promise<(days: number) => number> {
  const counts = new Map<number, number>();
  if (rid)
    for (const d of windowsOf(policy)) counts.set(d, await tickets.countByRequester(host, rid, new Date(now - d * DAY_MS).toISOString()));
  return (days) => {
    if (!rid) return extra;
    const n = counts.get(days);
    if (n === undefined) throw new Error(`requesterComplaints(${days}): a window the policy does not name was asked for`);
    return n + extra;
  };
}
