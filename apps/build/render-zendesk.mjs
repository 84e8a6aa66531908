// Renders dist/zendesk/: a ZAF v2 app (manifest, translations, assets) from the top-level manifest.json.
import fs from 'node:fs';
import path from 'node:path';
import { logoPng } from './make-png.mjs';
import { settingsFor } from './read-manifest.mjs';

/** Zendesk translation file names are lower-case (`zh-cn.json`). */
export const ZENDESK_LOCALE_FILES = { en: 'en', 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw' };

const ZENDESK_TYPES = { url: 'url', text: 'text', multiline: 'multiline' };

export function zendeskManifest(m) {
  return {
    name: m.name,
    author: m.author,
    defaultLocale: ZENDESK_LOCALE_FILES[m.defaultLocale],
    private: true,
    location: { support: { ticket_sidebar: { url: 'assets/iframe.html', flexible: true } } },
    version: m.version,
    frameworkVersion: '2.0',
    domainWhitelist: m.connectorDomains,
    parameters: settingsFor(m, 'zendesk').map((s) =>
      s.kind === 'secret'
        ? { name: s.name, type: 'text', required: !!s.required, secure: true, scopes: ['jwt_secret_key'] }
        : { name: s.name, type: ZENDESK_TYPES[s.kind] ?? 'text', required: !!s.required },
    ),
  };
}

/**
 * Signed mode (docs/zendesk.md): the ticket sidebar is the connector's /zendesk/sidebar page and Zendesk POSTs its
 * signed token there (`signedUrls: true`; developer.zendesk.com/documentation/apps/app-developer-guide/manifest,
 * "signedUrls"). The page talks to its own origin, so only the settings the connector reads remain (agent_roles).
 */
export function zendeskSignedManifest(m, connectorUrl) {
  const base = zendeskManifest(m);
  const url = new URL('zendesk/sidebar', connectorUrl.replace(/\/+$/, '') + '/').href;
  return {
    ...base,
    location: { support: { ticket_sidebar: { url, flexible: true } } },
    signedUrls: true,
    domainWhitelist: [new URL(url).hostname],
    parameters: base.parameters.filter((p) => SIGNED_MODE_SETTINGS.includes(p.name)),
  };
}

/** Settings the signed-mode app keeps: the connector reads agent_roles from the installation (vouch-zendesk-role.ts). */
export const SIGNED_MODE_SETTINGS = ['agent_roles'];

export function zendeskTranslation(m, locale, only = null) {
  const loc = m.locales[locale];
  return {
    app: {
      name: loc.name,
      short_description: loc.description,
      long_description: loc.description,
      installation_instructions: loc.installation,
      parameters: Object.fromEntries(
        settingsFor(m, 'zendesk')
          .filter((s) => !only || only.includes(s.name))
          .map((s) => [s.name, { label: s.label[locale], helpText: s.helpText?.[locale] ?? '' }]),
      ),
    },
  };
}

export function renderZendesk(root, m, bundle, outDir, offline) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(outDir, 'translations'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(zendeskManifest(m), null, 2) + '\n');
  for (const [locale, file] of Object.entries(ZENDESK_LOCALE_FILES)) {
    fs.writeFileSync(path.join(outDir, 'translations', `${file}.json`), JSON.stringify(zendeskTranslation(m, locale), null, 2) + '\n');
  }
  const html = fs.readFileSync(path.join(root, 'apps/zendesk/assets/iframe.html'), 'utf8').replaceAll('{{APP_NAME}}', m.name);
  fs.writeFileSync(path.join(outDir, 'assets/iframe.html'), html);
  fs.writeFileSync(path.join(outDir, 'assets/sidebar.js'), bundle.js);
  fs.writeFileSync(path.join(outDir, 'assets/offline.js'), offline.js);
  fs.writeFileSync(path.join(outDir, 'assets/sidebar.css'), bundle.css);
  fs.writeFileSync(path.join(outDir, 'assets/logo.png'), logoPng(320));
  fs.writeFileSync(path.join(outDir, 'assets/logo-small.png'), logoPng(128));
}

/** dist/zendesk-signed/: the signed-mode app package for one connector URL (ZENDESK_SIGNED_URL at build time). */
export function renderZendeskSigned(m, outDir, connectorUrl) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(outDir, 'translations'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(zendeskSignedManifest(m, connectorUrl), null, 2) + '\n');
  for (const [locale, file] of Object.entries(ZENDESK_LOCALE_FILES)) {
    fs.writeFileSync(
      path.join(outDir, 'translations', `${file}.json`),
      JSON.stringify(zendeskTranslation(m, locale, SIGNED_MODE_SETTINGS), null, 2) + '\n',
    );
  }
  fs.writeFileSync(path.join(outDir, 'assets/logo.png'), logoPng(320));
  fs.writeFileSync(path.join(outDir, 'assets/logo-small.png'), logoPng(128));
}
