/**
 * The policy's `classification.model.training` sets the trainer's options (an admin tunes them as data,
 * validated like the rest of the policy); a command-line override still wins.
 */
import { trainModel, type LabelledTicket } from '../../../../../policies/src/training/train-model';
import { DEFAULT_TRAIN_OPTIONS, trainOptionsFor } from '../../../../../policies/src/training/train-options';
import { weightScaleOf } from '../../../../../policies/src/engine/model-artifact';
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

  it("trainModel prunes with the policy's pruneBelow: exactly the features whose stored weights all stay below it go", () => {
    const tickets: LabelledTicket[] = ['kettle', 'toaster', 'heater', 'fridge'].flatMap((p, i) => [
      {
        id: `q${i}`,
        subject: `${p} rattles`,
        description: `the ${p} rattles and hums when it runs`,
        expected: { category: 'quality', severity: 'L2', signals: [] },
      },
      {
        id: `b${i}`,
        subject: `${p} invoice`,
        description: `please reissue the ${p} invoice with my address`,
        expected: { category: 'billing', severity: 'L3', signals: [] },
      },
    ]);
    const train = (pruneBelow: number) =>
      trainModel(tickets, withTraining({ epochs: 3, averageRuns: 1, minCount: 1, pruneBelow }), new Map(), ['t'], '2026-12-01T00:00:00Z');
    const all = train(0);
    const largest = (w: number[]) => Math.max(...w.map(Math.abs)) / weightScaleOf(all);
    const sizes = Object.values(all.weights)
      .map(largest)
      .sort((a, b) => a - b);
    // The cut is a stored size near the median, shared by several features: those features stay, whichever
    // way their unrounded weights fell, so the artifact alone says what a pruning keeps.
    const mid = sizes.findIndex((v, i) => i >= sizes.length / 2 && v > sizes[i - 1] && v === sizes[i + 1]);
    expect(mid).toBeGreaterThan(0);
    const cut = sizes[mid];
    const pruned = train(cut);
    const expected = Object.keys(all.weights).filter((f) => largest(all.weights[f]) >= cut);
    expect(expected.length).toBeLessThan(Object.keys(all.weights).length);
    expect(Object.keys(pruned.weights)).toEqual(expected);
    for (const f of expected) expect(pruned.weights[f]).toEqual(all.weights[f]);
  });

  it('accepts pruneBelow, ruleDropoutBySignal and signalPositiveWeight in the policy', () => {
    const raw = JSON.parse(JSON.stringify(loadPolicy()));
    raw.classification.model.training = { pruneBelow: 1.25, ruleDropoutBySignal: { safety: 0.8 }, signalPositiveWeight: { safety: 2 } };
    expect(validatePolicy(raw).ok).toBe(true);
    const p = withTraining({ ruleDropoutBySignal: { safety: 0.8 } });
    expect(trainOptionsFor(p).ruleDropoutBySignal).toEqual({ safety: 0.8 });
  });

  it('is validated strictly, with the path of what is wrong', () => {
    for (const bad of [
      { epochs: 0 },
      { l2: -1 },
      { wordNgrams: 9 },
      { learningrate: 0.1 },
      { pruneBelow: -0.5 },
      { pruneBelow: 'all' },
      { ruleDropoutBySignal: { safety: 1 } },
      { ruleDropoutBySignal: { fire: 0.5 } },
      { signalPositiveWeight: { safety: 0 } },
    ]) {
      const raw = JSON.parse(JSON.stringify(loadPolicy()));
      raw.classification.model.training = bad;
      const r = validatePolicy(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(JSON.stringify(r.problems)).toMatch(/classification\.model\.training/);
    }
  });
});
