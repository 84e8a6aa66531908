import fs from 'node:fs';
import path from 'node:path';
import { validateZendeskApp } from '../../../apps/build/validate-zendesk.mjs';
import { buildIntoTemp, copyApp } from './built-apps';
import { manifest, ZENDESK_APP_BREAKAGES } from './zendesk-app-breakages';

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
  test.each(ZENDESK_APP_BREAKAGES)('%s', (_name, change, code) => {
    expect(broken(change)).toContain(code);
  });

  test('every parameter type zendesk_apps_support accepts passes (multiline for agent_roles among them)', () => {
    for (const type of ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden']) {
      expect(
        broken((d) =>
          manifest(d, (m) => {
            m.parameters.find((p: any) => p.name === 'agent_roles').type = type;
          }),
        ),
      ).toEqual([]);
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
    expect(w).toEqual(
      expect.arrayContaining([
        'insecure_token_parameter_in_manifest',
        'secure_parameters_with_no_scopes_in_manifest',
        'default_secure_or_hidden_parameter_in_manifest',
      ]),
    );
  });
});

describe('signed mode: dist/zendesk-signed for one connector URL', () => {
  test('passes the rules; the sidebar is the connector page Zendesk POSTs its signed token to', async () => {
    const { buildApps } = await import('../../../apps/build/build-apps.mjs');
    const os = await import('node:os');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-signed-'));
    try {
      const built = await buildApps({
        root: path.resolve(__dirname, '../../..'),
        outRoot: out,
        signedUrl: 'https://complaints.acme.example/',
      });
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
