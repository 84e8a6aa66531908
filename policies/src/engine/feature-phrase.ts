/**
 * The customer's own words behind a learned-model n-gram feature: the first span of `text` whose tokens give
 * that feature (the same tokens, stems, digit folding and traditional→simplified folding as text-features.ts),
 * returned as the customer wrote it ("caught fire", "冒煙"), never the key ("caught fir", "0 hour", "冒烟").
 * Null when the text has no such span. Pure and browser-safe.
 */
import { CJK_RE, stem } from './text-features';

const ASCII_RE = /^[\x00-\x7f]*$/;
const LOWER_RE = /^[a-z']*$/;

/**
 * Word tokens of a text with their feature keys (a Han run has key null: it breaks word n-grams), read
 * lazily: a search that finds its phrase early never tokenizes the rest of a long text.
 */
export class Tokens {
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly key: (string | null)[] = [];
  // ASCII text is tokenized from char codes (same tokens as /[a-z0-9][a-z0-9']*/gi, no match arrays);
  // other text by the Unicode regex. `pos` is where the ASCII scan resumes.
  private readonly re: RegExp | null;
  private pos = 0;
  private done = false;

  constructor(readonly text: string) {
    this.re = ASCII_RE.test(text) ? null : /[\p{Script=Han}]+|[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;
  }

  /** Whether token i exists (reading the text up to it). */
  has(i: number): boolean {
    while (i >= this.key.length && !this.done) {
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
      let t = ASCII_RE.test(tok) ? tok : tok.normalize('NFKC');
      if (!LOWER_RE.test(t)) t = t.toLowerCase().replace(/[0-9]/g, '0').replace(/[’]/g, "'");
      this.start.push(m.index);
      this.end.push(m.index + tok.length);
      this.key.push(CJK_RE.test(tok[0]) ? null : stem(t));
    }
    return i < this.key.length;
  }

  /** The next ASCII token: [a-z0-9] then [a-z0-9']*, any case; its key as the regex path gives it. */
  private nextAscii(): void {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    while (i < n && !isAlnum(text.charCodeAt(i))) i++;
    if (i >= n) {
      this.done = true;
      return;
    }
    const s = i;
    let plain = true; // only [a-z'] (LOWER_RE): no lower-casing or digit folding needed
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || c === 39) continue;
      if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) plain = false;
      else break;
    }
    this.pos = i;
    const tok = text.slice(s, i);
    this.start.push(s);
    this.end.push(i);
    this.key.push(stem(plain ? tok : tok.toLowerCase().replace(/[0-9]/g, '0')));
  }
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Word tokens of a text with their feature keys, read lazily (see Tokens). */
export function tokensOf(text: string): Tokens {
  return new Tokens(text);
}

function hanPhrase(feature: string, text: string, fold: ReadonlyMap<string, string>): string | null {
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

function wordPhrase(feature: string, tokens: Tokens): string | null {
  const want = feature.split(' ');
  const n = want.length;
  const key = tokens.key;
  outer: for (let i = 0; tokens.has(i + n - 1); i++) {
    for (let j = 0; j < n; j++) if (key[i + j] !== want[j]) continue outer;
    return tokens.text.slice(tokens.start[i], tokens.end[i + n - 1]);
  }
  return null;
}

/** The span of `text` behind n-gram `feature`, or null. `tokens` is tokensOf(text) (made once per text by the caller). */
export function ngramPhrase(feature: string, text: string, tokens: Tokens, fold: ReadonlyMap<string, string>): string | null {
  if (!feature || !text) return null;
  return CJK_RE.test(feature[0]) ? hanPhrase(feature, text, fold) : wordPhrase(feature, tokens);
}
