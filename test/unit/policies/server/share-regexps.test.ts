import { shareRegExp } from '../../../../policies/server/share-regexps';
import { compileRules } from '../../../../policies/src/engine/compile-rules';
import { scanField } from '../../../../policies/src/engine/scan-field';
import { sharedRegExp, shareRegExps } from '../../../../policies/src/engine/shared-regex';
import { loadPolicy } from '../../../support/test-policy';

describe('shareRegExp (registered for the rule compiler by the server)', () => {
  beforeAll(() => shareRegExps(shareRegExp));

  it('gives the live object for the same source and flags, a new one otherwise', () => {
    const a = sharedRegExp('smok(?:e|ing)', 'giu');
    expect(sharedRegExp('smok(?:e|ing)', 'giu')).toBe(a);
    expect(sharedRegExp('smok(?:e|ing)', 'gi')).not.toBe(a);
    expect(sharedRegExp('smok(?:e|ing)x', 'giu')).not.toBe(a);
    expect(a.source).toBe('smok(?:e|ing)');
    expect(a.flags).toBe('giu');
  });

  it('throws on an invalid source, as new RegExp does', () => {
    expect(() => sharedRegExp('(', 'u')).toThrow(SyntaxError);
  });

  it('two compiled matchers share the same regex objects and scan the same, in turn', () => {
    const a = compileRules(loadPolicy());
    // A rule's description is matcher content (the compiled rules carry it) but no regex: a second matcher, same regexes.
    const b = compileRules(
      loadPolicy((raw) => {
        raw.classification.rules[0].description += ' (reworded)';
      }),
    );
    expect(a).not.toBe(b);
    expect(b.phraseRes).toEqual(a.phraseRes);
    for (let i = 0; i < a.phraseRes.length; i++) expect(b.phraseRes[i]).toBe(a.phraseRes[i]);
    for (let i = 0; i < a.patterns.length; i++) expect(b.patterns[i].sticky).toBe(a.patterns[i].sticky);
    // The shared lastIndex: each scan sets it before use, so interleaved scans agree.
    const texts = ['The plug sparked and there was smoke.', '插头冒烟了，我已经打了三次电话。', 'It smoked; it smokes again.'];
    const first = texts.map((t) => scanField(a, t));
    expect(texts.map((t) => scanField(b, t))).toEqual(first);
    expect(texts.map((t) => scanField(a, t))).toEqual(first);
  });
});

test('without a registered sharing (the sidebar) each regex is a new object', () => {
  shareRegExps(null);
  const a = sharedRegExp('smok(?:e|ing)', 'giu');
  expect(sharedRegExp('smok(?:e|ing)', 'giu')).not.toBe(a);
  expect(sharedRegExp('smok(?:e|ing)', 'giu')).toEqual(a);
});
