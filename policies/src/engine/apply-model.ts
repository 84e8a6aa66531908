/**
 * Combines the rules' outcome with the learned model (when the policy has one attached):
 * the model decides category and severity (it sees the matched rules as features), adds a
 * signal it is sure of and drops a rule signal it finds unlikely (`dropSignalBelow`, per signal
 * `dropSignalBelowBySignal`) — except the signals the policy keeps (`model.keepSignals`, safety by
 * default): rules that force always win, and a signal's `forcesSeverity` is applied last.
 * Disagreements and confidences are reported.
 * Pure. `attachModel` (attach-model.ts) registers it with a compiled model for a policy.
 */
import { CATEGORY_IDS, severityRank as rank, SIGNAL_IDS, type SignalId } from '../ids';
import type { Match, Policy, Ticket } from '../types';
import type { LinearModel } from './compile-model';
import { featureSetOf, type FeatureSet } from './feature-set';
import { amountFeatures, compileAmounts, type CompiledAmounts } from './money-features';
import { askedSeverityOnly, holdsAny, QUESTION_MARKS, vetoBelow } from './asked-signals';
import { prefixBasis, textFeatureHashes } from './hash-features';
import { capSeverity, decideSeverity } from './decide-severity';
import { CAT0, SEV0, SIG0, SUBJECT_PREFIX } from './model-artifact';
import { severityText } from './threat-clauses';
import { forceSeverity, rulesOnly, type Combined, type RuleOutcome } from './rule-outcome';
import { heaviestOf, logits, scoresOf, type Logits } from './score-model';
import { passageSeverity, passagesOf, readPassages, type Passage } from './passage-signals';
import { normalizeText } from './normalize-text';
import { ownWordsOfFields, ownWordsReader } from './own-words';
import { compileRules } from './compile-rules';
import { questionShareFeatures } from './question-share';
import { severityHints } from './severity-hints';
import { signalHints, type CuedHit } from './signal-hints';
import { rereadsSeverity, rulesWithout, severityWithout } from './vetoed-severity';
import { ticketFields } from './ticket-fields';
import { withWholeReading } from './whole-reading';

export type { Combined, RuleOutcome } from './rule-outcome';
export { forceSeverity } from './rule-outcome';

const SUBJECT_BASIS = prefixBasis(SUBJECT_PREFIX);
const amountsByPolicy = new WeakMap<Policy, CompiledAmounts | null>();

const THREATS: readonly SignalId[] = ['legal', 'media', 'regulator'];
/**
 * Each policy's rule features by rule id and the signal features, made once: the same strings every ticket, so
 * logits finds their rows from a small map (score-model.ts) without hashing a new string each time.
 */
const ruleNames = new WeakMap<Policy, Map<string, string>>();
const SIGNAL_NAMES = Object.fromEntries(SIGNAL_IDS.map((s) => [s, `sig:${s}`])) as Record<SignalId, string>;
const EXCLAMATION_MARKS = ['!', '！'];
const NO_SHARES: readonly number[] = [];

/**
 * The non-n-gram features the model sees: each matched rule, each rule signal, whether the text
 * asks a question or exclaims (the tokenizer drops punctuation; a how-to question is usage and
 * routine), the share of the body's sentences that are questions (`questionShares`, the thresholds the
 * model was trained with; `subject` is the text's first line, which is no sentence: question-share.ts), and the
 * money amounts (joined with the threat signals the rules found). The trainer uses the same function.
 */
export function ruleFeaturesOf(
  policy: Policy,
  ruleIds: readonly string[],
  signals: readonly SignalId[],
  normalizedText: string,
  subject = '',
  questionShares: readonly number[] = NO_SHARES,
): string[] {
  let names = ruleNames.get(policy);
  if (!names) ruleNames.set(policy, (names = new Map()));
  const out: string[] = [];
  for (const id of ruleIds) {
    let name = names.get(id);
    if (name === undefined) names.set(id, (name = `rule:${id}`));
    out.push(name);
  }
  for (const s of signals) out.push(SIGNAL_NAMES[s]);
  if (holdsAny(normalizedText, QUESTION_MARKS)) out.push('text:question');
  if (holdsAny(normalizedText, EXCLAMATION_MARKS)) out.push('text:exclaim');
  questionShareFeatures(normalizedText, subject, questionShares, out);
  let amounts = amountsByPolicy.get(policy);
  if (amounts === undefined) amountsByPolicy.set(policy, (amounts = compileAmounts(policy.classification.amounts)));
  amountFeatures(
    amounts,
    normalizedText,
    THREATS.filter((t) => signals.includes(t)),
    out,
  );
  return out;
}

