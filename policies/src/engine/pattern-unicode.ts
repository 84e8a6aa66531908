/**
 * Whether a rule pattern may be compiled without the `u` flag: V8 makes about a third less machine code
 * of the plain form, and the policy's regexes together are past V8's 16 MB line after which it stops
 * optimising new ones (docs/classification.md §2). Server side (policies/server/pattern-indexes.ts
 * registers it); the sidebar compiles every pattern with `u`. Pure.
 */

/** Escapes a pattern may use and mean the same without `u` (`\\b`: its word characters differ only by "ſ" and K). */
const PLAIN_ESCAPE = /[bsdwtnrfv0^$\\.*+?()[\]{}|/\-]/;

/**
 * True when the pattern (flags `i`, sticky or global) matches the same with and without `u` on text the
 * engine matches (NFKC-normalised: no "ſ" or Kelvin sign, the only letters `iu` folds to ASCII), from
 * any position that is not inside a surrogate pair. It may hold only characters of the Basic
 * Multilingual Plane that are ASCII or have no case, positive classes (a non-ASCII range within the
 * CJK blocks), `\\s \\d \\w \\b`: nothing that could match a surrogate (`.`, `[^…]`, `\\S`, `\\p{…}`), which
 * `u` matches as one code point and the plain form as two. V8 compiles the plain form to about a third
 * less machine code; unsure means false.
 */
export function sameWithoutUnicode(source: string): boolean {
  let inClass = false;
  let prev = -1;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    let cp = ch.charCodeAt(0);
    if (ch === '\\') {
      const e = source[++i] ?? '';
      const hex = e === 'u' ? source.slice(i + 1, i + 5) : e === 'x' ? source.slice(i + 1, i + 3) : '';
      if (hex) {
        if (!/^[0-9a-f]+$/i.test(hex) || hex.length !== (e === 'u' ? 4 : 2)) return false;
        cp = parseInt(hex, 16);
        i += hex.length;
      } else if (PLAIN_ESCAPE.test(e)) cp = /[bsdw]/.test(e) ? -1 : e.charCodeAt(0);
      else return false;
    } else if (!inClass && (ch === '.' || ch === '[')) {
      if (ch === '.' || source[i + 1] === '^') return false;
      inClass = true;
      prev = -1;
      continue;
    } else if (inClass && ch === ']') {
      inClass = false;
      continue;
    } else if (inClass && ch === '-' && prev >= 0 && source[i + 1] !== ']') {
      const esc = source.slice(i + 1, i + 7);
      const hi = /^\\u[0-9a-f]{4}$/i.test(esc) ? parseInt(esc.slice(2), 16) : source[i + 1] === '\\' ? -1 : source.charCodeAt(i + 1);
      if (hi < 0 || (hi >= 0x80 && (prev < 0x2e80 || hi > 0x9fff))) return false;
      continue;
    }
    if (cp >= 0 && !plainChar(cp)) return false;
    prev = cp;
  }
  return true;
}

/** ASCII, or a BMP character that is not a surrogate and has no case (Han, CJK punctuation …). */
function plainChar(cp: number): boolean {
  if (cp < 0x80) return true;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  const ch = String.fromCharCode(cp);
  return ch.toLowerCase() === ch && ch.toUpperCase() === ch;
}
