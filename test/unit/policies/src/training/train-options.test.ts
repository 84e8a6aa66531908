/**
 * The policy's `classification.model.training` sets the trainer's options (an admin tunes them as data,
 * validated like the rest of the policy); a command-line override still wins.
 */
import { trainModel, type LabelledTicket } from '../../../../../policies/src/training/train-model';
import { DEFAULT_TRAIN_OPTIONS, trainOptionsFor } from '../../../../../policies/src/training/train-options';
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import { loadPolicy } from '../../../../support/test-policy';

const withTraining = (training: Record<string, unknown>) =>
  loadPolicy((raw) => {
    raw.classification.model.training = training;
  });

describe('trainOptionsFor', () => {
  it('is the defaults when the policy sets nothing', () => {
    const p = loadPolicy((raw) => {
      delete raw.classification.model.training;
    });
    expect(trainOptionsFor(p)).toEqual(DEFAULT_TRAIN_OPTIONS);
  });

  it("takes the policy's options over the defaults, and the overrides over both", () => {
    const p = withTraining({ l2: 1e-4, epochs: 12, wordNgrams: 3 });
    expect(trainOptionsFor(p)).toEqual({ ...DEFAULT_TRAIN_OPTIONS, l2: 1e-4, epochs: 12, wordNgrams: 3 });
    expect(trainOptionsFor(p, { epochs: 7 })).toMatchObject({ l2: 1e-4, epochs: 7, wordNgrams: 3 });
  });

  it('trainModel trains with them: the artifact records the options it was trained with', () => {
    const tickets: LabelledTicket[] = ['kettle', 'toaster', 'heater'].flatMap((p, i) => [
      {
        id: `q${i}`,
        subject: `${p} rattles`,
        description: `the ${p} rattles`,
        expected: { category: 'quality', severity: 'L2', signals: [] },
      },
      {
        id: `b${i}`,
        subject: `${p} invoice`,
        description: `reissue the ${p} invoice`,
        expected: { category: 'billing', severity: 'L3', signals: [] },
      },
    ]);
    const a = trainModel(tickets, withTraining({ epochs: 3, wordNgrams: 1, averageRuns: 1 }), new Map(), ['t'], '2026-12-01T00:00:00Z');
    expect(a.options).toMatchObject({ epochs: 3, wordNgrams: 1, averageRuns: 1 });
    expect(Object.keys(a.weights).some((f) => f.includes(' '))).toBe(false); // no word bigrams
  });

  it('is validated strictly, with the path of what is wrong', () => {
    for (const bad of [{ epochs: 0 }, { l2: -1 }, { wordNgrams: 9 }, { learningrate: 0.1 }]) {
      const raw = JSON.parse(JSON.stringify(loadPolicy()));
      raw.classification.model.training = bad;
      const r = validatePolicy(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(JSON.stringify(r.problems)).toMatch(/classification\.model\.training/);
    }
  });
});
