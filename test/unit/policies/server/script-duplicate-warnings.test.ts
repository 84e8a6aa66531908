import { expandScripts } from '../../../../policies/server/expand-scripts';
import { scriptDuplicates, scriptDuplicateWarnings } from '../../../../policies/server/script-duplicate-warnings';
import { lexiconOf } from '../../../../policies/src/engine/compile-rules';
import { loadPolicy } from '../../../support/test-policy';

const SMOKE = ['冒烟', '冒煙', '起火', '燒焦', '烧焦'];

describe('scriptDuplicates (phrases the server widening already writes)', () => {
  it('flags an entry whose every script form an entry above it produces, naming that entry', () => {
    expect(scriptDuplicates(SMOKE)).toEqual([
      { index: 1, entry: '冒煙', of: '冒烟' },
      { index: 4, entry: '烧焦', of: '燒焦' },
    ]);
  });

  it('leaves alone different wordings, English, plain repeats (normalisation warnings report those) and Hong Kong forms opencc does not write', () => {
    expect(scriptDuplicates(['冒烟', '冒火', 'smoke', 'Smoke', '冒烟', '冇反应', '没有反应'])).toEqual([]);
  });
});

describe('scriptDuplicateWarnings (policy check)', () => {
  const withList = (phrases: string[]) =>
    loadPolicy((p) => {
      p.classification.rules.unshift({ id: 'smoke_test', phrases, sets: { signals: ['safety'] } });
      p.classification.cues!.unshift({
        id: 'cue_test',
        kind: 'harmless',
        position: 'covering',
        phrases: ['烟灰色', '煙灰色'],
        signals: ['safety'],
      });
    });

  it('says where, which entry it repeats, and how to fix it', () => {
    const w = scriptDuplicateWarnings(withList(SMOKE));
    expect(w.map((x) => x.path)).toEqual([
      'classification.rules[0].phrases[1]',
      'classification.rules[0].phrases[4]',
      'classification.cues[0].phrases[1]',
    ]);
    expect(w[0].message).toBe(
      '"冒煙" is another script\'s form of "冒烟" above it: the server adds every entry\'s simplified, Taiwan and Hong Kong forms',
    );
    expect(w[0].hint).toMatch(/^remove it; the widened lexicon stays the same/);
  });

  it('removing what it flags leaves the widened lexicon the matcher compiles unchanged', () => {
    const flagged = new Set(scriptDuplicates(SMOKE).map((d) => d.entry));
    const before = lexiconOf(expandScripts(withList(SMOKE))).rules[0].phrases!;
    const after = lexiconOf(expandScripts(withList(SMOKE.filter((p) => !flagged.has(p))))).rules[0].phrases!;
    expect(new Set(after)).toEqual(new Set(before));
  });

  it('the default policy writes each phrase in one script only', () => {
    expect(scriptDuplicateWarnings(loadPolicy())).toEqual([]);
  });
});
