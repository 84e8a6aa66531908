/** Lists joined the way a locale writes them (Intl: Node and browsers). Pure apart from a formatter cache. */
import type { Locale } from '../ids';

/** One formatter per locale: building an Intl formatter costs far more than using one. */
const listFormats = new Map<string, Intl.ListFormat>();

function formatter(locale: Locale): Intl.ListFormat {
  let f = listFormats.get(locale);
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  return f;
}

/**
 * Per locale, the literal pieces around n items, by n: formatting costs far more than joining (the "why"
 * lists on every ticket). Only for languages whose list words never depend on the items (Spanish writes
 * "y" or "e" by the next word): null for other locales, which are formatted every time.
 */
const pieces = new Map<string, string[][] | null>();

/** Items joined the way the locale writes a list ("a, b, and c" / "a、b和c"); '' for none. */
export function listText(locale: Locale, items: string[]): string {
  let byCount = pieces.get(locale);
  if (byCount === undefined) pieces.set(locale, (byCount = /^(en|zh)\b/.test(locale) ? [] : null));
  if (byCount === null) return formatter(locale).format(items);
  const p = (byCount[items.length] ??= formatter(locale)
    .format(items.map((_, i) => `\u0000${i}\u0001`))
    .split(/\u0000\d+\u0001/));
  let out = p[0];
  for (let i = 0; i < items.length; i++) out += items[i] + p[i + 1];
  return out;
}
