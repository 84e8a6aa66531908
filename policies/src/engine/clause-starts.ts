/**
 * Compiles the policy's clause starts (`classification.clauseStarts`) once per policy: for each cue
 * locale, one regex that finds a clause break ("，" in Chinese) or "punctuation, optional whitespace, a
 * word that starts a clause" (", it") in the gap between a negation cue and the match it would cancel.
 * Starters and punctuation are normalised like the text (NFKC, the policy's replacements, lower case);
 * Latin starters end at a word boundary.
 */
import type { Locale } from '../ids';
import type { Policy } from '../types';
import { normalizeText, type Replacer } from './normalize-text';
import { phraseKey, phraseSource } from './phrase-regex';

type ClauseStartSet = Pick<NonNullable<Policy['classification']['clauseStarts']>[number], 'locales'> & {
  breaks?: readonly string[];
  after?: readonly string[];
  starters?: readonly string[];
};

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** The clause-start regex of the sets of any of `locales` (built once per list); null when none applies. */
export function compileClauseStarts(
  sets: readonly ClauseStartSet[],
  replacer: Replacer | null,
): (locales: readonly Locale[]) => RegExp | null {
  const sources = sets.map((s) => setSource(s, replacer));
  const byLocales = new Map<string, RegExp | null>();
  return (locales) => {
    const key = locales.join(' ');
    if (!byLocales.has(key)) {
      const parts = sources.filter((src, i) => src && sets[i].locales.some((l) => locales.includes(l)));
      byLocales.set(key, parts.length ? new RegExp(parts.map((p) => `(?:${p})`).join('|'), 'u') : null);
    }
    return byLocales.get(key)!;
  };
}

function setSource(s: ClauseStartSet, replacer: Replacer | null): string | null {
  const norm = (t: string) => phraseKey(normalizeText(t, replacer).text);
  const literal = (list: readonly string[] | undefined) => unique((list ?? []).map(norm)).map((a) => a.replace(SYNTAX, '\\$&'));
  const breaks = literal(s.breaks);
  const after = literal(s.after);
  const starters = unique((s.starters ?? []).map(norm));
  const parts: string[] = [];
  if (breaks.length) parts.push(breaks.join('|'));
  if (after.length && starters.length) parts.push(`(?:${after.join('|')})\\s*(?:${starters.map(phraseSource).join('|')})`);
  return parts.length ? parts.join('|') : null;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list.filter(Boolean))];
}
