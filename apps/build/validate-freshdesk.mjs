// Checks a built Freshworks platform 3.0 app folder with the rules `fdk validate` applies to
// manifest, locations, iparams and request templates. Returns { errors: [{code, message}] }.
import fs from 'node:fs';
import path from 'node:path';
import { listEntries, readJson } from './app-files.mjs';

export const IPARAM_TYPES = [
  'text',
  'paragraph',
  'dropdown',
  'email',
  'number',
  'phone_number',
  'url',
  'multiselect',
  'radio',
  'checkbox',
  'date',
  'domain',
  'api_key',
];
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function validateFreshdeskApp(dir) {
  const errors = [];
  const err = (code, message) => errors.push({ code, message });
  const entries = listEntries(dir);
  const files = new Set(entries.filter((e) => e.type === 'file').map((e) => e.path));
  for (const e of entries) if (e.type === 'symlink') err('symlink', `${e.path} is a symbolic link`);

  const { value: m, error } = files.has('manifest.json')
    ? readJson(path.join(dir, 'manifest.json'))
    : { value: null, error: 'manifest.json is missing' };
  if (!m || typeof m !== 'object') {
    err('manifest_missing', error ?? 'manifest.json is not a JSON object');
    return { errors };
  }
  if (m['platform-version'] !== '3.0')
    err('platform_version', `platform-version must be "3.0", got ${JSON.stringify(m['platform-version'])}`);
  if (!m.engines || typeof m.engines.node !== 'string' || typeof m.engines.fdk !== 'string')
    err('engines_missing', 'engines must give the node and fdk versions');

  const modules = m.modules && typeof m.modules === 'object' ? m.modules : null;
  if (!modules) err('modules_missing', 'manifest.modules is missing');
  let locations = 0;
  for (const [name, mod] of Object.entries(modules ?? {})) {
    if (name === 'common') continue;
    const loc = mod?.location;
    if (!loc || typeof loc !== 'object' || Object.keys(loc).length === 0) {
      err('location_empty', `modules.${name}.location must list at least one placeholder`);
      continue;
    }
    for (const [placeholder, spec] of Object.entries(loc)) {
      locations++;
      if (!spec?.url || !files.has(`app/${spec.url}`))
        err('location_url', `modules.${name}.location.${placeholder}.url must name a file under app/ (got ${JSON.stringify(spec?.url)})`);
      // Background locations (ticket_background) render no UI and take no icon.
      if (placeholder.endsWith('_background')) {
        if (spec?.icon) err('icon_background', `modules.${name}.location.${placeholder} is a background location: drop its icon`);
        continue;
      }
      if (!spec?.icon) err('icon_missing', `modules.${name}.location.${placeholder}.icon is missing`);
      else if (!files.has(`app/${spec.icon}`)) err('icon_missing', `icon app/${spec.icon} does not exist`);
      else if (!/\.svg$/i.test(spec.icon)) err('icon_format', `icon ${spec.icon} must be an SVG`);
    }
  }
  if (modules && locations === 0) err('location_empty', 'the app has no location (front-end app without a placeholder)');
  for (const f of files)
    if (f.startsWith('app/') && f.endsWith('.html') && !fs.readFileSync(path.join(dir, f), 'utf8').includes('{{{appclient}}}'))
      err('appclient_missing', `${f} must load the app client with {{{appclient}}}`);

  if (!files.has('config/iparams.json')) err('iparams_missing', 'config/iparams.json is missing');
  else {
    const { value: ip, error: e } = readJson(path.join(dir, 'config/iparams.json'));
    if (e || !ip || typeof ip !== 'object' || Object.keys(ip).length === 0)
      err('iparams_invalid', `config/iparams.json must be a non-empty JSON object${e ? `: ${e}` : ''}`);
    else
      for (const [k, p] of Object.entries(ip)) {
        if (typeof p?.display_name !== 'string' || !p.display_name) err('iparam_display_name', `iparam ${k} needs display_name`);
        if (!IPARAM_TYPES.includes(p?.type)) err('iparam_type', `iparam ${k}: unknown type ${JSON.stringify(p?.type)}`);
        if (p?.secure !== undefined && typeof p.secure !== 'boolean') err('iparam_secure', `iparam ${k}.secure must be true or false`);
      }
  }

  const declared = Object.keys(modules?.common?.requests ?? {});
  const { value: reqs, error: re } = files.has('config/requests.json')
    ? readJson(path.join(dir, 'config/requests.json'))
    : { value: {}, error: null };
  if (re || !reqs || typeof reqs !== 'object') err('requests_invalid', `config/requests.json is not a JSON object${re ? `: ${re}` : ''}`);
  const defined = Object.keys(reqs ?? {});
  for (const d of declared)
    if (!defined.includes(d)) err('template_undefined', `request ${d} is declared in the manifest but not defined in config/requests.json`);
  for (const [name, tpl] of Object.entries(reqs ?? {})) {
    if (!declared.includes(name))
      err('template_undeclared', `request template ${name} is not declared in manifest modules.common.requests`);
    const s = tpl?.schema;
    if (!s || typeof s !== 'object') {
      err('template_schema', `${name}: schema is missing`);
      continue;
    }
    if (!METHODS.includes(s.method)) err('template_method', `${name}: method must be one of ${METHODS.join(', ')}`);
    if (typeof s.host !== 'string' || !s.host) err('template_host', `${name}: host is missing`);
    else if (/\/|:\/\//.test(s.host)) err('template_host', `${name}: host must not contain a protocol or path (${s.host})`);
    if (s.path !== undefined && (typeof s.path !== 'string' || !s.path.startsWith('/')))
      err('template_path', `${name}: path must start with /`);
    // Context substitution works in path and query from every location, in host and headers only on the
    // installation page and in serverless apps (Freshworks platform 3.0 docs, "Support of context
    // substitution in request templates"): a front-end app's context there arrives empty.
    for (const [k, v] of Object.entries(s.headers ?? {}))
      if (/<%=\s*context\./.test(String(v)))
        err(
          'template_context_header',
          `${name}: header ${k} uses <%= context.… %>, which a front-end app cannot fill in a header; move it to the path or query`,
        );
    if (/<%=\s*context\./.test(String(s.host ?? '')))
      err('template_context_host', `${name}: host uses <%= context.… %>, which a front-end app cannot fill; use a non-secure iparam`);
    if ('body' in s) err('template_body', `${name}: a request template schema cannot contain a body (pass it when invoking)`);
    if (s.protocol !== undefined && !['https', 'http'].includes(s.protocol)) err('template_protocol', `${name}: protocol must be https`);
  }
  return { errors };
}
