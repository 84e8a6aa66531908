/**
 * What a rule pattern excludes must hold in every Chinese script. The server widens a pattern by
 * converting the whole source into each script (expand-scripts.ts); a negative lookaround or a negated
 * class converts with it, so the traditional form of `第二次(?!发生|發生)` excluded only 發生 and
 * matched "第二次发生了" in simplified text. Before widening, each excluded Chinese wording gains all
 * its scripts' forms written as `\u` escapes, which the conversion leaves as they are. Characters
 * that are the same in every script stay literal (so the compiler still normalises them, 冇 → 没有).
 */
import { closing } from '../src/engine/pattern-source';
import { scriptVariants } from './opencc';

const HAN = /\p{Script=Han}/u;
const HAN_ALL = /\p{Script=Han}/gu;

function escape(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** The text with every Han character that has another script's form written as an escape. */
function escapeConvertible(text: string): string {
  return text.replace(HAN_ALL, (ch) => (scriptVariants(ch).length > 1 ? escape(ch) : ch));
}

/** Index of the `]` or `)` closing the class or group opened at `open` (the source's last index if none). */
function closeAt(source: string, open: number): number {
  const at = closing(source, open);
  return at < 0 ? source.length - 1 : at;
}

/**
 * A negated class's members plus every script's form of its Chinese characters as escapes (the
 * member as written is converted with the rest of the pattern, so its own form needs an escape too).
 */
function holdClass(body: string): string {
  const extra = new Set<string>();
  for (const ch of body.match(HAN_ALL) ?? []) {
    const forms = scriptVariants(ch).filter((v) => Array.from(v).length === 1);
    if (forms.length > 1) for (const v of forms) extra.add(escape(v));
  }
  return body + [...extra].join('');
}

/** The pattern source with every negative lookaround and negated class holding all scripts' forms. */
export function holdExclusions(source: string): string {
  if (!HAN.test(source)) return source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
    } else if (ch === '[') {
      const close = closeAt(source, i);
      const body = source.slice(i + 1, close);
      out += `[${body.startsWith('^') ? holdClass(body) : body}]`;
      i = close;
    } else if (source.startsWith('(?!', i) || source.startsWith('(?<!', i)) {
      const head = source.startsWith('(?!', i) ? '(?!' : '(?<!';
      const close = closeAt(source, i);
      const body = source.slice(i + head.length, close);
      const forms = HAN.test(body) ? scriptVariants(body) : [];
      const held = forms.length > 1 ? forms.map((v) => `|${escapeConvertible(v)}`).join('') : '';
      out += `${head}${holdExclusions(body)}${held})`;
      i = close;
    } else out += ch;
  }
  return out;
}
