/**
 * A missed hazard is never silent (signal-hints.ts, `classification.review.signalHints`): a safety
 * match a hypothetical or harmless cue cancelled, or a model P(safety) above the floor but below the
 * threshold that adds it, asks an agent to confirm with a reason naming what was seen. The hints come
 * with the model combination (the server); the rules-only sidebar preview has none.
 */
import { classify } from '../../../../../policies/src/engine';
import { attachModel, compileModel } from '../../../../../policies/src/engine/linear-model';
import { signalHints } from '../../../../../policies/src/engine/signal-hints';
import type { Policy } from '../../../../../policies/src/types';
import { biasOnlyArtifact } from '../../../../support/bias-only-model';
import { loadPolicy } from '../../../../support/test-policy';

const HINTS = { safety: { modelAt: 0.15, cueKinds: ['hypothetical', 'harmless'] } };

/** The default policy with a bias-only model; `hints` null: without signalHints. */
function withModel(safety: number, hints: unknown = HINTS): Policy {
  const p = loadPolicy((raw) => {
    if (hints === null) delete raw.classification.review.signalHints;
    else raw.classification.review.signalHints = hints;
    raw.classification.model = { file: 'x.json', enabled: true, addSignalAtBySignal: { safety: 0.4 }, keepSignals: ['safety'] };
  });
  // Every text gets P(safety) = `safety`, category quality, severity L2 (P(L1) 0.05: below the severity hint floor).
  attachModel(p, compileModel(biasOnlyArtifact([0.05, 0.85, 0.1], { safety })));
  return p;
}

const rulesOnly = () =>
  loadPolicy((raw) => {
    raw.classification.review.signalHints = HINTS;
    delete raw.classification.model;
  });

const plain = { id: 'p', subject: 'Kettle', description: 'The kettle lid sticks a little when I open it.' };

