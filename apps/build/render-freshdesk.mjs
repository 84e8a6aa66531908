// Renders dist/freshdesk/: a Freshworks platform 3.0 app (manifest, app/, config/) from the top-level manifest.json.
import fs from 'node:fs';
import path from 'node:path';
import { settingsFor } from './read-manifest.mjs';

/**
 * Engines the Freshworks CLI (fdk) checks for platform 3.0 apps: the versions Freshworks' current
 * platform 3.0 samples declare (github.com/freshworks-developers/request-method-samples and
 * interface-method-samples, manifest.json `engines`: node 24.11.0, fdk 10.1.2).
 */
export const ENGINES = { node: '24.11.0', fdk: '10.1.2' };

/**
 * Query parameters that carry the agent to the connector (connector/src/auth/require-app-auth.ts reads them).
 * Freshworks substitutes `<%= context.* %>` in a template's path and query in every template, but in
 * headers (and host) only on the installation page and in serverless apps — not from a front-end
 * location like ticket_sidebar (Freshworks platform 3.0 docs, "Support of context substitution in
 * request templates": schema.path and schema.query "supported in all templates", schema.header
 * "supported in installation page and Serverless apps"; mirrored in
 * github.com/freshworks-developers/freshworks-platform3 references/api/request-method-docs.md).
 * Secure iparams, on the other hand, are substituted in headers only — so the key stays a header.
 */
export const CONTEXT_QUERY = { cd_agent: 'agent_name', cd_role: 'agent_role', cd_locale: 'agent_locale', cd_zone: 'agent_zone' };
/** GET templates also carry the cached ETag (the If-None-Match the browser cannot set through a template). */
export const ETAG_QUERY = 'cd_etag';

export function readTemplates(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'apps/freshdesk/request-templates.json'), 'utf8'));
}

export function freshdeskManifest(m, templates) {
  return {
    'platform-version': '3.0',
    modules: {
      common: { requests: Object.fromEntries(templates.map((t) => [t.name, {}])) },
      support_ticket: {
        location: {
          ticket_sidebar: { url: 'index.html', icon: 'styles/images/icon.svg' },
          // Runs on every ticket page without UI: the save guard's intercepts hold even when the sidebar
          // was never opened (entry/freshdesk-background.ts).
          ticket_background: { url: 'background.html' },
        },
      },
    },
    engines: ENGINES,
  };
}

export function freshdeskIparams(m) {
  const out = {};
  for (const s of settingsFor(m, 'freshdesk')) {
    const fd = s.freshdesk;
    out[fd.name] = {
      display_name: (fd.label ?? s.label).en,
      // A Freshdesk-specific help text wins: the iparam may differ from the shared setting (connector_host is a host name only).
      description: (fd.helpText ?? s.helpText)?.en ?? '',
      type: s.kind === 'multiline' ? 'paragraph' : 'text',
      required: !!s.required,
      secure: s.kind === 'secret',
    };
  }
  return out;
}

export function freshdeskRequests(m, templates) {
  const host = m.settings.find((s) => s.freshdesk?.hostOnly)?.freshdesk.name;
  const key = m.settings.find((s) => s.kind === 'secret')?.freshdesk.name;
  if (!host || !key) throw new Error('manifest.json: Freshdesk needs one setting with freshdesk.hostOnly and one secret setting');
  return Object.fromEntries(
    templates.map((t) => [
      t.name,
      {
        schema: {
          method: t.method,
          protocol: 'https',
          host: `<%= iparam.${host} %>`,
          path: t.path.replace(':ticket_id', '<%= context.ticket_id %>'),
          // Context goes in the path and query only (see CONTEXT_QUERY); headers hold the secure iparam.
          query: {
            ...Object.fromEntries(Object.entries(CONTEXT_QUERY).map(([q, c]) => [q, `<%= context.${c} %>`])),
            ...(t.method === 'GET' ? { [ETAG_QUERY]: '<%= context.etag %>' } : {}),
          },
          headers: {
            'X-Complaint-Desk-Key': `<%= iparam.${key} %>`,
            ...(t.method === 'GET' ? {} : { 'Content-Type': 'application/json' }),
          },
        },
        options: { maxAttempts: 1, retryDelay: 0 },
      },
    ]),
  );
}

export function renderFreshdesk(root, m, bundle, outDir, background, offline) {
  const templates = readTemplates(root);
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const d of ['app/scripts', 'app/styles/images', 'config']) fs.mkdirSync(path.join(outDir, d), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(freshdeskManifest(m, templates), null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'config/iparams.json'), JSON.stringify(freshdeskIparams(m), null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'config/requests.json'), JSON.stringify(freshdeskRequests(m, templates), null, 2) + '\n');
  const html = fs.readFileSync(path.join(root, 'apps/freshdesk/app/index.html'), 'utf8').replaceAll('{{APP_NAME}}', m.name);
  fs.writeFileSync(path.join(outDir, 'app/index.html'), html);
  fs.writeFileSync(path.join(outDir, 'app/scripts/sidebar.js'), bundle.js);
  fs.writeFileSync(path.join(outDir, 'app/scripts/offline.js'), offline.js);
  fs.writeFileSync(
    path.join(outDir, 'app/background.html'),
    fs.readFileSync(path.join(root, 'apps/freshdesk/app/background.html'), 'utf8').replaceAll('{{APP_NAME}}', m.name),
  );
  fs.writeFileSync(path.join(outDir, 'app/scripts/background.js'), background.js);
  fs.writeFileSync(path.join(outDir, 'app/styles/sidebar.css'), bundle.css);
  fs.copyFileSync(path.join(root, 'apps/freshdesk/app/styles/images/icon.svg'), path.join(outDir, 'app/styles/images/icon.svg'));
}
