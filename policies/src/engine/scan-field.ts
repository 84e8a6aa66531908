/**
 * Scans one text field with a compiled classifier: every rule hit (rule, UTF-16 span, text)
 * and the set of rules an `unless` phrase cancels in this field.
 */
import { foldChar, stickyOf, type CompiledClassifier, type PhraseEntry } from './compile-rules';
import { endsAtBoundary, phraseKey } from './phrase-regex';

export interface Hit {
  rule: number;
  start: number;
  end: number;
  text: string;
}

export interface FieldScan {
  hits: Hit[];
  cancelled: Set<number>;
}

export function scanField(c: CompiledClassifier, text: string): FieldScan {
  const raw: Hit[] = [];
  const cancelled = new Set<number>();
  if (text && c.phraseRe) scanPhrases(c, c.phraseRe, text, raw, cancelled);
  if (text && c.patterns.length) scanPatterns(c, text, raw);
  if (raw.length === 0) return { hits: raw, cancelled };
  raw.sort((a, b) => a.start - b.start || b.end - a.end || a.rule - b.rule);
  return { hits: dropCovered(raw, cancelled), cancelled };
}

function scanPhrases(c: CompiledClassifier, re: RegExp, text: string, out: Hit[], cancelled: Set<number>): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const found = c.byKey.get(phraseKey(m[0]));
    if (found) {
      if (endsAtBoundary(found.key, text, start + m[0].length)) use(found, start, start + m[0].length, m[0], out, cancelled);
      for (const p of found.prefixes) verify(p, text, start, out, cancelled);
    } else {
      // Case folding the lower-case key cannot reproduce (e.g. "ſ" for "s"): check the phrases
      // that begin with this character.
      for (const e of c.byFirstChar.get(foldChar(m[0])) ?? []) verify(e, text, start, out, cancelled);
    }
    // Step one character, not past the match: phrases that start inside this one are found too.
    re.lastIndex = next(text, start);
  }
}

function verify(e: PhraseEntry, text: string, at: number, out: Hit[], cancelled: Set<number>): void {
  const re = stickyOf(e);
  re.lastIndex = at;
  const m = re.exec(text);
  if (m) use(e, at, at + m[0].length, m[0], out, cancelled);
}

function use(e: PhraseEntry, start: number, end: number, matched: string, out: Hit[], cancelled: Set<number>): void {
  for (const r of e.triggers) out.push({ rule: r, start, end, text: matched });
  for (const r of e.cancels) cancelled.add(r);
}

function scanPatterns(c: CompiledClassifier, text: string, out: Hit[]): void {
  if (!c.patternRe) {
    for (const p of c.patterns) {
      const global = new RegExp(p.sticky.source, 'giu');
      for (const m of text.matchAll(global)) if (m[0].length) out.push({ rule: p.rule, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
    return;
  }
  const re = c.patternRe;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    // The combined regex says "some pattern starts here"; find every pattern that does.
    for (const p of c.patterns) {
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

/** Drops hits of cancelled rules and hits lying inside an earlier hit of the same rule. */
function dropCovered(sorted: Hit[], cancelled: Set<number>): Hit[] {
  const reach = new Map<number, number>();
  const out: Hit[] = [];
  for (const h of sorted) {
    if (cancelled.has(h.rule)) continue;
    const r = reach.get(h.rule);
    if (r !== undefined && h.end <= r) continue;
    reach.set(h.rule, Math.max(r ?? 0, h.end));
    out.push(h);
  }
  return out;
}