describe('signal hints: a missed hazard asks for review', () => {
  it("the default policy's floor is P(safety) 0.1: a hazard the model put at 0.12 asks for review", () => {
    // Round 16: on the round-15 writers left out of training, 0.15 left safety misses at P 0.10–0.14 silent.
    const p = loadPolicy((raw) => {
      raw.classification.model = { file: 'x.json', enabled: true, addSignalAtBySignal: { safety: 0.4 }, keepSignals: ['safety'] };
    });
    attachModel(p, compileModel(biasOnlyArtifact([0.05, 0.85, 0.1], { safety: 0.12 })));
    const c = classify(plain, p);
    expect(c.signals).not.toContain('safety');
    expect(c.review!.reasons).toContain('hint:safety:model');
    attachModel(p, compileModel(biasOnlyArtifact([0.05, 0.85, 0.1], { safety: 0.08 })));
    expect(classify(plain, p).review!.reasons).not.toContain('hint:safety:model');
  });

  it('the model P(safety) between the floor and the add threshold asks for review, with hint:safety:model', () => {
    const c = classify(plain, withModel(0.2));
    expect(c.signals).not.toContain('safety');
    expect(c.severity).not.toBe('L1');
    expect(c.review!.needed).toBe(true);
    expect(c.review!.reasons).toContain('hint:safety:model');
    // below the floor: no hint
    expect(classify(plain, withModel(0.1)).review!.reasons).not.toContain('hint:safety:model');
    // at the add threshold the model adds safety itself (model_added), no hint
    const added = classify(plain, withModel(0.45));
    expect(added.signals).toContain('safety');
    expect(added.review!.reasons).toContain('model_added:safety');
    expect(added.review!.reasons.filter((r) => r.startsWith('hint:'))).toEqual([]);
  });

  it('a safety match a hypothetical cue cancelled asks for review, naming the cue', () => {
    const t = { id: 'h', subject: 'Battery question', description: 'I read that these batteries could catch fire, how do I recycle it?' };
    const c = classify(t, withModel(0.01));
    expect(c.signals).not.toContain('safety');
    expect(c.review!.needed).toBe(true);
    expect(c.review!.reasons).toContain('hint:safety:cue:hypothetical_en');
    // the same ticket under a policy without signalHints: no hint
    expect(classify(t, withModel(0.01, null)).review!.reasons.filter((r) => r.startsWith('hint:'))).toEqual([]);
  });

  it('a ticket cue counts (the subject says smoke, the body says steam); a negated hazard does not by default', () => {
    const steam = { id: 's', subject: 'Kettle smoking', description: 'Sorry, false alarm: it turned out to be steam from the spout.' };
    const c = classify(steam, withModel(0.01));
    expect(c.signals).not.toContain('safety');
    expect(c.review!.reasons).toContain('hint:safety:cue:steam_not_smoke_en');
    const negated = { id: 'n', subject: 'Kettle dead', description: 'No smoke, no sparks, it simply stopped heating.' };
    expect(classify(negated, withModel(0.01)).review!.reasons.filter((r) => r.startsWith('hint:'))).toEqual([]);
    // with negation among the kinds it asks too
    const all = withModel(0.01, { safety: { cueKinds: ['negation', 'hypothetical', 'harmless'] } });
    expect(classify(negated, all).review!.reasons.some((r) => r.startsWith('hint:safety:cue:negation'))).toBe(true);
  });

  it('a safety alarm the rules found and the model doubts stands, L1, but asks for review (hint:safety:disputed)', () => {
    const smoke = { id: 'd', subject: 'Heater', description: 'The heater started to smoke.' };
    const hints = { safety: { modelAt: 0.15, disputedBelow: 0.5 } };
    const c = classify(smoke, withModel(0.35, hints));
    expect(c.signals).toContain('safety');
    expect(c.severity).toBe('L1');
    expect(c.review!.needed).toBe(true);
    expect(c.review!.reasons).toContain('hint:safety:disputed');
    // the model agreeing (P at or above disputedBelow): no hint, and no review for it
    expect(classify(smoke, withModel(0.5, hints)).review!.reasons).not.toContain('hint:safety:disputed');
    // without the setting the doubted alarm pages unquestioned (confidence 1 for a kept rule signal)
    const silent = classify(smoke, withModel(0.35));
    expect(silent.signals).toContain('safety');
    expect(silent.review!.reasons).toEqual([]);
    // only a signal the rules found: the model's own alarm already asks (model_added), it is not "disputed"
    const added = classify(plain, withModel(0.45, hints));
    expect(added.signals).toContain('safety');
    expect(added.review!.reasons).toContain('model_added:safety');
    expect(added.review!.reasons).not.toContain('hint:safety:disputed');
  });

  it("the default policy asks about a rule's safety alarm the model puts under 0.5 and above its veto", () => {
    // Round 20: left out of training, rounds 18+19, 17, 16 and 15 had 6, 1, 1 and 7 such alarms (P 0.31-0.48), 11 false.
    const p = loadPolicy((raw) => {
      raw.classification.model = { file: 'x.json', enabled: true, keepSignals: ['safety'], vetoKeptSignalBelow: { safety: 0.3 } };
    });
    const smoke = { id: 'd', subject: 'Heater', description: 'The heater started to smoke.' };
    attachModel(p, compileModel(biasOnlyArtifact([0.05, 0.85, 0.1], { safety: 0.38 })));
    const doubted = classify(smoke, p);
    expect(doubted.signals).toContain('safety');
    expect(doubted.severity).toBe('L1');
    expect(doubted.review!.reasons).toContain('hint:safety:disputed');
    attachModel(p, compileModel(biasOnlyArtifact([0.05, 0.85, 0.1], { safety: 0.55 })));
    expect(classify(smoke, p).review!.reasons).not.toContain('hint:safety:disputed');
  });

  it('without a model (the sidebar preview) there are no hints', () => {
    const t = { id: 'r', subject: 'Battery question', description: 'I read that these batteries could catch fire, how do I recycle it?' };
    expect(classify(t, rulesOnly()).review!.reasons.filter((r) => r.startsWith('hint:'))).toEqual([]);
  });

  it('a ticket that has safety gets no hint, even when a cue cancelled one of its matches', () => {
    const t = { id: 'b', subject: 'Charger', description: 'If it sparks again I will stop. The charger sparked and the plug melted.' };
    const c = classify(t, withModel(0.01));
    expect(c.signals).toContain('safety');
    expect(c.review!.reasons.filter((r) => r.startsWith('hint:'))).toEqual([]);
  });
});

describe('signalHints: what a paragraph alone said', () => {
  const policy = loadPolicy();
  it('a paragraph at or over the floor asks (hint:safety:passage) only when the whole text is under it', () => {
    expect(signalHints(policy, [], [], { safety: 0.02 }, [], { safety: 0.1 })).toEqual(['hint:safety:passage']);
    expect(signalHints(policy, [], [], { safety: 0.02 }, [], { safety: 0.09 })).toEqual([]);
    // the whole text already reaches the floor: one model reason, not two
    expect(signalHints(policy, [], [], { safety: 0.2 }, [], { safety: 0.5 })).toEqual(['hint:safety:model']);
    // the ticket has safety: no hint from a paragraph
    expect(signalHints(policy, ['safety'], [], { safety: 0.9 }, ['safety'], { safety: 0.5 })).toEqual([]);
  });
});
