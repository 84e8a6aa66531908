/** The policy's learned layer (`classification.model`): the model artifact, how it combines with the rules, and its training options. */
import { z } from 'zod';
import { key, severityId, signalId } from './common';

/**
 * Training options the policy sets for `model train`, `model cv` and the admin console's retraining
 * (train-options.ts has each one's meaning and default); a command-line `--epochs` still wins.
 */
export const modelTraining = z.strictObject({
  charNgrams: z.number().int().min(1).max(5).optional(),
  wordNgrams: z.number().int().min(1).max(4).optional(),
  epochs: z.number().int().min(1).max(500).optional(),
  learningRate: z.number().gt(0).max(5).optional(),
  l2: z.number().min(0).max(0.1).optional(),
  minCount: z.number().int().min(1).max(100).optional(),
  ruleDropout: z.number().min(0).max(0.95).optional(),
  subjectNgrams: z.boolean().optional(),
  ngramCountFloor: z.number().int().min(1).max(1000).optional(),
  averageRuns: z.number().int().min(1).max(20).optional(),
  /**
   * A feature whose weights all stay below this (absolute, in weight units) is left out of the artifact:
   * a smaller model to load and a smaller table to probe at run time.
   */
  pruneBelow: z.number().min(0).max(10).optional(),
  /**
   * Thresholds (0–1] of the share of a ticket body's sentences that end with a question mark; each one reached is a
   * model feature `text:questions:<pct>` (a ticket of questions only is a routine enquiry far more often than a
   * report that asks "is this normal?"). Recorded in the artifact, which the run time reads them from.
   */
  questionShares: z.array(z.number().gt(0).max(1)).max(4).optional(),
  /** A signal head's own rule dropout (0–0.95), drawn apart from `ruleDropout`: that head leans less on the rules. */
  ruleDropoutBySignal: z.partialRecord(signalId, z.number().min(0).max(0.95)).optional(),
  /** The weight of a signal's positive examples in its loss (1: as the negatives). */
  signalPositiveWeight: z.partialRecord(signalId, z.number().gt(0).max(20)).optional(),
  /** The model's n-grams leave out lines quoting an earlier message ("> …" and the "… wrote:" line before them). */
  skipQuotedLines: z.boolean().optional(),
  /** The model's n-grams leave out the signatures this `closing` cue set opens (its id in `classification.cues`). */
  skipSignatureOf: key.optional(),
});

