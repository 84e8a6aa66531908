/**
 * A cue set's `unlessInTicket`: the evidence a word needs beside it to mean the hazard. The cue cancels the
 * matches it governs only in a ticket where none of these phrases occurs; one occurring in any field voids the
 * cue in every field ("gone soft" in the subject, "the charger" in the body). Other cue sets still act.
 */
import { classify } from '../../../../../policies/src/engine';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { scanField } from '../../../../../policies/src/engine/scan-field';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { MAX_POLICY_PHRASES, MAX_RULE_PHRASES, phraseListSizes } from '../../../../../policies/src/schema/phrase-limits';
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import { base, policyWith, ticket, type RuleIn } from './classify-kit';

const soft: RuleIn = {
  id: 'melt',
  phrases: ['gone soft', 'scorched', '发软', '烧焦'],
  weight: 3,
  sets: { category: 'quality', severity: 'L1', signals: ['safety'] },
};
const stateWord = {
  id: 'state_needs_part',
  kind: 'harmless',
  position: 'covering',
  phrases: ['gone soft', '发软'],
  signals: ['safety'],
  unlessInTicket: ['charger', 'plug', '插头'],
} as const;
const negation = { id: 'no', kind: 'negation', position: 'before', windowChars: 12, phrases: ['not'], signals: ['safety'] } as const;

describe('unlessInTicket: a cue that holds only where the ticket lacks the evidence', () => {
  const policy = policyWith([soft], { cues: [stateWord, negation] as any });

  it('cancels the word in a ticket without the evidence', () => {
    const c = classify(ticket('Delivery', 'The ice cream has gone soft and the peas are warm.'), policy);
    expect(c.signals).not.toContain('safety');
    expect(c.matches).toEqual([]);
  });

  it('keeps it where the ticket names the evidence, in the same field or another', () => {
    expect(classify(ticket('', 'The charger has gone soft near the cable.'), policy).signals).toContain('safety');
    const c = classify(ticket('It has gone soft!', 'It is the laptop charger, bought in May.'), policy);
    expect(c.signals).toContain('safety');
    expect(c.matches.map((m) => [m.field, m.text])).toEqual([['subject', 'gone soft']]);
  });

  it('voids only its own cue set: a negation still cancels with the evidence there', () => {
    expect(classify(ticket('', 'The charger has not gone soft, it just stopped.'), policy).signals).not.toContain('safety');
  });

  it('leaves matches the cue does not cover alone', () => {
    expect(classify(ticket('', 'The rug is scorched, the ice cream gone soft.'), policy).signals).toContain('safety');
  });

  it('a ticket-position cue with evidence works the same way', () => {
    const ticketCue = { ...stateWord, position: 'ticket', phrases: ['ice cream'], rules: ['melt'] } as const;
    const p = policyWith([soft], { cues: [ticketCue] as any });
    expect(classify(ticket('Scorched', 'The ice cream box was next to it.'), p).signals).not.toContain('safety');
    expect(classify(ticket('Scorched', 'The ice cream box was next to the plug.'), p).signals).toContain('safety');
  });

  it('the evidence is widened into both Chinese scripts on the server', () => {
    const p = expandScripts(policyWith([soft], { cues: [stateWord] as any }));
    expect(classify(ticket('', '火龍果裡面發軟了'), p).signals).not.toContain('safety');
    expect(classify(ticket('', '插頭有點發軟'), p).signals).toContain('safety');
  });

  it('the evidence alone cancels nothing and is no match', () => {
    const c = compileRules(policy);
    const scan = scanField(c, 'The plug has gone soft');
    expect(scan.hits.map((h) => h.text)).toEqual([]);
    expect(scan.cued.map((h) => h.cue)).toEqual(['state_needs_part']);
    expect(classify(ticket('', 'The plug has gone soft'), policy).matches.map((m) => m.text)).toEqual(['gone soft']);
  });

  it('counts its phrases in the policy total and refuses a non-list', () => {
    const doc = JSON.parse(JSON.stringify(base));
    const words = Array.from({ length: MAX_RULE_PHRASES }, (_, i) => `evidence${i.toString(36)} zz`);
    // the default policy may be at the cue-set limit (MAX_CUE_SETS): replace its last set so only the phrase total is over
    doc.classification.cues.pop();
    // Filler rules bring the policy to MAX_RULE_PHRASES / 2 under the limit: valid until the evidence list counts.
    const parsed = validatePolicy(doc);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const total = phraseListSizes(parsed.policy.classification).reduce((n, x) => n + x.n, 0);
    let room = MAX_POLICY_PHRASES - MAX_RULE_PHRASES / 2 - total - 1;
    for (let k = 0; room > 0; k++) {
      const n = Math.min(room, MAX_RULE_PHRASES);
      doc.classification.rules.push({
        id: `filler_${k}`,
        phrases: Array.from({ length: n }, (_, i) => `filler${k}x${i.toString(36)} zz`),
        sets: { category: 'other' },
      });
      room -= n;
    }
    doc.classification.cues.push({ ...stateWord, unlessInTicket: ['charger'] });
    expect(validatePolicy(doc).ok).toBe(true);
    doc.classification.cues[doc.classification.cues.length - 1].unlessInTicket = words;
    const r = validatePolicy(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.message).join('\n')).toMatch(/phrases in classification rules and cue sets/);
    doc.classification.cues[doc.classification.cues.length - 1].unlessInTicket = 'charger';
    const r2 = validatePolicy(doc);
    expect(r2.ok).toBe(false);
    if (!r2.ok)
      expect(r2.problems.map((p) => p.path)).toContain(`classification.cues[${doc.classification.cues.length - 1}].unlessInTicket`);
  });
});
