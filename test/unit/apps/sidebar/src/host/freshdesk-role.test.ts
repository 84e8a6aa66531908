import fs from 'node:fs';
import path from 'node:path';
import { ROLE_IPARAM } from '../../../../../../apps/sidebar/src/host/freshdesk-host';
import { parseRoleMap, resolveRole } from '../../../../../../apps/sidebar/src/host/freshdesk-role';

const SETTING = `# senior roles first
supervisor: Lead@Example.com, 48000012345
specialist: ann@example.com 48000099999; 
`;

test('parses role lines: emails lower-cased, digits as Freshdesk role ids, comments and blanks skipped', () => {
  expect(parseRoleMap(SETTING)).toEqual({
    rules: [
      { role: 'supervisor', emails: ['lead@example.com'], roleIds: ['48000012345'] },
      { role: 'specialist', emails: ['ann@example.com'], roleIds: ['48000099999'] },
    ],
    problems: [],
  });
  expect(parseRoleMap('')).toEqual({ rules: [], problems: [] });
  expect(parseRoleMap(undefined)).toEqual({ rules: [], problems: [] });
});

test('bad lines are reported with where and how to fix; good lines still count', () => {
  const m = parseRoleMap('supervisor lead@example.com\nBoss Man: x@y.z\nspecialist: ann@example.com, not-an-id\nagent:\nsupervisor: 1');
  expect(m.rules).toEqual([{ role: 'specialist', emails: ['ann@example.com'], roleIds: [] }, { role: 'supervisor', emails: [], roleIds: ['1'] }]);
  expect(m.problems).toHaveLength(4);
  expect(m.problems[0]).toMatch(/entry 1 .*write "role: email, role id/);
  expect(m.problems[1]).toMatch(/entry 2 .*"boss man" is not a role id/);
  expect(m.problems[2]).toMatch(/entry 3 .*"not-an-id" is neither an email nor a Freshdesk role id/);
  expect(m.problems[3]).toMatch(/entry 4 .*no email or role id/);
});

test('resolves loggedInUser by email or role id; first matching line wins; no match → fallback', () => {
  const m = parseRoleMap(SETTING);
  expect(resolveRole(m, { id: 1, role_ids: [], contact: { email: 'LEAD@example.com' } }, 'agent')).toEqual({ role: 'supervisor', matched: 'email' });
  expect(resolveRole(m, { id: 2, role_ids: [48000099999], contact: { email: 'x@example.com' } }, 'agent')).toEqual({ role: 'specialist', matched: 'role id 48000099999' });
  // Both lines match: the first (senior) one wins.
  expect(resolveRole(m, { role_ids: [48000012345], contact: { email: 'ann@example.com' } }, 'agent').role).toBe('supervisor');
  expect(resolveRole(m, { role_ids: [5], contact: { email: 'nobody@example.com' } }, 'agent')).toEqual({ role: 'agent', matched: null });
  expect(resolveRole(m, null, 'agent').role).toBe('agent');
});

test('the iparam the app reads is the one manifest.json defines (once) for Freshdesk', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../manifest.json'), 'utf8'));
  const setting = manifest.settings.find((s: any) => s.freshdesk?.name === ROLE_IPARAM);
  expect(setting).toMatchObject({ kind: 'multiline', hosts: ['freshdesk'] });
  for (const l of ['en', 'zh-CN', 'zh-TW']) expect(setting.helpText[l]).toContain(':');
});
