/**
 * The locale internal notes on a ticket are written in: the requester's locale where the host gives one,
 * else detected from the ticket's text (Han characters → Chinese, traditional ones → zh-TW; Latin only →
 * en), else the policy's default. Pure.
 */
import { Converter } from 'opencc-js';
import { LOCALES } from '../../../policies/src/ids';
import type { Locale, Policy } from '../../../policies/src/types';

const toSimplified = Converter({ from: 'tw', to: 'cn' });
const HAN = /[\u3400-\u9fff]/g;
const LATIN = /[A-Za-z]{2,}/g;
/** Characters the tw→cn converter changes although they are standard in both scripts. */
const ALSO_SIMPLIFIED = new Set(['台', '准']);

/** A host locale string (`zh-cn`, `zh_TW`, `zh-Hant-HK`, `en-US`) → a policy locale, or null if not one we write. */
export function hostLocale(raw: string | null | undefined): Locale | null {
  const v = String(raw ?? '')
    .trim()
    .toLowerCase()
    .replace('_', '-');
  if (!v) return null;
  if (/^zh-(tw|hk|mo|hant)/.test(v)) return 'zh-TW';
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  const exact = LOCALES.find((l) => l.toLowerCase() === v);
  return exact ?? null;
}

/** The language of a text, or null when it says too little (fewer than 2 Han characters and no Latin words). */
export function detectLocale(text: string): Locale | null {
  const han = text.match(HAN) ?? [];
  if (han.length >= 2) {
    const traditional = han.filter((c) => !ALSO_SIMPLIFIED.has(c) && toSimplified(c) !== c).length;
    return traditional > 0 && traditional * 10 >= han.length ? 'zh-TW' : 'zh-CN';
  }
  return (text.match(LATIN) ?? []).length >= 2 ? 'en' : null;
}

export function ticketLocale(t: { locale?: string | null; subject?: string | null; description?: string | null }, policy: Policy): Locale {
  return hostLocale(t.locale) ?? detectLocale(`${t.subject ?? ''}\n${t.description ?? ''}`) ?? policy.defaultLocale;
}
