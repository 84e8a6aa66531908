/**
 * classify(ticket, policy): category, severity and signals from the policy's classification
 * rules, with every matching span and a plain-words explanation. Pure; no Node-only imports.
 *
 * - Scans the subject, the description and the customer's comments (`comment:<id>`).
 * - A rule counts once however often it matches; a rule whose `unless` phrase occurs in a field
 *   is cancelled in that field, or in every field with `unlessScope: "ticket"` (a subject "AC not
 *   cooling" and "it was on fan mode, works now" in the description).
 * - Category: highest summed weight, ties by `categoryOrder`, at least `minCategoryScore`,
 *   else `defaultCategory`.
 * - Severity: the most severe `sets.severity` among matched rules (SEVERITY_IDS is ordered from
 *   most to least severe), else the category's `defaultSeverity`; then raised to any
 *   `forcesSeverity` of a detected signal (a signal never lowers it).
 * - Text is normalised before matching and cue phrases cancel the matches they govern (scan-field.ts).
 * - With a learned model attached to the policy (linear-model.ts), apply-model.ts combines both:
 *   the model decides category and severity, rules that force still win, disagreements, per-field
 *   confidence and the review state are reported.
 */
import { severityRank as rank, SIGNAL_IDS, type CategoryId, type Locale, type SeverityId, type SignalId } from '../ids';
import type { Classification, Match, MatchField, Policy, Retraction, Ticket } from '../types';
import { compileRules, type CompiledClassifier } from './compile-rules';
import { basisOf, explainRules, type ClassifyDecision, type ExplainTexts } from './explain-classification';
import { attachedModelOf, modelExplainer } from './model-registry';
import { rulesOnly } from './rule-outcome';
import { scanField, ticketCue, type FieldScan } from './scan-field';
import type { CuedHit } from './signal-hints';
import { echoKey, echoKeys, echoRules } from './subject-echo';
import { ticketFields } from './ticket-fields';

/** `locale`: the language of the `why` (default: the policy's default locale, as notes read it). */
export function classify(ticket: Ticket, policy: Policy, locale: Locale = policy.defaultLocale): Classification {
  const c = compileRules(policy);
  const { matches, firstByRule, normalized, subject, retracted, cued } = collectMatches(policy, c, ticket);

  const scores: Partial<Record<CategoryId, number>> = {};
  const signalSet = new Set<SignalId>();
  let severityRule: number | null = null;
  for (const idx of firstByRule.keys()) {
    const { sets, weight } = c.rules[idx];
    if (sets.category) scores[sets.category] = (scores[sets.category] ?? 0) + weight;
    for (const s of sets.signals ?? []) signalSet.add(s);
    if (sets.severity && (severityRule === null || rank(sets.severity) < rank(c.rules[severityRule].sets.severity!))) severityRule = idx;
  }

  const cls = policy.classification;
  let category: CategoryId = cls.defaultCategory;
  let best = -Infinity;
  for (const id of cls.categoryOrder) {
    const s = scores[id];
    if (s !== undefined && s > best) {
      best = s;
      category = id;
    }
  }
  const minScore = cls.minCategoryScore ?? 1;
  const scored = best >= minScore;
  if (!scored) category = cls.defaultCategory;

  const ruleSignals = SIGNAL_IDS.filter((s) => signalSet.has(s));
  const ruleSeverity: SeverityId =
    severityRule !== null ? c.rules[severityRule].sets.severity! : policy.categories[category].defaultSeverity;
  const ruleIds = [...firstByRule.keys()].map((i) => c.rules[i].id);
  const outcome = { category, scored, severity: ruleSeverity, severitySet: severityRule !== null, signals: ruleSignals, ruleIds };
  const attached = attachedModelOf(policy);
  const out = attached
    ? attached.combine(policy, outcome, attached.model, normalized, subject, ticket, matches, cued)
    : rulesOnly(policy, outcome);
  const decision: ClassifyDecision = {
    category: out.category,
    scored,
    best,
    minScore,
    severity: out.severity,
    severityRule,
    forcedBy: out.forcedBy,
    signals: out.signals,
    scores,
    firstByRule,
    ruleCategory: category,
    ruleSeverity,
    model: out.heaviest,
    confidence: out.confidence,
    disagreements: out.disagreements,
    retracted,
  };
  return {
    category: out.category,
    severity: out.severity,
    signals: out.signals,
    matches,
    scores,
    // With a model attached, attach-model.ts registered the `why` that explains it; else the rules' alone (the sidebar).
    why: attached ? modelExplainer()!(policy, decision, locale, explainTextsOf(ticket)) : explainRules(policy, decision, locale),
    confidence: out.confidence,
    review: out.review,
    disagreements: out.disagreements,
    basis: basisOf(decision, firstByRule),
  };
}

type ScanOut = {
  matches: Match[];
  firstByRule: Map<number, Match>;
  normalized: string;
  subject: string;
  retracted: Retraction[];
  /** Matches a cue cancelled (a `ticket` cue included), in field order: the model combination's review hints read them. */
  cued: CuedHit[];
};

