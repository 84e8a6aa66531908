/**
 * Review reasons for a signal the classification lacks but something hinted at
 * (`classification.review.signalHints`): a missed hazard is never silent. Pure. Called by the
 * model combination (apply-model.ts), so the sidebar bundle, which never attaches a model, does
 * not carry it.
 *
 * - `hint:<signal>:cue:<cue id>` — a rule that sets the signal matched and a cue of one of the
 *   listed kinds cancelled that match ("I'm afraid it could catch fire", "no smoke, just dead"):
 *   the agent sees which cue decided;
 * - `hint:<signal>:model` — the learned model's probability of the signal is at or above `modelAt`
 *   but below the threshold that adds it (a second opinion it was not sure enough of);
 * - `hint:<signal>:passage` — the whole text's probability is below `modelAt` but one paragraph read alone
 *   (passage-signals.ts) reaches it: a hazard told between a long greeting, a signature and a quoted reply;
 * - `hint:<signal>:disputed` — the other way round: the rules found the signal and it was kept, but the
 *   model's probability is below `disputedBelow` ("the dress seam split open", "burnt toast on setting 3",
 *   a hazard word the model reads as more likely harmless without vetoing it). The alarm stands; an agent
 *   confirms it instead of it paging the senior team unquestioned.
 */
import { SIGNAL_IDS, type SignalId } from '../ids';
import type { Policy } from '../types';

/** A rule match a cue cancelled: the signals its rule sets and the cue set's id. */
export interface CuedHit {
  signals: readonly SignalId[] | undefined;
  cue: string;
}

type CueKind = NonNullable<Policy['classification']['cues']>[number]['kind'];
const kindsByPolicy = new WeakMap<Policy, Map<string, CueKind>>();

function cueKind(policy: Policy, id: string): CueKind | undefined {
  let kinds = kindsByPolicy.get(policy);
  if (!kinds) {
    kinds = new Map((policy.classification.cues ?? []).map((cs) => [cs.id, cs.kind]));
    kindsByPolicy.set(policy, kinds);
  }
  return kinds.get(id);
}

/**
 * The hint reasons for `signals` (the final ones): `cued` are the matches cues cancelled, `modelP` the
 * model's probability per signal (null without a model), `ruleSignals` the signals the rules found, `passageP` the
 * highest probability a paragraph read alone gave a signal. Each signal gets at most one cue reason (the first
 * cancelled match, in field order) and one model or passage reason.
 */
export function signalHints(
  policy: Policy,
  signals: readonly SignalId[],
  cued: readonly CuedHit[],
  modelP: Partial<Record<SignalId, number>> | null,
  ruleSignals: readonly SignalId[] = [],
  passageP: Partial<Record<SignalId, number>> = {},
): string[] {
  const hints = policy.classification.review?.signalHints;
  if (!hints) return [];
  const out: string[] = [];
  for (const s of SIGNAL_IDS) {
    const h = hints[s];
    if (!h) continue;
    if (signals.includes(s)) {
      const p = modelP?.[s];
      if (h.disputedBelow !== undefined && p !== undefined && p < h.disputedBelow && ruleSignals.includes(s))
        out.push(`hint:${s}:disputed`);
      continue;
    }
    if (h.cueKinds) {
      const kinds = h.cueKinds;
      const hit = cued.find((x) => x.signals?.includes(s) && kinds.includes(cueKind(policy, x.cue)!));
      if (hit) out.push(`hint:${s}:cue:${hit.cue}`);
    }
    const p = modelP?.[s];
    if (h.modelAt === undefined || p === undefined) continue;
    if (p >= h.modelAt) out.push(`hint:${s}:model`);
    else if ((passageP[s] ?? 0) >= h.modelAt) out.push(`hint:${s}:passage`);
  }
  return out;
}
