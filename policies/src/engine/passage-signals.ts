/**
 * A signal said in one paragraph of a long text. The model weighs each n-gram 1/√(distinct n-grams of the text)
 * (score-model.ts) while a rule feature weighs the same in any text, so the more text there is around a hazard (a
 * greeting and an unrelated matter first, a signature and a quoted reply after), the less both the hazard's words
 * and the words that make the model doubt a rule's match count. For a ticket whose body (description and customer
 * comments) holds two or more paragraphs (text between blank lines), the model reads each paragraph as a text of its
 * own, with the subject's n-grams and the features of the rules matched in that paragraph only:
 * `vetoReadsParagraphs` reads a rule-found signal's probability from the paragraphs holding its matches, and
 * `passageSignalAt` (e.g. `{"safety": 0.9}`) lets a paragraph that reaches the threshold raise the signal, as that
 * paragraph sent alone would (apply-model.ts). Only the signal's own output is computed, in the order `logits` sums
 * it (bias, n-grams, rule features): the same value a whole `logits` call gives. Pure; browser-safe.
 */
import { SEVERITY_IDS, SIGNAL_IDS, type SeverityId, type SignalId } from '../ids';
import { STRIDE, type LinearModel } from './compile-model';
import type { Match, Ticket } from '../types';
import type { FeatureSet } from './feature-set';
import { SEV0, SIG0 } from './model-artifact';
import { ngramScale, ruleRowOf, softmaxInto } from './score-model';
import { PARAGRAPH_END } from './sentence-ends';
import { ticketFields } from './ticket-fields';

/** A blank line (spaces allowed on it, scan-field.ts' PARAGRAPH_END): what separates paragraphs. */
const BLANK_LINES = new RegExp(PARAGRAPH_END.source, 'g');

/** One paragraph of the ticket's body, normalised, with the rules matched in it and the signals they set. */
export interface Passage {
  text: string;
  ruleIds: string[];
  signals: SignalId[];
}

/**
 * The paragraphs of the description and the customer's comments (not the subject, whose n-grams the model reads
 * with each), when there are two or more: each with the rules whose matches start in it, so a greeting or a
 * signature read alone carries no rule of the hazard paragraph. `normalize` is the text normalisation the rules
 * scanned with.
 */
export function passagesOf(ticket: Ticket, matches: readonly Match[], normalize: (text: string) => string): Passage[] {
  const body = ticketFields(ticket).filter(([field, text]) => field !== 'subject' && text);
  // Most tickets are one field of one paragraph: nothing to cut, and no spans built for it.
  if (body.length === 0 || (body.length === 1 && !PARAGRAPH_END.test(body[0][1]))) return [];
  const spans: [field: string, start: number, end: number, text: string][] = [];
  for (const [field, text] of body) {
    let from = 0;
    for (const m of text.matchAll(BLANK_LINES)) {
      spans.push([field, from, m.index, text.slice(from, m.index)]);
      from = m.index + m[0].length;
    }
    spans.push([field, from, text.length, text.slice(from)]);
  }
  const kept = spans.filter((s) => s[3].trim() !== '');
  if (kept.length < 2) return [];
  return kept.map(([field, start, end, text]) => {
    const ruleIds: string[] = [];
    const set = new Set<SignalId>();
    for (const m of matches) {
      if (m.field !== field || m.start < start || m.start >= end) continue;
      if (!ruleIds.includes(m.ruleId)) ruleIds.push(m.ruleId);
      for (const s of m.sets.signals ?? []) set.add(s);
    }
    return { text: normalize(text), ruleIds, signals: SIGNAL_IDS.filter((s) => set.has(s)) };
  });
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
    const r = ruleRowOf(model, f);
    if (r >= 0) z += pal[codes[r * STRIDE + out]];
  }
  return z;
}

/** What the paragraphs are read for (the model reference's `passageSignalAt` and `vetoReadsParagraphs`). */
export interface PassageReading {
  /** A signal a paragraph gives at least this probability takes that probability. */
  at?: Partial<Record<SignalId, number>>;
  /** Signals whose probability, when the rules found them in the body, is read from the paragraphs holding their matches. */
  veto?: readonly SignalId[];
}

