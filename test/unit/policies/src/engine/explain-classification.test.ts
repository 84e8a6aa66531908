/**
 * The learned model's opinion names the customer's words behind each heavy rule feature, whatever order the
 * rules matched in. (Before, the rule features of one sentence shared a single pass over the matches, so a
 * second rule feature whose match came earlier than the first one's was silently left out.)
 */
import { explain, type ClassifyDecision } from '../../../../../policies/src/engine/explain-classification';
import type { Match } from '../../../../../policies/src/types';
import { base } from './classify-kit';

/** The model's sentence alone: the rules' own sentence quotes every match anyway. */
const modelPart = (why: { category: string }): string => why.category.slice(why.category.indexOf('The learned model'));

const match = (ruleId: string, text: string, start: number): Match => ({
  ruleId,
  field: 'description',
  start,
  end: start + text.length,
  text,
  sets: { category: 'quality' },
  weight: 1,
});

function decision(modelCategoryFeatures: string[]): ClassifyDecision {
  const firstByRule = new Map<number, Match>([
    [0, match('early_rule', 'screen flickers', 4)],
    [1, match('late_rule', 'keeps rebooting', 40)],
  ]);
  return {
    category: 'quality',
    scored: true,
    best: 2,
    minScore: 1,
    severity: 'L2',
    severityRule: null,
    forcedBy: null,
    signals: [],
    scores: { quality: 2 },
    firstByRule,
    ruleCategory: 'quality',
    ruleSeverity: 'L2',
    model: { category: modelCategoryFeatures, severity: [], signals: {} },
    confidence: { category: 0.9, severity: 0.8, signals: {} } as ClassifyDecision['confidence'],
  };
}

describe('explain: the model opinion names every heavy rule feature', () => {
  it('names both rules when the heavier one matched later in the text', () => {
    const why = explain(base, decision(['rule:late_rule', 'rule:early_rule']), 'en');
    expect(modelPart(why)).toMatch(/^The learned model/);
    expect(modelPart(why)).toContain('"keeps rebooting"');
    expect(modelPart(why)).toContain('"screen flickers"');
  });

  it('names both rules in text order too', () => {
    const why = explain(base, decision(['rule:early_rule', 'rule:late_rule']), 'en');
    expect(modelPart(why)).toMatch(/^The learned model/);
    expect(modelPart(why)).toContain('"keeps rebooting"');
    expect(modelPart(why)).toContain('"screen flickers"');
  });
});

describe('explain: the customer words are quoted as JSON writes them', () => {
  // The quote joins plain text itself and leaves anything JSON would escape to JSON.stringify.
  it.each([
    ['plain words', 'screen flickers'],
    ['a double quote', 'the "smart" kettle'],
    ['a backslash', 'C:\\temp'],
    ['a line break and a tab', 'line one\nline\ttwo'],
    ['an emoji (a surrogate pair)', 'it caught fire 🔥'],
    ['a lone surrogate', 'broken \ud83d text'],
    ['Chinese', '充电器冒烟了'],
    ['more than 60 characters', 'x'.repeat(59) + '"tail"'],
  ])('%s', (_, text) => {
    const why = explain(base, { ...decision(['rule:early_rule']), firstByRule: new Map([[0, match('early_rule', text, 0)]]) }, 'en');
    const cut = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    expect(modelPart(why)).toContain(JSON.stringify(cut));
  });
});
