import { classify } from '../../../../policies/src/engine';
import { expandScripts } from '../../../../policies/server/expand-scripts';
import { foldMap, scriptVariants } from '../../../../policies/server/opencc';
import { loadPolicy } from '../../../support/test-policy';

describe('expandScripts (server side, opencc-js)', () => {
  it('a phrase written in one script gets its simplified and traditional forms', () => {
    expect(scriptVariants('充电器外壳')).toEqual(expect.arrayContaining(['充电器外壳', '充電器外殼']));
    expect(scriptVariants('smoke')).toEqual(['smoke']);
  });

  it('a rule written only in simplified Chinese matches traditional text once expanded', () => {
    const raw = loadPolicy((p) => {
      p.classification.rules.unshift({ id: 'only_simplified', phrases: ['外壳软化'], sets: { signals: ['safety'] } });
    });
    const text = { id: 't', subject: '', description: '充電器外殼軟化了' };
    expect(classify(text, raw).matches.some((m) => m.ruleId === 'only_simplified')).toBe(false);
    const expanded = expandScripts(
      loadPolicy((p) => {
        p.classification.rules.unshift({ id: 'only_simplified', phrases: ['外壳软化'], sets: { signals: ['safety'] } });
      }),
    );
    const c = classify(text, expanded);
    const m = c.matches.find((x) => x.ruleId === 'only_simplified')!;
    expect(m.text).toBe('外殼軟化');
  });

  it('keeps the Cantonese particle 晒 in the traditional forms (opencc writes 曬, Hong Kong text writes 晒)', () => {
    const expanded = expandScripts(
      loadPolicy((p) => {
        p.classification.rules.unshift({ id: 'cantonese_all', phrases: ['热晒'], sets: { signals: ['safety'] } });
      }),
    );
    const c = classify({ id: 't', subject: '', description: '個火牛熱晒，摸都摸唔到' }, expanded);
    expect(c.matches.find((x) => x.ruleId === 'cantonese_all')?.text).toBe('熱晒');
  });

  it('clause starters get both scripts too: "後來" written once ends a negation in simplified text', () => {
    const make = () =>
      loadPolicy((p) => {
        p.classification.rules = [{ id: 'smoke_zh', phrases: ['冒烟', '冒煙'], sets: { category: 'quality', signals: ['safety'] } }];
        // The default policy's severity caps and rule-keyed review floors name rules this test policy no longer has.
        if (p.classification.model) delete p.classification.model.capSeverityRules;
        delete p.classification.review?.severityHints?.L1?.modelAtByRule;
        p.classification.cues = [
          {
            id: 'neg',
            locale: 'zh-CN',
            kind: 'negation',
            position: 'before',
            windowChars: 10,
            phrases: ['没有', '沒有'],
            signals: ['safety'],
          },
        ];
        p.classification.clauseStarts = [{ id: 'zh', locales: ['zh-CN'], after: ['，'], starters: ['後來'] }];
      });
    const text = { id: 't', subject: '', description: '没有，后来冒烟了' };
    expect(classify(text, make()).signals).not.toContain('safety');
    expect(classify(text, expandScripts(make())).signals).toContain('safety');
  });

  it('the fold map sends traditional characters to simplified ones', () => {
    const f = foldMap();
    expect(f.get('電')).toBe('电');
    expect(f.get('殼')).toBe('壳');
    expect(f.has('电')).toBe(false);
  });
});
