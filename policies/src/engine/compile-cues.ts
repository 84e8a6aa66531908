/**
 * Compiles a classification's cue sets (negation, hypotheticals, harmless senses): each set's phrases and
 * `unless` phrases go into the phrase entries the scan finds (`entry`), each set becomes a compiled cue with its
 * clause starts, each `unlessInTicket` list a cue of its own, and each rule gets the sets that govern it.
 * scan-field.ts applies them. Pure; browser-safe.
 */
import { LOCALES } from '../ids';
import type { Policy } from '../types';
import { compileClauseStarts } from './clause-starts';
import type { CompiledRule, PhraseEntry } from './compile-rules';
import { normalizeText, type Replacer } from './normalize-text';
import { phraseKey, phraseSource, WORD_BEFORE } from './phrase-regex';

export interface CompiledCue {
  id: string;
  position: 'before' | 'after' | 'covering' | 'ticket' | 'closing';
  windowChars: number;
  /** Reaches across sentence ends within its paragraph (the cue set's `acrossSentences`). */
  acrossSentences?: boolean;
  /**
   * Where a clause starts in the gap before a match (`classification.clauseStarts` of the cue's locale): a
   * `negation` cue stops there ("it didn't stop, it rolled into the road"); null for other cues.
   */
  clauseStart: RegExp | null;
  /**
   * For a negation cue without a locale: the clause starts for a cue phrase written in Han characters
   * (the Chinese locales'); `clauseStart` then holds the other locales' (a Chinese comma break must not
   * end an English list: "no smoke, sparks or smell").
   */
  clauseStartHan?: RegExp | null;
  /**
   * The cue set's `unlessInTicket` phrases, compiled as a cue of their own (its index; position `ticket`, governing
   * no rule): when a scan finds it in any field, classify() scans again without this cue (scanField's `voided`).
   */
  evidence?: number;
  /** A `closing` cue's `until` phrases at a line start (flags `gimu`) and `keepWith` phrases (closing-zone.ts). */
  until?: RegExp | null;
  keepWith?: RegExp | null;
  /** A `closing` cue's sign-offs at a line start (flags `gimu`): where the model's own-words reading finds them (own-words.ts). */
  opens?: RegExp | null;
  /** A `closing` cue's footers, tried at one line start each (flags `imuy`): signatures with no sign-off (footer-spans.ts). */
  footers?: RegExp | null;
}

/** The locales written in Han characters. */
const HAN_LOCALE = /^zh\b/;

/**
 * The compiled cues (the sets in policy order, then one per `unlessInTicket` list) and, for each rule, the cue
 * sets that apply to it. `entry` gives (making it when new) the phrase entry of a phrase, in the order phrases
 * are met: calling it here, between the rules and the patterns, keeps the entries' order.
 */
export function compileCues(
  cls: Policy['classification'],
  rules: readonly CompiledRule[],
  entry: (phrase: string) => PhraseEntry | null,
  replacer: Replacer | null,
): { cues: CompiledCue[]; cuesByRule: number[][] } {
  const cueSets = cls.cues ?? [];
  const clauseStart = compileClauseStarts(cls.clauseStarts ?? [], replacer);
  const cues: CompiledCue[] = cueSets.map((cs, ci) => {
    for (const p of cs.phrases) {
      const e = entry(p);
      if (e && !e.cues.includes(ci)) e.cues.push(ci);
    }
    for (const p of cs.unless ?? []) {
      const e = entry(p);
      if (e && !e.voids.includes(ci)) e.voids.push(ci);
    }
    const stops = cs.kind === 'negation' && cs.position === 'before';
    const cue: CompiledCue = { id: cs.id, position: cs.position, windowChars: cs.windowChars ?? 24, clauseStart: null };
    if (cs.acrossSentences) cue.acrossSentences = true;
    if (cs.position === 'closing') {
      cue.until = phraseListRegex(cs.until, replacer, '^[^\\S\\n]*', 'gimu');
      cue.keepWith = phraseListRegex(cs.keepWith, replacer, '', 'giu');
      cue.opens = phraseListRegex(cs.phrases, replacer, '^[^\\S\\n]*', 'gimu');
      cue.footers = phraseListRegex(cs.footers, replacer, '^[^\\S\\n]*', 'imuy');
    }
    if (stops && cs.locale) cue.clauseStart = clauseStart([cs.locale]);
    else if (stops) {
      cue.clauseStart = clauseStart(LOCALES.filter((l) => !HAN_LOCALE.test(l)));
      cue.clauseStartHan = clauseStart(LOCALES.filter((l) => HAN_LOCALE.test(l)));
    }
    return cue;
  });
  // Each `unlessInTicket` list becomes a cue that cancels nothing: finding it is what voids its set ticket-wide.
  cueSets.forEach((cs, ci) => {
    if (!cs.unlessInTicket?.length) return;
    const at = cues.length;
    for (const p of cs.unlessInTicket) {
      const e = entry(p);
      if (e && !e.cues.includes(at)) e.cues.push(at);
    }
    cues[ci].evidence = at;
    cues.push({ id: `${cs.id}#unlessInTicket`, position: 'ticket', windowChars: 0, clauseStart: null });
  });
  // A set without signals governs exactly its rules (the schema requires one or the other).
  const governs = (cs: (typeof cueSets)[number], r: CompiledRule) =>
    (!cs.signals || cs.signals.some((s) => r.sets.signals?.includes(s))) && (!cs.rules || cs.rules.includes(r.id));
  const cuesByRule = rules.map((r) => cueSets.flatMap((cs, ci) => (governs(cs, r) ? [ci] : [])));
  return { cues, cuesByRule };
}

/**
 * One regex for a list of phrases normalised like the text (Latin words end at a word boundary); null for none. After
 * a `head` that anchors them at a line start, the word boundary before each phrase always holds and is left out: its
 * Unicode look-behind, tried for every phrase, cost more than the rest of a Chinese ticket's classification.
 */
function phraseListRegex(list: readonly string[] | undefined, replacer: Replacer | null, head: string, flags: string): RegExp | null {
  const keys = [...new Set((list ?? []).map((p) => phraseKey(normalizeText(p, replacer).text)).filter(Boolean))];
  const source = (key: string) => {
    const s = phraseSource(key);
    return head && s.startsWith(WORD_BEFORE) ? s.slice(WORD_BEFORE.length) : s;
  };
  return keys.length ? new RegExp(`${head}(?:${keys.map(source).join('|')})`, flags) : null;
}
