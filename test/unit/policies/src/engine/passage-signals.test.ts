/**
 * passage-signals.ts: a long text's paragraphs read one by one. A hand-made artifact whose only n-gram weight is
 * "zorch" → safety: sent alone it makes safety likely, in a long text its 1/√(distinct n-grams) weight is too
 * small, so the whole text reads it as unlikely; `passageSignalAt` reads the paragraph that holds it.
 */
import { classify } from '../../../../../policies/src/engine';
import { logits } from '../../../../../policies/src/engine/score-model';
import { compileModel } from '../../../../../policies/src/engine/linear-model';
import { featureSetOf } from '../../../../../policies/src/engine/feature-set';
import { textFeatureHashes } from '../../../../../policies/src/engine/hash-features';
import { SIG0, WIDTH } from '../../../../../policies/src/engine/model-artifact';
import { outputLogit, paragraphsOf, raiseByPassages } from '../../../../../policies/src/engine/passage-signals';
import { SIGNAL_IDS, type SignalId } from '../../../../../policies/src/ids';
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
/** 60 distinct words no rule matches ("qaa qba …"): a paragraph that dilutes. */
const filler = Array.from(
  { length: 60 },
  (_, i) => `q${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
).join(' ');
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('paragraphsOf', () => {
  it('splits at blank lines (spaces allowed on them) and gives nothing for a text of one paragraph', () => {
    expect(paragraphsOf('one line\nand another')).toEqual([]);
    expect(paragraphsOf('first\n \t\nsecond\n\nthird')).toEqual(['first', 'second', 'third']);
    expect(paragraphsOf('only\n\n\n\n')).toEqual([]);
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

describe('raiseByPassages', () => {
  const model = compileModel(zorchArtifact());
  const read = (t: string) => {
    const fs = featureSetOf(model);
    textFeatureHashes(t, model.fold, 3, 2, fs);
    return fs;
  };
  const probs = (safety: number) => ({ ...Object.fromEntries(SIGNAL_IDS.map((s) => [s, 0.01])), safety }) as Record<SignalId, number>;

  it('raises a listed signal to the probability of the paragraph that reaches the threshold', () => {
    const p = probs(0.03);
    expect(raiseByPassages(model, { safety: 0.8 }, `${filler}\n\nzorch\n\n${filler}`, p, read, () => [])).toEqual(['safety']);
    expect(p.safety).toBeCloseTo(sigmoid(logit(0.02) + 6), 10);
    expect(p.legal).toBe(0.01);
  });

  it('leaves the signal as it was below the threshold, for a one-paragraph text, and for a signal already at it', () => {
    const below = probs(0.03);
    expect(raiseByPassages(model, { safety: 0.9 }, `${filler}\n\nzorch`, below, read, () => [])).toEqual([]);
    expect(below.safety).toBe(0.03);
    let reads = 0;
    const counted = (t: string) => (reads++, read(t));
    const one = probs(0.03);
    expect(raiseByPassages(model, { safety: 0.8 }, `${filler} zorch`, one, counted, () => [])).toEqual([]);
    const sure = probs(0.95);
    expect(raiseByPassages(model, { safety: 0.8 }, `${filler}\n\nzorch`, sure, counted, () => [])).toEqual([]);
    expect(sure.safety).toBe(0.95);
    expect(reads).toBe(0);
  });
});

describe('passageSignalAt in classify', () => {
  const long = {
    id: 'p',
    subject: 'Order question',
    description: `Hello,\n\n${filler}\n\nzorch\n\nRegards,\n${filler.split(' ').reverse().join(' ')}`,
  };

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

  it("no longer vetoes a rule's safety match when a paragraph reads safety as likely; the whole text alone vetoes it", () => {
    const a = zorchArtifact();
    const t = { ...long, description: long.description.replace('zorch', 'zorch\n\nThe charger sparked and caught fire.') };
    const settings = { keepRuleSeverity: ['L1' as const], vetoKeptSignalBelow: { safety: 0.3 } };
    const vetoed = classify(t, policyVariant(a, settings));
    expect(vetoed.signals).not.toContain('safety');
    expect(vetoed.review!.reasons).toContain('model_vetoed:safety');
    const stands = classify(t, policyVariant(a, { ...settings, passageSignalAt: { safety: 0.8 } }));
    expect(stands.signals).toContain('safety');
    expect(stands.severity).toBe('L1');
    expect(stands.review!.reasons).not.toContain('model_vetoed:safety');
  });
});
