/** UI chrome text by agent locale (policy labels come from the policy itself). */
import type { Locale } from '../../../../policies/src/types';
import en from './en.json';
import zhCN from './zh-CN.json';
import zhTW from './zh-TW.json';

export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const CATALOGS: Record<Locale, Record<string, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale] ?? en;
  return (key, vars) => {
    const text = catalog[key] ?? (en as Record<string, string>)[key] ?? key;
    return vars ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
