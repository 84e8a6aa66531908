/**
 * passage-signals.ts: a long text's paragraphs read one by one. A hand-made artifact whose only n-gram weight is
 * "zorch" → safety: sent alone it makes safety likely, in a long text its 1/√(distinct n-grams) weight is too
 * small, so the whole text reads it as unlikely; `passageSignalAt` reads the paragraph that holds it.
 */
import { classify } from '../../../../../policies/src/engine';
import { logits } from '../../../../../policies/src/engine/score-model';
import { compileModel } from '../../../../../policies/src/engine/linear-model';
import { SIG0, WIDTH } from '../../../../../policies/src/engine/model-artifact';
import { outputLogit, passagesOf, readPassages, type Passage } from '../../../../../policies/src/engine/passage-signals';
import type { Match } from '../../../../../policies/src/types';
import { SIGNAL_IDS, type SignalId } from '../../../../../policies/src/ids';
import { featureSetOf } from '../../../../../policies/src/engine/feature-set';
import { textFeatureHashes } from '../../../../../policies/src/engine/hash-features';
import { filler, ngramReader } from './passage-kit';
import { biasOnlyArtifact, logit } from '../../../../support/bias-only-model';
import { policyVariant } from './apply-model-kit';

const SAFETY = SIG0 + SIGNAL_IDS.indexOf('safety');
/** Bias: P(safety) 0.02; "zorch" adds 6 to safety's logit at full weight (P 0.88 alone, 1/√count of that in a long text). */
function zorchArtifact() {
  const a = biasOnlyArtifact([0.1, 0.6, 0.3], { safety: 0.02 });
  const row = new Array<number>(WIDTH).fill(0);
  row[SAFETY] = 6;
  return { ...a, weights: { zorch: row } };
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('passagesOf', () => {
  const match = (field: string, start: number, ruleId: string, signals: SignalId[] = []): Match =>
    ({ ruleId, field, start, end: start + 3, text: 'x', sets: { signals }, weight: 1 }) as Match;

  it('gives nothing for a body of one paragraph, whatever the subject', () => {
    expect(passagesOf({ id: 't', subject: 'A\n\nB', description: 'one line\nand another' }, [], (t) => t)).toEqual([]);
    expect(passagesOf({ id: 't', subject: '', description: 'only\n\n\n\n' }, [], (t) => t)).toEqual([]);
  });

  it("splits the description and the customer's comments at blank lines, each paragraph with the rules matched in it", () => {
    const ticket = {
      id: 't',
      subject: 'Kettle',
      description: 'Hello\n \t\nIt SPARKED\n\nRegards',
      comments: [
        { id: 'c1', author: 'customer' as const, body: 'Still sparking', public: true, createdAt: '2026-12-01T10:00:00Z' },
        { id: 'c2', author: 'agent' as const, body: 'Sorry\n\nWe will help', public: true, createdAt: '2026-12-01T11:00:00Z' },
      ],
    };
    const matches = [
      match('description', 12, 'spark_en', ['safety']),
      match('comment:c1', 6, 'spark_en', ['safety']),
      match('subject', 0, 'kettle'),
    ];
    expect(passagesOf(ticket, matches, (t) => t.toLowerCase())).toEqual([
      { text: 'hello', ruleIds: [], signals: [] },
      { text: 'it sparked', ruleIds: ['spark_en'], signals: ['safety'] },
      { text: 'regards', ruleIds: [], signals: [] },
      { text: 'still sparking', ruleIds: ['spark_en'], signals: ['safety'] },
    ]);
  });
});

describe('outputLogit', () => {
  it("gives the value logits' full pass gives for that output", () => {
    const model = compileModel(zorchArtifact());
    const text = `${filler} zorch`;
    const rules = ['rule:none', 'sig:safety', 'text:question'];
    const fs = featureSetOf(model);
    textFeatureHashes(text, model.fold, 3, 2, fs);
    const full = logits(model, fs, rules).z[SAFETY];
    const fs2 = featureSetOf(model);
    textFeatureHashes(text, model.fold, 3, 2, fs2);
    expect(outputLogit(model, fs2, rules, SAFETY)).toBe(full);
    expect(full).toBeCloseTo(logit(0.02) + 6 / Math.sqrt(fs2.size), 10);
  });
});

describe('readPassages', () => {
  const model = compileModel(zorchArtifact());
  const read = ngramReader(model);
  const probs = (safety: number) => ({ ...Object.fromEntries(SIGNAL_IDS.map((s) => [s, 0.01])), safety }) as Record<SignalId, number>;
  const passage = (text: string, signals: SignalId[] = []): Passage => ({ text, ruleIds: [], signals });
  const passages = (...texts: string[]): Passage[] => texts.map((text) => passage(text));
  const noRules = () => [];

  it('raises a listed signal to the probability of the passage that reaches the threshold', () => {
    const p = probs(0.03);
    expect(readPassages(model, { at: { safety: 0.8 } }, p, [], () => passages(filler, 'zorch', filler), read, noRules)).toEqual(['safety']);
    expect(p.safety).toBeCloseTo(sigmoid(logit(0.02) + 6), 10);
    expect(p.legal).toBe(0.01);
  });

  it("reports the best passage's probability of each `at` signal, even when it stays under the threshold", () => {
    const p = probs(0.03);
    const best: Partial<Record<SignalId, number>> = {};
    expect(readPassages(model, { at: { safety: 0.95 } }, p, [], () => passages(filler, 'zorch'), read, noRules, best)).toEqual([]);
    expect(p.safety).toBe(0.03);
    expect(best.safety).toBeCloseTo(sigmoid(logit(0.02) + 6), 10);
    expect(best.legal).toBeUndefined();
  });

  it('leaves the signal as it was below the threshold, and reads no passage when nothing is wanted', () => {
    const below = probs(0.03);
    expect(readPassages(model, { at: { safety: 0.9 } }, below, [], () => passages(filler, 'zorch'), read, noRules)).toEqual([]);
    expect(below.safety).toBe(0.03);
    let asked = 0;
    const counted = () => (asked++, passages('zorch'));
    const sure = probs(0.95);
    expect(readPassages(model, { at: { safety: 0.8 } }, sure, [], counted, read, noRules)).toEqual([]);
    expect(sure.safety).toBe(0.95);
    // a veto signal the rules did not find is not read either
    expect(readPassages(model, { veto: ['safety'] }, probs(0.03), [], counted, read, noRules)).toEqual([]);
    expect(asked).toBe(0);
  });

  it('veto: a rule-found signal takes the highest probability of the passages holding its matches, lower or higher', () => {
    const alone = sigmoid(logit(0.02) + 6);
    const up = probs(0.2);
    expect(
      readPassages(model, { veto: ['safety'] }, up, ['safety'], () => [passage(filler), passage('zorch', ['safety'])], read, noRules),
    ).toEqual(['safety']);
    expect(up.safety).toBeCloseTo(alone, 10);
    // the passage holding the match reads it as unlikely: the whole text's 0.6 gives way, though another passage is sure
    const down = probs(0.6);
    readPassages(model, { veto: ['safety'] }, down, ['safety'], () => [passage(filler, ['safety']), passage('zorch')], read, noRules);
    expect(down.safety).toBeLessThan(0.05);
    // with `at` too, a passage that reaches it still raises the signal afterwards
    const both = probs(0.6);
    readPassages(
      model,
      { veto: ['safety'], at: { safety: 0.8 } },
      both,
      ['safety'],
      () => [passage(filler, ['safety']), passage('zorch')],
      read,
      noRules,
    );
    expect(both.safety).toBeCloseTo(alone, 10);
    // no passage holds a match (the subject's, say): the whole text's probability stands
    const kept = probs(0.6);
    expect(readPassages(model, { veto: ['safety'] }, kept, ['safety'], () => passages(filler, 'zorch'), read, noRules)).toEqual([]);
    expect(kept.safety).toBe(0.6);
  });
});

describe('passageSignalAt in classify', () => {
  const long = {
    id: 'p',
    subject: 'Order question',
    description: `Hello,\n\n${filler}\n\nzorch\n\nRegards,\n${filler.split(' ').reverse().join(' ')}`,
  };

  const vetoSettings = { keepRuleSeverity: ['L1' as const], vetoKeptSignalBelow: { safety: 0.3 } };
  /** A rule's safety match in its own paragraph, next to "Zorchless.", which the artifact below makes the model doubt. */
  const hazard = { ...long, description: long.description.replace('zorch', 'The charger sparked and caught fire. Zorchless.') };
  /** The zorch artifact with sig:safety +7 for safety and "zorchless" weighing `doubt` against it. */
  function doubtArtifact(doubt: number) {
    const a = zorchArtifact();
    const row = (w: number) => Object.assign(new Array<number>(WIDTH).fill(0), { [SAFETY]: w });
    return { ...a, weights: { ...a.weights, 'sig:safety': row(7), zorchless: row(doubt) } };
  }

  it('adds safety said in one paragraph of a long text, forces L1 and asks to confirm; without the setting it is missed', () => {
    const a = zorchArtifact();
    const plain = classify(long, policyVariant(a, { addSignalAtBySignal: { safety: 0.3 } }));
    expect(plain.signals).not.toContain('safety');
    const c = classify(long, policyVariant(a, { addSignalAtBySignal: { safety: 0.3 }, passageSignalAt: { safety: 0.8 } }));
    expect(c.signals).toContain('safety');
    expect(c.severity).toBe('L1');
    expect(c.review!.reasons).toContain('model_added:safety');
    expect(c.confidence!.signals.safety).toBeCloseTo(sigmoid(logit(0.02) + 6), 10);
  });

  it('a paragraph over the hint floor but under passageSignalAt asks for review (hint:safety:passage), not silent', () => {
    // The whole text reads P(safety) ≈ 0.03, under the default policy's hint floor (0.1); the paragraph alone 0.88.
    const a = zorchArtifact();
    const hints = (c: ReturnType<typeof classify>) => (c.review?.reasons ?? []).filter((r) => r.startsWith('hint:safety'));
    const whole = classify(long, policyVariant(a, { addSignalAtBySignal: { safety: 0.3 } }));
    expect(whole.signals).not.toContain('safety');
    expect(hints(whole)).toEqual([]);
    const read = classify(long, policyVariant(a, { addSignalAtBySignal: { safety: 0.3 }, passageSignalAt: { safety: 0.95 } }));
    expect(read.signals).not.toContain('safety');
    expect(read.review!.needed).toBe(true);
    expect(hints(read)).toEqual(['hint:safety:passage']);
  });

  it("no longer vetoes a rule's safety match when a paragraph reads safety as likely; the whole text alone vetoes it", () => {
    const a = zorchArtifact();
    const t = { ...long, description: long.description.replace('zorch', 'zorch\n\nThe charger sparked and caught fire.') };
    const vetoed = classify(t, policyVariant(a, vetoSettings));
    expect(vetoed.signals).not.toContain('safety');
    expect(vetoed.review!.reasons).toContain('model_vetoed:safety');
    const stands = classify(t, policyVariant(a, { ...vetoSettings, passageSignalAt: { safety: 0.8 } }));
    expect(stands.signals).toContain('safety');
    expect(stands.severity).toBe('L1');
    expect(stands.review!.reasons).not.toContain('model_vetoed:safety');
  });

  it("reads a paragraph with its own rules only: a greeting alone does not carry the hazard paragraph's rule", () => {
    // sig:safety weighs +7 for safety, "zorchless" −80: the whole text vetoes the rule's safety (P ≈ 0.2); read
    // with every rule of the ticket, the greeting "Hello," alone would give P ≈ 0.96 and undo the veto.
    const art = doubtArtifact(-80);
    const plain = classify(hazard, policyVariant(art, vetoSettings));
    expect(plain.signals).not.toContain('safety');
    expect(plain.review!.reasons).toContain('model_vetoed:safety');
    const read = classify(hazard, policyVariant(art, { ...vetoSettings, passageSignalAt: { safety: 0.9 } }));
    expect(read.signals).not.toContain('safety');
    expect(read.review!.reasons).toContain('model_vetoed:safety');
  });

  it("vetoReadsParagraphs: the model's doubt about a rule's match is read in the match's paragraph, not diluted by the rest", () => {
    // sig:safety +7, "zorchless" −25: in the paragraph alone the doubt wins (P ≈ 0.02); over the long text's n-grams
    // it weighs a seventh as much and the rule's safety stands (P ≈ 0.8).
    const art = doubtArtifact(-25);
    const whole = classify(hazard, policyVariant(art, vetoSettings));
    expect(whole.signals).toContain('safety');
    expect(whole.confidence!.signals.safety).toBe(1);
    const read = classify(hazard, policyVariant(art, { ...vetoSettings, vetoReadsParagraphs: ['safety'] }));
    expect(read.signals).not.toContain('safety');
    expect(read.review!.reasons).toContain('model_vetoed:safety');
    // the same words sent as one paragraph: nothing to read apart, the whole text's reading stands
    const one = { ...hazard, description: hazard.description.replace(/\n\s*\n/g, ' ') };
    expect(classify(one, policyVariant(art, { ...vetoSettings, vetoReadsParagraphs: ['safety'] })).signals).toContain('safety');
  });

  it("vetoReadsParagraphs for a signal the model may drop: a threat's paragraph is read alone, not diluted by the rest", () => {
    // P(legal) 0.02 by bias, sig:legal +3 (the rule found it: P ≈ 0.29, under dropSignalBelow 0.5) and "zorch" +6:
    // in the threat's paragraph alone zorch lifts it over 0.5, spread over the long text it does not.
    const a = biasOnlyArtifact([0.1, 0.6, 0.3], { legal: 0.02 });
    const row = (w: number) => Object.assign(new Array<number>(WIDTH).fill(0), { [SIG0 + SIGNAL_IDS.indexOf('legal')]: w });
    const art = { ...a, weights: { 'sig:legal': row(3), zorch: row(6) } };
    const threat = { ...long, description: long.description.replace('zorch', 'I will take you to court, zorch.') };
    const drops = { dropSignalBelowBySignal: { legal: 0.5 } };
    const whole = classify(threat, policyVariant(art, drops));
    expect(whole.matches.some((m) => m.sets.signals?.includes('legal'))).toBe(true);
    expect(whole.signals).not.toContain('legal');
    expect(whole.disagreements).toContainEqual({ field: 'signal:legal', rules: 'yes', model: 'no', kept: 'no' });
    const read = classify(threat, policyVariant(art, { ...drops, vetoReadsParagraphs: ['legal'] }));
    expect(read.signals).toContain('legal');
    expect((read.disagreements ?? []).some((d) => d.field === 'signal:legal')).toBe(false);
    // listed for safety only, as before round 33: the drop reads the whole text
    expect(classify(threat, policyVariant(art, { ...drops, vetoReadsParagraphs: ['safety'] })).signals).not.toContain('legal');
  });
});
