/** Lists joined the way a locale writes them (Intl: Node and browsers). Pure apart from a formatter cache. */
import type { Locale } from '../ids';

/** One formatter per locale: building an Intl formatter costs far more than using one. */
const listFormats = new Map<string, Intl.ListFormat>();
/**
 * The literal pieces around n items, per locale and n: formatting costs far more than joining (the
 * classifier's "why" lists on every ticket). Only for languages whose list words never depend on
 * the items (Spanish writes "y"/"e" by the next word): the others are formatted every time.
 */
const pieces = new Map<string, string[] | null>();
const FIXED_PATTERN = /^(en|zh)(-|$)/;
const SLOT = /\u0000(\d+)\u0001/g;

function formatter(locale: string): Intl.ListFormat {
  let f = listFormats.get(locale);
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  return f;
}

/** The pieces between n slots in the locale's pattern, or null when the items do not come out in order. */
function piecesOf(locale: string, n: number): string[] | null {
  const key = `${locale} ${n}`;
  let p = pieces.get(key);
  if (p === undefined) {
    const slots = Array.from({ length: n }, (_, i) => `\u0000${i}\u0001`);
    const text = formatter(locale).format(slots);
    const order = [...text.matchAll(SLOT)].map((m) => Number(m[1]));
    p = order.length === n && order.every((v, i) => v === i) ? text.split(SLOT).filter((_, i) => i % 2 === 0) : null;
    pieces.set(key, p);
  }
  return p;
}

/** Items joined the way the locale writes a list ("a, b, and c" / "a、b和c"); '' for none. */
export function listText(locale: Locale, items: string[]): string {
  const p = FIXED_PATTERN.test(locale) && items.length <= 16 ? piecesOf(locale, items.length) : null;
  if (!p) return formatter(locale).format(items);
  let out = p[0];
  for (let i = 0; i < items.length; i++) out += items[i] + p[i + 1];
  return out;
}
