import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifest, settingsFor } from '../../../apps/build/read-manifest.mjs';
import { ROOT } from './built-apps';

const top = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Writes a changed copy of manifest.json to a temp root and reads it. */
function readWith(edit: (m: any) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-manifest-'));
  dirs.push(dir);
  const m = structuredClone(top);
  edit(m);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
  return () => readManifest(dir);
}

test('the top-level manifest is valid; agent_roles is a setting of both hosts', () => {
  const m = readManifest(ROOT);
  expect(settingsFor(m, 'freshdesk').map((s: any) => s.name)).toContain('agent_roles');
  expect(settingsFor(m, 'zendesk').map((s: any) => s.name)).toContain('agent_roles');
  expect(settingsFor(m, 'zendesk').map((s: any) => s.name)).toEqual(expect.arrayContaining(['connector_url', 'shared_secret']));
});

test('a Freshdesk-only setting goes to Freshdesk only', () => {
  const m = readWith((x) => {
    x.settings.push({
      name: 'fd_only',
      kind: 'text',
      hosts: ['freshdesk'],
      freshdesk: { name: 'fd_only' },
      label: { en: 'a', 'zh-CN': 'a', 'zh-TW': 'a' },
    });
  })();
  expect(settingsFor(m, 'freshdesk').map((s: any) => s.name)).toContain('fd_only');
  expect(settingsFor(m, 'zendesk').map((s: any) => s.name)).not.toContain('fd_only');
});

test.each([
  [
    'unknown host in hosts',
    (m: any) => {
      m.settings[2].hosts = ['freshworks'];
    },
    /settings\[2\]\.hosts: a non-empty list of zendesk, freshdesk/,
  ],
  [
    'empty hosts',
    (m: any) => {
      m.settings[2].hosts = [];
    },
    /settings\[2\]\.hosts/,
  ],
  [
    'secret limited to one host',
    (m: any) => {
      m.settings[1].hosts = ['zendesk'];
    },
    /settings\[1\]\.hosts: a secret setting is needed by every host/,
  ],
  [
    'unknown kind',
    (m: any) => {
      m.settings[2].kind = 'textarea';
    },
    /settings\[2\]\.kind: one of url, text, multiline, secret/,
  ],
  [
    'Freshdesk setting without an iparam name',
    (m: any) => {
      delete m.settings[2].freshdesk;
    },
    /settings\[2\]\.freshdesk\.name/,
  ],
  [
    'label missing a locale',
    (m: any) => {
      delete m.settings[2].label['zh-TW'];
    },
    /settings\[2\]\.label\.zh-TW/,
  ],
])('%s is refused with where and how', (_n, edit, msg) => {
  expect(readWith(edit)).toThrow(msg);
});

test('a Zendesk-only setting needs no Freshdesk iparam name', () => {
  const m = readWith((x) => {
    x.settings.push({ name: 'zd_only', kind: 'text', hosts: ['zendesk'], label: { en: 'a', 'zh-CN': 'a', 'zh-TW': 'a' } });
  })();
  expect(settingsFor(m, 'freshdesk').map((s: any) => s.name)).not.toContain('zd_only');
  expect(settingsFor(m, 'zendesk').map((s: any) => s.name)).toContain('zd_only');
});
