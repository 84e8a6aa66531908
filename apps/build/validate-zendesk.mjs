// Checks a built ZAF app folder with the rules of Zendesk's validator (zendesk_apps_support:
// validations/manifest.rb, translations.rb, secure_settings.rb, mime.rb, marketplace.rb).
// Returns { errors: [{code, message}], warnings: [{code, message}] }.
import fs from 'node:fs';
import path from 'node:path';
import { listEntries, readJson } from './app-files.mjs';

/** zendesk_apps_support Manifest::Parameter::TYPES. */
export const PARAMETER_TYPES = ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
export const SECURE_PARAM_SCOPES = ['header', 'body', 'url', 'jwt_secret_key', 'jwt_claim', 'basic_auth_username', 'basic_auth_password'];
export const SUPPORTED_FRAMEWORK_VERSIONS = ['2.0'];
export const KNOWN_LOCATIONS = {
  support: [
    'top_bar',
    'nav_bar',
    'ticket_sidebar',
    'new_ticket_sidebar',
    'user_sidebar',
    'organization_sidebar',
    'background',
    'modal',
    'ticket_editor',
    'system_top_bar',
  ],
  chat: ['chat_sidebar', 'background'],
  sell: [
    'deal_card',
    'person_card',
    'company_card',
    'lead_card',
    'background',
    'modal',
    'dashboard',
    'note_editor',
    'call_log_editor',
    'email_editor',
    'top_bar',
    'visit_editor',
  ],
};
export const BANNED_TYPES = [
  'vnd.rar',
  'rar',
  'zip',
  'gzip',
  'pdf',
  'doc',
  'docx',
  'avi',
  'bin',
  'bz',
  'bz2',
  'csh',
  'sh',
  'jar',
  'mp3',
  'mpeg',
  'odt',
  'pptx',
  'ppt',
  'xls',
  'xlsx',
  '7z',
];
const VALID_LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/;
const SECURABLE = /token|key|pwd|password/i;

/** Content sniffing for the banned types that have magic bytes. */
function sniff(buf) {
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'zip';
  if (buf[0] === 0x1f && buf[1] === 0x8b) return 'gzip';
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.subarray(0, 4).toString('latin1') === 'Rar!') return 'rar';
  if (buf.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) return '7z';
  if (buf.subarray(0, 3).toString('latin1') === 'ID3') return 'mp3';
  return null;
}

