/**
 * Normalises the literal text of a rule pattern the way ticket text is normalised before matching (NFKC,
 * the policy's replacements), so a pattern needs to be written in one form only: `部機壞咗` matches the
 * normalised text `部機壞了`. Regex syntax is kept: escapes stay as written (`\u5514` names one script's
 * form on purpose), group openers, look-arounds, anchors and quantifiers are copied; a character a
 * quantifier applies to is normalised alone (`冇?` → `(?:没有)?`); a character class gains the
 * one-character normalised form of each literal member (`[咗著]` → `[咗著了]`; a longer form cannot be a
 * member). A source with nothing to normalise comes back unchanged. Pure and browser-safe.
 */
import { closing } from './pattern-source';

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/;
const GROUP_OPEN = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/;

/** Length of the escape at `i` (`\u{…}`, `\uXXXX`, `\xHH`, `\cX`, `\p{…}`, `\k<…>`, else two characters). */
function escapeLength(s: string, i: number): number {
  const m = /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|[\s\S])/.exec(s.slice(i, i + 40));
  return m ? m[0].length : 1;
}

export function normalizePattern(source: string, normalize: (text: string) => string): string {
  let out = '';
  let run = '';
  const flush = () => {
    if (run) out += normalize(run).replace(SYNTAX, '\\$&');
    run = '';
  };
  for (let i = 0; i < source.length;) {
    const ch = source[i];
    if (ch === '\\') {
      const n = escapeLength(source, i);
      flush();
      out += source.slice(i, i + n);
      i += n;
    } else if (ch === '[') {
      const end = closing(source, i);
      if (end < 0) return source;
      flush();
      out += normalizeClass(source.slice(i, end + 1), normalize);
      i = end + 1;
    } else if (ch === '(') {
      flush();
      const open = GROUP_OPEN.exec(source.slice(i, i + 40))![0];
      out += open;
      i += open.length;
    } else if (ch === ')' || ch === '|' || ch === '^' || ch === '$' || ch === '.') {
      flush();
      out += ch;
      i++;
    } else {
      const q = QUANTIFIER.exec(source.slice(i));
      if (q) {
        // The quantifier applies to the run's last character alone.
        const chars = Array.from(run);
        const last = chars.pop();
        run = chars.join('');
        flush();
        if (last !== undefined) {
          const n = normalize(last).replace(SYNTAX, '\\$&');
          out += Array.from(n).length > 1 ? `(?:${n})` : n;
        }
        out += q[0];
        i += q[0].length;
      } else {
        const cp = source.codePointAt(i)!;
        const c = String.fromCodePoint(cp);
        run += c;
        i += c.length;
      }
    }
  }
  flush();
  return out;
}

/** `[…]` with the one-character normalised form of each literal member added (ranges and escapes kept). */
function normalizeClass(cls: string, normalize: (text: string) => string): string {
  const body = cls.slice(1, -1);
  const members = new Set<string>();
  const added: string[] = [];
  const literals: string[] = [];
  let i = body[0] === '^' ? 1 : 0;
  while (i < body.length) {
    if (body[i] === '\\') {
      i += escapeLength(body, i);
      continue;
    }
    const c = String.fromCodePoint(body.codePointAt(i)!);
    i += c.length;
    if (body[i] === '-' && i + 1 < body.length) {
      // A range: both ends kept as written.
      i += 1;
      i += body[i] === '\\' ? escapeLength(body, i) : String.fromCodePoint(body.codePointAt(i)!).length;
      continue;
    }
    members.add(c);
    literals.push(c);
  }
  for (const c of literals) {
    const n = normalize(c);
    if (n !== c && Array.from(n).length === 1 && !members.has(n)) {
      members.add(n);
      added.push(/[\\\]^-]/.test(n) ? `\\${n}` : n);
    }
  }
  return added.length ? `[${body}${added.join('')}]` : cls;
}
