/** Signals the rules found only in questions (asked-signals.ts): structure, no wording. */
import { askedOnly, inQuestion } from '../../../../../policies/src/engine/asked-signals';
import type { Match, MatchField, Ticket } from '../../../../../policies/src/types';

/** A safety match on `words` in `field` of the ticket (the first occurrence). */
function hit(ticket: Ticket, field: MatchField, words: string, signals: Match['sets']['signals'] = ['safety']): Match {
  const text = field === 'subject' ? ticket.subject! : field === 'description' ? ticket.description! : ticket.comments![0].body;
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`no "${words}" in ${field}`);
  return { ruleId: 'r', field, start, end: start + words.length, text: words, sets: { severity: 'L1', signals }, weight: 1 };
}

describe('inQuestion', () => {
  it('reads the first sentence end after the match: a question mark (half or full width) makes it a question', () => {
    const en = 'It smoked. Will it catch fire? No idea';
    expect(inQuestion(en, en.indexOf('catch fire') + 10)).toBe(true);
    expect(inQuestion(en, en.indexOf('smoked') + 6)).toBe(false);
    expect(inQuestion(en, en.length)).toBe(false);
    const zh = '插头冒烟了。吞下去会怎样？';
    expect(inQuestion(zh, zh.indexOf('吞下去') + 3)).toBe(true);
    expect(inQuestion(zh, zh.indexOf('冒烟') + 2)).toBe(false);
  });

  it('a comma does not end the sentence; a full stop, a semicolon or a new line before the question mark does', () => {
    expect(inQuestion('It sparked, is that normal?', 'It sparked'.length)).toBe(true);
    expect(inQuestion('It sparked; is that normal?', 'It sparked'.length)).toBe(false);
    expect(inQuestion('It sparked\nIs that normal?', 'It sparked'.length)).toBe(false);
  });
});

describe('askedOnly', () => {
  it('true when every match setting the signal lies in a question', () => {
    const t: Ticket = {
      id: 'a',
      subject: 'Drinks fridge',
      description: 'Is there a risk of it catching fire in a tight alcove? What gap does it need?',
    };
    expect(askedOnly(t, [hit(t, 'description', 'catching fire')], 'safety')).toBe(true);
  });

  it('false when one match states the hazard, or when no match sets the signal', () => {
    const t: Ticket = { id: 'b', subject: 'Charger', description: 'The charger sparked and smoked. Is it safe to keep using it?' };
    const smoked = hit(t, 'description', 'smoked');
    const asked = hit(t, 'description', 'safe to keep');
    expect(askedOnly(t, [smoked, asked], 'safety')).toBe(false);
    expect(askedOnly(t, [asked], 'legal')).toBe(false);
    expect(askedOnly(t, [], 'safety')).toBe(false);
    // a match of another signal's rule is not read
    expect(askedOnly(t, [asked, hit(t, 'description', 'sparked', ['legal'])], 'safety')).toBe(true);
  });

  it('a subject match counts as asked when the subject ends with a question mark or the body asks a question', () => {
    const asks: Ticket = {
      id: 'c',
      subject: 'Bleeding gums',
      description: 'Is it normal for my gums to bleed a little with a new electric toothbrush?',
    };
    expect(askedOnly(asks, [hit(asks, 'subject', 'Bleeding')], 'safety')).toBe(true);
    const titled: Ticket = { id: 'd', subject: 'Will this catch fire?', description: 'We are putting the fridge in an alcove.' };
    expect(askedOnly(titled, [hit(titled, 'subject', 'catch fire')], 'safety')).toBe(true);
  });

  it('a subject match stands when the body asks nothing, or states the hazard itself', () => {
    const tells: Ticket = { id: 'e', subject: 'Bleeding finger', description: 'The blade guard came off and cut my finger.' };
    expect(askedOnly(tells, [hit(tells, 'subject', 'Bleeding')], 'safety')).toBe(false);
    const both: Ticket = { id: 'f', subject: '充电器冒烟', description: '充电器插上就冒烟了。保修能换吗？' };
    expect(askedOnly(both, [hit(both, 'subject', '冒烟'), hit(both, 'description', '冒烟')], 'safety')).toBe(false);
    // a question in a customer comment counts as the body asking
    const comment: Ticket = {
      id: 'g',
      subject: 'Swollen battery',
      description: '',
      comments: [
        { id: '1', author: 'customer', public: true, body: 'Is a slightly swollen battery normal?', createdAt: '2026-01-01T00:00:00Z' },
      ],
    };
    expect(askedOnly(comment, [hit(comment, 'subject', 'Swollen battery')], 'safety')).toBe(true);
  });
});