function argmax<T extends string>(p: Record<T, number>): T {
  let best: T | null = null;
  for (const k of Object.keys(p) as T[]) if (best === null || p[k] > p[best]) best = k;
  return best!;
}

export function combine(
  policy: Policy,
  rules: RuleOutcome,
  model: LinearModel | null,
  normalizedText: string,
  normalizedSubject = '',
  ticket?: Ticket,
  matches: readonly Match[] = [],
  cued: readonly CuedHit[] = [],
): Combined {
  const minConfidence = policy.classification.review?.minConfidence ?? 0.6;
  const ref = policy.classification.model;
  if (!model || !ref || ref.enabled === false) return rulesOnly(policy, rules);

  const o = model.artifact.options;
  const shares = o.questionShares ?? NO_SHARES;
  // The n-grams read the sender's own words when the model was trained so (own-words.ts); the rules read everything.
  const own = ownWordsReader(compileRules(policy).cues, o);
  // The severity head reads the ticket without its threat clauses (a second pass, only when one matched).
  const masked = o.severityMaskSignals?.length && ticket ? severityText(policy, ticket, matches, o.severityMaskSignals, own) : null;
  const maskedRules = masked ? ruleFeaturesOf(policy, rules.ruleIds, rules.signals, masked.text, masked.subject, shares) : null;
  // The masked pass keeps its logits in the second scratch buffer: no copies (see logits).
  let sev: Logits | null = masked ? logits(model, ngramsOf(model, masked.own ?? masked.text, masked.subject), maskedRules!, 1) : null;
  const ruleFeatures = ruleFeaturesOf(policy, rules.ruleIds, rules.signals, normalizedText, normalizedSubject, shares);
  const gramText = own && ticket ? ownWordsOfFields(own, normalizedText, () => normalizedFields(policy, ticket)) : normalizedText;
  const { z, used, scale, ruleCount } = logits(model, ngramsOf(model, gramText, normalizedSubject), ruleFeatures);
  if (sev) for (let k = SEV0; k < SIG0; k++) z[k] = sev.z[k];
  adjustCategory(model, ref.categoryPriorCorrection ?? 0, z);
  const p = scoresOf(z, used);
  // A long text's paragraphs read one by one (passage-signals.ts); `passageP` keeps what the paragraphs alone said.
  const passageP: Partial<Record<SignalId, number>> = {};
  let cut: Passage[] | undefined;
  const passages = () => (cut ??= ticket ? passagesOf(ticket, matches, (t) => normalizeText(t, compileRules(policy).replacer).text) : []);
  const read = (t: string) => ngramsOf(model, t, normalizedSubject);
  const rulesOf = (q: Passage) => ruleFeaturesOf(policy, q.ruleIds, q.signals, q.text, normalizedSubject, shares);
  if ((ref.passageSignalAt || ref.vetoReadsParagraphs) && ticket)
    readPassages(
      model,
      { at: ref.passageSignalAt, veto: ref.vetoReadsParagraphs },
      p.signals,
      rules.signals,
      passages,
      read,
      rulesOf,
      passageP,
    );

  const keep = keepOf(ref);
  // Leaving a quote or a signature out never silences a review hint the whole text gave (whole-reading.ts).
  const whole = { text: normalizedText, subject: normalizedSubject, ruleFeatures };
  const hintP =
    gramText !== normalizedText || masked?.own !== undefined
      ? withWholeReading(model, p, keep, (t, s) => ngramsOf(model, t, s), whole, masked ? { ...masked, ruleFeatures: maskedRules! } : whole)
      : p;
  const signalSet = new Set<SignalId>();
  const disagreements: Combined['disagreements'] = [];
  for (const s of SIGNAL_IDS) {
    const byRules = rules.signals.includes(s);
    const prob = p.signals[s];
    // A kept signal stands unless the model vetoes it (vetoKeptSignalBelow; vetoAskedSignalBelow when the
    // rules found it only in questions, asked-signals.ts); the others need dropSignalBelow.
    const stays = keep.has(s)
      ? !(prob < vetoBelow(ref, s, byRules, ticket, matches))
      : prob >= (ref.dropSignalBelowBySignal?.[s] ?? ref.dropSignalBelow ?? 0.05);
    if (byRules && stays) signalSet.add(s);
    else if (!byRules && prob >= (ref.addSignalAtBySignal?.[s] ?? ref.addSignalAt ?? 0.85)) signalSet.add(s);
    if (byRules !== prob >= 0.5)
      disagreements.push({
        field: `signal:${s}`,
        rules: byRules ? 'yes' : 'no',
        model: prob >= 0.5 ? 'yes' : 'no',
        kept: signalSet.has(s) ? 'yes' : 'no',
      });
  }
  const signals = SIGNAL_IDS.filter((s) => signalSet.has(s));
  const category = argmax(p.category);
  // A vetoed kept signal's rules no longer hold their severity (vetoed-severity.ts); it asks for review below.
  const vetoed =
    ref.vetoKeptSignalBelow || ref.vetoAskedSignalBelow
      ? [...keep].filter((s) => rules.signals.includes(s) && !signalSet.has(s))
      : NO_SIGNALS;
  // With vetoRereadsSeverity the severity head reads the ticket again without the vetoed rules' features.
  let sevRules = rules.ruleIds;
  if (rereadsSeverity(ref, vetoed, ticket, matches)) {
    sevRules = rulesWithout(policy, rules.ruleIds, vetoed);
    const [text, subject] = masked ? [masked.text, masked.subject] : [normalizedText, normalizedSubject];
    const left = rules.signals.filter((s) => !vetoed.includes(s));
    const grams = masked ? (masked.own ?? masked.text) : gramText;
    sev = logits(model, ngramsOf(model, grams, subject), ruleFeaturesOf(policy, sevRules, left, text, subject, shares), 1);
    p.severity = scoresOf(sev.z, sev.used).severity;
  }
  const modelSeverity = capSeverity(policy, rules.ruleIds, decideSeverity(model, ref, category, p.severity, sevRules.length > 0));
  const ruleSeverity = vetoed.length ? severityWithout(policy, rules.ruleIds, vetoed) : rules.severitySet ? rules.severity : null;
  const keeps = ruleSeverity !== null && (ref.keepRuleSeverity ?? []).includes(ruleSeverity) && rank(ruleSeverity) < rank(modelSeverity);
  // keepRuleSeverityWhenAsked false: a kept level the customer only asked about leaves the model's severity standing.
  // The rules whose severity still stands are the ones ruleSeverity was read from (vetoed-severity.ts).
  const asked =
    keeps &&
    ref.keepRuleSeverityWhenAsked === false &&
    ticket !== undefined &&
    askedSeverityOnly(ticket, matches, ruleSeverity, vetoed.length ? rulesWithout(policy, rules.ruleIds, vetoed) : rules.ruleIds);
  const ruleWins = keeps && !asked;
  const { severity, forcedBy } = forceSeverity(policy, ruleWins ? ruleSeverity : modelSeverity, signals);
  if (rules.scored && rules.category !== category)
    disagreements.push({ field: 'category', rules: rules.category, model: category, kept: category });
  if (rules.severitySet && rules.severity !== modelSeverity)
    disagreements.push({ field: 'severity', rules: rules.severity, model: modelSeverity, kept: severity });

  // Every signal gets a value below, in SIGNAL_IDS order: a copy of a record with that shape is filled in place.
  const sigConf: Partial<Record<SignalId, number>> = { ...SIGNAL_ZERO };
  for (const s of SIGNAL_IDS) {
    // Confidence in the decision taken: P(signal) when kept, 1 - P when absent; a forced keep counts as sure.
    const prob = p.signals[s];
    sigConf[s] = signalSet.has(s) ? (rules.signals.includes(s) && keep.has(s) ? 1 : prob) : 1 - prob;
  }
  const confidence = { category: p.category[category], severity: forcedBy || ruleWins ? 1 : p.severity[severity], signals: sigConf };
  const reasons: string[] = [];
  if (confidence.category < minConfidence) reasons.push('low_confidence:category');
  if (confidence.severity < minConfidence) reasons.push('low_confidence:severity');
  for (const s of SIGNAL_IDS) if ((sigConf[s] ?? 1) < minConfidence) reasons.push(`low_confidence:signal:${s}`);
  if (rules.ruleIds.length === 0) reasons.push('no_rule_matched');
  for (const s of keep) if (!rules.signals.includes(s) && signalSet.has(s)) reasons.push(`model_added:${s}`);
  for (const s of vetoed) reasons.push(`model_vetoed:${s}`);
  if (asked && rank(severity) > rank(ruleSeverity)) reasons.push(`rule_severity_asked:${ruleSeverity}`);
  // A signal left out that a cancelled match or the model hinted at asks for review, and so does a rule's
  // signal kept while the model doubts it (signal-hints.ts).
  reasons.push(...signalHints(policy, signals, cued, hintP.signals, rules.signals, passageP));
  // A final severity below a level the model gave weight to asks for review too (severity-hints.ts).
  reasons.push(
    ...severityHints(policy, severity, hintP.severity, signals, rules.ruleIds, () => passageSeverity(model, passages(), read, rulesOf)),
  );
  // The heaviest features of the chosen outputs, in one pass over the rows (the severity's over the
  // masked text's rows when the severity head read that).
  const outs = signals.map((s) => SIG0 + SIGNAL_IDS.indexOf(s));
  outs.push(CAT0 + CATEGORY_IDS.indexOf(category));
  const sevOut = SEV0 + rank(modelSeverity);
  if (!sev) outs.push(sevOut);
  const top = heaviestOf(model, used, scale, ruleCount, outs);
  const sigWhy: Partial<Record<SignalId, string[]>> = {};
  for (let i = 0; i < signals.length; i++) sigWhy[signals[i]] = top[i];
  return {
    category,
    severity,
    signals,
    forcedBy,
    confidence,
    disagreements,
    review: { needed: reasons.length > 0, reasons },
    heaviest: {
      category: top[signals.length],
      severity: sev ? heaviestOf(model, sev.used, sev.scale, sev.ruleCount, [sevOut])[0] : top[signals.length + 1],
      signals: sigWhy,
    },
  };
}

