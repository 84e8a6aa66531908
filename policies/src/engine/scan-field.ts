/**
 * Scans one text field with a compiled classifier: every rule hit (rule, UTF-16 span into the
 * ORIGINAL text, original text) and the set of rules an `unless` phrase cancels in this field.
 * The text is normalised first (NFKC, lower case, policy replacements); cue phrases (negation,
 * hypotheticals, harmless senses) cancel the hits they govern.
 */
import { cancellingCue } from './cancelling-cue';
import { closingZones } from './closing-zone';
import { foldChar, stickyOf, type CompiledClassifier, type PhraseEntry } from './compile-rules';
import { isAscii, normalizeText, originOf } from './normalize-text';
import { endsAtBoundary, phraseKey } from './phrase-regex';
import { dropVoided, voidCues, type CueHit } from './void-cues';

export interface Hit {
  rule: number;
  start: number;
  end: number;
  text: string;
}

export interface FieldScan {
  hits: Hit[];
  /** Rules an `unless` phrase cancels in this field, with that phrase's span (in the original text). */
  cancelled: Map<number, Hit>;
  /** Each cancelled rule's first hit in this field (what the `unless` phrase retracted, for the explanation). */
  retracted: Hit[];
  /** Hits a cue cancelled (with the cue's id), for the explanation. */
  cued: (Hit & { cue: string })[];
  /** The normalised text that was scanned (the learned layer reads it too). */
  normalized: string;
  /** Cue sets with position `ticket` found in this field: they govern every field (ticketCue). */
  ticketCues: number[];
}

/** `voided`: cue sets whose `unlessInTicket` evidence the ticket holds (classify() scans such a ticket again). */
export function scanField(c: CompiledClassifier, original: string, voided?: ReadonlySet<number>): FieldScan {
  const raw: Hit[] = [];
  const cancelled = new Map<number, Hit>();
  const cueHits: CueHit[] = [];
  const voidHits: CueHit[] = [];
  const n = original ? normalizeText(original, c.replacer) : { text: '', origin: null };
  const text = n.text;
  const ascii = isAscii(text);
  const phraseRes = ascii ? c.asciiPhraseRes : c.phraseRes;
  // The phrase regexes one after another; where the ASCII path is compiled, its own phrase scan (compile-ascii-path.ts).
  let scans = phraseRes.length;
  if (text && c.findPhrases) scans = c.findPhrases(c, text, ascii, raw, cancelled, cueHits, voidHits);
  else if (text) for (const re of phraseRes) scanPhrases(c, re, text, text, raw, cancelled, cueHits, voidHits);
  // One scan per regex: put the cue hits back in text order, as a single scan finds them.
  if (scans > 1 && cueHits.length > 1) cueHits.sort((a, b) => a.start - b.start);
  if (voidHits.length) voidCues(cueHits, voidHits);
  if (voided?.size) dropVoided(cueHits, voided);
  const ticketCues: number[] = [];
  for (const ch of cueHits) if (c.cues[ch.cue].position === 'ticket' && !ticketCues.includes(ch.cue)) ticketCues.push(ch.cue);
  if (text && c.patterns.length) {
    // All-ASCII text through the ASCII path where one is compiled (compile-ascii-path.ts), else like any other.
    if (ascii && c.asciiPatterns) {
      scanPatterns(c.asciiPatternRe, c.asciiOtherPatterns, text, raw);
      c.asciiScan?.(text, raw);
    } else {
      for (const g of c.patternGroups) scanPatterns(g.re, g.patterns, text, raw);
      c.hanScan?.(text, raw);
    }
  }
  // Spans found in the normalised text, pointed back into the original.
  const toOriginal = (h: Hit): Hit =>
    n.text === original
      ? h
      : { ...h, start: originOf(n, h.start), end: originOf(n, h.end), text: original.slice(originOf(n, h.start), originOf(n, h.end)) };
  if (cancelled.size && n.text !== original) for (const [r, h] of cancelled) cancelled.set(r, toOriginal(h));
  const retracted: Hit[] = [];
  if (raw.length === 0) return { hits: raw, cancelled, retracted, cued: [], normalized: text, ticketCues };
  raw.sort((a, b) => a.start - b.start || b.end - a.end || a.rule - b.rule);
  const kept = dropCovered(raw, cancelled, retracted);
  for (let i = 0; i < retracted.length; i++) retracted[i] = toOriginal(retracted[i]);
  const cued: (Hit & { cue: string })[] = [];
  const hits: Hit[] = [];
  let longest = 0;
  for (const ch of cueHits) longest = Math.max(longest, ch.end - ch.start);
  // Asked only by a match that a closing cue governs: a footer opens a signature with no cue hit.
  const zones = closingZones(text, c.cues, cueHits);
  for (const h of kept) {
    const cue = cancellingCue(c, text, h, cueHits, longest, zones);
    const mapped = toOriginal(h);
    if (cue >= 0) cued.push({ ...mapped, cue: c.cues[cue].id });
    else hits.push(mapped);
  }
  return { hits, cancelled, retracted, cued, normalized: text, ticketCues };
}

/**
 * The `ticket` cue (index) that cancels a hit of `rule`, given the ticket cues found in any field of
 * the ticket, or -1: "smoke" in the subject is cancelled by "it turned out to be steam" in the body.
 */
