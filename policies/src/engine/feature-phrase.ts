/**
 * The customer's own words behind a learned-model n-gram feature: the first span of `text` whose tokens give
 * that feature (the same tokens, stems, digit folding and traditional→simplified folding as text-features.ts),
 * returned as the customer wrote it ("caught fire", "冒煙"), never the key ("caught fir", "0 hour", "冒烟").
 * Null when the text has no such span. Pure and browser-safe.
 */
import { KEY_CODE, findAsciiPhrase, nextTokenStart, spanKeyIs, tokenEnd } from './find-ascii-phrase';
import { NOT_ONE_UNIT, foldTable } from './hash-features';
import { CJK_RE, stem } from './text-features';

const ASCII_RE = /^[\x00-\x7f]*$/;
const LOWER_RE = /^[a-z']*$/;

/** A word token's feature key: lower-cased, digits folded to 0, ’ as ', stemmed (text-features.ts' keys). */
function wordKey(tok: string): string {
  return stem(LOWER_RE.test(tok) ? tok : tok.toLowerCase().replace(/[0-9]/g, '0').replace(/[’]/g, "'"));
}

/**
 * Word tokens of a text with their feature keys (a Han run has key null: it breaks word n-grams), read
 * lazily: a search that finds its phrase early never tokenizes the rest of a long text, and an ASCII
 * token's key (lower-cased, digits folded, stemmed) is only made when its first character could match.
 */
export class Tokens {
  readonly start: number[] = [];
  readonly end: number[] = [];
  /** Keys read so far; on ASCII text undefined until keyAt(i) asks (wordPhrase compares ASCII keys in place: asciiKeyIs). */
  private readonly keys: (string | null | undefined)[] = [];
  // ASCII text is tokenized from char codes (same tokens as /[a-z0-9][a-z0-9']*/gi, no match arrays);
  // other text by the Unicode regex. `pos` is where the ASCII scan resumes.
  private readonly re: RegExp | null;
  private pos = 0;
  private done = false;
  private lowered: string | undefined = undefined;

  constructor(readonly text: string) {
    this.re = ASCII_RE.test(text) ? null : /[\p{Script=Han}]+|[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;
  }

  /** Whether the text is tokenized from char codes (keys compared in place by asciiKeyIs, firstCode applies). */
  get ascii(): boolean {
    return this.re === null;
  }

  /** Whether token i exists (reading the text up to it). */
  has(i: number): boolean {
    while (i >= this.start.length && !this.done) {
      if (this.re === null) {
        this.nextAscii();
        continue;
      }
      const m = this.re.exec(this.text);
      if (m === null) {
        this.done = true;
        break;
      }
      const tok = m[0];
      // NFKC leaves ASCII as it is; most tokens are ASCII and need no lower-casing or digit folding.
      this.start.push(m.index);
      this.end.push(m.index + tok.length);
      this.keys.push(CJK_RE.test(tok[0]) ? null : wordKey(ASCII_RE.test(tok) ? tok : tok.normalize('NFKC')));
    }
    return i < this.start.length;
  }

  /** Token i's feature key (has(i) first). */
  keyAt(i: number): string | null {
    let k = this.keys[i];
    if (k === undefined) {
      this.keys[i] = k = wordKey(this.text.slice(this.start[i], this.end[i]));
    }
    return k;
  }

  /**
   * The first char code of ASCII token i's key (a-z, or 0 for any digit): the stem only drops endings, so a
   * key starts with its token's first character, lower-cased and digit-folded.
   */
  firstCode(i: number): number {
    return KEY_CODE[this.text.charCodeAt(this.start[i])];
  }

  /**
   * On ASCII text: whether token i's key is feature[from, to), compared from char codes: the key's codes
   * (lower case, digits as 0) stemmed in place by ascii-feature-hashes.ts' `stemmed` (stem() on codes), so
   * no key string is made.
   */
  asciiKeyIs(i: number, feature: string, from: number, to: number): boolean {
    return spanKeyIs(this.text, this.start[i], this.end[i], feature, from, to);
  }

  /** The text lower-cased (made once, when first asked for: findAsciiPhrase looks words up in it). */
  get lower(): string {
    return (this.lowered ??= this.text.toLowerCase());
  }

  /** The next ASCII token: [a-z0-9] then [a-z0-9']*, any case (its key is made by keyAt). */
  private nextAscii(): void {
    const s = nextTokenStart(this.text, this.pos);
    if (s >= this.text.length) {
      this.done = true;
      return;
    }
    const e = tokenEnd(this.text, s);
    this.pos = e;
    this.start.push(s);
    this.end.push(e);
    this.keys.push(undefined);
  }
}

/** Word tokens of a text with their feature keys, read lazily (see Tokens). */
export function tokensOf(text: string): Tokens {
  return new Tokens(text);
}

const SURROGATE_RE = /[\uD800-\uDFFF]/;
/** The last text hanPhrase checked for surrogates (the heads ask about one text several times in a row). */
let checked = '';
let checkedHasSurrogate = false;
let emptyTable: Uint16Array | undefined;

function hanPhrase(feature: string, text: string, fold: ReadonlyMap<string, string>): string | null {
  if (text !== checked) {
    checked = text;
    checkedHasSurrogate = SURROGATE_RE.test(text);
  }
  if (!checkedHasSurrogate && !SURROGATE_RE.test(feature)) return hanPhraseUnits(feature, text, fold);
  const want = Array.from(feature);
  const chars = Array.from(text);
  outer: for (let i = 0; i + want.length <= chars.length; i++) {
    for (let j = 0; j < want.length; j++) {
      const c = chars[i + j];
      if ((fold.get(c) ?? c) !== want[j]) continue outer;
    }
    return chars.slice(i, i + want.length).join('');
  }
  return null;
}

/**
 * hanPhrase for a feature and text without surrogates: every UTF-16 unit is a character, so the text is
 * compared in place (no array of its characters), folding through the model's unit table.
 */
function hanPhraseUnits(feature: string, text: string, fold: ReadonlyMap<string, string>): string | null {
  // An empty map (no model attached) would build and keep a table per call: one shared empty table instead.
  const table = fold.size ? foldTable(fold) : (emptyTable ??= new Uint16Array(0x10000));
  const n = feature.length;
  const first = feature.charCodeAt(0);
  outer: for (let i = 0; i + n <= text.length; i++) {
    for (let j = 0; j < n; j++) {
      const c = text.charCodeAt(i + j);
      const f = table[c];
      const want = j === 0 ? first : feature.charCodeAt(j);
      if (f === 0 ? c !== want : f === NOT_ONE_UNIT ? fold.get(text[i + j]) !== feature[j] : f !== want) continue outer;
    }
    return text.slice(i, i + n);
  }
  return null;
}

/**
 * Whether token i's key is the space-separated word of `feature` starting at `from` (`to` is where that
 * word ends). On ASCII text the first characters are compared first, then the key's codes in place
 * (asciiKeyIs): no token is lower-cased or stemmed into a string.
 */
function keyIs(tokens: Tokens, i: number, feature: string, from: number, to: number): boolean {
  if (tokens.ascii) return tokens.firstCode(i) === feature.charCodeAt(from) && tokens.asciiKeyIs(i, feature, from, to);
  const key = tokens.keyAt(i);
  return key !== null && key.length === to - from && feature.startsWith(key, from);
}

function wordPhrase(feature: string, tokens: Tokens): string | null {
  // Word bounds of the feature ("caught fir" → [0, 6, 7, 10]) without splitting it into new strings.
  const bounds = [0];
  for (let k = feature.indexOf(' '); k >= 0; k = feature.indexOf(' ', k + 1)) bounds.push(k, k + 1);
  bounds.push(feature.length);
  // ASCII text: the first word looked up in the lower-cased text, no tokenizing up to it (find-ascii-phrase.ts).
  if (tokens.ascii) {
    const found = findAsciiPhrase(feature, tokens.text, tokens.lower, bounds);
    if (found !== undefined) return found;
  }
  const n = bounds.length / 2;
  outer: for (let i = 0; tokens.has(i + n - 1); i++) {
    for (let j = 0; j < n; j++) if (!keyIs(tokens, i + j, feature, bounds[2 * j], bounds[2 * j + 1])) continue outer;
    return tokens.text.slice(tokens.start[i], tokens.end[i + n - 1]);
  }
  return null;
}

/** The span of `text` behind n-gram `feature`, or null. `tokens` is tokensOf(text) (made once per text by the caller). */
export function ngramPhrase(feature: string, text: string, tokens: Tokens, fold: ReadonlyMap<string, string>): string | null {
  if (!feature || !text) return null;
  // No Han character sorts below U+2E80 (CJK radicals): most features are told apart without the Unicode regex.
  return feature.charCodeAt(0) >= 0x2e80 && CJK_RE.test(feature[0]) ? hanPhrase(feature, text, fold) : wordPhrase(feature, tokens);
}