const logPriors = new WeakMap<LinearModel, Float64Array | null>();

/**
 * Lowers each category's logit by `tau` × log(its training share) (`categoryPriorCorrection`): the
 * logit adjustment that takes out the label frequencies a softmax head learns, so an unsure ticket
 * is not given the most common category for being unsure. Nothing without the artifact's `categoryPrior`.
 */
function adjustCategory(model: LinearModel, tau: number, z: Float64Array): void {
  if (tau === 0) return;
  let log = logPriors.get(model);
  if (log === undefined) {
    const prior = model.artifact.categoryPrior;
    logPriors.set(model, (log = prior ? Float64Array.from(prior, Math.log) : null));
  }
  if (!log) return;
  for (let i = 0; i < log.length; i++) z[CAT0 + i] -= tau * log[i];
}

const NO_SIGNALS: readonly SignalId[] = [];
const SIGNAL_ZERO = Object.fromEntries(SIGNAL_IDS.map((s) => [s, 0])) as Record<SignalId, number>;
const keepSets = new WeakMap<readonly SignalId[], Set<SignalId>>();
const KEEP_DEFAULT: readonly SignalId[] = ['safety'];

/** The signals the model never drops (`keepSignals`, safety by default), as a set made once per list. */
function keepOf(ref: NonNullable<Policy['classification']['model']>): Set<SignalId> {
  const list = ref.keepSignals ?? KEEP_DEFAULT;
  let k = keepSets.get(list);
  if (!k) keepSets.set(list, (k = new Set<SignalId>(list)));
  return k;
}

/** The model's reusable feature set filled with the n-grams of a normalised text and subject. */
function ngramsOf(model: LinearModel, text: string, subject: string): FeatureSet {
  const ngrams = featureSetOf(model);
  const o = model.artifact.options;
  textFeatureHashes(text, model.fold, o.charNgrams, o.wordNgrams, ngrams);
  if (o.subjectNgrams && subject) textFeatureHashes(subject, model.fold, o.charNgrams, o.wordNgrams, ngrams, SUBJECT_BASIS);
  return ngrams;
}

/** Each non-empty field of the ticket normalised, in classify()'s order (for ownWordsOfFields). */
export function normalizedFields(policy: Policy, ticket: Ticket): string[] {
  const replacer = compileRules(policy).replacer;
  const out: string[] = [];
  for (const [, t] of ticketFields(ticket)) if (t) out.push(normalizeText(t, replacer).text);
  return out;
}
