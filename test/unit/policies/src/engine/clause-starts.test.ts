import { compileClauseStarts } from '../../../../../policies/src/engine/clause-starts';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { compileReplacer } from '../../../../../policies/src/engine/normalize-text';
import { policyWith } from './classify-kit';

const en = { id: 'en', locales: ['en' as const], after: [',', ':'], starters: ['but', 'and then', 'it'] };
const zh = { id: 'zh', locales: ['zh-CN' as const, 'zh-TW' as const], after: ['，', '、'], starters: ['但是', '後來'] };

describe('compileClauseStarts', () => {
  it('one regex per cue locale, built once and shared', () => {
    const starts = compileClauseStarts([en, zh], null);
    expect(starts(['zh-CN'])).toBe(starts(['zh-CN']));
    expect(starts(['zh-CN'])!.test(',但是冒烟')).toBe(true);
    expect(starts(['zh-CN'])!.test(', but it sparked')).toBe(false);
    expect(starts(['en'])!.test(', but it sparked')).toBe(true);
    expect(starts(['en', 'zh-TW'])!.test('、后来')).toBe(false);
    expect(starts(['en', 'zh-TW'])!.test('、後來')).toBe(true);
    expect(starts(['en', 'zh-TW'])!.test(', but')).toBe(true);
  });

  it('Latin starters are whole words; "and then" spans any whitespace; Chinese ones are substrings', () => {
    const starts = compileClauseStarts([en], null)(['en'])!;
    expect(starts.test(', itself')).toBe(false);
    expect(starts.test(',  it')).toBe(true);
    expect(starts.test(', and\tthen')).toBe(true);
    expect(compileClauseStarts([zh], null)(['zh-TW'])!.test('，但是我')).toBe(false); // the text is NFKC'd first: "，" is ","
    expect(compileClauseStarts([zh], null)(['zh-TW'])!.test(',但是我')).toBe(true);
  });

  it('starters go through the policy replacements like the text does', () => {
    const starts = compileClauseStarts([{ ...zh, starters: ['跟住'] }], compileReplacer([['跟住', '然后']]))(['zh-CN'])!;
    expect(starts.test(',然后')).toBe(true);
  });

  it('breaks start a clause on their own; "after" punctuation only before a starter', () => {
    const starts = compileClauseStarts([{ ...zh, after: ['、'], breaks: ['，', '：'] }], null)(['zh-CN'])!;
    expect(starts.test(',冒烟')).toBe(true);
    expect(starts.test(':冒烟')).toBe(true);
    expect(starts.test('、冒烟')).toBe(false);
    expect(starts.test('、但是冒烟')).toBe(true);
  });

  it('null for a locale without clause starts, and for a policy without any', () => {
    expect(compileClauseStarts([en], null)(['zh-CN'])).toBeNull();
    expect(compileClauseStarts([], null)(['en', 'zh-CN', 'zh-TW'])).toBeNull();
  });

  it('compileRules gives each negation cue before a match the regex of its locale, other cues none', () => {
    const neg = { kind: 'negation', position: 'before', phrases: ['没有'], signals: ['safety'] } as const;
    const p = policyWith([{ id: 'r', phrases: ['冒烟'], sets: { signals: ['safety'] } }], {
      cues: [
        { ...neg, id: 'a', locale: 'zh-CN' },
        { ...neg, id: 'b', locale: 'zh-CN' },
        { ...neg, id: 'c', kind: 'hypothetical', locale: 'zh-CN' },
        { ...neg, id: 'd', position: 'ticket', locale: 'zh-CN' },
      ] as any,
      clauseStarts: [zh],
    } as any);
    const cues = compileRules(p).cues;
    expect(cues[0].clauseStart).not.toBeNull();
    expect(cues[1].clauseStart).toBe(cues[0].clauseStart);
    expect(cues[2].clauseStart).toBeNull();
    expect(cues[3].clauseStart).toBeNull();
    expect(cues[0].clauseStartHan).toBeUndefined();
  });
});
