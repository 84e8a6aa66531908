import en from '../../../../../../apps/sidebar/src/i18n/en.json';
import zhCN from '../../../../../../apps/sidebar/src/i18n/zh-CN.json';
import zhTW from '../../../../../../apps/sidebar/src/i18n/zh-TW.json';
import { translator } from '../../../../../../apps/sidebar/src/i18n/translate';

const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

test.each([
  ['zh-CN', zhCN],
  ['zh-TW', zhTW],
])('%s has every key with the same variables as en', (_l, cat) => {
  expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
  for (const [k, v] of Object.entries(en)) expect([k, vars((cat as Record<string, string>)[k])]).toEqual([k, vars(v)]);
});

test('fills variables and picks the locale', () => {
  expect(translator('en')('sla.left', { time: '01:00:00' })).toBe('01:00:00 left');
  expect(translator('zh-TW')('sla.left', { time: '01:00:00' })).toBe('剩餘 01:00:00');
});
