import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { pngSize } from '../../../apps/build/make-png.mjs';
import zlib from 'node:zlib';
import { buildIntoTemp, ROOT } from './built-apps';

let built: Awaited<ReturnType<typeof buildIntoTemp>>;
beforeAll(async () => {
  built = await buildIntoTemp();
}, 60_000);

test.each([
  ['zendesk', 'zendeskDir', ['assets/sidebar.js', 'assets/sidebar.css']],
  ['freshdesk', 'freshdeskDir', ['app/scripts/sidebar.js', 'app/styles/sidebar.css']],
] as const)('the %s sidebar (JS + CSS) stays within 40 KB gzipped, as bench/sidebar.ts measures it', (_, dir, files) => {
  const buf = Buffer.concat(files.map((f) => fs.readFileSync(path.join(built[dir], f))));
  expect(buf.length).toBeGreaterThan(60_000); // the real bundle, not an empty file
  expect(zlib.gzipSync(buf, { level: 9 }).length).toBeLessThanOrEqual(40 * 1024);
});

test('each app carries offline.js beside its sidebar.js (fetched from there only when the connector fails), in its zip too', () => {
  const dirs = {
    zendesk: [built.zendeskDir, 'assets'],
    freshdesk: [built.freshdeskDir, 'app/scripts'],
    sandbox: [built.sandboxDir, 'assets'],
  };
  const copies = Object.values(dirs).map(([dir, sub]) => {
    expect(fs.existsSync(path.join(dir, sub, 'sidebar.js'))).toBe(true);
    return fs.readFileSync(path.join(dir, sub, 'offline.js'), 'utf8');
  });
  expect(copies[0].length).toBeGreaterThan(20_000); // the engine, not an empty file
  expect(copies[0]).toContain('__complaintDeskOfflineView');
  expect(new Set(copies).size).toBe(1);
  expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(built.zips.zendesk))))).toContain('assets/offline.js');
  expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(built.zips.freshdesk))))).toContain('app/scripts/offline.js');
});

test('logos are real PNGs of the sizes Zendesk asks for', () => {
  expect(pngSize(fs.readFileSync(path.join(built.zendeskDir, 'assets/logo.png')))).toEqual({ width: 320, height: 320 });
  expect(pngSize(fs.readFileSync(path.join(built.zendeskDir, 'assets/logo-small.png')))).toEqual({ width: 128, height: 128 });
  expect(() => pngSize(Buffer.from('not a png at all, just some text here'))).toThrow('not a PNG');
});

test('settings are defined once in manifest.json and rendered into both hosts', () => {
  const top = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  const zd = JSON.parse(fs.readFileSync(path.join(built.zendeskDir, 'manifest.json'), 'utf8'));
  const ip = JSON.parse(fs.readFileSync(path.join(built.freshdeskDir, 'config/iparams.json'), 'utf8'));
  const zhTw = JSON.parse(fs.readFileSync(path.join(built.zendeskDir, 'translations/zh-tw.json'), 'utf8'));
  expect(zd.name).toBe(top.name);
  expect(zd.version).toBe(top.version);
  const forHost = (h: string) => top.settings.filter((s: any) => !s.hosts || s.hosts.includes(h));
  expect(zd.parameters.map((p: any) => p.name)).toEqual(forHost('zendesk').map((s: any) => s.name));
  expect(Object.keys(ip)).toEqual(forHost('freshdesk').map((s: any) => s.freshdesk.name));
  // agent_roles (multi-line text) is a Freshdesk `paragraph` iparam and a Zendesk `multiline` parameter, with the same texts.
  const roles = top.settings.find((s: any) => s.name === 'agent_roles');
  expect(ip.agent_roles).toMatchObject({ type: 'paragraph', required: false, secure: false, description: roles.helpText.en });
  expect(zd.parameters.find((p: any) => p.name === 'agent_roles')).toEqual({ name: 'agent_roles', type: 'multiline', required: false });
  expect(zhTw.app.parameters.agent_roles).toEqual({ label: roles.label['zh-TW'], helpText: roles.helpText['zh-TW'] });
  expect(zhTw.app.name).toBe(top.locales['zh-TW'].name);
  expect(zhTw.app.parameters.connector_url.label).toBe(top.settings[0].label['zh-TW']);
});

test('zips hold each app with manifest.json at the root', () => {
  for (const [zip, dir] of [
    [built.zips.zendesk, built.zendeskDir],
    [built.zips.freshdesk, built.freshdeskDir],
  ]) {
    const files = unzipSync(new Uint8Array(fs.readFileSync(zip)));
    expect(Object.keys(files)).toContain('manifest.json');
    expect(Buffer.from(files['manifest.json']).toString()).toBe(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  }
});

test('sandbox app is built for /sandbox/app/', () => {
  const html = fs.readFileSync(path.join(built.sandboxDir, 'index.html'), 'utf8');
  expect(html).toContain('src="assets/sidebar.js"');
  expect(fs.statSync(path.join(built.sandboxDir, 'assets/sidebar.js')).size).toBeGreaterThan(1000);
});
