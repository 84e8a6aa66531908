/**
 * evaluate.ts: besides accuracy, whether each missed safety case asked for review (a miss must never
 * be silent) and the review reasons of every wrong row.
 */
import { evaluate } from '../../../../../policies/src/training/evaluate';
import type { LabelledTicket } from '../../../../../policies/src/training/train-model';
import type { Classification } from '../../../../../policies/src/types';

const ticket = (id: string, signals: LabelledTicket['expected']['signals']): LabelledTicket => ({
  id,
  subject: 's',
  description: 'd',
  expected: { category: 'quality', severity: 'L1', signals },
});
const got = (severity: Classification['severity'], signals: Classification['signals'], reasons: string[]): Classification => ({
  category: 'quality',
  severity,
  signals,
  matches: [],
  scores: {},
  why: { category: '', severity: '', signals: {} },
  review: { needed: reasons.length > 0, reasons },
});

describe('evaluate: missed safety cases and review', () => {
  it('counts the missed safety cases that asked for review and lists each wrong row with its reasons', () => {
    const r = evaluate([
      { ticket: ticket('found', ['safety']), got: got('L1', ['safety'], []) },
      { ticket: ticket('silent', ['safety']), got: got('L2', [], []) },
      { ticket: ticket('flagged', ['safety']), got: got('L2', [], ['hint:safety:model']) },
      { ticket: ticket('no-l1', ['safety']), got: got('L2', ['safety'], ['low_confidence:severity']) },
      { ticket: ticket('plain', []), got: got('L1', [], ['no_rule_matched']) },
    ]);
    expect(r.safetyMissed).toEqual(['silent', 'flagged', 'no-l1']);
    expect(r.safetyMissedReviewed).toBe(2);
    expect(r.reviewed).toBe(3);
    expect(r.wrong.find((w) => w.id === 'flagged')).toMatchObject({ review: true, reasons: ['hint:safety:model'] });
    expect(r.wrong.find((w) => w.id === 'silent')).toMatchObject({ review: false, reasons: [] });
  });
});
