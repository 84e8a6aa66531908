/**
 * Trains the learned layer (linear-model.ts) from labelled tickets: softmax heads for category
 * and severity, one logistic head per signal, over the same features the engine computes at run
 * time (n-grams of the normalised text plus the rules that matched). Adagrad SGD with L2,
 * deterministic (seeded shuffle), so the same corpus and policy give the same artifact. Pure:
 * the caller reads files and supplies the traditional→simplified fold map.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS, type CategoryId, type SeverityId, type SignalId } from '../ids';
import type { Policy, Ticket } from '../types';
import { classify } from '../engine/classify';
import { compileRules } from '../engine/compile-rules';
import { MODEL_FORMAT, SUBJECT_PREFIX, WIDTH, textFeatures, type ModelArtifact } from '../engine/linear-model';
import { normalizeText } from '../engine/normalize-text';
import { ownWordsOfFields, ownWordsReader } from '../engine/own-words';
import { ngramScale } from '../engine/score-model';
import { ruleFeaturesOf } from '../engine/apply-model';
import { severityText } from '../engine/threat-clauses';
import { ticketFields } from '../engine/ticket-fields';
import { sgd, type Row } from './sgd';
import { DEFAULT_TRAIN_OPTIONS, trainOptionsFor, type TrainOptions } from './train-options';

export interface LabelledTicket extends Ticket {
  expected: { category: CategoryId; severity: SeverityId; signals: SignalId[] };
}

export { DEFAULT_TRAIN_OPTIONS, trainOptionsFor, type TrainOptions } from './train-options';

/** One training ticket as the trainer sees it: its features (strings) and its labels as indices. */
export interface TrainingExample {
  ngrams: string[];
  rules: string[];
  /** What the severity head reads when it differs (`severityMaskSignals` and a threat clause matched). */
  severity?: { ngrams: string[]; rules: string[] };
  cat: number;
  sev: number;
  sig: number[];
}

/** The features the engine will see for this ticket: normalised text n-grams and rule features. */
export function featuresOf(
  ticket: Ticket,
  rulesPolicy: Policy,
  fold: Map<string, string>,
  o: Pick<TrainOptions, 'charNgrams' | 'wordNgrams'> & {
    subjectNgrams?: boolean;
    severityMaskSignals?: SignalId[];
    questionShares?: number[];
    skipQuotedLines?: boolean;
    skipSignatureOf?: string;
  },
): Pick<TrainingExample, 'ngrams' | 'rules' | 'severity'> {
  const c = compileRules(rulesPolicy);
  const r = classify(ticket, rulesPolicy);
  const fields = ticketFields(ticket)
    .map(([, t]) => t)
    .filter(Boolean)
    .map((t) => normalizeText(t, c.replacer).text);
  const normalized = fields.join('\n') + '\n';
  // The n-grams read the sender's own words as the run time will (own-words.ts); the rule features read everything.
  const own = ownWordsReader(c.cues, o);
  const subject = ticket.subject ? normalizeText(ticket.subject, c.replacer).text : '';
  const ruleIds = [...new Set(r.matches.map((m) => m.ruleId))];
  const featuresOfText = (text: string, subj: string, grams = text) => ({
    ngrams: ngramsOf(grams, subj, fold, o),
    rules: ruleFeaturesOf(rulesPolicy, ruleIds, r.signals, text, subj, o.questionShares),
  });
  const masked = o.severityMaskSignals?.length ? severityText(rulesPolicy, ticket, r.matches, o.severityMaskSignals, own) : null;
  const grams = own ? ownWordsOfFields(own, normalized, () => fields) : normalized;
  return {
    ...featuresOfText(normalized, subject, grams),
    ...(masked ? { severity: featuresOfText(masked.text, masked.subject, masked.own) } : {}),
  };
}

function ngramsOf(
  text: string,
  subject: string,
  fold: Map<string, string>,
  o: Pick<TrainOptions, 'charNgrams' | 'wordNgrams'> & { subjectNgrams?: boolean },
): string[] {
  const set = new Set<string>();
  textFeatures(text, fold, o.charNgrams, o.wordNgrams, set);
  if (o.subjectNgrams && subject) {
    const own = new Set<string>();
    textFeatures(subject, fold, o.charNgrams, o.wordNgrams, own);
    for (const g of own) set.add(`${SUBJECT_PREFIX}${g}`);
  }
  return [...set];
}

