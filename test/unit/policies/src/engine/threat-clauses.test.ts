/**
 * The text the severity head reads: the ticket without the clauses that carry a threat,
 * extortion or repeat-contact rule match (domain.md §4: threats do not change severity).
 */
import { classify } from '../../../../../policies/src/engine';
import { attachModel } from '../../../../../policies/src/engine/linear-model';
import { maskClauses, maskedRuleIds, severityText } from '../../../../../policies/src/engine/threat-clauses';
import type { SignalId } from '../../../../../policies/src/ids';
import type { Ticket } from '../../../../../policies/src/types';
import { loadPolicy } from '../../../../support/test-policy';

describe('maskClauses', () => {
  it('replaces the whole clause around a span, between clause delimiters, by a line break', () => {
    const text = 'The lid has a scratch. Pay me $5,000 or I sue, ok? Thanks';
    const at = text.indexOf('sue');
    expect(maskClauses(text, [{ start: at, end: at + 3 }])).toBe('The lid has a scratch.\n, ok? Thanks');
  });

  it('a separator inside a number does not end a clause; a comma does', () => {
    const text = 'Scratched lid, I want $50,000 or my lawyer files suit';
    const at = text.indexOf('lawyer');
    expect(maskClauses(text, [{ start: at, end: at + 6 }])).toBe('Scratched lid,\n');
  });

  it('Chinese and full-width delimiters; overlapping clauses merge', () => {
    const text = '锅盖有划痕，赔我十万，不然我找律师！谢谢';
    const a = text.indexOf('赔我');
    const b = text.indexOf('律师');
    expect(
      maskClauses(text, [
        { start: b, end: b + 2 },
        { start: a, end: a + 2 },
      ]),
    ).toBe('锅盖有划痕，\n，\n！谢谢');
    expect(maskClauses('划痕，我要告你们', [{ start: 4, end: 8 }])).toBe('划痕，\n');
  });
});

const THREATS: SignalId[] = ['legal', 'media', 'regulator', 'extortion'];

describe('severityText', () => {
  const policy = loadPolicy();
  attachModel(policy, null);
  const matchesOf = (t: Ticket) => classify(t, policy).matches;

  it('masks the rules that set only the given signals and no category or severity; never one that forces severity', () => {
    const ids = maskedRuleIds(policy, THREATS);
    expect(ids.has('legal')).toBe(true);
    expect(ids.has('extortion')).toBe(true);
    expect(ids.has('repeat_contact')).toBe(false);
    for (const r of policy.classification.rules.filter((x) => ids.has(x.id))) {
      expect(r.sets.category ?? r.sets.severity).toBeUndefined();
      for (const s of r.sets.signals ?? []) expect(THREATS).toContain(s);
    }
    expect(maskedRuleIds(policy, ['repeat_contact']).has('repeat_contact')).toBe(true);
    expect(maskedRuleIds(policy, ['safety']).size).toBe(0); // safety forces L1: its words always count
  });

  it('masks the threat clause in every field it occurs in and keeps the rest, normalised like classify()', () => {
    const t: Ticket = {
      id: 'x',
      subject: 'Scratched lid - lawyer',
      description: 'The lid of my kettle has a small scratch. Pay me $10,000 or I sue.',
    };
    const s = severityText(policy, t, matchesOf(t), THREATS)!;
    expect(s.subject).toBe('\n');
    expect(s.text).toBe('\n\nThe lid of my kettle has a small scratch.\n.\n');
  });

  it('null when no masked rule matched: the severity head reads the same text as the others', () => {
    const t: Ticket = { id: 'y', subject: 'Kettle sparked', description: 'The plug sparked when I switched it on. Third time I write.' };
    expect(severityText(policy, t, matchesOf(t), THREATS)).toBeNull();
  });
});
