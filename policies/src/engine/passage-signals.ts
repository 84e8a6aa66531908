/**
 * A signal said in one paragraph of a long text. The model weighs each n-gram 1/√(distinct n-grams of the text)
 * (score-model.ts), so a hazard's words count for less the more text there is around them: a greeting and an
 * unrelated matter first, a signature and a quoted reply after. `passageSignalAt` (e.g. `{"safety": 0.8}`) has
 * the model read each paragraph (the text between blank lines) of a text with two or more as a text of its own,
 * with the ticket's rule features; a listed signal whose probability in one paragraph reaches the threshold takes
 * that probability for the ticket (apply-model.ts), so the model adds it, or no longer vetoes a rule's match of it,
 * as it would for that paragraph sent alone. Only the signal's own output is computed, in the order `logits` sums
 * it (bias, n-grams, rule features): the same value a whole `logits` call gives. Pure; browser-safe.
 */
import { SIGNAL_IDS, type SignalId } from '../ids';
import { STRIDE, rowOf, type LinearModel } from './compile-model';
import type { FeatureSet } from './feature-set';
import { hashString } from './hash-features';
import { SIG0 } from './model-artifact';
import { ngramScale } from './score-model';

/** A blank line (spaces allowed on it): what separates paragraphs. */
const BLANK_LINE = /\n[^\S\n]*\n/;

/** The paragraphs of a text that has at least two, else none. */
export function paragraphsOf(text: string): string[] {
  if (!BLANK_LINE.test(text)) return [];
  const parts = text.split(BLANK_LINE).filter((p) => p.trim() !== '');
  return parts.length > 1 ? parts : [];
}

/** The raw score of one output for a feature set and rule features, summed as `logits` sums it. */
export function outputLogit(model: LinearModel, ngrams: FeatureSet, ruleFeatures: readonly string[], out: number): number {
  let z = model.bias[out];
  const scale = ngramScale(ngrams.size, model.artifact.options.ngramCountFloor);
  const codes = model.codes;
  const pal = model.palette;
  const known = ngrams.known;
  const n = ngrams.knownCount;
  for (let j = 0; j < n; j++) z += pal[codes[known[j] * STRIDE + out]] * scale;
  for (const f of ruleFeatures) {
    const r = rowOf(model, hashString(f));
    if (r >= 0) z += pal[codes[r * STRIDE + out]];
  }
  return z;
}

/**
 * Raises `signals[s]` to the highest probability a paragraph gives `s` when that reaches `at[s]`. `read` fills
 * the model's feature set with a paragraph's n-grams (and the subject's); `rulesOf` gives a paragraph's rule
 * features. Returns the signals raised. Nothing is read for a text of one paragraph, or for a signal already at
 * its threshold.
 */
export function raiseByPassages(
  model: LinearModel,
  at: Partial<Record<SignalId, number>>,
  text: string,
  signals: Record<SignalId, number>,
  read: (paragraph: string) => FeatureSet,
  rulesOf: (paragraph: string) => string[],
): SignalId[] {
  const wanted = SIGNAL_IDS.filter((s) => at[s] !== undefined && signals[s] < at[s]!);
  if (wanted.length === 0) return [];
  const paragraphs = paragraphsOf(text);
  const raised: SignalId[] = [];
  for (const p of paragraphs) {
    const rules = rulesOf(p);
    const ngrams = read(p);
    for (const s of wanted) {
      const prob = 1 / (1 + Math.exp(-outputLogit(model, ngrams, rules, SIG0 + SIGNAL_IDS.indexOf(s))));
      if (prob >= at[s]! && prob > signals[s]) {
        signals[s] = prob;
        if (!raised.includes(s)) raised.push(s);
      }
    }
  }
  return raised;
}
