import fs from 'node:fs';
import path from 'node:path';
import { validateFreshdeskApp } from '../../../apps/build/validate-freshdesk.mjs';
import { buildIntoTemp, copyApp, editJson } from './built-apps';

let dir: string;
beforeAll(async () => {
  dir = (await buildIntoTemp()).freshdeskDir;
}, 60_000);

const codes = (d: string) => validateFreshdeskApp(d).errors.map((e) => e.code);
function broken(change: (d: string) => void): string[] {
  const d = copyApp(dir);
  change(d);
  return codes(d);
}
const json = (rel: string, edit: (j: any) => void) => (d: string) => editJson(path.join(d, rel), edit);

describe('built dist/freshdesk passes the Freshworks 3.0 rules', () => {
  test('no errors', () => {
    expect(validateFreshdeskApp(dir)).toEqual({ errors: [] });
  });
  test('shape the issue asks for', () => {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(m['platform-version']).toBe('3.0');
    expect(m.modules.support_ticket.location.ticket_sidebar).toEqual({ url: 'index.html', icon: 'styles/images/icon.svg' });
    const reqs = JSON.parse(fs.readFileSync(path.join(dir, 'config/requests.json'), 'utf8'));
    expect(Object.keys(m.modules.common.requests).sort()).toEqual(Object.keys(reqs).sort());
    expect(reqs.getView.schema).toMatchObject({
      method: 'GET',
      host: '<%= iparam.connector_host %>',
      path: '/api/v1/tickets/freshdesk/<%= context.ticket_id %>/view',
    });
    expect(reqs.postRemedy.schema.headers['X-Complaint-Desk-Key']).toBe('<%= iparam.api_key %>');
    const ip = JSON.parse(fs.readFileSync(path.join(dir, 'config/iparams.json'), 'utf8'));
    expect(ip.api_key.secure).toBe(true);
    expect(ip.connector_host.secure).toBe(false);
    expect(ip.agent_roles).toMatchObject({ type: 'paragraph', secure: false, required: false });
    expect(reqs.postRemedyApproval.schema).toMatchObject({
      method: 'POST',
      path: '/api/v1/tickets/freshdesk/<%= context.ticket_id %>/remedy-approval',
    });
    expect(reqs.getEvidenceExport.schema).toMatchObject({ method: 'GET', path: '/api/v1/evidence/freshdesk/<%= context.ticket_id %>' });
    // The agent and role ride in the query, filled from the app's context (resolved from agent_roles); the
    // headers hold only the secure key: a front-end app's context is substituted in path and query only.
    expect(reqs.getEvidenceExport.schema.query).toMatchObject({
      cd_agent: '<%= context.agent_name %>',
      cd_role: '<%= context.agent_role %>',
      cd_locale: '<%= context.agent_locale %>',
    });
    expect(reqs.getPolicy.schema.query.cd_etag).toBe('<%= context.etag %>');
    for (const [name, t] of Object.entries<any>(reqs))
      expect([name, JSON.stringify(t.schema.headers)]).toEqual([name, expect.not.stringContaining('context.')]);
    expect(reqs.getEvidenceExport.schema.headers).toEqual({ 'X-Complaint-Desk-Key': '<%= iparam.api_key %>' });
    expect(reqs.postRemedy.schema.headers).toEqual({ 'X-Complaint-Desk-Key': '<%= iparam.api_key %>', 'Content-Type': 'application/json' });
    // The save guard's intercepts run from a background location (no icon), the sidebar stays the only UI.
    expect(m.modules.support_ticket.location.ticket_background).toEqual({ url: 'background.html' });
    expect(fs.readFileSync(path.join(dir, 'app/background.html'), 'utf8')).toContain('scripts/background.js');
    // Node and FDK as Freshworks' current platform 3.0 samples declare them.
    expect(m.engines).toEqual({ node: '24.11.0', fdk: '10.1.2' });
    // The host-only iparam says so (no https://, no path) instead of the shared setting's URL example.
    expect(ip.connector_host.description).toMatch(/no https:\/\//);
    expect(ip.connector_host.description).not.toMatch(/e\.g\. https:/);
    expect(fs.readFileSync(path.join(dir, 'app/index.html'), 'utf8')).toContain('{{{appclient}}}');
  });
});

describe('each rule can fail', () => {
  test.each([
    [
      'platform-version not 3.0',
      json('manifest.json', (m) => {
        m['platform-version'] = '2.3';
      }),
      'platform_version',
    ],
    [
      'no engines',
      json('manifest.json', (m) => {
        delete m.engines;
      }),
      'engines_missing',
    ],
    [
      'context in a header',
      json('config/requests.json', (r) => {
        r.getView.schema.headers['X-Complaint-Desk-Agent'] = '<%= context.agent_name %>';
      }),
      'template_context_header',
    ],
    [
      'context in the host',
      json('config/requests.json', (r) => {
        r.getView.schema.host = '<%= context.host %>';
      }),
      'template_context_host',
    ],
    [
      'icon on a background location',
      json('manifest.json', (m) => {
        m.modules.support_ticket.location.ticket_background.icon = 'styles/images/icon.svg';
      }),
      'icon_background',
    ],
    [
      'engines without fdk',
      json('manifest.json', (m) => {
        delete m.engines.fdk;
      }),
      'engines_missing',
    ],
    [
      'no modules',
      json('manifest.json', (m) => {
        delete m.modules;
      }),
      'modules_missing',
    ],
    [
      'empty location',
      json('manifest.json', (m) => {
        m.modules.support_ticket.location = {};
      }),
      'location_empty',
    ],
    [
      'location url to a missing file',
      json('manifest.json', (m) => {
        m.modules.support_ticket.location.ticket_sidebar.url = 'missing.html';
      }),
      'location_url',
    ],
    ['icon file missing', (d: string) => fs.rmSync(path.join(d, 'app/styles/images/icon.svg')), 'icon_missing'],
    [
      'icon not declared',
      json('manifest.json', (m) => {
        delete m.modules.support_ticket.location.ticket_sidebar.icon;
      }),
      'icon_missing',
    ],
    ['no iparams', (d: string) => fs.rmSync(path.join(d, 'config/iparams.json')), 'iparams_missing'],
    ['empty iparams', (d: string) => fs.writeFileSync(path.join(d, 'config/iparams.json'), '{}'), 'iparams_invalid'],
    [
      'iparam with unknown type',
      json('config/iparams.json', (j) => {
        j.api_key.type = 'secret';
      }),
      'iparam_type',
    ],
    [
      'multi-line iparam typed as Zendesk "multiline"',
      json('config/iparams.json', (j) => {
        j.agent_roles.type = 'multiline';
      }),
      'iparam_type',
    ],
    [
      'iparam secure not boolean',
      json('config/iparams.json', (j) => {
        j.agent_roles.secure = 'no';
      }),
      'iparam_secure',
    ],
    [
      'iparam without display_name',
      json('config/iparams.json', (j) => {
        delete j.agent_roles.display_name;
      }),
      'iparam_display_name',
    ],
    [
      'template not declared in manifest',
      json('manifest.json', (m) => {
        delete m.modules.common.requests.getView;
      }),
      'template_undeclared',
    ],
    [
      'declared template not defined',
      json('manifest.json', (m) => {
        m.modules.common.requests.getNothing = {};
      }),
      'template_undefined',
    ],
    [
      'host with a path',
      json('config/requests.json', (j) => {
        j.getView.schema.host = 'example.com/api';
      }),
      'template_host',
    ],
    [
      'host with a protocol',
      json('config/requests.json', (j) => {
        j.getView.schema.host = 'https://example.com';
      }),
      'template_host',
    ],
    [
      'body in a schema',
      json('config/requests.json', (j) => {
        j.postRemedy.schema.body = '{}';
      }),
      'template_body',
    ],
    [
      'unknown method',
      json('config/requests.json', (j) => {
        j.getView.schema.method = 'FETCH';
      }),
      'template_method',
    ],
    [
      'path without leading slash',
      json('config/requests.json', (j) => {
        j.getView.schema.path = 'api/v1/policy';
      }),
      'template_path',
    ],
    ['html without the app client', (d: string) => fs.writeFileSync(path.join(d, 'app/index.html'), '<html></html>'), 'appclient_missing'],
    ['no manifest', (d: string) => fs.rmSync(path.join(d, 'manifest.json')), 'manifest_missing'],
  ])('%s', (_name, change, code) => {
    expect(broken(change)).toContain(code);
  });
});