/** The ticket's words the classifier read, for a "why" that names the customer's words (explainStored takes them too). */
export function explainTextsOf(ticket: Ticket): ExplainTexts {
  return {
    subject: ticket.subject ?? '',
    body: ticketFields(ticket)
      .map(([, t]) => t)
      .join('\n'),
  };
}

/** Every match in field order, and each matched rule's first match (rules count once). */
function collectMatches(policy: Policy, c: CompiledClassifier, ticket: Ticket): ScanOut {
  const matches: Match[] = [];
  const firstByRule = new Map<number, Match>();
  let normalized = '';
  let subject = '';
  const scans: [MatchField, FieldScan][] = [];
  const texts = new Map<MatchField, string>();
  const ticketCues = new Set<number>();
  // Rules with `unlessScope: "ticket"` whose `unless` phrase occurs in any field are cancelled in every field
  // (with the field and span of the first such phrase, for the explanation).
  const ticketUnless = new Map<number, Retraction['by']>();
  for (const [field, text] of ticketFields(ticket)) {
    if (!text) continue;
    const scan = scanField(c, text);
    normalized += `${scan.normalized}\n`;
    if (field === 'subject') subject = scan.normalized;
    for (const ci of scan.ticketCues) ticketCues.add(ci);
    for (const [r, u] of scan.cancelled)
      if (c.rules[r].unlessTicket && !ticketUnless.has(r)) ticketUnless.set(r, { field, start: u.start, end: u.end, text: u.text });
    scans.push([field, scan]);
    texts.set(field, text);
  }
  // A cue set whose `unlessInTicket` evidence occurs in any field is void in every field: the fields it acted in are
  // scanned again without it ("gone soft" in the subject, "the charger" in the body).
  const voided = voidedCues(c, ticketCues, scans);
  if (voided) {
    ticketCues.clear();
    for (const fs of scans) {
      if (fs[1].cued.length || fs[1].ticketCues.length) fs[1] = scanField(c, texts.get(fs[0])!, voided);
      for (const ci of fs[1].ticketCues) ticketCues.add(ci);
    }
  }
  // What an `unless` phrase retracted: each rule's first hit, in field order, with the phrase that did it.
  const retracted: Retraction[] = [];
  const retract = (field: MatchField, h: { rule: number; start: number; end: number; text: string }, by: Retraction['by']) => {
    const ruleId = c.rules[h.rule].id;
    if (!retracted.some((x) => x.ruleId === ruleId)) retracted.push({ ruleId, field, start: h.start, end: h.end, text: h.text, by });
  };
  // A subject that only echoes words a cue cancelled in the body ("Reddit thread") is cancelled too (subject-echo.ts).
  const echo = echoRules(policy, c);
  const echoed = echoKeys(
    echo,
    scans.flatMap(([field, scan]) => (field === 'subject' ? [] : scan.cued)),
  );
  // A `ticket` cue found in any field (the body saying it was steam) governs every field (the subject's "smoke").
  const cued: CuedHit[] = [];
  for (const [field, scan] of scans) {
    for (const h of scan.cued) cued.push({ signals: c.rules[h.rule].sets.signals, cue: h.cue });
    for (const h of scan.retracted) {
      const u = scan.cancelled.get(h.rule)!;
      retract(field, h, ticketUnless.get(h.rule) ?? { field, start: u.start, end: u.end, text: u.text });
    }
    for (const h of scan.hits) {
      const by = ticketUnless.get(h.rule);
      if (by) retract(field, h, by);
      if (by) continue;
      const tc = ticketCue(c, h.rule, ticketCues);
      if (tc >= 0) {
        cued.push({ signals: c.rules[h.rule].sets.signals, cue: c.cues[tc].id });
        continue;
      }
      if (field === 'subject' && echoed.size > 0 && echo.has(h.rule) && echoed.has(echoKey(h.rule, h.text))) continue;
      const rule = c.rules[h.rule];
      const m: Match = { ruleId: rule.id, field, start: h.start, end: h.end, text: h.text, sets: rule.sets, weight: rule.weight };
      matches.push(m);
      if (!firstByRule.has(h.rule)) firstByRule.set(h.rule, m);
    }
  }
  return { matches, firstByRule, normalized, subject, retracted, cued };
}

/** The cue sets (indexes) whose `unlessInTicket` evidence the ticket holds and that acted in some field, or null. */
function voidedCues(c: CompiledClassifier, present: ReadonlySet<number>, scans: readonly [MatchField, FieldScan][]): Set<number> | null {
  let out: Set<number> | null = null;
  if (present.size === 0) return out;
  for (let ci = 0; ci < c.cues.length; ci++) {
    const ev = c.cues[ci].evidence;
    if (ev === undefined || !present.has(ev)) continue;
    const id = c.cues[ci].id;
    if (scans.some(([, s]) => s.ticketCues.includes(ci) || s.cued.some((h) => h.cue === id))) (out ??= new Set()).add(ci);
  }
  return out;
}
