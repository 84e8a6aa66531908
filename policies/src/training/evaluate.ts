/**
 * Scores classifications against expected labels: per-field accuracy, a category confusion
 * matrix, L1 recall, per-signal precision/recall/F1 (and their macro mean over the signals that
 * occur), and the cases that were wrong. Pure.
 */
import { CATEGORY_IDS, SIGNAL_IDS, type CategoryId, type SignalId } from '../ids';
import type { Classification } from '../types';
import type { LabelledTicket } from './train-model';

export interface SignalScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  n: number;
  category: number;
  severity: number;
  signalsExact: number;
  all: number;
  l1: { total: number; found: number; recall: number; missed: string[] };
  /** Safety cases (expected safety signal) that did not come out L1 with safety. */
  safetyMissed: string[];
  /** How many of `safetyMissed` asked for review (a miss that is not silent). */
  safetyMissedReviewed: number;
  signals: Record<SignalId, SignalScore>;
  signalMacroF1: number;
  /** confusion[expected][got] = count. */
  confusion: Record<CategoryId, Record<CategoryId, number>>;
  wrong: { id: string; expected: string; got: string; review: boolean; reasons: string[] }[];
  reviewed: number;
}

const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
const label = (c: { category: string; severity: string; signals: readonly string[] }) =>
  `${c.category}/${c.severity}/[${[...c.signals].sort().join(',')}]`;

export function evaluate(items: { ticket: LabelledTicket; got: Classification }[]): EvalReport {
  const confusion = Object.fromEntries(
    CATEGORY_IDS.map((e) => [e, Object.fromEntries(CATEGORY_IDS.map((g) => [g, 0]))]),
  ) as EvalReport['confusion'];
  const counts = Object.fromEntries(SIGNAL_IDS.map((s) => [s, { tp: 0, fp: 0, fn: 0 }])) as Record<
    SignalId,
    { tp: number; fp: number; fn: number }
  >;
  let cat = 0,
    sev = 0,
    sig = 0,
    all = 0,
    l1 = 0,
    l1Found = 0,
    reviewed = 0;
  const missed: string[] = [];
  const safetyMissed: string[] = [];
  let safetyMissedReviewed = 0;
  const wrong: EvalReport['wrong'] = [];
  for (const { ticket: t, got } of items) {
    const e = t.expected;
    const okC = got.category === e.category;
    const okS = got.severity === e.severity;
    const okG = [...got.signals].sort().join() === [...e.signals].sort().join();
    cat += +okC;
    sev += +okS;
    sig += +okG;
    all += +(okC && okS && okG);
    if (got.review?.needed) reviewed++;
    if (confusion[e.category]?.[got.category] !== undefined) confusion[e.category][got.category]++;
    if (e.severity === 'L1') {
      l1++;
      if (got.severity === 'L1') l1Found++;
      else missed.push(t.id);
    }
    if (e.signals.includes('safety') && !(got.severity === 'L1' && got.signals.includes('safety'))) {
      safetyMissed.push(t.id);
      if (got.review?.needed) safetyMissedReviewed++;
    }
    for (const s of SIGNAL_IDS) {
      const want = e.signals.includes(s),
        have = got.signals.includes(s);
      if (want && have) counts[s].tp++;
      else if (have) counts[s].fp++;
      else if (want) counts[s].fn++;
    }
    if (!(okC && okS && okG))
      wrong.push({ id: t.id, expected: label(e), got: label(got), review: !!got.review?.needed, reasons: got.review?.reasons ?? [] });
  }
  const signals = {} as Record<SignalId, SignalScore>;
  const f1s: number[] = [];
  for (const s of SIGNAL_IDS) {
    const { tp, fp, fn } = counts[s];
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp + fn ? tp / (tp + fn) : 1;
    signals[s] = { tp, fp, fn, precision, recall, f1: tp + fp + fn ? f1(precision, recall) : 1 };
    if (tp + fp + fn) f1s.push(signals[s].f1);
  }
  const n = items.length || 1;
  return {
    n: items.length,
    category: cat / n,
    severity: sev / n,
    signalsExact: sig / n,
    all: all / n,
    l1: { total: l1, found: l1Found, recall: l1 ? l1Found / l1 : 1, missed },
    safetyMissed,
    safetyMissedReviewed,
    signals,
    signalMacroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 1,
    confusion,
    wrong,
    reviewed,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function formatReport(r: EvalReport, maxWrong = 50): string {
  const out: string[] = [];
  out.push(`tickets ${r.n}`);
  out.push(`category accuracy   ${pct(r.category)}`);
  out.push(`severity accuracy   ${pct(r.severity)}`);
  out.push(`signals exact       ${pct(r.signalsExact)}`);
  out.push(`all three right     ${pct(r.all)}`);
  out.push(`signal macro-F1     ${r.signalMacroF1.toFixed(3)}`);
  out.push(
    `L1 recall           ${pct(r.l1.recall)} (${r.l1.found}/${r.l1.total})${r.l1.missed.length ? ` missed: ${r.l1.missed.join(', ')}` : ''}`,
  );
  out.push(`safety missed       ${r.safetyMissed.length}${r.safetyMissed.length ? `: ${r.safetyMissed.join(', ')}` : ''}`);
  out.push(`asked for review    ${r.reviewed} (safety missed: ${r.safetyMissedReviewed})`);
  out.push('', 'signal            P      R      F1    (tp/fp/fn)');
  for (const [s, v] of Object.entries(r.signals))
    out.push(`  ${s.padEnd(15)} ${v.precision.toFixed(2)}   ${v.recall.toFixed(2)}   ${v.f1.toFixed(2)}  (${v.tp}/${v.fp}/${v.fn})`);
  out.push('', `category confusion (rows expected, columns got)`);
  const ids = Object.keys(r.confusion);
  out.push(`  ${''.padEnd(10)}${ids.map((i) => i.slice(0, 8).padStart(9)).join('')}`);
  for (const e of ids)
    out.push(`  ${e.padEnd(10)}${ids.map((g) => String(r.confusion[e as CategoryId][g as CategoryId]).padStart(9)).join('')}`);
  if (r.wrong.length) {
    out.push('', `wrong (${r.wrong.length})`);
    for (const w of r.wrong.slice(0, maxWrong))
      out.push(`  ${w.id}: expected ${w.expected} got ${w.got}${w.review ? ' (asked for review)' : ''}`);
    if (r.wrong.length > maxWrong) out.push(`  … and ${r.wrong.length - maxWrong} more (--json lists all)`);
  }
  return `${out.join('\n')}\n`;
}
