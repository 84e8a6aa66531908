// Bundles the Preact sidebar for the browser, once per host entry: { zendesk|freshdesk|sandbox: {js, css} }.
import path from 'node:path';
import { build } from 'esbuild';
import { minifyBundle } from './minify-bundle.mjs';
import { packCatalogs } from './pack-catalogs.mjs';
import { shortMessageKeys, sidebarKeyIds } from './short-message-keys.mjs';

export const ENTRIES = {
  zendesk: 'apps/sidebar/src/entry/zendesk-main.tsx',
  freshdesk: 'apps/sidebar/src/entry/freshdesk-main.tsx',
  sandbox: 'apps/sidebar/src/entry/sandbox-main.tsx',
  /** Freshdesk ticket_background: the save guard's intercepts, no UI. */
  'freshdesk-background': 'apps/sidebar/src/entry/freshdesk-background.ts',
  /** offline.js beside each app's sidebar.js: the offline view, fetched only when the connector cannot answer. */
  offline: 'apps/sidebar/src/entry/offline-view.ts',
};

/**
 * The `:root` custom properties a bundle's CSS declares more than once. Every theme redefines the same
 * variables, so a declaration a later theme overrides is dead weight in the gzip budget (about 170 B a host).
 */
export function overriddenRootVars(css) {
  const seen = new Set();
  const twice = new Set();
  for (const rule of css.matchAll(/(?:^|\})\s*:root\s*\{([^}]*)\}/g))
    for (const decl of rule[1].split(';')) {
      const name = decl.slice(0, decl.indexOf(':')).trim();
      if (!name.startsWith('--')) continue;
      if (seen.has(name)) twice.add(name);
      seen.add(name);
    }
  return [...twice];
}

export async function bundleSidebar(root, { minify = true } = {}) {
  // Message keys as short ids in the bundle (short-message-keys.mjs; about 0.4 KB gz per app).
  const keyIds = sidebarKeyIds(root);
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, path.join(root, v)])),
    outdir: path.join(root, 'dist/.sidebar-build'),
    entryNames: '[name]',
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
    minify,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.json': 'json', '.css': 'css' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
    plugins: [shortMessageKeys(keyIds), packCatalogs(keyIds)],
  });
  const out = {};
  for (const f of result.outputFiles) {
    const name = path.basename(f.path).replace(/\.(js|css)$/, '');
    const ext = path.extname(f.path).slice(1);
    if (!ENTRIES[name] || !['js', 'css'].includes(ext)) continue;
    out[name] = out[name] ?? { js: '', css: '' };
    out[name][ext] = f.text;
  }
  // esbuild's minifier, then swc's compressor over the whole bundle (minify-bundle.mjs: ~1.4 KB gz less).
  if (minify) for (const o of Object.values(out)) o.js = await minifyBundle(o.js);
  for (const [name, o] of Object.entries(out)) {
    const twice = overriddenRootVars(o.css);
    if (twice.length)
      throw new Error(
        `sidebar bundle "${name}" declares ${twice.join(', ')} more than once; each entry's one theme defines them (ui/palette.css)`,
      );
    // Node built-ins in a browser bundle mean a non-browser-safe import slipped into the engine.
    if (/require\(["']node:/.test(o.js))
      throw new Error(`sidebar bundle "${name}" pulls in a Node built-in; keep policies/src/engine browser-safe`);
  }
  return { bundles: out, metafile: result.metafile };
}
