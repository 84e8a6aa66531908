// Builds the host apps from the top-level manifest.json: dist/zendesk/, dist/freshdesk/ (+ zips) and
// dist/sandbox-app/ (served by the connector at /sandbox/app/). Called by scripts/build.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { bundleSidebar } from './bundle-sidebar.mjs';
import { readManifest } from './read-manifest.mjs';
import { renderFreshdesk } from './render-freshdesk.mjs';
import { renderZendesk, renderZendeskSigned } from './render-zendesk.mjs';
import { zipDir } from './zip-dir.mjs';

/** `signedUrl` (default env ZENDESK_SIGNED_URL): also build dist/zendesk-signed/ for that connector (docs/zendesk.md, "Signed mode"). */
export async function buildApps({ root, outRoot = path.join(root, 'dist'), signedUrl = process.env.ZENDESK_SIGNED_URL } = {}) {
  const manifest = readManifest(root);
  const { bundles } = await bundleSidebar(root);
  fs.mkdirSync(outRoot, { recursive: true });
  const zendeskDir = path.join(outRoot, 'zendesk');
  const freshdeskDir = path.join(outRoot, 'freshdesk');
  const sandboxDir = path.join(outRoot, 'sandbox-app');
  renderZendesk(root, manifest, bundles.zendesk, zendeskDir, bundles.offline);
  renderFreshdesk(root, manifest, bundles.freshdesk, freshdeskDir, bundles['freshdesk-background'], bundles.offline);

  fs.rmSync(sandboxDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(sandboxDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(sandboxDir, 'index.html'),
    fs.readFileSync(path.join(root, 'apps/sidebar/sandbox/index.html'), 'utf8').replaceAll('{{APP_NAME}}', manifest.name),
  );
  fs.writeFileSync(path.join(sandboxDir, 'assets/sidebar.js'), bundles.sandbox.js);
  fs.writeFileSync(path.join(sandboxDir, 'assets/sidebar.css'), bundles.sandbox.css);
  fs.writeFileSync(path.join(sandboxDir, 'assets/offline.js'), bundles.offline.js);

  const zips = {
    zendesk: path.join(outRoot, 'complaint-desk-zendesk.zip'),
    freshdesk: path.join(outRoot, 'complaint-desk-freshdesk.zip'),
  };
  zipDir(zendeskDir, zips.zendesk);
  zipDir(freshdeskDir, zips.freshdesk);
  let zendeskSignedDir = null;
  if (signedUrl) {
    zendeskSignedDir = path.join(outRoot, 'zendesk-signed');
    renderZendeskSigned(manifest, zendeskSignedDir, signedUrl);
    zips.zendeskSigned = path.join(outRoot, 'complaint-desk-zendesk-signed.zip');
    zipDir(zendeskSignedDir, zips.zendeskSigned);
  }
  return { zendeskDir, freshdeskDir, sandboxDir, zendeskSignedDir, zips };
}
