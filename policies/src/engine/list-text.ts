/** Lists joined the way a locale writes them (Intl: Node and browsers). Pure apart from a formatter cache. */
import type { Locale } from '../ids';

/** One formatter per locale: building an Intl formatter costs far more than using one. */
const listFormats = new Map<string, Intl.ListFormat>();
/**
 * The literal pieces around n items, per locale and n: formatting costs far more than joining (the "why"
 * lists on every ticket). Only for languages whose list words never depend on the items (Spanish writes
 * "y" or "e" by the next word): other locales are formatted every time.
 */
const pieces = new Map<string, string[]>();

/** Items joined the way the locale writes a list ("a, b, and c" / "a、b和c"); '' for none. */
export function listText(locale: Locale, items: string[]): string {
  let f = listFormats.get(locale);
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  if (!/^(en|zh)\b/.test(locale)) return f.format(items);
  const key = locale + items.length;
  let p = pieces.get(key);
  if (!p) pieces.set(key, (p = f.format(items.map((_, i) => `\u0000${i}\u0001`)).split(/\u0000\d+\u0001/)));
  let out = p[0];
  for (let i = 0; i < items.length; i++) out += items[i] + p[i + 1];
  return out;
}
