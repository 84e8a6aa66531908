/**
 * Compile-time analysis of a rule pattern's source: a few strings of Han characters at least one of
 * which every match contains (`差评` or `曝光` for `(?:就|要|会)[^，。]{0,24}?(?:差评|曝光)`). A text
 * that contains none of them cannot hold a match, so the Han pattern index (han-pattern-index.ts) does
 * not try the pattern anywhere in it: on Chinese text most patterns open with a common character
 * (就, 要, 不, 没有) and fail a few characters later. Only Han characters are used (they have no
 * case, so the `i` flag changes nothing), and only sets the parser (pattern-parse.ts) reads exactly;
 * anything else (an optional part, a repetition, an escape it does not read) only breaks a run of
 * literal characters. Zero-width items (lookarounds, `\b`, `^`) consume nothing, so they do not.
 * Pure; no policy knowledge.
 */
import { isHanRange } from './fold-closure';
import { parsePattern, Unknown, type Item, type Ranges } from './pattern-parse';

/** What is known of a part of a pattern. */
interface Known {
  /** Every string the part can match, when it matches only strings of Han characters and there are few. */
  exact: string[] | null;
  /** Non-empty strings at least one of which every match of the part contains, or null. */
  need: string[] | null;
}

/** A class of more characters than this is not listed. */
const MAX_CLASS = 16;
/** A part with more exact strings than this is not listed (a run ends there). */
const MAX_EXACT = 64;
/** How likely a single character is taken to be at a position: a longer string is that much rarer. */
const CHAR_ODDS = 0.05;

/**
 * The strings of Han characters at least one of which every match of `source` contains, or null when
 * the analysis knows none (the pattern is then tried wherever its first characters stand).
 */
export function hanFactors(source: string): string[] | null {
  try {
    const k = alternativesOf(parsePattern(source));
    return usable(k.exact) ?? k.need;
  } catch (e) {
    if (e instanceof Unknown) return null;
    throw e;
  }
}

/** Expected hits of a set of strings: the smaller, the fewer texts contain one of them. */
function cost(set: string[]): number {
  let c = 0;
  for (const s of set) c += CHAR_ODDS ** [...s].length;
  return c;
}

/** `set` when it can serve as a need: non-empty and without the empty string. */
function usable(set: string[] | null): string[] | null {
  return set && set.length && !set.includes('') ? set : null;
}

function alternativesOf(alts: Item[][]): Known {
  const parts = alts.map(sequenceOf);
  const exact: string[] = [];
  let allExact = true;
  for (const p of parts) {
    if (p.exact) exact.push(...p.exact);
    else allExact = false;
  }
  const known = allExact && exact.length <= MAX_EXACT ? [...new Set(exact)] : null;
  const needs: string[] = [];
  for (const p of parts) {
    const n = usable(p.exact) ?? p.need;
    if (!n) return { exact: known, need: null };
    needs.push(...n);
  }
  return { exact: known, need: [...new Set(needs)] };
}

function sequenceOf(seq: Item[]): Known {
  let run: string[] = [''];
  let allExact = true;
  let best: string[] | null = null;
  const consider = (set: string[] | null) => {
    const s = usable(set);
    // On a tie the later part wins: the index already places the pattern by its first characters.
    if (s && (!best || cost(s) <= cost(best))) best = s;
  };
  const endRun = () => {
    consider(run);
    run = [''];
  };
  for (const item of seq) {
    if (item.assert) continue;
    if (item.min === 0) {
      // An optional part may be absent: what precedes and what follows it are not adjacent.
      endRun();
      allExact = false;
      continue;
    }
    const k = itemOf(item);
    if (k.exact && item.max === 1) {
      const joined = run.length * k.exact.length <= MAX_EXACT ? run.flatMap((a) => k.exact!.map((b) => a + b)) : null;
      if (joined) run = joined;
      else {
        endRun();
        allExact = false;
        run = k.exact;
      }
      continue;
    }
    // Matched at least once, but not as one of a few known strings: what it needs still holds.
    endRun();
    allExact = false;
    consider(k.exact ?? k.need);
  }
  const last = run;
  endRun();
  return { exact: allExact ? last : null, need: best };
}

function itemOf(item: Item): Known {
  if (item.set) return { exact: hanChars(item.set), need: null };
  if (item.group) return alternativesOf(item.group);
  return { exact: null, need: null };
}

/** The characters of `set` when they are few and all Han, or null. */
function hanChars(set: Ranges): string[] | null {
  const out: string[] = [];
  for (const [lo, hi] of set) {
    if (hi - lo >= MAX_CLASS || !isHanRange([lo, hi])) return null;
    for (let cp = lo; cp <= hi; cp++) out.push(String.fromCodePoint(cp));
    if (out.length > MAX_CLASS) return null;
  }
  return out.length ? out : null;
}