/** The rule features that only carry signals forcing no severity (see `severityBlindSignals`). */
export function severityBlindFeatures(policy: Policy): (feature: string) => boolean {
  const neutral = new Set(SIGNAL_IDS.filter((s) => !policy.signals[s]?.forcesSeverity));
  const rules = new Set(
    policy.classification.rules
      .filter(
        (r) => !r.sets.category && !r.sets.severity && (r.sets.signals ?? []).length > 0 && r.sets.signals!.every((s) => neutral.has(s)),
      )
      .map((r) => `rule:${r.id}`),
  );
  return (f) => {
    if (rules.has(f)) return true;
    if (f.startsWith('sig:')) return neutral.has(f.slice(4) as SignalId);
    const plus = f.startsWith('amount:') ? f.indexOf('+') : -1;
    return plus > 0 && neutral.has(f.slice(plus + 1) as SignalId);
  };
}

/**
 * Trains on `tickets`. `rulesPolicy` must have no model attached (its rule matches become features).
 * `fold` maps traditional to simplified characters; only entries for characters in the vocabulary are kept.
 */
export function trainModel(
  tickets: LabelledTicket[],
  rulesPolicy: Policy,
  fold: Map<string, string>,
  sources: string[],
  now: string,
  opts: Partial<TrainOptions> = {},
): ModelArtifact {
  const o = trainOptionsFor(rulesPolicy, opts);
  return fitModel(trainingExamples(tickets, rulesPolicy, fold, o), rulesPolicy, fold, sources, now, o);
}

/** The features and labels of each ticket (the slow part of training: cross-validation computes them once). */
export function trainingExamples(
  tickets: LabelledTicket[],
  rulesPolicy: Policy,
  fold: Map<string, string>,
  o: Pick<
    TrainOptions,
    'charNgrams' | 'wordNgrams' | 'subjectNgrams' | 'severityMaskSignals' | 'questionShares' | 'skipQuotedLines' | 'skipSignatureOf'
  >,
): TrainingExample[] {
  return tickets.map((t) => ({
    ...featuresOf(t, rulesPolicy, fold, o),
    cat: CATEGORY_IDS.indexOf(t.expected.category),
    sev: SEVERITY_IDS.indexOf(t.expected.severity),
    sig: SIGNAL_IDS.map((s) => (t.expected.signals.includes(s) ? 1 : 0)),
  }));
}

/**
 * Learns the weights from examples made by `trainingExamples` with the same n-gram options. The
 * features are interned as row numbers first, so the epochs do no string lookups.
 */
export function fitModel(
  examples: TrainingExample[],
  rulesPolicy: Policy,
  fold: Map<string, string>,
  sources: string[],
  now: string,
  opts: Partial<TrainOptions> = {},
): ModelArtifact {
  const job = prepareFit(examples, rulesPolicy, opts);
  const fits = job.seeds.map((seed) => sgd(job.labels, job.rows, job.n, job.blind, { ...job.o, seed }));
  return finishFit(job, fits, examples, fold, sources, now);
}

/** What the SGD runs need, as plain data (a worker thread can take it): interned rows, labels, options, one seed per run. */
export interface FitJob {
  labels: Pick<TrainingExample, 'cat' | 'sev' | 'sig'>[];
  rows: Row[];
  n: number;
  blind: Uint8Array;
  o: TrainOptions;
  seeds: number[];
  names: string[];
}

/** Interns the features of `examples` (n-grams seen in at least `minCount` examples, and rule features) as rows. */
export function prepareFit(examples: TrainingExample[], rulesPolicy: Policy, opts: Partial<TrainOptions> = {}): FitJob {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...opts };
  const df = new Map<string, number>();
  for (const e of examples) for (const g of e.ngrams) df.set(g, (df.get(g) ?? 0) + 1);

  const ids = new Map<string, number>();
  const names: string[] = [];
  const idOf = (f: string) => {
    let id = ids.get(f);
    if (id === undefined) {
      id = names.length;
      ids.set(f, id);
      names.push(f);
    }
    return id;
  };
  const rowOf = (f: { ngrams: string[]; rules: string[] }) => ({
    grams: Int32Array.from(f.ngrams.filter((g) => (df.get(g) ?? 0) >= o.minCount).map(idOf)),
    scale: ngramScale(f.ngrams.length, o.ngramCountFloor),
    rules: Int32Array.from(f.rules.map(idOf)),
  });
  const rows = examples.map((e) => ({ ...rowOf(e), severity: e.severity && o.severityMaskSignals.length ? rowOf(e.severity) : null }));
  const blindOf = o.severityBlindSignals ? severityBlindFeatures(rulesPolicy) : () => false;
  const blind = Uint8Array.from(names, (f) => (blindOf(f) ? 1 : 0));
  const runs = Math.max(1, Math.floor(o.averageRuns));
  const labels = examples.map(({ cat, sev, sig }) => ({ cat, sev, sig }));
  return { labels, rows, n: names.length, blind, o, seeds: Array.from({ length: runs }, (_, r) => o.seed + r), names };
}

