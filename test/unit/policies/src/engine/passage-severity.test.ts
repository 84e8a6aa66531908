/**
 * An L1 told in one paragraph of a long body is not silently queued below L1 (passage-signals.ts `passageSeverity`,
 * severity-hints.ts `hint:severity:<level>:passage`, `severityHints.<level>.passageAt`). A hand-made artifact whose
 * only n-gram weight is "zorch" → L1: read alone, a paragraph holding it makes L1 likely; in a long text its
 * 1/√(distinct n-grams) weight is too small, so the whole text reads L1 as unlikely.
 */
import { classify } from '../../../../../policies/src/engine';
import { attachModel, compileModel } from '../../../../../policies/src/engine/linear-model';
import { SEV0, WIDTH } from '../../../../../policies/src/engine/model-artifact';
import { passageSeverity, type Passage } from '../../../../../policies/src/engine/passage-signals';
import type { Policy } from '../../../../../policies/src/types';
import { filler, ngramReader } from './passage-kit';
import { biasOnlyArtifact } from '../../../../support/bias-only-model';
import { loadPolicy } from '../../../../support/test-policy';

/** Bias: P(L1, L2, L3) = 0.02, 0.88, 0.1; "zorch" adds 6 to L1's logit at full weight. */
function zorchArtifact() {
  const a = biasOnlyArtifact([0.02, 0.88, 0.1]);
  const row = new Array<number>(WIDTH).fill(0);
  row[SEV0] = 6;
  return { ...a, weights: { zorch: row } };
}
/** P(L1) of a text whose only known n-gram is "zorch", at full weight. */
const ALONE = (0.02 * Math.exp(6)) / (0.02 * Math.exp(6) + 0.88 + 0.1);

/** The default policy with the zorch model; `hints` replaces review.severityHints. */
function withModel(hints: unknown): Policy {
  const p = loadPolicy((raw) => {
    raw.classification.review.severityHints = hints;
    raw.classification.model = { file: 'x.json', enabled: true, keepSignals: ['safety'] };
  });
  attachModel(p, compileModel(zorchArtifact()));
  return p;
}

const hintsOf = (c: ReturnType<typeof classify>) => (c.review?.reasons ?? []).filter((r) => r.startsWith('hint:severity'));
const long = {
  id: 'l',
  subject: 'Order question',
  description: `Hello,\n\n${filler}\n\nzorch\n\nRegards,\n${filler.split(' ').reverse().join(' ')}`,
};

describe('passageSeverity', () => {
  const model = compileModel(zorchArtifact());
  const read = ngramReader(model);
  const passage = (text: string): Passage => ({ text, ruleIds: [], signals: [] });

  it('gives, per level, the highest share a paragraph alone gives that level or a more severe one', () => {
    const best = passageSeverity(model, [passage(filler), passage('zorch'), passage('regards')], read, () => [])!;
    expect(best.L1).toBeCloseTo(ALONE, 10);
    // L2 reads P(L1) + P(L2); L3 every level: 1
    expect(best.L2).toBeCloseTo(ALONE + (0.88 * (1 - ALONE)) / 0.98, 10);
    expect(best.L3).toBeCloseTo(1, 10);
  });

  it('is null for a body without two paragraphs (nothing to read one by one)', () => {
    expect(passageSeverity(model, [], read, () => [])).toBeNull();
  });
});

describe('hint:severity:<level>:passage in classify', () => {
  it('a paragraph at or above passageAt asks for review while the whole text reaches no floor', () => {
    const c = classify(long, withModel({ L1: { modelAt: 0.1, passageAt: 0.5 } }));
    expect(c.severity).toBe('L2');
    expect(c.review!.needed).toBe(true);
    expect(hintsOf(c)).toEqual(['hint:severity:L1:passage']);
  });

  it('without passageAt, or with a paragraph below it, the ticket is not asked about for its severity', () => {
    expect(hintsOf(classify(long, withModel({ L1: { modelAt: 0.1 } })))).toEqual([]);
    expect(hintsOf(classify(long, withModel({ L1: { modelAt: 0.1, passageAt: 0.95 } })))).toEqual([]);
  });

  it('a body of one paragraph is read whole: the same words without blank lines give no passage hint', () => {
    const flat = { ...long, description: long.description.replace(/\n\n/g, ' ') };
    expect(hintsOf(classify(flat, withModel({ L1: { modelAt: 0.1, passageAt: 0.5 } })))).toEqual([]);
  });

  it('the whole text at the model floor gives the model hint, not the passage one', () => {
    const short = { ...long, description: 'zorch\n\nRegards' };
    const c = classify(short, withModel({ L1: { modelAt: 0.1, passageAt: 0.5 } }));
    expect(c.severity).toBe('L2');
    expect(hintsOf(c)).toEqual(['hint:severity:L1:model']);
  });

  it("the default policy's L1 floor for a paragraph is 0.25", () => {
    const p = loadPolicy();
    expect(p.classification.review?.severityHints?.L1?.passageAt).toBe(0.25);
  });
});
