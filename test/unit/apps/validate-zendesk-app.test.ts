import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { validateZendeskApp } from '../../../apps/build/validate-zendesk.mjs';
import { buildIntoTemp, copyApp, editJson } from './built-apps';

let dir: string;
beforeAll(async () => {
  dir = (await buildIntoTemp()).zendeskDir;
}, 60_000);

const codes = (d: string) => validateZendeskApp(d).errors.map((e) => e.code);
/** Copies the built app, applies one change, returns the validator's error codes. */
function broken(change: (d: string) => void): string[] {
  const d = copyApp(dir);
  change(d);
  return codes(d);
}
const manifest = (d: string, edit: (m: any) => void) => editJson(path.join(d, 'manifest.json'), edit);

describe('built dist/zendesk passes the ported zendesk_apps_support rules', () => {
  test('no errors and no warnings', () => {
    expect(validateZendeskApp(dir)).toEqual({ errors: [], warnings: [] });
  });
  test('shape the issue asks for', () => {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(m.frameworkVersion).toBe('2.0');
    expect(m.location.support.ticket_sidebar).toEqual({ url: 'assets/iframe.html', flexible: true });
    expect(m.parameters.find((p: any) => p.name === 'shared_secret')).toMatchObject({ secure: true, scopes: ['jwt_secret_key'] });
    expect(m.parameters.find((p: any) => p.name === 'connector_url')).toMatchObject({ type: 'url', required: true });
    expect(m.domainWhitelist.length).toBeGreaterThan(0);
    expect(m.parameters.find((p: any) => p.name === 'agent_roles')).toEqual({ name: 'agent_roles', type: 'multiline', required: false });
    for (const l of ['en', 'zh-cn', 'zh-tw']) {
      expect(fs.existsSync(path.join(dir, 'translations', `${l}.json`))).toBe(true);
      const params = JSON.parse(fs.readFileSync(path.join(dir, 'translations', `${l}.json`), 'utf8')).app.parameters;
      expect(Object.keys(params).sort()).toEqual(m.parameters.map((p: any) => p.name).sort());
      expect(params.agent_roles.label).toBeTruthy();
      expect(params.agent_roles.helpText).toContain('supervisor: lead@example.com');
    }
    expect(fs.readFileSync(path.join(dir, 'assets/iframe.html'), 'utf8')).toContain('zendesk_app_framework_sdk/2.0/zaf_sdk.min.js');
  });
});