/** Averages the runs' weights (in run order, whichever finished first) and writes the artifact. */
export function finishFit(
  job: FitJob,
  fits: { W: Float64Array; bias: Float64Array }[],
  examples: TrainingExample[],
  fold: Map<string, string>,
  sources: string[],
  now: string,
): ModelArtifact {
  const { o, names, n } = job;
  const runs = fits.length;
  const W = new Float64Array(n * WIDTH);
  const bias = new Float64Array(WIDTH);
  for (const fit of fits) {
    if (runs === 1) {
      W.set(fit.W);
      bias.set(fit.bias);
      break;
    }
    for (let i = 0; i < W.length; i++) W[i] += fit.W[i] / runs;
    for (let k = 0; k < WIDTH; k++) bias[k] += fit.bias[k] / runs;
  }
  const weights: Record<string, number[]> = {};
  const unit = 10 ** o.decimals;
  // The bias and the severity prior are a few numbers: they keep at least 3 decimals whatever `decimals` says.
  const fine = 10 ** Math.max(3, o.decimals);
  const round = (v: number) => Math.round(v * fine) / fine;
  const byName = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : 1));
  for (const f of byName) {
    // Pruned by the weights as stored (rounded), so a pruning can be reproduced from the artifact alone.
    const row = Array.from(W.subarray(f * WIDTH, (f + 1) * WIDTH), (v) => Math.round(v * unit));
    let max = 0;
    for (const v of row) max = Math.max(max, Math.abs(v));
    if (max / unit < o.pruneBelow) continue;
    weights[names[f]] = row;
  }
  const table = CATEGORY_IDS.map(() => SEVERITY_IDS.map(() => 1));
  for (const e of examples) table[e.cat][e.sev]++;
  const severityGivenCategory = table.map((r) => {
    const sum = r.reduce((a, b) => a + b, 0);
    return r.map((v) => round(v / sum));
  });
  const catCounts = CATEGORY_IDS.map(() => 1);
  for (const e of examples) catCounts[e.cat]++;
  const catTotal = catCounts.reduce((a, b) => a + b, 0);
  const categoryPrior = catCounts.map((v) => Math.round((v / catTotal) * 1e4) / 1e4);
  const usedFold: Record<string, string> = {};
  const vocabChars = new Set<string>();
  for (const f of Object.keys(weights)) for (const ch of f) vocabChars.add(ch);
  for (const [t, s] of [...fold.entries()].sort()) if (vocabChars.has(s)) usedFold[t] = s;
  return {
    format: MODEL_FORMAT,
    weightScale: unit,
    trainedAt: now,
    examples: examples.length,
    sources,
    options: {
      charNgrams: o.charNgrams,
      wordNgrams: o.wordNgrams,
      epochs: o.epochs,
      l2: o.l2,
      minCount: o.minCount,
      ruleDropout: o.ruleDropout,
      subjectNgrams: o.subjectNgrams,
      severityBlindSignals: o.severityBlindSignals,
      severityMaskSignals: o.severityMaskSignals,
      ngramCountFloor: o.ngramCountFloor,
      averageRuns: runs,
      // Written only when set, so an artifact trained without it reads exactly as before.
      ...(o.questionShares.length ? { questionShares: o.questionShares } : {}),
      ...(Object.keys(o.ruleDropoutBySignal).length ? { ruleDropoutBySignal: o.ruleDropoutBySignal } : {}),
      ...(Object.keys(o.signalPositiveWeight).length ? { signalPositiveWeight: o.signalPositiveWeight } : {}),
      ...(o.skipQuotedLines ? { skipQuotedLines: true } : {}),
      ...(o.skipSignatureOf ? { skipSignatureOf: o.skipSignatureOf } : {}),
    },
    fold: usedFold,
    bias: Array.from(bias, round),
    severityGivenCategory,
    categoryPrior,
    weights,
  };
}
