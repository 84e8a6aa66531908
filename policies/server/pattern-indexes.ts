/**
 * Registers the rule engine's pattern indexes (compile-rules.ts `usePatternIndexes`) for every policy
 * compiled in this process: Han-led patterns by first character (han-pattern-index.ts) and the
 * patterns whose matches in ASCII text can begin with only a few character sequences
 * (ascii-pattern-index.ts), which patterns are compiled without `u` (pattern-unicode.ts), and the fast path
 * for all-ASCII text (compile-ascii-path.ts); and one RegExp object per source and flags for all policies
 * (share-regexps.ts). Server side (server, CLI, bench) only: the sidebar bundle, which
 * classifies one ticket when the connector is unreachable, keeps the combined prefilters and `u` for all text
 * (same hits) and none of this code. Imported by load-model.ts, which every server path loads a policy with.
 */
import { usePatternIndexes, type PatternIndexes, type PatternScan } from '../src/engine/compile-rules';
import { compileAsciiPath } from '../src/engine/compile-ascii-path';
import { indexHanPatterns, scanHanPatterns } from '../src/engine/han-pattern-index';
import { indexAsciiPatterns, scanAnyTextPatterns } from '../src/engine/ascii-pattern-index';
import { packAsciiIndex, scanPackedAsciiPatterns } from '../src/engine/packed-pattern-trie';
import { analyses, beginAnalyses, endAnalyses } from './pattern-analysis-cache';
import { shareRegExps } from '../src/engine/shared-regex';
import { asciiView, viewFitsKeys } from './ascii-view';
import { buildAsciiPhraseTrie, scanAsciiPhrases } from './ascii-phrase-trie';
import { shareRegExp } from './share-regexps';

export const patternIndexes: PatternIndexes = {
  // Each analysis is made once per policy and code version (pattern-analysis-cache.ts).
  begin: beginAnalyses,
  end: endAnalyses,
  han(patterns) {
    const { index, rest } = indexHanPatterns(patterns, analyses);
    // The others whose matches begin with ASCII keys in any text: placed by those keys, not left to the
    // combined regexes (whose two-byte machine code is what Chinese text costs in compiled regex code).
    const latin = indexAsciiPatterns(rest, true, analyses.prefixes);
    const placed = latin.index;
    const unplaced = new Set([...latin.rest, ...latin.never]);
    const left = placed ? rest.filter((p) => unplaced.has(p)) : rest;
    if (!index && !placed) return { scan: null, rest };
    const scan: PatternScan = (text, out) => {
      if (index) scanHanPatterns(index, text, out);
      if (placed) scanAnyTextPatterns(placed, text, out);
    };
    return { scan, rest: left };
  },
  ascii(patterns) {
    const { index, rest, never } = indexAsciiPatterns(patterns, false, analyses.prefixes);
    // Walked over typed arrays (packed-pattern-trie.ts): the same patterns tried, in the same order.
    const packed = index ? packAsciiIndex(index) : null;
    return { scan: packed ? (text, out) => scanPackedAsciiPatterns(packed, text, out) : null, rest, never };
  },
  // The fast path for all-ASCII text, with `ascii` and `asciiPhrases` of whichever object is registered.
  asciiPath(patterns, keys) {
    return compileAsciiPath(this, patterns, keys);
  },
  normalized: analyses.normalized,
  plain: analyses.plain,
  asciiView: (keys) => (viewFitsKeys(keys) ? asciiView : null),
  asciiPhrases(keys, res, firstChars) {
    const trie = buildAsciiPhraseTrie(keys, res, firstChars);
    return trie ? (text) => scanAsciiPhrases(trie, text) : null;
  },
};

usePatternIndexes(patternIndexes);
shareRegExps(shareRegExp);