export function ticketCue(c: CompiledClassifier, rule: number, present: ReadonlySet<number>): number {
  if (present.size === 0) return -1;
  for (const ci of c.cuesByRule[rule]) if (present.has(ci)) return ci;
  return -1;
}

/** Runs `re` over `scanned` (the text or its ASCII view, same indexes); hits are read from `text`. */
export function scanPhrases(
  c: CompiledClassifier,
  re: RegExp,
  scanned: string,
  text: string,
  out: Hit[],
  cancelled: Map<number, Hit>,
  cueHits: CueHit[],
  voidHits: CueHit[],
): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(scanned)) !== null) {
    const start = m.index;
    phraseAt(c, start, scanned === text ? m[0] : text.slice(start, start + m[0].length), text, out, cancelled, cueHits, voidHits);
    // Step one character, not past the match: phrases that start inside this one are found too.
    re.lastIndex = next(text, start);
  }
}

/** A phrase regex's match (its text read from `text`) at `start`: the hits of its key and of the keys it begins with. */
export function phraseAt(
  c: CompiledClassifier,
  start: number,
  matched: string,
  text: string,
  out: Hit[],
  cancelled: Map<number, Hit>,
  cueHits: CueHit[],
  voidHits: CueHit[],
): void {
  const found = c.byKey.get(phraseKey(matched));
  if (found) entryAt(found, start, matched, text, out, cancelled, cueHits, voidHits);
  else {
    // Case folding the lower-case key cannot reproduce (e.g. "ſ" for "s"): check the phrases
    // that begin with this character.
    for (const e of c.byFirstChar.get(foldChar(matched)) ?? []) verify(e, text, start, out, cancelled, cueHits, voidHits);
  }
}

/** Entry `found`'s key matched at `start` (`matched`: its text): its hits, and those of the keys it begins with. */
export function entryAt(
  found: PhraseEntry,
  start: number,
  matched: string,
  text: string,
  out: Hit[],
  cancelled: Map<number, Hit>,
  cueHits: CueHit[],
  voidHits: CueHit[],
): void {
  if (endsAtBoundary(found.key, text, start + matched.length))
    use(found, start, start + matched.length, out, cancelled, cueHits, voidHits, matched);
  for (const p of found.prefixes) verify(p, text, start, out, cancelled, cueHits, voidHits);
}

function verify(
  e: PhraseEntry,
  text: string,
  at: number,
  out: Hit[],
  cancelled: Map<number, Hit>,
  cueHits: CueHit[],
  voidHits: CueHit[],
): void {
  if (e.asWritten) {
    const end = at + e.key.length;
    if (text.startsWith(e.key, at) && endsAtBoundary(e.key, text, end)) use(e, at, end, out, cancelled, cueHits, voidHits, e.key);
    return;
  }
  const re = stickyOf(e);
  re.lastIndex = at;
  const m = re.exec(text);
  if (m) use(e, at, at + m[0].length, out, cancelled, cueHits, voidHits, m[0]);
}

function use(
  e: PhraseEntry,
  start: number,
  end: number,
  out: Hit[],
  cancelled: Map<number, Hit>,
  cueHits: CueHit[],
  voidHits: CueHit[],
  matched: string,
): void {
  for (const r of e.triggers) out.push({ rule: r, start, end, text: matched });
  // The leftmost `unless` phrase of each rule (the phrase regexes run one after another, not in text order).
  for (const r of e.cancels) {
    const at = cancelled.get(r);
    if (!at || start < at.start || (start === at.start && end > at.end)) cancelled.set(r, { rule: r, start, end, text: matched });
  }
  for (const q of e.cues) cueHits.push({ cue: q, start, end });
  for (const q of e.voids) voidHits.push({ cue: q, start, end });
}

function scanPatterns(combined: RegExp | null, patterns: CompiledClassifier['patterns'], text: string, out: Hit[]): void {
  if (!patterns.length) return;
  if (!combined) {
    for (const p of patterns) {
      const global = new RegExp(p.sticky.source, 'giu');
      for (const m of text.matchAll(global))
        if (m[0].length) out.push({ rule: p.rule, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
    return;
  }
  const re = combined;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    // The combined regex says "some pattern starts here"; find every pattern that does.
    for (const p of patterns) {
      p.sticky.lastIndex = start;
      const pm = p.sticky.exec(text);
      if (pm && pm[0].length) out.push({ rule: p.rule, start, end: start + pm[0].length, text: pm[0] });
    }
    re.lastIndex = next(text, start);
  }
}

/** Index of the next code point (a surrogate pair is one step; /u regexes would snap back into it). */
function next(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/** Drops hits of cancelled rules (the first of each goes to `retracted`) and hits lying inside an earlier hit of the same rule. */
function dropCovered(sorted: Hit[], cancelled: ReadonlyMap<number, Hit>, retracted: Hit[]): Hit[] {
  const reach = new Map<number, number>();
  const out: Hit[] = [];
  for (const h of sorted) {
    if (cancelled.has(h.rule)) {
      if (!retracted.some((x) => x.rule === h.rule)) retracted.push(h);
      continue;
    }
    const r = reach.get(h.rule);
    if (r !== undefined && h.end <= r) continue;
    reach.set(h.rule, Math.max(r ?? 0, h.end));
    out.push(h);
  }
  return out;
}
