import { classify } from '../../../../../policies/src/engine';
import { WIDTH, type ModelArtifact } from '../../../../../policies/src/engine/linear-model';
import { SEV0, SIG0 } from '../../../../../policies/src/engine/model-artifact';
import { CATEGORY_IDS } from '../../../../../policies/src/ids';
import type { Ticket } from '../../../../../policies/src/types';
import { artifact, policyWith } from './apply-model-kit';

// A model whose n-grams read the sender's own words (own-words.ts): a quoted earlier message and a signature weigh
// nothing in its labels, and the whole text still raises the review hints it would have raised (whole-reading.ts).
// Bias only, plus two made-up words: "zzbill" pulls towards billing and L1, "zzhot" towards safety.
function model(options: Partial<ModelArtifact['options']>): ModelArtifact {
  const base = artifact([0.02, 0.08, 0.9], 0.01);
  const row = (set: [number, number][]) => {
    const w = new Array<number>(WIDTH).fill(0);
    for (const [i, v] of set) w[i] = v;
    return w;
  };
  return {
    ...base,
    options: { ...base.options, ...options },
    weights: {
      zzbill: row([
        [CATEGORY_IDS.indexOf('billing'), 40],
        [SEV0, 40],
      ]),
      zzhot: row([[SIG0, 40]]),
    },
  };
}
const own = { skipQuotedLines: true, skipSignatureOf: 'signature_not_threat' };
const settings = { addSignalAtBySignal: { safety: 0.3 } };
const ticket = (description: string): Ticket => ({ id: 't', subject: 'Kettle', description });
const run = (options: Partial<ModelArtifact['options']>, description: string) =>
  classify(ticket(description), policyWith(model(options), settings));

const quoted = 'Where do I find the manual?\n\nOn 3 June, Shop <help@shop.example> wrote:\n> zzbill zzbill';
const signed = 'Where do I find the manual?\n\nThanks,\nTom\nzzbill Partners LLP';

describe('a model that reads own words', () => {
  it('reads the quote and the signature when its options do not say otherwise', () => {
    for (const d of [quoted, signed]) expect(run({}, d)).toMatchObject({ category: 'billing', severity: 'L1' });
  });

  it('leaves a quoted earlier message and a signature out of its labels', () => {
    expect(run({ skipQuotedLines: true }, quoted)).toMatchObject({ category: 'quality', severity: 'L3' });
    expect(run({ skipSignatureOf: 'signature_not_threat' }, signed)).toMatchObject({ category: 'quality', severity: 'L3' });
    // Each option governs its own kind of line.
    expect(run({ skipSignatureOf: 'signature_not_threat' }, quoted)).toMatchObject({ category: 'billing' });
  });

  it('still asks for review where the whole text reaches a hint the own words do not', () => {
    expect(run(own, quoted).review?.reasons).toContain('hint:severity:L1:model');
    const hot = run(own, 'Where do I find the manual?\n\nThanks,\nTom\nzzhot');
    expect(hot.signals).not.toContain('safety');
    expect(hot.review?.reasons).toContain('hint:safety:model');
    // Read whole, the same words add the signal: the own-words reading is what keeps it out.
    expect(run({}, 'Where do I find the manual?\n\nThanks,\nTom\nzzhot').signals).toContain('safety');
  });

  it('gives exactly the classification of a model without the options where nothing is left out', () => {
    const plain = 'Where do I find the manual? zzbill\n\nThanks, and have a lovely weekend with the family and friends';
    expect(run(own, plain)).toEqual(run({}, plain));
  });
});
