// Reads and checks the top-level manifest.json (the one source of name, version, locales and settings).
import fs from 'node:fs';
import path from 'node:path';

export const LOCALES = ['en', 'zh-CN', 'zh-TW'];
const KINDS = ['url', 'text', 'multiline', 'secret'];
export const HOSTS = ['zendesk', 'freshdesk'];

/** The settings a host's app gets: all of them unless a setting names its `hosts`. */
export function settingsFor(m, host) {
  return m.settings.filter((s) => !Array.isArray(s.hosts) || s.hosts.includes(host));
}

export function readManifest(root) {
  const file = path.join(root, 'manifest.json');
  let m;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`manifest.json: cannot read it as JSON (${e.message}); fix the file at ${file}`);
  }
  const problems = [];
  const need = (cond, where, how) => {
    if (!cond) problems.push(`${where}: ${how}`);
  };
  need(typeof m.name === 'string' && m.name.trim(), 'name', 'a non-empty string');
  need(/^\d+\.\d+\.\d+$/.test(m.version ?? ''), 'version', 'semantic version such as "1.2.3"');
  need(m.author && typeof m.author.name === 'string' && typeof m.author.email === 'string', 'author', '{name, email, url}');
  need(LOCALES.includes(m.defaultLocale), 'defaultLocale', `one of ${LOCALES.join(', ')}`);
  for (const l of LOCALES) {
    const loc = m.locales?.[l];
    need(loc && loc.name && loc.description && loc.installation, `locales.${l}`, 'name, description and installation texts');
  }
  need(Array.isArray(m.settings) && m.settings.length > 0, 'settings', 'a non-empty array');
  (m.settings ?? []).forEach((s, i) => {
    need(/^[a-z][a-z0-9_]*$/.test(s.name ?? ''), `settings[${i}].name`, 'lower-case letters, digits and _');
    need(KINDS.includes(s.kind), `settings[${i}].kind`, `one of ${KINDS.join(', ')}`);
    for (const l of LOCALES) need(s.label?.[l], `settings[${i}].label.${l}`, 'a label');
    if (s.hosts !== undefined)
      need(
        Array.isArray(s.hosts) && s.hosts.length > 0 && s.hosts.every((h) => HOSTS.includes(h)),
        `settings[${i}].hosts`,
        `a non-empty list of ${HOSTS.join(', ')} (or leave it out for all hosts)`,
      );
    const forFreshdesk = !Array.isArray(s.hosts) || s.hosts.includes('freshdesk');
    if (forFreshdesk)
      need(s.freshdesk && /^[a-z][a-z0-9_]*$/.test(s.freshdesk.name ?? ''), `settings[${i}].freshdesk.name`, 'the Freshdesk iparam name');
    if (s.kind === 'secret') need(!s.hosts, `settings[${i}].hosts`, 'a secret setting is needed by every host; remove "hosts"');
  });
  need(
    Array.isArray(m.connectorDomains) && m.connectorDomains.length > 0,
    'connectorDomains',
    'the connector host names (Zendesk domainWhitelist)',
  );
  if (problems.length) throw new Error(`manifest.json is invalid:\n  ${problems.join('\n  ')}`);
  // Deployments set their connector's domains at build time without editing the file.
  const env = process.env.COMPLAINT_DESK_CONNECTOR_DOMAINS;
  if (env)
    m.connectorDomains = env
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
  return m;
}