/** The learned layer: a linear model artifact (`complaint-desk model train`) and how it combines with the rules. */
export const modelRef = z.strictObject({
  /** Path of the model JSON, relative to the policy file. */
  file: z.string().trim().min(1).max(300),
  /** SHA-256 of the file; `policy check` and the connector refuse a model that does not match. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256 (64 characters)')
    .optional(),
  enabled: z.boolean().default(true),
  /** A signal the rules did not find is added when the model's probability reaches this. */
  addSignalAt: z.number().min(0).max(1).default(0.85),
  /**
   * Per-signal override of `addSignalAt` (e.g. `{"safety": 0.4}`: the model's second opinion adds
   * safety earlier). A safety signal the model adds always asks an agent to confirm (`model_added:safety`).
   */
  addSignalAtBySignal: z.partialRecord(signalId, z.number().min(0).max(1)).optional(),
  /** A signal the rules found (other than those in `keepSignals`) is dropped when the model's probability is below this. */
  dropSignalBelow: z.number().min(0).max(1).default(0.05),
  /**
   * Per-signal override of `dropSignalBelow` (e.g. `{"repeat_contact": 0.5}`: a rule's repeat-contact
   * hit stays only when the model agrees it is at least as likely as not). `keepSignals` still win.
   */
  dropSignalBelowBySignal: z.partialRecord(signalId, z.number().min(0).max(1)).optional(),
  /** Signals the model may never drop (rules that force always win), unless `vetoKeptSignalBelow` says so. */
  keepSignals: z.array(signalId).max(6).default(['safety']),
  /**
   * A kept signal (`keepSignals`) the rules found is dropped when the model's probability is below this
   * (e.g. `{"safety": 0.2}`: a hazard word in a sense the whole ticket reads as harmless). Never silent:
   * the ticket asks for review (`model_vetoed:<signal>`), and the severity the rules setting that signal
   * set no longer wins over the model's (`keepRuleSeverity`); other rules' severities still do.
   */
  vetoKeptSignalBelow: z.partialRecord(signalId, z.number().min(0).max(1)).optional(),
  /**
   * Replaces `vetoKeptSignalBelow` (when higher) for a kept signal the rules found only in questions:
   * every match of a rule setting it lies in a sentence ending with a question mark ("Will this catch
   * fire?", "吞下去会怎样？"), or in the subject while the body asks a question (asked-signals.ts).
   * Asking about a hazard is weaker evidence than reporting one (e.g. `{"safety": 0.8}`); the veto asks
   * for review the same way (`model_vetoed:<signal>`).
   */
  vetoAskedSignalBelow: z.partialRecord(signalId, z.number().min(0).max(1)).optional(),
  /**
   * A long text's paragraphs read one by one (passage-signals.ts): a listed signal whose probability in one
   * paragraph (the text between blank lines) reaches this counts at that probability for the ticket, so a hazard
   * in the middle of a long email is added, or its rule match no longer vetoed, much as for that paragraph sent alone
   * (e.g. `{"safety": 0.9}`). A signal the model adds this way asks for review like any other (`model_added:<signal>`).
   */
  passageSignalAt: z.partialRecord(signalId, z.number().min(0).max(1)).optional(),
  /**
   * Signals read paragraph by paragraph before a kept signal's veto or another signal's drop (`dropSignalBelow`;
   * passage-signals.ts): when the rules found one of them in a body of two or more paragraphs, the model's
   * probability for it is the highest it gives a paragraph holding a match that sets it (read alone, with the rules
   * matched in it), not the whole text's. A greeting, a signature or an unrelated matter around a hazard or a threat
   * then neither weakens the model's doubt about harmless words nor the evidence of a real one (e.g. `["safety",
   * "legal", "media"]`).
   */
  vetoReadsParagraphs: z.array(signalId).max(6).optional(),
  /**
   * When the model vetoes a kept signal, its severity head reads the ticket again without the vetoed
   * rules' features (`rule:<id>` of each rule setting the signal, `sig:<signal>`), so the very rule
   * features the veto overruled do not make it L1; the hazard's own words still count
   * (vetoed-severity.ts). `"asked"`: only when every match of the vetoed signal's rules lies in a
   * question (as `vetoAskedSignalBelow` reads it: "Will this catch fire?"); `"always"`: after any veto
   * (a stated hazard the model vetoed, "my lips swelled up", then loses the L1 it kept through them).
   */
  vetoRereadsSeverity: z.enum(['asked', 'always']).optional(),
  /**
   * A severity is chosen as soon as the model's probability for it reaches this, even when another
   * is more probable (e.g. `{"L1": 0.35}`: a likely urgent case is treated as urgent and, being
   * below the review threshold, asks an agent to confirm). Checked from the most severe down.
   */
  severityAt: z.partialRecord(severityId, z.number().min(0).max(1)).optional(),
  /**
   * Replaces `severityAt` when no rule matched at all (the ticket asks for review anyway): a guess
   * from the words alone must be surer before it pages the senior team (e.g. `{"L1": 0.5}`).
   */
  severityAtWithoutRules: z.partialRecord(severityId, z.number().min(0).max(1)).optional(),
  /**
   * Weight of the training labels' P(severity | category) (stored in the artifact) blended into the
   * severity decision for the chosen category: 0 = the severity head alone.
   */
  categorySeverityWeight: z.number().min(0).max(5).optional(),
  /**
   * Logit adjustment of the category head: each category's score is lowered by this times the log of
   * its share of the training labels (the artifact's `categoryPrior`), so a ticket the model is unsure
   * of is not pulled to the most common category (quality) by that alone. 0 = the head as trained.
   */
  categoryPriorCorrection: z.number().min(0).max(2).optional(),
  /** A severity a matched rule sets that the model may not lower (e.g. ["L1"]: a rule saying "completely dead" keeps L1). */
  keepRuleSeverity: z.array(severityId).max(3).default([]),
  /**
   * `false`: a `keepRuleSeverity` level is not held against the model when every match of the rules setting it lies
   * in a question, as `vetoAskedSignalBelow` reads it ("你们过年开不开门？", "有冇得用會員價？": asking whether
   * something works is weaker evidence than saying it does not). The model's severity stands, what the signals
   * force still wins, and the ticket asks for review (`rule_severity_asked:<level>`). Default `true` (kept).
   */
  keepRuleSeverityWhenAsked: z.boolean().optional(),
  /**
   * Rules (ids) that cap the model's severity: when one matches, the model's level is no more severe
   * than the `sets.severity` of that rule (e.g. a "still works" / "works again" rule at L2: a product
   * that still works is not completely unusable). A severity kept by `keepRuleSeverity` and what the
   * signals force (safety → L1) still win.
   */
  capSeverityRules: z.array(key).max(50).optional(),
  /** Training options for the next model trained with this policy (the artifact records those it was trained with). */
  training: modelTraining.optional(),
});
