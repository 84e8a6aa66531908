// esbuild plugin for the sidebar bundles: each translated catalog (apps/sidebar/src/i18n/*.json other than
// en.json) is bundled as the list of its values in en.json's key order and rebuilt into the same object when the
// bundle loads, so the 135 message keys are in the bundle once instead of three times (about 430 B gzipped per
// app). The JSON files stay the source of truth and every other importer (tests, tsc) reads them unchanged. A
// catalog whose keys are not exactly en.json's, in its order, with string values, is bundled as plain JSON.
import fs from 'node:fs';
import path from 'node:path';

const CATALOG = /[\\/]apps[\\/]sidebar[\\/]src[\\/]i18n[\\/][^\\/]+\.json$/;

/** The JS module for a catalog packed against en.json's keys, or null when it cannot be packed exactly. */
export function packedCatalog(en, catalog) {
  const keys = Object.keys(en);
  const own = Object.keys(catalog);
  if (own.length !== keys.length || own.some((k, i) => k !== keys[i])) return null;
  const values = keys.map((k) => catalog[k]);
  if (values.some((v) => typeof v !== 'string')) return null;
  return [
    "import en from './en.json';",
    `const values = ${JSON.stringify(values)};`,
    'const catalog = {};',
    'Object.keys(en).forEach((key, i) => { catalog[key] = values[i]; });',
    'export default catalog;',
  ].join('\n');
}

/** The catalog with each key renamed by `keyIds` (short-message-keys.mjs), as a JSON module. */
function renamedJson(catalog, keyIds) {
  return JSON.stringify(Object.fromEntries(Object.entries(catalog).map(([k, v]) => [keyIds.get(k) ?? k, v])));
}

/** `keyIds`: message keys shipped as short ids (short-message-keys.mjs); en.json carries them, so the packed catalogs follow. */
export function packCatalogs(keyIds = new Map()) {
  return {
    name: 'pack-catalogs',
    setup(build) {
      build.onLoad({ filter: CATALOG }, (args) => {
        const dir = path.dirname(args.path);
        const enPath = path.join(dir, 'en.json');
        const read = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
        const json = (catalog) => (keyIds.size ? { contents: renamedJson(catalog, keyIds), loader: 'json' } : undefined);
        if (args.path === enPath || !fs.existsSync(enPath)) return json(read(args.path));
        const contents = packedCatalog(read(enPath), read(args.path));
        if (contents === null) return json(read(args.path));
        return { contents, loader: 'js', resolveDir: dir, watchFiles: [args.path, enPath] };
      });
    },
  };
}
