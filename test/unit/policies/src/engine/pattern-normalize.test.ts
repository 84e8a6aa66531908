import { compileReplacer, normalizeText } from '../../../../../policies/src/engine/normalize-text';
import { normalizePattern } from '../../../../../policies/src/engine/pattern-normalize';
import { classify } from '../../../../../policies/src/engine';
import { policyWith, ticket } from './classify-kit';

const replacer = compileReplacer([
  ['冇', '没有'],
  ['咗', '了'],
  ['唔', '不'],
  ['佢哋', '他们'],
  ['火牛', '电源适配器'],
]);
const norm = (s: string) => normalizePattern(s, (t) => normalizeText(t, replacer).text);

describe('normalizePattern: pattern literals normalised like the text, regex syntax kept', () => {
  it('literal runs go through the replacements and NFKC', () => {
    expect(norm('部機壞咗')).toBe('部機壞了');
    expect(norm('火牛(?:好|很)熱')).toBe('电源适配器(?:好|很)熱');
    expect(norm('佢哋話')).toBe('他们話');
    expect(norm('ＡＢ１')).toBe('AB1');
  });

  it('a character a quantifier applies to is normalised alone, grouped when it becomes longer', () => {
    expect(norm('冇?反應')).toBe('(?:没有)?反應');
    expect(norm('停唔+到')).toBe('停不+到');
    expect(norm('咗{1,2}')).toBe('了{1,2}');
  });

  it('group openers, look-arounds, anchors and alternatives are kept; their literals are normalised', () => {
    expect(norm('(?<!唔)(?:冇|没有)反应|^咗$')).toBe('(?<!不)(?:没有|没有)反应|^了$');
    expect(norm('(?<name>唔)')).toBe('(?<name>不)');
  });

  it('a class gains the one-character form of its members; a longer form cannot be a member and is left', () => {
    expect(norm('[咗著]')).toBe('[咗著了]');
    expect(norm('[了咗]')).toBe('[了咗]');
    expect(norm('[^唔，]')).toBe('[^唔，不,]');
    expect(norm('[冇没]')).toBe('[冇没]');
    expect(norm('[a-z\\d咗]')).toBe('[a-z\\d咗了]');
  });

  it('escapes stay as written (\\u escapes exclude one script on purpose); characters that NFKC makes special are escaped', () => {
    expect(norm('\\u5514\\p{Script=Han}\\.\\b咗')).toBe('\\u5514\\p{Script=Han}\\.\\b了');
    expect(norm('（咗）')).toBe('\\(了\\)');
    expect(norm('？')).toBe('\\?');
  });

  it('a pattern without anything to normalise is returned unchanged', () => {
    const src = "\\b(?:won['’]t|doesn['’]t)\\s+(?:power|turn)\\s+on\\b";
    expect(norm(src)).toBe(src);
  });
});

describe('rule patterns are normalised when the policy is compiled', () => {
  const rule = {
    id: 'no_response',
    patterns: ['冇反應|撳咗?(?:都)?冇用'],
    weight: 2,
    sets: { category: 'quality' as const, severity: 'L1' as const },
  };
  const policy = policyWith([rule], {
    normalize: {
      replace: [
        ['冇', '没有'],
        ['咗', '了'],
      ],
    },
  });

  it('a pattern written only in the Cantonese form matches Cantonese text (which is normalised before matching)', () => {
    expect(classify(ticket('部機', '部機冇反應'), policy).severity).toBe('L1');
    expect(classify(ticket('部機', '撳咗都冇用'), policy).matches.map((m) => m.text)).toEqual(['撳咗都冇用']);
  });

  it('and the Mandarin form written directly', () => {
    expect(classify(ticket('机器', '机器没有反應'), policy).severity).toBe('L1');
  });
});
