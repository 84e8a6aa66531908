/**
 * The sidebar bundles ship message keys as short ids (apps/build/short-message-keys.mjs): a key is renamed only
 * where every use of it can be followed, and the catalogs the bundle carries must give every locale's exact text
 * under the ids. Bytes there count against the 40 KB gz limit of the Freshdesk sidebar.
 */
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { packCatalogs } from '../../../apps/build/pack-catalogs.mjs';
import { messageKeyIds, renameKeys, shortMessageKeys, sidebarKeyIds } from '../../../apps/build/short-message-keys.mjs';
import en from '../../../apps/sidebar/src/i18n/en.json';
import zhCN from '../../../apps/sidebar/src/i18n/zh-CN.json';
import zhTW from '../../../apps/sidebar/src/i18n/zh-TW.json';
import { ROOT } from './built-apps';

const KEYS = ['a.one', 'a.two', 'sla.state.ok', 'sla.respond', 'loading', 'b.three', 'b.four'];

test('only keys used as a quoted t(…) argument and nowhere else, and that no prefix can build, are renamed', () => {
  const ids = messageKeyIds(KEYS, {
    'x.tsx': [
      't(\'a.one\'); props.t("a.two", { n: 1 });',
      "t(`sla.state.${s}`); t('sla.respond');",
      "t('loading'); const ready = state ? 'ok' : 'loading';",
      "t('b.three'); const k = 'b.'; t('b.four');",
    ].join('\n'),
  });
  // sla.state.ok can be built from `sla.state.${s}`, loading is used elsewhere, b.four from 'b.'; sla.respond is safe.
  expect([...ids.keys()]).toEqual(['a.one', 'a.two', 'sla.respond']);
  // Ids are letters (an index-like id would reorder the catalog object) and never an existing key.
  for (const id of ids.values()) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9]?$/);
  const out = renameKeys("t('a.one'); t( 'a.two' ); x('a.one'); t('loading');", ids);
  expect(out).toBe(`t('${ids.get('a.one')}'); t( '${ids.get('a.two')}' ); x('a.one'); t('loading');`);
});

test('a t(…) key the build cannot follow fails the build', () => {
  expect(() => messageKeyIds(KEYS, { 'x.ts': 'const k = pick(); t(k);' })).toThrow(/x\.ts:1: t\(…\) with a computed key/);
  expect(() => messageKeyIds(KEYS, { 'x.ts': 't(`${section}.title`);' })).toThrow(/starts with a placeholder/);
});

test('the bundled catalogs give every locale the exact text of every key, renamed or not', async () => {
  const ids = sidebarKeyIds(ROOT);
  expect(ids.size).toBeGreaterThan(50);
  const out = await build({
    stdin: {
      contents: "import { translator } from './translate'; globalThis.lookup = (locale, key) => translator(locale)(key);",
      resolveDir: path.join(ROOT, 'apps/sidebar/src/i18n'),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    plugins: [shortMessageKeys(ids), packCatalogs(ids)],
    logLevel: 'silent',
  });
  const sandbox: { lookup?: (locale: string, key: string) => string } = {};
  vm.runInNewContext(out.outputFiles[0].text, { globalThis: sandbox });
  for (const [locale, json] of Object.entries({ en, 'zh-CN': zhCN, 'zh-TW': zhTW } as Record<string, Record<string, string>>)) {
    const wrong = Object.keys(en).filter((k) => sandbox.lookup!(locale, ids.get(k) ?? k) !== json[k]);
    expect(wrong).toEqual([]);
  }
});
