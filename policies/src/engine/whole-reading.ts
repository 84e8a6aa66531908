/**
 * The whole text read again when the model's own-words reading (own-words.ts) left lines out: its severity and its
 * kept signals' probabilities (`keepSignals`, safety by default). The review hints take, level by level and per kept
 * signal, the higher of the two readings, so leaving out a quote or a signature never silences a hint the whole text
 * gave; the labels stay the own words'. Pure; browser-safe.
 */
import { SEVERITY_IDS, type SeverityId, type SignalId } from '../ids';
import type { LinearModel } from './compile-model';
import type { FeatureSet } from './feature-set';
import { logits, scoresOf, type ModelScores } from './score-model';

/** A text and subject to read, and the rule features read with them. */
export interface Reading {
  text: string;
  subject: string;
  ruleFeatures: string[];
}

/**
 * `p` (the own words' scores) with its severity and kept signals raised to the whole text's where higher. `whole`
 * is what the category and signals read, `wholeSeverity` what the severity head reads (the masked text when there
 * is one). Uses logits buffer 2.
 */
export function withWholeReading(
  model: LinearModel,
  p: ModelScores,
  keep: ReadonlySet<SignalId>,
  grams: (text: string, subject: string) => FeatureSet,
  whole: Reading,
  wholeSeverity: Reading,
): { severity: Record<SeverityId, number>; signals: Record<SignalId, number> } {
  const all = scoresOf(logitsOf(model, grams, whole), []);
  const sev = wholeSeverity === whole ? all.severity : scoresOf(logitsOf(model, grams, wholeSeverity), []).severity;
  const severity = { ...p.severity };
  for (const l of SEVERITY_IDS) severity[l] = Math.max(severity[l], sev[l]);
  const signals = { ...p.signals };
  for (const s of keep) signals[s] = Math.max(signals[s], all.signals[s]);
  return { severity, signals };
}

function logitsOf(model: LinearModel, grams: (text: string, subject: string) => FeatureSet, r: Reading): Float64Array {
  return logits(model, grams(r.text, r.subject), r.ruleFeatures, 2).z;
}
