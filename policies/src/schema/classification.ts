import { z } from 'zod';
import { categoryId, key, severityId, signalId, text } from './common';

/** Patterns that can backtrack catastrophically: a quantified group that itself contains a quantifier. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;

export function regexProblem(source: string): { message: string; hint: string } | null {
  if (NESTED_QUANTIFIER.test(source)) return { message: 'nested quantifiers like (a+)+ can hang the classifier (catastrophic backtracking)', hint: 'rewrite without a quantified group that contains a quantifier: (a+)+ → a+, (ab*)* → list the variants as phrases' };
  if (/\\[1-9]|\\k</.test(source)) return { message: 'back-references are not allowed (they can hang the classifier)', hint: 'spell out the repeated text instead of \\1, or list the variants as phrases' };
  try {
    new RegExp(source, 'iu');
  } catch (e) {
    return { message: `not a valid regular expression: ${(e as Error).message}`, hint: 'fix the pattern (flags i and u are added for you; escape ( ) [ ] { } . * + ? with \\), or use a literal phrase instead' };
  }
  return null;
}

const pattern = z.string().min(1, 'must not be empty').max(200, 'at most 200 characters').superRefine((s, ctx) => {
  const problem = regexProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { hint: problem.hint } });
});

const phrase = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

export const classificationRule = z.strictObject({
  id: key,
  description: text(300).optional(),
  /** Literal phrases, matched case-insensitively; Latin phrases match whole words only. */
  phrases: z.array(phrase).max(500).default([]),
  /** Regular expressions (flags `iu`), for phrases with gaps or variants. */
  patterns: z.array(pattern).max(100).default([]),
  /** Phrases that cancel this rule when present anywhere in the same text (e.g. "no smoke"). */
  unless: z.array(phrase).max(100).default([]),
  weight: z.number().positive().max(100).default(1),
  sets: z.strictObject({
    category: categoryId.optional(),
    severity: severityId.optional(),
    signals: z.array(signalId).max(6).optional(),
  }).refine((s) => s.category || s.severity || (s.signals && s.signals.length), { message: 'a rule must set a category, a severity or at least one signal', params: { hint: 'add "category", "severity" or "signals" under sets' } }),
}).refine((r) => r.phrases.length + r.patterns.length > 0, { message: 'a rule needs at least one phrase or pattern', params: { hint: 'add the words customers use to "phrases" (or a regular expression to "patterns")' } });

export const classification = z.strictObject({
  /** Category when no rule gives one. */
  defaultCategory: categoryId,
  /** Category order used to break ties between equal scores (first wins). */
  categoryOrder: z.array(categoryId).length(6, 'list all six categories once'),
  /** Minimum summed weight a category needs to be chosen over `defaultCategory`. */
  minCategoryScore: z.number().nonnegative().default(1),
  rules: z.array(classificationRule).min(1).max(2000, 'at most 2000 classification rules'),
}).superRefine((c, ctx) => {
  if (new Set(c.categoryOrder).size !== 6) ctx.addIssue({ code: 'custom', path: ['categoryOrder'], message: 'each category must appear exactly once', params: { hint: 'list quality, logistics, usage, service, billing and other once each, in tie-break order' } });
  const seen = new Map<string, number>();
  c.rules.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}" (also at rules[${seen.get(r.id)}])`, params: { hint: 'give every rule its own id: matches and reports refer to rules by id' } });
    else seen.set(r.id, i);
  });
});