/**
 * Reads the passages for `reading` and changes `signals` (the model's probabilities for the whole text) in place:
 * first each `veto` signal the rules found (`ruleSignals`) takes the highest probability among the passages holding
 * a match that sets it, instead of the whole text's; then each `at` signal below its threshold is raised to the
 * highest probability a passage gives it, when that reaches the threshold. `passages` is called only when there
 * is something to read; `read` fills the model's feature set with a passage's n-grams (and the subject's),
 * `rulesOf` gives its rule features. Returns the signals whose probability changed. `best`, when given, gets the
 * highest probability a passage gave each `at` signal it read, whether or not that reached the threshold (a
 * paragraph that hints at a hazard the whole text drowns asks for review: signal-hints.ts).
 */
export function readPassages(
  model: LinearModel,
  reading: PassageReading,
  signals: Record<SignalId, number>,
  ruleSignals: readonly SignalId[],
  passages: () => Passage[],
  read: (text: string) => FeatureSet,
  rulesOf: (passage: Passage) => string[],
  best: Partial<Record<SignalId, number>> = {},
): SignalId[] {
  const at = reading.at ?? {};
  const veto = SIGNAL_IDS.filter((s) => reading.veto?.includes(s) && ruleSignals.includes(s));
  const wanted = SIGNAL_IDS.filter((s) => veto.includes(s) || (at[s] !== undefined && signals[s] < at[s]!));
  if (wanted.length === 0) return [];
  const list = passages();
  if (list.length === 0) return [];
  // Per wanted signal: the highest probability of a passage holding its matches, and of any passage.
  const held = new Map<SignalId, number>();
  for (const p of list) {
    // A signal only vetoed (no `at`) is read only in the passages holding its matches: no other can change it.
    const needed = wanted.filter((s) => at[s] !== undefined || p.signals.includes(s));
    if (needed.length === 0) continue;
    const rules = rulesOf(p);
    const ngrams = read(p.text);
    for (const s of needed) {
      const prob = 1 / (1 + Math.exp(-outputLogit(model, ngrams, rules, SIG0 + SIGNAL_IDS.indexOf(s))));
      if (at[s] !== undefined && prob > (best[s] ?? -1)) best[s] = prob;
      if (p.signals.includes(s) && prob > (held.get(s) ?? -1)) held.set(s, prob);
    }
  }
  const changed: SignalId[] = [];
  const set = (s: SignalId, prob: number) => {
    if (prob === signals[s]) return;
    signals[s] = prob;
    if (!changed.includes(s)) changed.push(s);
  };
  for (const s of veto) {
    const prob = held.get(s);
    if (prob !== undefined) set(s, prob);
  }
  for (const s of wanted) {
    const prob = best[s];
    if (prob !== undefined && prob >= at[s]! && prob > signals[s]) set(s, prob);
  }
  return changed;
}

/**
 * Per severity level, the highest probability one paragraph read alone (with the subject's n-grams and its own rule
 * features, as readPassages reads it) gives that level or a more severe one; null without two paragraphs. A case the
 * whole text drowns ("the machine is completely dead" between a greeting, a disclaimer and a quoted reply) asks for
 * review through it (severity-hints.ts). `passages`, `read` and `rulesOf` as for readPassages.
 */
export function passageSeverity(
  model: LinearModel,
  passages: readonly Passage[],
  read: (text: string) => FeatureSet,
  rulesOf: (passage: Passage) => string[],
): Record<SeverityId, number> | null {
  if (passages.length === 0) return null;
  const best = Object.fromEntries(SEVERITY_IDS.map((l) => [l, 0])) as Record<SeverityId, number>;
  const p = { ...best };
  const z = new Float64Array(SEVERITY_IDS.length);
  for (const passage of passages) {
    const rules = rulesOf(passage);
    const ngrams = read(passage.text);
    for (let i = 0; i < z.length; i++) z[i] = outputLogit(model, ngrams, rules, SEV0 + i);
    softmaxInto(z, 0, SEVERITY_IDS, p);
    // SEVERITY_IDS runs from the most severe: each level's share is its own and every more severe one's.
    let atOrAbove = 0;
    for (const level of SEVERITY_IDS) {
      atOrAbove += p[level];
      if (atOrAbove > best[level]) best[level] = atOrAbove;
    }
  }
  return best;
}
