/**
 * The text the severity head reads: the ticket without the clauses that carry a threat,
 * extortion or repeat-contact rule match (domain.md §4: threats do not change severity).
 */
import { classify } from '../../../../../policies/src/engine';
import { attachModel } from '../../../../../policies/src/engine/linear-model';
import { endsClause, maskClauses, maskedRuleIds, severityText } from '../../../../../policies/src/engine/threat-clauses';
import type { SignalId } from '../../../../../policies/src/ids';
import type { Ticket } from '../../../../../policies/src/types';
import { loadPolicy } from '../../../../support/test-policy';

/** The clause end as first written, with regexes on one-character strings (the reference). */
function endsByRegex(text: string, i: number): boolean {
  return (
    /[.!?;,\n。！？；，．｡]/.test(text[i]) &&
    !(/[0-9０-９]/.test(text[i - 1] ?? '') && /[0-9０-９]/.test(text[i + 1] ?? '') && /[.,，．]/.test(text[i]))
  );
}

describe('maskClauses', () => {
  it('ends clauses exactly where the regex-written clause end does, for every UTF-16 unit, between digits or not', () => {
    const digits = ['1', '９', 'a', '中'];
    let checked = 0;
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const before of digits)
        for (const after of digits) {
          const text = `x${before}${ch}${after}y`;
          if (endsClause(text, 2) !== endsByRegex(text, 2))
            throw new Error(`differs at U+${c.toString(16)} between ${before} and ${after}`);
          checked++;
        }
    }
    expect(checked).toBe(0x10000 * 16);
    // At the text's ends (a neighbour past either end is no digit) and past them.
    for (const text of ['a,1', '1.5', '5,000', '中，', ',', '9', '']) {
      for (let i = -1; i <= text.length; i++) expect([text, i, endsClause(text, i)]).toEqual([text, i, endsByRegex(text, i)]);
    }
  });

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

  it('answers a list asked with again by what it holds now, also when the same array was changed in place', () => {
    const list: SignalId[] = ['repeat_contact'];
    const first = maskedRuleIds(policy, list);
    expect(maskedRuleIds(policy, list)).toBe(first);
    list[0] = 'legal';
    expect(maskedRuleIds(policy, list)).toEqual(maskedRuleIds(policy, ['legal']));
    expect(maskedRuleIds(policy, list).has('repeat_contact')).toBe(false);
    list.push('extortion');
    expect(maskedRuleIds(policy, list)).toEqual(maskedRuleIds(policy, ['legal', 'extortion']));
    expect(maskedRuleIds(policy, ['repeat_contact'])).toBe(first);
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
