/**
 * Every UI string and every policy text an agent or customer can see is in its locale's script:
 * zh-TW has no simplified characters, zh-CN no traditional ones (checked with OpenCC's converters:
 * a text already in the target script converts to itself).
 */
import { Converter } from 'opencc-js';
import en from '../../../../../../apps/sidebar/src/i18n/en.json';
import zhCN from '../../../../../../apps/sidebar/src/i18n/zh-CN.json';
import zhTW from '../../../../../../apps/sidebar/src/i18n/zh-TW.json';
import { loadPolicy } from '../../../../../support/test-policy';

const toTraditional = Converter({ from: 'cn', to: 'tw' });
const toSimplified = Converter({ from: 'tw', to: 'cn' });

/** Every string under a `zh-CN` / `zh-TW` key of the policy (labels, scripts, notes, explanations…), with its path. */
function policyTexts(value: unknown, locale: 'zh-CN' | 'zh-TW', path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => policyTexts(v, locale, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === locale && typeof v === 'string' ? [[`${path}.${k}`, v] as [string, string]] : policyTexts(v, locale, `${path}.${k}`),
  );
}

/**
 * Characters OpenCC maps to a variant although they are standard in both scripts (one-to-many entries
 * whose first candidate is not the character itself): 台 (平台, 工作台) and 准 (核准) are Taiwan usage.
 */
const ALSO_STANDARD = new Set(['台', '准']);

/** Texts with a character the converter changes (one character at a time, so each offender is named). */
const offenders = (texts: [string, string][], convert: (s: string) => string) =>
  texts.flatMap(([where, s]) => {
    const bad = [...new Set([...s].filter((c) => !ALSO_STANDARD.has(c) && convert(c) !== c))];
    return bad.length ? [`${where}: ${bad.map((c) => `${c}→${convert(c)}`).join(' ')} in "${s}"`] : [];
  });

const policy = loadPolicy();

test('every UI string has a translation in both Chinese catalogs', () => {
  expect(Object.keys(zhTW).sort()).toEqual(Object.keys(en).sort());
  expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
});

test('zh-TW: no simplified characters in UI strings or policy texts', () => {
  const texts: [string, string][] = [
    ...Object.entries(zhTW).map(([k, v]) => [`i18n.${k}`, v] as [string, string]),
    ...policyTexts(policy, 'zh-TW'),
  ];
  expect(texts.length).toBeGreaterThan(200);
  expect(offenders(texts, toTraditional)).toEqual([]);
});

test('zh-CN: no traditional characters in UI strings or policy texts', () => {
  const texts: [string, string][] = [
    ...Object.entries(zhCN).map(([k, v]) => [`i18n.${k}`, v] as [string, string]),
    ...policyTexts(policy, 'zh-CN'),
  ];
  expect(offenders(texts, toSimplified)).toEqual([]);
});
