#!/usr/bin/env node
// Builds everything `npm start`, the CLI and the bench need into dist/ (esbuild: fast, no type-check;
// `npm run typecheck` runs tsc). Host app packages are rendered by apps/build/build-apps.mjs.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
// ESM-only packages (esm-only-packages.json: p-queue and its helpers, canonicalize) are bundled into our CommonJS
// output; every other package stays external. Jest and the child-process tests read the same list.
const bundled = new Set(JSON.parse(fs.readFileSync(path.join(root, 'scripts/esm-only-packages.json'), 'utf8')));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((d) => !bundled.has(d));

const nodeEntries = {
  server: 'connector/src/main.ts',
  // The admin console's worker thread (dry runs, dashboard aggregates); the server starts it from beside itself.
  'admin-worker': 'connector/src/admin/admin-worker-main.ts',
  cli: 'connector/src/cli/main.ts',
  bench: 'bench/main.ts',
  'train-worker': 'connector/src/admin/retrain/train-worker.ts',
  // One averaged SGD run of `model train` (policies/server/train-parallel.ts starts it from beside cli.js).
  'sgd-worker': 'policies/server/sgd-worker.ts',
};

const started = Date.now();
await build({
  entryPoints: Object.fromEntries(Object.entries(nodeEntries).map(([k, v]) => [k, path.join(root, v)])),
  outdir: path.join(root, 'dist/node'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});

// Browser scripts of the sandbox and admin pages (served from dist/web); uPlot is bundled in.
await build({
  entryPoints: {
    'sandbox-list': path.join(root, 'connector/src/sandbox/web/sandbox-list.ts'),
    'sandbox-ticket': path.join(root, 'connector/src/sandbox/web/sandbox-ticket.ts'),
    admin: path.join(root, 'connector/src/admin/web/admin-main.ts'),
  },
  outdir: path.join(root, 'dist/web'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
fs.copyFileSync(path.join(root, 'node_modules/uplot/dist/uPlot.min.css'), path.join(root, 'dist/web/uplot.min.css'));

const appsBuild = path.join(root, 'apps/build/build-apps.mjs');
if (fs.existsSync(appsBuild)) {
  const { buildApps } = await import(pathToFileURL(appsBuild).href);
  await buildApps({ root });
}
if (!process.argv.includes('--quiet')) console.log(`complaint-desk: built dist/ in ${Date.now() - started} ms`);
