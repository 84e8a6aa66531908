// Renders dist/freshdesk/: a Freshworks platform 3.0 app (manifest, app/, config/) from the top-level manifest.json.
import fs from 'node:fs';
import path from 'node:path';
import { settingsFor } from './read-manifest.mjs';

/** Engines the Freshworks CLI (fdk) checks for platform 3.0 apps. */
export const ENGINES = { node: '18.20.8', fdk: '9.6.0' };

export function readTemplates(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'apps/freshdesk/request-templates.json'), 'utf8'));
}

export function freshdeskManifest(m, templates) {
  return {
    'platform-version': '3.0',
    modules: {
      common: { requests: Object.fromEntries(templates.map((t) => [t.name, {}])) },
      support_ticket: { location: { ticket_sidebar: { url: 'index.html', icon: 'styles/images/icon.svg' } } },
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
      description: s.helpText?.en ?? '',
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
  return Object.fromEntries(templates.map((t) => [t.name, {
    schema: {
      method: t.method,
      protocol: 'https',
      host: `<%= iparam.${host} %>`,
      path: t.path.replace(':ticket_id', '<%= context.ticket_id %>'),
      headers: {
        'X-Complaint-Desk-Key': `<%= iparam.${key} %>`,
        'X-Complaint-Desk-Agent': '<%= context.agent_name %>',
        'X-Complaint-Desk-Role': '<%= context.agent_role %>',
        'X-Complaint-Desk-Locale': '<%= context.agent_locale %>',
        ...(t.method === 'GET' ? { 'If-None-Match': '<%= context.etag %>' } : { 'Content-Type': 'application/json' }),
      },
    },
    options: { maxAttempts: 1, retryDelay: 0 },
  }]));
}

export function renderFreshdesk(root, m, bundle, outDir) {
  const templates = readTemplates(root);
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const d of ['app/scripts', 'app/styles/images', 'config']) fs.mkdirSync(path.join(outDir, d), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(freshdeskManifest(m, templates), null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'config/iparams.json'), JSON.stringify(freshdeskIparams(m), null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'config/requests.json'), JSON.stringify(freshdeskRequests(m, templates), null, 2) + '\n');
  const html = fs.readFileSync(path.join(root, 'apps/freshdesk/app/index.html'), 'utf8').replaceAll('{{APP_NAME}}', m.name);
  fs.writeFileSync(path.join(outDir, 'app/index.html'), html);
  fs.writeFileSync(path.join(outDir, 'app/scripts/sidebar.js'), bundle.js);
  fs.writeFileSync(path.join(outDir, 'app/styles/sidebar.css'), bundle.css);
  fs.copyFileSync(path.join(root, 'apps/freshdesk/app/styles/images/icon.svg'), path.join(outDir, 'app/styles/images/icon.svg'));
}
