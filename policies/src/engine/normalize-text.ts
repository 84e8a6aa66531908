/**
 * Normalises a text before matching so one lexicon serves every spelling: Unicode NFKC
 * (full-width letters, compatibility forms), lower case, and the policy's replacements
 * (`classification.normalize.replace`, e.g. Cantonese 冇 → 没). Returns the normalised text
 * and, when it differs from the original, an offset map so spans found in it point back into
 * the original text. Pure and browser-safe (String.prototype.normalize only).
 */

export interface NormalizedText {
  text: string;
  /** `origin[i]` = offset in the original text of normalised UTF-16 unit i; length text.length + 1. Null when identical offsets. */
  origin: number[] | null;
}

export interface Replacer {
  re: RegExp;
  to: Map<string, string>;
  /** Whether any key is pure ASCII (else ASCII-only text needs no replacement pass). */
  asciiKeys: boolean;
}

/** Builds one regex over the replacement keys (longest first). Null when there are none. */
export function compileReplacer(pairs: readonly (readonly [string, string])[]): Replacer | null {
  const to = new Map<string, string>();
  for (const [from, repl] of pairs) {
    const k = from.normalize('NFKC').toLowerCase();
    if (k && !to.has(k)) to.set(k, repl.normalize('NFKC').toLowerCase());
  }
  if (to.size === 0) return null;
  const keys = [...to.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'));
  return { re: new RegExp(keys.join('|'), 'giu'), to, asciiKeys: [...to.keys()].some((k) => ASCII.test(k)) };
}

const ASCII = /^[\x00-\x7f]*$/;

export function isAscii(text: string): boolean {
  return ASCII.test(text);
}

/** Maps a normalised offset back to the original text. */
export function originOf(n: NormalizedText, i: number): number {
  return n.origin ? n.origin[i] : i;
}

/**
 * NFKC and the replacements; case is left alone (every matcher is case-insensitive, the learned
 * layer lower-cases its tokens), so ASCII text without ASCII replacement keys costs one test.
 */
export function normalizeText(text: string, replacer: Replacer | null): NormalizedText {
  const ascii = ASCII.test(text);
  let cur: NormalizedText = { text, origin: null };
  if (!ascii && text.normalize('NFKC') !== text) cur = nfkc(text);
  if (replacer && (!ascii || replacer.asciiKeys)) cur = replace(cur, replacer);
  return cur;
}

function nfkc(text: string): NormalizedText {
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const piece = text.slice(i, i + width).normalize('NFKC');
    for (let k = 0; k < piece.length; k++) origin.push(i);
    out += piece;
    i += width;
  }
  origin.push(text.length);
  return { text: out, origin };
}

function replace(n: NormalizedText, r: Replacer): NormalizedText {
  r.re.lastIndex = 0;
  if (!r.re.test(n.text)) return n;
  r.re.lastIndex = 0;
  let out = '';
  const origin: number[] = [];
  let last = 0;
  const o = (i: number) => (n.origin ? n.origin[i] : i);
  for (const m of n.text.matchAll(r.re)) {
    for (let i = last; i < m.index; i++) origin.push(o(i));
    out += n.text.slice(last, m.index);
    const repl = r.to.get(m[0].toLowerCase()) ?? m[0];
    for (let k = 0; k < repl.length; k++) origin.push(o(m.index));
    out += repl;
    last = m.index + m[0].length;
  }
  for (let i = last; i < n.text.length; i++) origin.push(o(i));
  out += n.text.slice(last);
  origin.push(o(n.text.length));
  return { text: out, origin };
}

const VOWEL = /[aeiou]/;
/** Words that keep their final e before -ing because without it they spell another word (singing, tinging). */
const KEEP_E_BEFORE_ING = new Set(['singe', 'swinge', 'tinge', 'springe']);

/**
 * English inflections of one word (the word itself first): plural/3rd person, past, -ing,
 * with the usual spelling changes (smoke → smoked/smoking, spark → sparked, short → shorted, tie → tying,
 * dye → dyeing, singe → singeing).
 */
export function inflections(word: string): string[] {
  if (!/^[a-z]{3,}$/.test(word)) return [word];
  const out = new Set<string>([word]);
  const stem = word.endsWith('e') ? word.slice(0, -1) : word;
  const last = word[word.length - 1];
  const doubles =
    word.length <= 4 &&
    !VOWEL.test(last) &&
    VOWEL.test(word[word.length - 2]) &&
    !VOWEL.test(word[word.length - 3]) &&
    !'wxy'.includes(last);
  if (/(s|sh|ch|x|z)$/.test(word)) out.add(`${word}es`);
  else if (/[^aeiou]y$/.test(word)) out.add(`${word.slice(0, -1)}ies`);
  else out.add(`${word}s`);
  if (/[^aeiou]y$/.test(word)) out.add(`${word.slice(0, -1)}ied`);
  else out.add(doubles ? `${word}${last}ed` : `${stem}ed`);
  if (/[^aeiou]ie$/.test(word)) out.add(`${word.slice(0, -2)}ying`);
  else if (/[eoy]e$/.test(word) || KEEP_E_BEFORE_ING.has(word)) out.add(`${word}ing`);
  else out.add(doubles ? `${word}${last}ing` : `${stem}ing`);
  return [...out];
}

/**
 * Variants of a Latin-script phrase whose last word is inflected (at most `max`). A phrase already
 * inflected ("sparks") is left alone except for its own form.
 */
export function inflectPhrase(phrase: string, max = 6): string[] {
  const words = phrase.split(' ');
  const lastWord = words[words.length - 1];
  if (/(?:s|ed|ing)$/.test(lastWord) && lastWord.length > 4) return [phrase];
  const head = words.slice(0, -1).join(' ');
  return inflections(lastWord)
    .slice(0, max)
    .map((w) => (head ? `${head} ${w}` : w));
}