function validUrl(v) {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

export function validateZendeskApp(dir) {
  const errors = [];
  const warnings = [];
  const err = (code, message) => errors.push({ code, message });
  const warn = (code, message) => warnings.push({ code, message });
  const entries = listEntries(dir);
  const files = entries.filter((e) => e.type === 'file').map((e) => e.path);

  for (const e of entries) if (e.type === 'symlink') err('symlink_in_zip', `${e.path} is a symbolic link; apps must not contain symlinks`);
  const banned = files.filter((f) => {
    const ext = path.extname(f).slice(1).toLowerCase();
    return BANNED_TYPES.includes(ext) || BANNED_TYPES.includes(sniff(fs.readFileSync(path.join(dir, f))) ?? '');
  });
  if (banned.length) err('unsupported_mime_type_detected', `unsupported file types: ${banned.join(', ')}`);

  if (!files.includes('manifest.json')) {
    const nested = files.find((f) => /^[^/]+\/manifest\.json$/.test(f));
    err(
      nested ? 'nested_manifest' : 'missing_manifest',
      nested ? `manifest.json must be at the root, found ${nested}` : 'manifest.json is missing',
    );
    return { errors, warnings };
  }
  const { value: m, error: jsonError } = readJson(path.join(dir, 'manifest.json'));
  if (jsonError || !m || typeof m !== 'object' || Array.isArray(m)) {
    err('manifest_not_json', `manifest.json is not a JSON object: ${jsonError ?? 'wrong type'}`);
    return { errors, warnings };
  }

  const missing = [
    ['author', m.author],
    ['defaultLocale', m.defaultLocale],
    ['location', m.location],
    ['frameworkVersion', m.frameworkVersion],
  ]
    .filter(([, v]) => v == null)
    .map(([k]) => k);
  if (missing.length) err('manifest_keys.missing', `missing required manifest keys: ${missing.join(', ')}`);
  for (const k of ['requirementsOnly', 'marketingOnly', 'singleInstall', 'signedUrls', 'private']) {
    if (m[k] !== undefined && typeof m[k] !== 'boolean')
      err('unacceptable_boolean', `${k} must be true or false, got ${JSON.stringify(m[k])}`);
  }
  for (const k of ['defaultLocale', 'version', 'frameworkVersion', 'remoteInstallationURL', 'termsConditionsURL', 'gaID']) {
    if (m[k] != null && typeof m[k] !== 'string') err('unacceptable_string', `${k} must be a string`);
  }
  if (m.author)
    for (const k of ['name', 'email', 'url'])
      if (m.author[k] != null && typeof m.author[k] !== 'string') err('unacceptable_string', `author ${k} must be a string`);
  if (m.author?.url && !validUrl(m.author.url)) err('invalid_url', `author url is not a valid URL: ${m.author.url}`);
  if (m.domainWhitelist != null && !(Array.isArray(m.domainWhitelist) && m.domainWhitelist.every((d) => typeof d === 'string')))
    err('unacceptable_array_of_strings', 'domainWhitelist must be an array of strings');
  if (m.frameworkVersion != null && !SUPPORTED_FRAMEWORK_VERSIONS.includes(m.frameworkVersion))
    err('invalid_version', `frameworkVersion ${m.frameworkVersion} is not served; use ${SUPPORTED_FRAMEWORK_VERSIONS.join(', ')}`);

  if (typeof m.defaultLocale === 'string') {
    if (!VALID_LOCALE.test(m.defaultLocale)) err('invalid_default_locale', `defaultLocale "${m.defaultLocale}" is not a locale`);
    else if (!files.includes(`translations/${m.defaultLocale}.json`))
      err('missing_translation_file', `translations/${m.defaultLocale}.json is missing (defaultLocale)`);
  }

  validateLocations(m, files, err);
  const params = validateParameters(m, err, warn);
  validateTranslations(dir, files, params, m, err);
  return { errors, warnings };
}

function validateLocations(m, files, err) {
  if (m.location == null) return;
  if (typeof m.location !== 'object' || Array.isArray(m.location) || Object.keys(m.location).length === 0)
    return err('manifest_keys.missing', 'location must name at least one host and location');
  for (const [product, locs] of Object.entries(m.location)) {
    if (!KNOWN_LOCATIONS[product]) {
      err('invalid_host', `unknown host "${product}" in location`);
      continue;
    }
    for (const [name, opts] of Object.entries(locs ?? {})) {
      if (!KNOWN_LOCATIONS[product].includes(name)) err('invalid_location', `unknown ${product} location "${name}"`);
      const url = typeof opts === 'string' ? opts : opts?.url;
      if (typeof url !== 'string' || url === '') {
        err('blank_location_uri', `location ${product}.${name} needs a url`);
        continue;
      }
      if (url.includes('{{setting.')) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
        let ok = false;
        try {
          const u = new URL(url);
          ok = u.protocol === 'https:' || u.hostname === 'localhost';
        } catch {
          ok = false;
        }
        if (!ok) err('invalid_location_uri', `location ${product}.${name} url ${url} must be https (or localhost)`);
      } else if (!url.startsWith('assets/') || !files.includes(url.split(/[?#]/)[0])) {
        err('invalid_location_uri', `location ${product}.${name} url ${url} must be a file under assets/ that exists`);
      }
      if (typeof opts === 'object' && opts.flexible !== undefined && typeof opts.flexible !== 'boolean')
        err('invalid_location_flexible_type', `location ${product}.${name} flexible must be true or false`);
    }
  }
}

function validateParameters(m, err, warn) {
  if (m.parameters == null) return [];
  if (!Array.isArray(m.parameters)) {
    err('parameters_not_an_array', 'parameters must be an array');
    return [];
  }
  const names = m.parameters.map((p) => p.name);
  const dup = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (dup.length) err('duplicate_parameters', `duplicate parameters: ${dup.join(', ')}`);
  let oauth = 0;
  for (const p of m.parameters) {
    const type = p.type ?? 'text';
    const where = `parameters[name="${p.name}"]`;
    if (p.required !== undefined && typeof p.required !== 'boolean') err('unacceptable_boolean', `${where}.required must be true or false`);
    if (p.secure !== undefined && typeof p.secure !== 'boolean') err('unacceptable_boolean', `${where}.secure must be true or false`);
    if (!PARAMETER_TYPES.includes(type))
      err('invalid_type_parameter', `${where}: unknown type "${type}" (known: ${PARAMETER_TYPES.join(', ')})`);
    if (type === 'hidden' && p.required) err('invalid_hidden_parameter', `${where}: a hidden parameter cannot be required`);
    if (p.name === 'name') err('name_as_parameter_name', 'a parameter cannot be called "name"');
    if (type === 'oauth') {
      oauth++;
      if (p.secure) err('oauth_parameter_cannot_be_secure', `${where}: an oauth parameter cannot be secure`);
    }
    if (p.scopes !== undefined) {
      if (!p.secure) err('field_requires_secure_parameter', `${where}.scopes needs secure: true`);
      if (!Array.isArray(p.scopes)) err('unacceptable_array', `${where}.scopes must be an array`);
      else if (p.scopes.length === 0) err('field_cannot_be_empty', `${where}.scopes must not be empty`);
      else {
        const bad = p.scopes.filter((s) => !SECURE_PARAM_SCOPES.includes(s));
        if (bad.length) err('field_contains_invalid_values', `${where}.scopes has invalid values: ${bad.join(', ')}`);
      }
    }
    if (SECURABLE.test(String(p.name)) && type === 'text' && !p.secure)
      warn('insecure_token_parameter_in_manifest', `${where} looks like a secret but is not secure`);
    if ('default' in p && (p.secure || type === 'hidden'))
      warn('default_secure_or_hidden_parameter_in_manifest', `${where}: secure or hidden parameters should not have a default`);
    if (p.secure && !(Array.isArray(p.scopes) && p.scopes.length))
      warn('secure_parameters_with_no_scopes_in_manifest', `${where} is secure but has no scopes`);
  }
  if (oauth > 1) err('too_many_oauth_parameters', 'at most one oauth parameter');
  return m.parameters;
}

function validateTranslations(dir, files, params, m, err) {
  for (const f of files) {
    const match = /^translations\/(.*)\.json$/.exec(f);
    if (!match) continue;
    if (!VALID_LOCALE.test(match[1])) {
      err('translation.invalid_locale', `${f}: "${match[1]}" is not a locale`);
      continue;
    }
    const { value: json, error } = readJson(path.join(dir, f));
    if (error) {
      err('translation.not_json', `${f}: ${error}`);
      continue;
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      err('translation.not_json_object', `${f} must be a JSON object`);
      continue;
    }
    const node = json.app?.parameters ?? {};
    for (const [k, v] of Object.entries(node))
      if (!v || typeof v !== 'object' || typeof v.label !== 'string')
        err('translation.missing_required_key_on_leaf', `${f}: app.parameters.${k} needs a label`);
    for (const p of params)
      if (typeof node[p.name]?.label !== 'string')
        err('translation.missing_parameter_label', `${f}: parameter "${p.name}" has no label (app.parameters.${p.name}.label)`);
    if (f === 'translations/en.json') {
      const keys = Object.keys(json.app ?? {}).map((k) => (k === 'description' ? 'short_description' : k));
      const required = m.private ? ['name'] : ['name', 'short_description', 'installation_instructions', 'long_description'];
      const miss = required.filter((k) => !keys.includes(k));
      if (miss.length) err('translation.missing_required_key', `${f}: missing ${miss.map((k) => `app.${k}`).join(', ')}`);
    } else if (typeof json.app?.name !== 'string') {
      err('translation.missing_required_key', `${f}: missing app.name`);
    }
  }
}
