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

  it('the fold map sends traditional characters to simplified ones', () => {
    const f = foldMap();
    expect(f.get('電')).toBe('电');
    expect(f.get('殼')).toBe('壳');
    expect(f.has('电')).toBe(false);
  });
});
