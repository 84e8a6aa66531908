/**
 * The pattern indexes the server registers change where patterns are tried, never what is found:
 * the training tickets (all English ones, a sample of the Chinese) classified with the default policy,
 * widened as the server does, give the same Classification (matches, spans, cues, why) with the
 * indexes as without them (every pattern through the combined prefilter regexes, as in the sidebar).
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../../policies/src/engine';
import { compileRules, usePatternIndexes } from '../../../../policies/src/engine/compile-rules';
import { expandScripts } from '../../../../policies/server/expand-scripts';
import { patternIndexes } from '../../../../policies/server/pattern-indexes';
import type { Ticket } from '../../../../policies/src/types';
import { loadPolicy } from '../../../support/test-policy';

const tickets: (Ticket & { lang: string })[] = fs
  .readFileSync(path.resolve(__dirname, '../../../../policies/training/train.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .map((o) => ({ id: String(o.id), lang: o.lang, subject: o.subject ?? '', description: o.description ?? '' }));

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
    expect(compileRules(plain).asciiOtherPatterns.length).toBeGreaterThan(compileRules(indexed).asciiOtherPatterns.length);
  });

  it('classifies every English and a sample of the Chinese training tickets the same', () => {
    const sample = tickets.filter((t, i) => t.lang === 'en' || i % 100 === 0);
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
    expect(sample.length).toBeGreaterThan(4900);
    expect({ differ, first }).toEqual({ differ: 0, first: [] });
  });
});
