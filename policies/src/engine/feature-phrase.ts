/**
 * The customer's own words behind a learned-model n-gram feature: the first span of `text` whose tokens give
 * that feature (the same tokens, stems, digit folding and traditional→simplified folding as text-features.ts),
 * returned as the customer wrote it ("caught fire", "冒煙"), never the key ("caught fir", "0 hour", "冒烟").
 * Null when the text has no such span. Pure and browser-safe.
 */
import { CJK_RE, stem } from './text-features';

const TOKEN_RE = /[\p{Script=Han}]+|[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;

interface Token {
  start: number;
  end: number;
  key: string | null;
}

/** Word tokens of a text with their feature keys (a Han run has key null: it breaks word n-grams). */
export function tokensOf(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const tok = m[0];
    const key = CJK_RE.test(tok[0]) ? null : stem(tok.normalize('NFKC').toLowerCase().replace(/[0-9]/g, '0').replace(/[’]/g, "'"));
    out.push({ start: m.index, end: m.index + tok.length, key });
  }
  return out;
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

function wordPhrase(feature: string, text: string, tokens: Token[]): string | null {
  const want = feature.split(' ');
  outer: for (let i = 0; i + want.length <= tokens.length; i++) {
    for (let j = 0; j < want.length; j++) if (tokens[i + j].key !== want[j]) continue outer;
    return text.slice(tokens[i].start, tokens[i + want.length - 1].end);
  }
  return null;
}

/** The span of `text` behind n-gram `feature`, or null. `tokens` is tokensOf(text) (built once per text by the caller). */
export function ngramPhrase(feature: string, text: string, tokens: Token[], fold: ReadonlyMap<string, string>): string | null {
  if (!feature || !text) return null;
  return CJK_RE.test(feature[0]) ? hanPhrase(feature, text, fold) : wordPhrase(feature, text, tokens);
}