describe('each rule can fail', () => {
  test.each([
    ['frameworkVersion other than 2.0', (d: string) => manifest(d, (m) => { m.frameworkVersion = '1.0'; }), 'invalid_version'],
    ['missing author', (d: string) => manifest(d, (m) => { delete m.author; }), 'manifest_keys.missing'],
    ['missing defaultLocale', (d: string) => manifest(d, (m) => { delete m.defaultLocale; }), 'manifest_keys.missing'],
    ['missing location', (d: string) => manifest(d, (m) => { delete m.location; }), 'manifest_keys.missing'],
    ['missing frameworkVersion', (d: string) => manifest(d, (m) => { delete m.frameworkVersion; }), 'manifest_keys.missing'],
    ['private not boolean', (d: string) => manifest(d, (m) => { m.private = 'yes'; }), 'unacceptable_boolean'],
    ['bad author url', (d: string) => manifest(d, (m) => { m.author.url = 'not a url'; }), 'invalid_url'],
    ['domainWhitelist not strings', (d: string) => manifest(d, (m) => { m.domainWhitelist = [1]; }), 'unacceptable_array_of_strings'],
    ['unknown location', (d: string) => manifest(d, (m) => { m.location.support.ticket_sidebarz = { url: 'assets/iframe.html' }; }), 'invalid_location'],
    ['unknown host', (d: string) => manifest(d, (m) => { m.location.desk = { ticket_sidebar: { url: 'assets/iframe.html' } }; }), 'invalid_host'],
    ['http location url', (d: string) => manifest(d, (m) => { m.location.support.ticket_sidebar.url = 'http://example.com/app'; }), 'invalid_location_uri'],
    ['relative url outside assets', (d: string) => manifest(d, (m) => { m.location.support.ticket_sidebar.url = 'iframe.html'; }), 'invalid_location_uri'],
    ['relative url to a missing file', (d: string) => manifest(d, (m) => { m.location.support.ticket_sidebar.url = 'assets/missing.html'; }), 'invalid_location_uri'],
    ['blank location url', (d: string) => manifest(d, (m) => { m.location.support.ticket_sidebar.url = ''; }), 'blank_location_uri'],
    ['flexible not boolean', (d: string) => manifest(d, (m) => { m.location.support.ticket_sidebar.flexible = 'yes'; }), 'invalid_location_flexible_type'],
    ['unknown parameter type', (d: string) => manifest(d, (m) => { m.parameters[0].type = 'textarea'; }), 'invalid_type_parameter'],
    ['agent_roles typed as Freshdesk "paragraph"', (d: string) => manifest(d, (m) => { m.parameters.find((p: any) => p.name === 'agent_roles').type = 'paragraph'; }), 'invalid_type_parameter'],
    ['agent_roles without a label in one locale', (d: string) => editJson(path.join(d, 'translations/zh-cn.json'), (j) => { delete j.app.parameters.agent_roles; }), 'translation.missing_parameter_label'],
    ['duplicate parameter', (d: string) => manifest(d, (m) => { m.parameters.push({ ...m.parameters[0] }); }), 'duplicate_parameters'],
    ['required hidden parameter', (d: string) => manifest(d, (m) => { m.parameters.push({ name: 'h', type: 'hidden', required: true }); }), 'invalid_hidden_parameter'],
    ['parameter called name', (d: string) => manifest(d, (m) => { m.parameters.push({ name: 'name', type: 'text' }); }), 'name_as_parameter_name'],
    ['secure not boolean', (d: string) => manifest(d, (m) => { m.parameters[1].secure = 'true'; }), 'unacceptable_boolean'],
    ['scopes on a non-secure parameter', (d: string) => manifest(d, (m) => { m.parameters[0].scopes = ['header']; }), 'field_requires_secure_parameter'],
    ['unknown secure scope', (d: string) => manifest(d, (m) => { m.parameters[1].scopes = ['jwt_secret']; }), 'field_contains_invalid_values'],
    ['empty secure scopes', (d: string) => manifest(d, (m) => { m.parameters[1].scopes = []; }), 'field_cannot_be_empty'],
    ['two oauth parameters', (d: string) => manifest(d, (m) => { m.parameters.push({ name: 'o1', type: 'oauth' }, { name: 'o2', type: 'oauth' }); }), 'too_many_oauth_parameters'],
    ['default locale without translation file', (d: string) => fs.rmSync(path.join(d, 'translations/en.json')), 'missing_translation_file'],
    ['translation without app.name', (d: string) => editJson(path.join(d, 'translations/zh-cn.json'), (j) => { delete j.app.name; }), 'translation.missing_required_key'],
    ['en translation without app.name', (d: string) => editJson(path.join(d, 'translations/en.json'), (j) => { delete j.app.name; }), 'translation.missing_required_key'],
    ['parameter without a label', (d: string) => editJson(path.join(d, 'translations/zh-tw.json'), (j) => { delete j.app.parameters.shared_secret; }), 'translation.missing_parameter_label'],
    ['parameter node without label key', (d: string) => editJson(path.join(d, 'translations/en.json'), (j) => { j.app.parameters.connector_url = { helpText: 'x' }; }), 'translation.missing_required_key_on_leaf'],
    ['translation file that is not JSON', (d: string) => fs.writeFileSync(path.join(d, 'translations/zh-cn.json'), '{not json'), 'translation.not_json'],
    ['translation file with a bad locale name', (d: string) => fs.writeFileSync(path.join(d, 'translations/EN_us.json'), '{}'), 'translation.invalid_locale'],
    ['a zip file inside the app', (d: string) => fs.writeFileSync(path.join(d, 'assets/extra.zip'), Buffer.from(zipSync({ a: new Uint8Array([1]) }))), 'unsupported_mime_type_detected'],
    ['a pdf disguised as .txt', (d: string) => fs.writeFileSync(path.join(d, 'assets/readme.txt'), '%PDF-1.4\n'), 'unsupported_mime_type_detected'],
    ['a symlink', (d: string) => fs.symlinkSync(path.join(d, 'assets/iframe.html'), path.join(d, 'assets/link.html')), 'symlink_in_zip'],
    ['no manifest', (d: string) => fs.rmSync(path.join(d, 'manifest.json')), 'missing_manifest'],
    ['manifest not JSON', (d: string) => fs.writeFileSync(path.join(d, 'manifest.json'), '{'), 'manifest_not_json'],
  ])('%s', (_name, change, code) => {
    expect(broken(change)).toContain(code);
  });

  test('every parameter type zendesk_apps_support accepts passes (multiline for agent_roles among them)', () => {
    for (const type of ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden']) {
      expect(broken((d) => manifest(d, (m) => { m.parameters.find((p: any) => p.name === 'agent_roles').type = type; }))).toEqual([]);
    }
  });

  test('nested manifest is reported as such', () => {
    const d = copyApp(dir);
    fs.mkdirSync(path.join(d, 'inner'));
    fs.renameSync(path.join(d, 'manifest.json'), path.join(d, 'inner/manifest.json'));
    expect(codes(d)).toEqual(['nested_manifest']);
  });

  test('secure-settings warnings: secret-looking text parameter, secure without scopes, secure default', () => {
    const d = copyApp(dir);
    manifest(d, (m) => {
      m.parameters.push({ name: 'api_token', type: 'text' });
      m.parameters.push({ name: 'other_secret', type: 'text', secure: true, default: 'x' });
    });
    const w = validateZendeskApp(d).warnings.map((x) => x.code);
    expect(w).toEqual(expect.arrayContaining(['insecure_token_parameter_in_manifest', 'secure_parameters_with_no_scopes_in_manifest', 'default_secure_or_hidden_parameter_in_manifest']));
  });
});

describe('signed mode: dist/zendesk-signed for one connector URL', () => {
  test('passes the rules; the sidebar is the connector page Zendesk POSTs its signed token to', async () => {
    const { buildApps } = await import('../../../apps/build/build-apps.mjs');
    const os = await import('node:os');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-signed-'));
    try {
      const built = await buildApps({ root: path.resolve(__dirname, '../../..'), outRoot: out, signedUrl: 'https://complaints.acme.example/' });
      expect(validateZendeskApp(built.zendeskSignedDir!)).toEqual({ errors: [], warnings: [] });
      const m = JSON.parse(fs.readFileSync(path.join(built.zendeskSignedDir!, 'manifest.json'), 'utf8'));
      expect(m.signedUrls).toBe(true);
      expect(m.location.support.ticket_sidebar).toEqual({ url: 'https://complaints.acme.example/zendesk/sidebar', flexible: true });
      // no shared secret or connector URL: the page calls its own origin with a session bound to the signed user
      expect(m.parameters.map((p: { name: string }) => p.name)).toEqual(['agent_roles']);
      expect(fs.existsSync(built.zips.zendeskSigned!)).toBe(true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
