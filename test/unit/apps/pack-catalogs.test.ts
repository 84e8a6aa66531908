/**
 * The sidebar bundles carry the translated catalogs (zh-CN, zh-TW) as value lists in en.json's key order
 * (apps/build/pack-catalogs.mjs), so the message keys are shipped once, not three times: bytes there count
 * against the 40 KB gz limit of the Freshdesk sidebar. The catalogs the bundle rebuilds must be exactly the JSON.
 */
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { bundleSidebar } from '../../../apps/build/bundle-sidebar.mjs';
import { packCatalogs, packedCatalog } from '../../../apps/build/pack-catalogs.mjs';
import en from '../../../apps/sidebar/src/i18n/en.json';
import zhCN from '../../../apps/sidebar/src/i18n/zh-CN.json';
import zhTW from '../../../apps/sidebar/src/i18n/zh-TW.json';
import { ROOT } from './built-apps';

const I18N = path.join(ROOT, 'apps/sidebar/src/i18n');

/** The three catalogs as the browser sees them after bundling with the plugin. */
async function bundledCatalogs(): Promise<Record<string, Record<string, string>>> {
  const out = await build({
    stdin: {
      contents: [
        "import en from './en.json';",
        "import zhCN from './zh-CN.json';",
        "import zhTW from './zh-TW.json';",
        "globalThis.result = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };",
      ].join('\n'),
      resolveDir: I18N,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    plugins: [packCatalogs()],
    logLevel: 'silent',
  });
  const sandbox: { result?: Record<string, Record<string, string>> } = {};
  vm.runInNewContext(out.outputFiles[0].text, { globalThis: sandbox });
  return sandbox.result!;
}

test('the bundled catalogs are exactly the JSON files, key order included', async () => {
  const got = await bundledCatalogs();
  for (const [name, json] of Object.entries({ en, 'zh-CN': zhCN, 'zh-TW': zhTW })) {
    expect(got[name]).toEqual(json);
    expect(Object.keys(got[name])).toEqual(Object.keys(json));
  }
});

test('a catalog that does not line up with en.json is left as plain JSON', () => {
  const base = { a: 'A', b: 'B' };
  expect(packedCatalog(base, { a: 'x', b: 'y' })).toContain('["x","y"]');
  expect(packedCatalog(base, { b: 'y', a: 'x' })).toBeNull();
  expect(packedCatalog(base, { a: 'x' })).toBeNull();
  expect(packedCatalog(base, { a: 'x', b: 'y', c: 'z' })).toBeNull();
  expect(packedCatalog(base, { a: 'x', b: 1 })).toBeNull();
});

test.each(['zendesk', 'freshdesk', 'sandbox'])(
  'the %s sidebar bundle names each message key once in its catalogs',
  async (name) => {
    const js = (await bundleSidebar(ROOT)).bundles[name as 'zendesk'].js;
    // A key only the catalogs name (the code builds it as `remedy.${rank}`): once for en.json, not once per locale.
    expect(js.split('remedy.approval.not_needed').length - 1).toBe(1);
  },
  60_000,
);
