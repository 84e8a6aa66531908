import { classify } from '../../../../../policies/src/engine';
import { compileReplacer, inflections, normalizeText } from '../../../../../policies/src/engine/normalize-text';
import { loadPolicy } from '../../../../support/test-policy';

const t = (subject: string, description = '') => ({ id: 't', subject, description });

describe('normalizeText', () => {
  it('NFKC folds full-width letters; offsets map back into the original', () => {
    const n = normalizeText('ＳＭＯＫＥ!', null);
    expect(n.text).toBe('SMOKE!');
    expect(n.origin).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const lig = normalizeText('ﬁre', null);
    expect(lig.text).toBe('fire');
    expect(lig.origin).toEqual([0, 0, 1, 2, 3]);
  });

  it('replacements (longest first) keep spans pointing at the original characters', () => {
    const r = compileReplacer([
      ['冇', '没有'],
      ['佢哋', '他们'],
      ['佢', '他'],
    ]);
    const n = normalizeText('佢哋話冇反應', r);
    expect(n.text).toBe('他们話没有反應');
    expect(n.origin).toEqual([0, 0, 2, 3, 3, 4, 5, 6]);
  });

  it('inflections of an English word', () => {
    expect(inflections('spark')).toEqual(['spark', 'sparks', 'sparked', 'sparking']);
    expect(inflections('smoke')).toEqual(['smoke', 'smokes', 'smoked', 'smoking']);
    expect(inflections('zap')).toEqual(['zap', 'zaps', 'zapped', 'zapping']);
  });

  it('keeps the e before -ing where dropping it spells another word or a wrong one', () => {
    // "singing" and "dying" are other words; "freing" and "tiing" are not words at all.
    expect(inflections('singe')).toEqual(['singe', 'singes', 'singed', 'singeing']);
    expect(inflections('dye')).toEqual(['dye', 'dyes', 'dyed', 'dyeing']);
    expect(inflections('free')).toEqual(['free', 'frees', 'freed', 'freeing']);
    expect(inflections('hoe')).toEqual(['hoe', 'hoes', 'hoed', 'hoeing']);
    expect(inflections('tie')).toEqual(['tie', 'ties', 'tied', 'tying']);
    expect(inflections('hinge')).toEqual(['hinge', 'hinges', 'hinged', 'hinging']);
  });
});

describe('classify with normalisation and cues (default policy, rules alone)', () => {
  const policy = loadPolicy();

  it('a match in full-width text reports the span and text of the original', () => {
    const c = classify(t('', 'Ｔｈｅ　ｐｌｕｇ　ｓｐａｒｋｅｄ'), policy);
    expect(c.signals).toContain('safety');
    const m = c.matches.find((x) => x.sets.signals?.includes('safety'))!;
    expect(m.text).toBe('ｓｐａｒｋｅｄ');
    expect(m.start).toBe(9);
  });

  it('Cantonese forms are normalised: 燶味 is a burning smell; the span is the original text', () => {
    const text = '部火牛有陣燶味';
    const c = classify(t('', text), policy);
    expect(c.signals).toContain('safety');
    const m = c.matches.find((x) => x.ruleId === 'safety_burn_smell_zh')!;
    expect(m.text).toBe('燶味');
    expect(text.slice(m.start, m.end)).toBe('燶味');
  });

  it('English inflections of a rule marked inflect: "zaps" and "zapping" match "zap"', () => {
    expect(classify(t('The washer door zaps me'), policy).signals).toContain('safety');
  });

  it('a negation cue before a hazard word cancels it; a sentence end stops the cue', () => {
    expect(classify(t('No sparks, no smell, it is just dead.'), policy).signals).not.toContain('safety');
    expect(classify(t('There was no warning. Then it sparked.'), policy).signals).toContain('safety');
    expect(classify(t('', '没有冒烟，就是不开机'), policy).signals).not.toContain('safety');
    expect(classify(t('', '用了不到一分钟就冒烟了'), policy).signals).toContain('safety');
  });

  it('a hypothetical cue cancels; a harmless sense covering the word cancels', () => {
    expect(classify(t('I read these can catch fire, how do I recycle it?'), policy).signals).not.toContain('safety');
    expect(classify(t('The smoke grey colour is not what I ordered'), policy).signals).not.toContain('safety');
    expect(classify(t('My Fire Stick remote will not pair'), policy).signals).not.toContain('safety');
  });
});
