/**
 * The n-gram features of a normalised text as strings — what the trainer learns weights for.
 * The run time computes the same features as hashes without building strings (hash-features.ts).
 * Pure and browser-safe.
 */

export const CJK_RE = /[\p{Script=Han}]/u;
const TOKEN_RE = /[\p{Script=Han}]+|[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;

/** A light English stem: drops plural/past/-ing endings so "sparked", "sparks", "sparking" share a feature. */
export function stem(word: string): string {
  const w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/**
 * The n-gram features of an already normalised (NFKC, lower-case) text: Han runs give
 * character 1..charN-grams (after folding traditional to simplified), other runs give stemmed
 * word 1..wordN-grams; digits collapse to "0".
 */
export function textFeatures(text: string, fold: Map<string, string>, charN: number, wordN: number, out: Set<string>): void {
  let words: string[] = [];
  const flush = () => {
    for (let i = 0; i < words.length; i++) {
      let g = words[i];
      out.add(g);
      for (let n = 2; n <= wordN && i + n <= words.length; n++) {
        g += ` ${words[i + n - 1]}`;
        out.add(g);
      }
    }
    words = [];
  };
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const tok = m[0];
    // Sentence punctuation between tokens breaks word n-grams.
    if (m.index > lastEnd && /[.!?;。！？；\n]/.test(text.slice(lastEnd, m.index))) flush();
    lastEnd = m.index + tok.length;
    if (CJK_RE.test(tok[0])) {
      flush();
      let s = '';
      for (const ch of tok) s += fold.get(ch) ?? ch;
      const chars = Array.from(s);
      for (let i = 0; i < chars.length; i++) {
        let g = chars[i];
        out.add(g);
        for (let n = 2; n <= charN && i + n <= chars.length; n++) {
          g += chars[i + n - 1];
          out.add(g);
        }
      }
    } else {
      words.push(stem(tok.toLowerCase().replace(/[0-9]/g, '0').replace(/[’]/g, "'")));
    }
  }
  flush();
}
