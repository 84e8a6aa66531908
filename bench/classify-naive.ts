/**
 * Baseline classifier for the `classify` bench (and an independent oracle for tests): the
 * straightforward design, one regex per rule for its phrases, one per pattern, one per rule for
 * its `unless` phrases, each run over each field. Same policy semantics as the engine's
 * `classify`, without the combined single-scan compilation; no explanations. Like the engine, it
 * matches normalised text with normalised phrases and pattern literals (normalize-text.ts,
 * pattern-normalize.ts), so one written form of a wording suffices.
 */
import { SEVERITY_IDS, SIGNAL_IDS, type CategoryId, type SeverityId, type SignalId } from '../policies/src/ids';
import type { Policy, Ticket } from '../policies/src/types';
import { compileReplacer, normalizeText } from '../policies/src/engine/normalize-text';
import { normalizePattern } from '../policies/src/engine/pattern-normalize';
import { phraseKey, phraseSource, WORD_AFTER, WORD_BEFORE } from '../policies/src/engine/phrase-regex';

interface NaiveRule {
  id: string;
  phrases: RegExp | null;
  patterns: RegExp[];
  unless: RegExp | null;
  /** `unlessScope: "ticket"`: an unless phrase in any field cancels the rule in every field. */
  ticketUnless: boolean;
  weight: number;
  sets: Policy['classification']['rules'][number]['sets'];
}

export interface NaiveResult {
  category: CategoryId;
  severity: SeverityId;
  signals: SignalId[];
  ruleIds: string[];
  matches: number;
}

const cache = new WeakMap<Policy, { rules: NaiveRule[]; norm: (text: string) => string }>();

/**
 * The rule's phrases as one regex, longest first. A phrase's whole-word look-behind and look-ahead
 * (`phraseSource`) depend only on its first and last character, so the phrases are grouped by which of
 * the two they carry and each group writes them once, around its own alternation: the group matches at a
 * position exactly when one of its phrases does there with them, so the rule finds a phrase in a text
 * exactly when it did with the assertions repeated per phrase. (Repeated, they made each rule's source
 * tens of KB, which V8 compiled and ran many times slower, on CJK text above all.)
 */
function alternation(phrases: string[]): RegExp | null {
  const keys = [...new Set(phrases.map(phraseKey).filter(Boolean))].sort((a, b) => b.length - a.length);
  const groups = new Map<string, { head: string; tail: string; bodies: string[] }>();
  for (const key of keys) {
    const src = phraseSource(key);
    const head = src.startsWith(WORD_BEFORE) ? WORD_BEFORE : '';
    const tail = src.endsWith(WORD_AFTER) ? WORD_AFTER : '';
    const body = src.slice(head.length, src.length - tail.length);
    const kind = `${!!head}${!!tail}`;
    let g = groups.get(kind);
    if (!g) groups.set(kind, (g = { head, tail, bodies: [] }));
    g.bodies.push(body);
  }
  const sources = [...groups.values()].map((g) => `${g.head}(?:${g.bodies.join('|')})${g.tail}`);
  return sources.length ? new RegExp(sources.join('|'), 'giu') : null;
}

function compile(policy: Policy): { rules: NaiveRule[]; norm: (text: string) => string } {
  let compiled = cache.get(policy);
  if (!compiled) {
    const replacer = compileReplacer(policy.classification.normalize?.replace ?? []);
    const norm = (text: string) => normalizeText(text, replacer).text;
    const rules = policy.classification.rules.map((r) => ({
      id: r.id,
      weight: r.weight ?? 1,
      sets: r.sets,
      phrases: alternation((r.phrases ?? []).map(norm)),
      unless: alternation((r.unless ?? []).map(norm)),
      ticketUnless: r.unlessScope === 'ticket',
      patterns: (r.patterns ?? []).map((p) => new RegExp(normalizePattern(p, norm), 'giu')),
    }));
    compiled = { rules, norm };
    cache.set(policy, compiled);
  }
  return compiled;
}

function count(re: RegExp, text: string): number {
  let n = 0;
  for (const m of text.matchAll(re)) if (m[0].length) n++;
  return n;
}

export function naiveClassify(ticket: Ticket, policy: Policy): NaiveResult {
  const { rules, norm } = compile(policy);
  const fields = [
    ticket.subject ?? '',
    ticket.description ?? '',
    ...(ticket.comments ?? []).filter((c) => c.author === 'customer').map((c) => c.body ?? ''),
  ].map(norm);
  const matched = new Set<number>();
  let matches = 0;
  const unlessAnywhere = (r: NaiveRule) => fields.some((text) => ((r.unless!.lastIndex = 0), r.unless!.test(text)));
  const cancelled = new Set(rules.filter((r) => r.ticketUnless && r.unless && unlessAnywhere(r)));
  for (const text of fields) {
    if (!text) continue;
    rules.forEach((r, i) => {
      if (cancelled.has(r)) return;
      if (r.unless) {
        r.unless.lastIndex = 0;
        if (r.unless.test(text)) return;
      }
      let n = r.phrases ? count(r.phrases, text) : 0;
      for (const p of r.patterns) n += count(p, text);
      if (n) {
        matched.add(i);
        matches += n;
      }
    });
  }
  const scores: Partial<Record<CategoryId, number>> = {};
  const signals = new Set<SignalId>();
  let sev: SeverityId | null = null;
  for (const i of matched) {
    const { sets, weight } = rules[i];
    if (sets.category) scores[sets.category] = (scores[sets.category] ?? 0) + weight;
    for (const s of sets.signals ?? []) signals.add(s);
    if (sets.severity && (!sev || SEVERITY_IDS.indexOf(sets.severity) < SEVERITY_IDS.indexOf(sev))) sev = sets.severity;
  }
  const cls = policy.classification;
  let category = cls.defaultCategory;
  let best = -Infinity;
  for (const id of cls.categoryOrder)
    if ((scores[id] ?? -Infinity) > best) {
      best = scores[id]!;
      category = id;
    }
  if (!(best >= (cls.minCategoryScore ?? 1))) category = cls.defaultCategory;
  let severity: SeverityId = sev ?? policy.categories[category].defaultSeverity;
  const sigs = SIGNAL_IDS.filter((s) => signals.has(s));
  for (const s of sigs) {
    const f = policy.signals[s].forcesSeverity;
    if (f && SEVERITY_IDS.indexOf(f) < SEVERITY_IDS.indexOf(severity)) severity = f;
  }
  return { category, severity, signals: sigs, ruleIds: [...matched].sort((a, b) => a - b).map((i) => rules[i].id), matches };
}
