/** The trainer's options and their defaults (train-model.ts); each default is what cross-validation chose. */
import type { SignalId } from '../ids';
import type { Policy } from '../types';

export interface TrainOptions {
  charNgrams: number;
  wordNgrams: number;
  epochs: number;
  l2: number;
  minCount: number;
  learningRate: number;
  seed: number;
  /**
   * Probability of hiding each rule feature from an example in each epoch. The rules were written
   * on this corpus, so they are almost always right here; hiding them some of the time makes the
   * model learn the words too, which is what carries it on text the rules were not written for.
   */
  ruleDropout: number;
  /** Whether the subject's n-grams are also features of their own (`s:` + n-gram): the subject often names the main grievance. */
  subjectNgrams: boolean;
  /**
   * Whether the features that only say a threat or repeat contact was found (a rule that sets no
   * category or severity and only signals that force no severity, `sig:<such a signal>`, and money
   * amounts joined with one) are kept out of the severity head. domain.md §4: threats do not change
   * severity. Learned anyway, a lawyer or a court in a money dispute made it L1.
   */
  severityBlindSignals: boolean;
  /**
   * The severity head reads the ticket without the clauses that carry a match of a rule setting only
   * these signals (threat-clauses.ts), in training and at run time; category and signals read
   * everything. Empty: off. The n-grams of a demand or a threat correlate with L2 in the corpus, so a
   * cosmetic complaint with an absurd demand came out L2 although domain.md §4 labels it by the
   * problem. repeat_contact is not masked: its clauses usually also state the problem, and masking them
   * cost severity in cross-validation.
   */
  severityMaskSignals: SignalId[];
  /** Each n-gram weighs 1/√max(distinct n-grams, this): a very short text's few n-grams cannot decide alone (`ngramScale`). */
  ngramCountFloor: number;
  /**
   * Number of SGD runs (seeds seed, seed+1, …) whose weights are averaged. Averaging the weights of
   * linear models is averaging their scores, so the artifact stays one model of the same size;
   * it evens out the luck of one shuffle order and one draw of rule dropout.
   */
  averageRuns: number;
  /**
   * A feature whose stored weights (rounded to `decimals`) all stay below this in absolute value is left
   * out of the artifact. Features with small weights are many and rarely decide, and each costs start-up
   * time, memory and run-time table probes.
   */
  pruneBelow: number;
  /**
   * Decimal places the artifact's weights are rounded to (stored as whole numbers, `weightScale` = 10^decimals).
   * 2 (round 8; was 3): no decision changed on the 13,473 training tickets, the artifact is a fifth smaller.
   */
  decimals: number;
  /**
   * Thresholds of the share of the body's sentences that end with a question mark: each one reached is a feature
   * (`text:questions:<pct>`, question-share.ts). A ticket of questions only is a routine enquiry far more often
   * than a report that ends with one. Empty: off (`text:question`, any question mark, is always a feature).
   */
  questionShares: number[];
  /**
   * A rule dropout of a signal's own head: that head reads the rule features kept by its own draw with this
   * probability instead of the shared one (`ruleDropout`). The rules were written on this corpus and find
   * almost every hazard in it, so the safety head leaned on them and its words carried little; a hazard no
   * rule matches then depended on what each retrain happened to put on its words.
   */
  ruleDropoutBySignal: Partial<Record<SignalId, number>>;
  /** The weight of a signal's positive examples in its logistic loss (1: as its negatives). */
  signalPositiveWeight: Partial<Record<SignalId, number>>;
  /**
   * The text n-grams leave out lines quoting an earlier message ("> …" and the "… wrote:" line before them), in
   * training and at run time (own-words.ts): a store's quoted acknowledgement is not what the customer complains about.
   */
  skipQuotedLines: boolean;
  /** The text n-grams leave out the signatures this `closing` cue set opens (own-words.ts); '' for none. */
  skipSignatureOf: string;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  charNgrams: 3,
  wordNgrams: 2,
  epochs: 40,
  l2: 1e-5,
  minCount: 2,
  learningRate: 0.3,
  seed: 1,
  ruleDropout: 0.3,
  subjectNgrams: true,
  severityBlindSignals: true,
  severityMaskSignals: ['legal', 'media', 'regulator', 'extortion'],
  ngramCountFloor: 20,
  averageRuns: 5,
  pruneBelow: 0.01,
  decimals: 2,
  questionShares: [],
  ruleDropoutBySignal: {},
  signalPositiveWeight: {},
  skipQuotedLines: false,
  skipSignatureOf: '',
};

/** The options a training with `policy` uses: the defaults, then the policy's `classification.model.training`, then `overrides`. */
export function trainOptionsFor(policy: Policy, overrides: Partial<TrainOptions> = {}): TrainOptions {
  const set = Object.entries(policy.classification.model?.training ?? {}).filter(([, v]) => v !== undefined);
  return { ...DEFAULT_TRAIN_OPTIONS, ...(Object.fromEntries(set) as Partial<TrainOptions>), ...overrides };
}
