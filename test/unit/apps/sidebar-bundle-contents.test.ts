/**
 * What the sidebar bundles may carry: every byte counts against the 40 KB gz limit (the Freshdesk app is
 * closest to it), and the classifier waits in offline.js until the connector cannot answer. The sidebar validates nothing the connector already validated, trains and attaches no
 * model and compiles no server-side lexicon, so none of those modules may reach it; and no bundle's CSS
 * declares a palette variable that its host theme overrides (one theme per entry, ui/palette.css).
 */
import { bundleSidebar, overriddenRootVars } from '../../../apps/build/bundle-sidebar.mjs';
import { ROOT } from './built-apps';

type Metafile = { outputs: Record<string, { inputs: Record<string, unknown> }> };

let built: Awaited<ReturnType<typeof bundleSidebar>>;
beforeAll(async () => {
  built = await bundleSidebar(ROOT);
}, 60_000);

/** Server-only code: validation (zod, the schema), training and the learned layer, the Chinese converter, the connector. */
const SERVER_ONLY = [
  /node_modules\/(zod|opencc-js|canonicalize|jose)\//,
  /policies\/src\/(schema|training)\//,
  /policies\/src\/(validate-policy|generate-schema|policy-warnings)\.ts$/,
  /policies\/server\//,
  /policies\/src\/engine\/(apply-model|attach-model|compile-model|linear-model|score-model|hash-features|text-features|feature-phrase)\.ts$/,
  // The pattern analyses and indexes, and the fast path for all-ASCII text, are registered by the server
  // (policies/server/pattern-indexes.ts).
  /policies\/src\/engine\/(pattern-parse|pattern-prefixes|pattern-first-chars|pattern-factors|ascii-pattern-index|han-pattern-index|compile-ascii-path)\.ts$/,
  /connector\/src\//,
];

function inputsOf(entry: string): string[] {
  const outputs = (built.metafile as Metafile).outputs;
  const out = Object.keys(outputs).find((o) => o.endsWith(`/${entry}.js`));
  if (!out) throw new Error(`no output for ${entry}`);
  return Object.keys(outputs[out].inputs);
}

test.each(['zendesk', 'freshdesk', 'sandbox', 'freshdesk-background', 'offline'])('the %s bundle holds no server-only module', (entry) => {
  const inputs = inputsOf(entry);
  // The engine the offline view runs is there (a pattern that can never match would pass vacuously).
  if (entry === 'offline') expect(inputs.some((i) => i.endsWith('policies/src/engine/classify.ts'))).toBe(true);
  expect(inputs.filter((i) => SERVER_ONLY.some((re) => re.test(i)))).toEqual([]);
});

test.each(['zendesk', 'freshdesk', 'sandbox'])('the %s bundle leaves the classifier to offline.js, fetched only offline', (entry) => {
  const inputs = inputsOf(entry);
  expect(inputs.some((i) => i.endsWith('apps/sidebar/src/data/load-offline-view.ts'))).toBe(true);
  expect(inputs.filter((i) => /policies\/src\/engine\/(classify|compile-cues|passage-signals)\.ts$|data\/local-view\.ts$/.test(i))).toEqual(
    [],
  );
});

test('offline.js carries the offline view and no UI', () => {
  const inputs = inputsOf('offline');
  expect(inputs.some((i) => i.endsWith('apps/sidebar/src/data/local-view.ts'))).toBe(true);
  expect(inputs.filter((i) => /node_modules\/preact\/|apps\/sidebar\/src\/(ui|host)\//.test(i))).toEqual([]);
});

test('only the Freshdesk background location carries the save intercepts (the sidebar never registers them)', () => {
  const intercepts = (entry: string) => inputsOf(entry).some((i) => i.endsWith('host/freshdesk-save-intercepts.ts'));
  expect(intercepts('freshdesk-background')).toBe(true);
  expect(intercepts('freshdesk')).toBe(false);
});

test('a palette variable declared twice in one bundle is found (the build fails on it)', () => {
  expect(overriddenRootVars(':root{color-scheme:light;--cd-bg:#fff;--cd-text:#111}.x{--cd-bg:red}:root{--cd-bg:#eee}')).toEqual([
    '--cd-bg',
  ]);
  expect(overriddenRootVars(':root{--cd-bg:#fff}:root{--cd-text:#111}')).toEqual([]);
});

test.each(['zendesk', 'freshdesk', 'sandbox'])('the %s bundle defines every CSS variable it uses, once', (entry) => {
  const css = built.bundles[entry as 'zendesk'].css;
  const used = new Set([...css.matchAll(/var\((--cd-[\w-]+)/g)].map((m) => m[1]));
  const declared = new Set([...css.matchAll(/(--cd-[\w-]+)\s*:/g)].map((m) => m[1]));
  expect(used.size).toBeGreaterThan(20);
  expect([...used].filter((v) => !declared.has(v))).toEqual([]);
  expect(overriddenRootVars(css)).toEqual([]);
});
