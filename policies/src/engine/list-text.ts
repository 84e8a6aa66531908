/** Lists joined the way a locale writes them (Intl: Node and browsers). Pure apart from a formatter cache. */
import type { Locale } from '../ids';

/** One formatter per locale: building an Intl formatter costs far more than using one. */
const listFormats = new Map<string, Intl.ListFormat>();

/** Items joined the way the locale writes a list ("a, b, and c" / "a、b和c"); '' for none. */
export function listText(locale: Locale, items: string[]): string {
  let f = listFormats.get(locale);
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  return f.format(items);
}
