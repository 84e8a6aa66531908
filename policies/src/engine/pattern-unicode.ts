/**
 * Whether a rule pattern may be compiled without the `u` flag: V8 makes about a third less machine code
 * of the plain form, and the policy's regexes together are past V8's 16 MB line after which it stops
 * optimising new ones (docs/classification.md §2). Server side (policies/server/pattern-indexes.ts
 * registers it); the sidebar compiles every pattern with `u`. Pure.
 */

/** Escapes a pattern may use and mean the same without `u` (`\\b`: its word characters differ only by "ſ" and K). */
const PLAIN_ESCAPE = /[bsdwtnrfv0^$\\.*+?()[\]{}|/\-]/;

/**
 * One code point that a negated class or `.` matches, as the plain form spells it after its own BMP part:
 * a surrogate pair whole, or a lead surrogate alone only when no trail follows (as `u` reads the text).
 */
const ASTRAL = '[\\ud800-\\udbff](?:[\\udc00-\\udfff]|(?![\\udc00-\\udfff]))';

/**
 * The source to compile without `u` (flags `i`, sticky or global) so that it matches exactly as `source`
 * with `u` on the text the engine matches (NFKC-normalised: no "ſ" or Kelvin sign, the only letters `iu`
 * folds to ASCII), from any position that is not inside a surrogate pair; null when unsure. It may hold
 * only characters of the Basic Multilingual Plane that are ASCII or have no case, classes (a non-ASCII
 * range only within the CJK blocks), `\\s \\d \\w \\b` and plain escapes. A negated class or `.` (which
 * `u` makes match a whole code point) is spelt out: `[^X]` becomes `(?:[^X\\ud800-\\udbff]|ASTRAL)`, one way
 * to match at each position, so counts and backtracking stay as with `u`; not inside a look-behind, which
 * reads backwards (null). `\\S \\W \\D \\p{…}` give null. V8 compiles the plain form to about a third less
 * machine code.
 */
export function plainSource(source: string): string | null {
  let out = '';
  let inClass = false;
  let negated = false;
  let prev = -1;
  const lookbehind: boolean[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    let cp = ch.charCodeAt(0);
    let text = ch;
    if (ch === '\\') {
      const e = source[++i] ?? '';
      const hex = e === 'u' ? source.slice(i + 1, i + 5) : e === 'x' ? source.slice(i + 1, i + 3) : '';
      if (hex) {
        if (!/^[0-9a-f]+$/i.test(hex) || hex.length !== (e === 'u' ? 4 : 2)) return null;
        cp = parseInt(hex, 16);
        i += hex.length;
        text = `\\${e}${hex}`;
      } else if (PLAIN_ESCAPE.test(e)) {
        cp = /[bsdw]/.test(e) ? -1 : e.charCodeAt(0);
        text = `\\${e}`;
      } else return null;
    } else if (!inClass && (ch === '.' || ch === '[')) {
      if (source[i + 1] === '^' || ch === '.') {
        if (lookbehind.includes(true)) return null;
        if (ch === '.') {
          out += `(?:[^\\n\\r\\u2028\\u2029\\ud800-\\udbff]|${ASTRAL})`;
          continue;
        }
        negated = true;
        i++;
        out += '(?:[^';
      } else out += '[';
      inClass = true;
      prev = -1;
      continue;
    } else if (inClass && ch === ']') {
      out += negated ? `\\ud800-\\udbff]|${ASTRAL})` : ']';
      inClass = negated = false;
      continue;
    } else if (inClass && ch === '-' && prev >= 0 && source[i + 1] !== ']') {
      const esc = source.slice(i + 1, i + 7);
      const hi = /^\\u[0-9a-f]{4}$/i.test(esc) ? parseInt(esc.slice(2), 16) : source[i + 1] === '\\' ? -1 : source.charCodeAt(i + 1);
      if (hi < 0 || (hi >= 0x80 && (prev < 0x2e80 || hi > 0x9fff))) return null;
      out += ch;
      continue;
    } else if (!inClass && ch === '(') lookbehind.push(source.startsWith('(?<=', i) || source.startsWith('(?<!', i));
    else if (!inClass && ch === ')') lookbehind.pop();
    if (cp >= 0 && !plainChar(cp)) return null;
    prev = cp;
    out += text;
  }
  return out;
}

/** True when the pattern means the same without `u` as written (`plainSource` leaves it as it is). */
export function sameWithoutUnicode(source: string): boolean {
  return plainSource(source) === source;
}

/** ASCII, or a BMP character that is not a surrogate and has no case (Han, CJK punctuation …). */
function plainChar(cp: number): boolean {
  if (cp < 0x80) return true;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  const ch = String.fromCharCode(cp);
  return ch.toLowerCase() === ch && ch.toUpperCase() === ch;
}
