/**
 * The pattern indexes the server registers change where patterns are tried, never what is found:
 * the training tickets (test/support/corpus-sweep.ts's stratified subset: every pattern's first ticket, a hash
 * sample, the normalisation paths; with FULL_SWEEP=1 all English ones and a sample of the Chinese) classified with the default policy,
 * widened as the server does, give the same Classification (matches, spans, cues, why) with the
 * indexes as without them (every pattern through the combined prefilter regexes, as in the sidebar).
 */
import { classify } from '../../../../policies/src/engine';
import { compileRules, usePatternIndexes } from '../../../../policies/src/engine/compile-rules';
import { expandScripts } from '../../../../policies/server/expand-scripts';
import { patternIndexes } from '../../../../policies/server/pattern-indexes';
import type { Ticket } from '../../../../policies/src/types';
import { fullSweep, readCorpus, sweepTickets } from '../../../support/corpus-sweep';
import { loadPolicy } from '../../../support/test-policy';

describe('pattern indexes (server) vs the combined prefilters (sidebar)', () => {
  const indexed = expandScripts(loadPolicy());
  compileRules(indexed);
  usePatternIndexes(null);
  const plain = expandScripts(loadPolicy());
  compileRules(plain);
  usePatternIndexes(patternIndexes);

  it('compiles the two forms differently', () => {
    expect(compileRules(indexed).asciiScan).not.toBeNull();
    expect(compileRules(indexed).hanScan).not.toBeNull();
    expect(compileRules(plain).asciiScan).toBeNull();
    expect(compileRules(plain).hanScan).toBeNull();
    // The sidebar's form has no ASCII path (compile-ascii-path.ts): ASCII text goes through the combined prefilters too.
    expect(compileRules(indexed).asciiPatterns).not.toBeNull();
    expect(compileRules(plain).asciiPatterns).toBeNull();
  });

  it('classifies the training tickets the same (FULL_SWEEP=1: every English one and a sample of the Chinese)', () => {
    const c = indexed.classification;
    const sample: Ticket[] = fullSweep()
      ? readCorpus().filter((t, i) => t.lang === 'en' || i % 100 === 0)
      : sweepTickets({
          // The indexes place patterns, not phrases: every pattern's first ticket, a tenth of the English
          // tickets and, as before, a small share of the (slower) Chinese ones.
          patterns: c.rules.flatMap((r) => r.patterns ?? []),
          sampleByte: { 'zh-CN': 4, 'zh-TW': 4 },
          replaced: (c.normalize?.replace ?? []).map(([from]) => from),
        });
    let differ = 0;
    const first: string[] = [];
    for (const t of sample) {
      const a = JSON.stringify(classify(t, indexed));
      const b = JSON.stringify(classify(t, plain));
      if (a !== b) {
        differ++;
        if (first.length < 5) first.push(t.id);
      }
    }
    expect(sample.length).toBeGreaterThan(fullSweep() ? 4900 : 2000);
    expect({ differ, first }).toEqual({ differ: 0, first: [] });
  });
});
