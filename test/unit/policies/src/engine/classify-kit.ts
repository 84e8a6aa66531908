/** Test policies with chosen rules, tickets and the offset check, shared by classify*.test.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../../../policies/src/engine';
import type { Policy, Ticket } from '../../../../../policies/src/types';
import { parsePolicy, validatePolicy } from '../../../../../policies/src/validate-policy';

export const base = (() => {
  const r = parsePolicy(fs.readFileSync(path.resolve(__dirname, '../../../../../policies/default.json'), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
})();

export type RuleIn = {
  id: string;
  phrases?: string[];
  patterns?: string[];
  unless?: string[];
  unlessScope?: 'field' | 'ticket';
  weight?: number;
  description?: string;
  sets: {
    category?: Policy['classification']['defaultCategory'];
    severity?: 'L1' | 'L2' | 'L3';
    signals?: Policy['classification']['rules'][number]['sets']['signals'];
  };
};

/** A weight-3 rule that sets quality, L1 and the safety signal: the hazard a cue test cancels or keeps. */
export const safetyRule = (id: string, phrases: string[]): RuleIn => ({
  id,
  phrases,
  weight: 3,
  sets: { category: 'quality', severity: 'L1', signals: ['safety'] },
});

/** The default policy with its classification replaced (validated, so the test policy is a real one). */
/** A `closing` cue set like the default policy's `signature_not_threat`, small: a signature names no legal or media threat. */
export const signatureCue = {
  id: 'signature_not_threat',
  kind: 'harmless',
  position: 'closing',
  windowChars: 30,
  phrases: ['kind regards', 'thanks', '此致'],
  until: ['p.s', '>', 'from:', '以下'],
  keepWith: ['i', 'my', 'otherwise', '我会'],
  signals: ['legal', 'media'],
} as const;

export function policyWith(
  rules: RuleIn[],
  extra: Partial<Policy['classification']> = {},
  signals: Partial<Record<string, { forcesSeverity: 'L1' | 'L2' | 'L3' | null }>> = {},
): Policy {
  const doc = JSON.parse(JSON.stringify(base)) as Record<string, any>;
  // The matching mechanics under test: no cue sets or replacements unless a test adds them.
  doc.classification = { ...doc.classification, cues: [], normalize: { replace: [] }, model: undefined, ...extra, rules };
  // Review floors keyed by a rule of the default policy name rules these test policies no longer have.
  for (const hint of Object.values(doc.classification.review?.severityHints ?? {}) as { modelAtByRule?: object }[])
    delete hint.modelAtByRule;
  for (const [id, s] of Object.entries(signals)) doc.signals[id] = { ...doc.signals[id], ...s };
  const r = parsePolicy(JSON.stringify(doc));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
}

/** The problem paths of the default policy with its cue sets replaced by `cues` (none when it validates). */
export function cueSetProblemPaths(cues: unknown[]): string[] {
  const doc = JSON.parse(JSON.stringify(base));
  doc.classification.cues = cues;
  const r = validatePolicy(doc);
  return r.ok ? [] : r.problems.map((p) => p.path);
}

/** The same policy with its explanations in another locale (the engine explains in `defaultLocale`). */
export const inLocale = (p: Policy, defaultLocale: Policy['defaultLocale']): Policy => ({ ...p, defaultLocale });

export const ticket = (subject: string, description = '', comments: Ticket['comments'] = []): Ticket => ({
  id: 't1',
  subject,
  description,
  comments,
});

/** Every match's offsets must point at exactly its text. */
export function expectOffsets(t: Ticket, c: ReturnType<typeof classify>): void {
  for (const m of c.matches) {
    const text =
      m.field === 'subject'
        ? t.subject
        : m.field === 'description'
          ? t.description
          : t.comments!.find((x) => `comment:${x.id}` === m.field)!.body;
    expect(text.slice(m.start, m.end)).toBe(m.text);
  }
}
