import fs from 'node:fs';
import path from 'node:path';
import {
  agentRole,
  DEFAULT_ROLE,
  freshdeskIdentity,
  parseRoleMap,
  resolveRole,
  ROLE_SETTING,
  zendeskIdentity,
} from '../../../../../../apps/sidebar/src/host/agent-roles';
import { lowestRole } from '../../../../../../policies/src/engine';
import type { Policy } from '../../../../../../policies/src/types';
const defaultPolicy = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../policies/default.json'), 'utf8')) as Policy;

const SETTING = `# senior roles first
supervisor: Lead@Example.com, 48000012345
specialist: ann@example.com 48000099999; 
`;

test('parses role lines: emails lower-cased, digits as ids, comments and blanks skipped', () => {
  expect(parseRoleMap(SETTING)).toEqual({
    rules: [
      { role: 'supervisor', emails: ['lead@example.com'], ids: ['48000012345'] },
      { role: 'specialist', emails: ['ann@example.com'], ids: ['48000099999'] },
    ],
    problems: [],
  });
  expect(parseRoleMap('')).toEqual({ rules: [], problems: [] });
  expect(parseRoleMap(undefined)).toEqual({ rules: [], problems: [] });
});

test("bad lines are reported with where and how to fix (in the host's words); good lines still count", () => {
  const m = parseRoleMap(
    'supervisor lead@example.com\nBoss Man: x@y.z\nspecialist: ann@example.com, not-an-id\nagent:\nsupervisor: 1',
    'Zendesk user id',
  );
  expect(m.rules).toEqual([
    { role: 'specialist', emails: ['ann@example.com'], ids: [] },
    { role: 'supervisor', emails: [], ids: ['1'] },
  ]);
  expect(m.problems).toHaveLength(4);
  expect(m.problems[0]).toMatch(/agent_roles entry 1 .*write "role: email, Zendesk user id/);
  expect(m.problems[1]).toMatch(/entry 2 .*"boss man" is not a role id/);
  expect(m.problems[2]).toMatch(/entry 3 .*"not-an-id" is neither an email nor a Zendesk user id \(digits\)/);
  expect(m.problems[3]).toMatch(/entry 4 .*no email or Zendesk user id/);
  expect(parseRoleMap('x: nope', 'Freshdesk role id').problems[0]).toMatch(/neither an email nor a Freshdesk role id/);
});

describe('Freshdesk loggedInUser: email or one of its role_ids', () => {
  const m = parseRoleMap(SETTING);
  const fd = (u: Parameters<typeof freshdeskIdentity>[0]) => resolveRole(m, freshdeskIdentity(u), 'agent');
  test('matches by email (any case) or role id; first matching line wins; no match → fallback', () => {
    expect(fd({ id: 1, role_ids: [], contact: { email: 'LEAD@example.com' } })).toEqual({ role: 'supervisor', matched: 'email' });
    expect(fd({ id: 2, role_ids: [48000099999], contact: { email: 'x@example.com' } })).toEqual({
      role: 'specialist',
      matched: 'id 48000099999',
    });
    // Both lines match: the first (senior) one wins.
    expect(fd({ role_ids: [48000012345], contact: { email: 'ann@example.com' } }).role).toBe('supervisor');
    expect(fd({ role_ids: [5], contact: { email: 'nobody@example.com' } })).toEqual({ role: 'agent', matched: null });
    expect(fd(null).role).toBe('agent');
  });
  test('the agent id itself is not a Freshdesk match (digits are role ids there)', () => {
    expect(fd({ id: 48000012345, role_ids: [], contact: { email: 'x@example.com' } })).toEqual({ role: 'agent', matched: null });
  });
});

describe('Zendesk currentUser: email or user id; the Zendesk role gives nothing', () => {
  const m = parseRoleMap('supervisor: lead@example.com, 3711\nspecialist: 48000012345');
  const zd = (u: Record<string, unknown>) => resolveRole(m, zendeskIdentity(u), 'agent');
  test('a plain Zendesk agent listed by email or user id gets the listed role', () => {
    expect(zd({ id: 9, email: 'Lead@Example.com', role: 'agent' })).toEqual({ role: 'supervisor', matched: 'email' });
    expect(zd({ id: 3711, email: 'other@example.com', role: 'agent' })).toEqual({ role: 'supervisor', matched: 'id 3711' });
    expect(zd({ id: '48000012345', email: null, role: 'agent' })).toEqual({ role: 'specialist', matched: 'id 48000012345' });
  });
  test('an unlisted Zendesk admin gets the fallback, not supervisor', () => {
    expect(zd({ id: 1, email: 'boss@example.com', role: 'admin' })).toEqual({ role: 'agent', matched: null });
    expect(zd({}).role).toBe('agent');
    expect(zendeskIdentity({ id: '', email: undefined })).toEqual({ email: null, ids: [] });
  });
});

test('agentRole: setting text + identity → role and problems; a non-text setting counts as empty', () => {
  expect(agentRole('supervisor: 7\nbad line', { email: null, ids: ['7'] }, 'Zendesk user id')).toEqual({
    role: 'supervisor',
    matched: 'id 7',
    problems: [expect.stringMatching(/entry 2/)],
  });
  expect(agentRole(undefined, { email: 'a@b.c', ids: [] }, 'id')).toEqual({ role: DEFAULT_ROLE, matched: null, problems: [] });
  expect(agentRole(42, { email: null, ids: ['42'] }, 'id').role).toBe(DEFAULT_ROLE);
});

test('the setting the apps read is the one manifest.json defines once, for both hosts, with texts in every locale', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../manifest.json'), 'utf8'));
  const setting = manifest.settings.find((s: any) => s.name === ROLE_SETTING);
  expect(setting).toMatchObject({ kind: 'multiline', required: false, freshdesk: { name: ROLE_SETTING } });
  expect(setting.hosts).toBeUndefined();
  for (const l of ['en', 'zh-CN', 'zh-TW']) {
    expect(setting.label[l]).toBeTruthy();
    expect(setting.helpText[l]).toContain('supervisor: lead@example.com');
    // The fallback is the policy's lowest-ranked role; the text names the default policy's one.
    expect(setting.helpText[l]).toContain(`"${lowestRole(defaultPolicy)}"`);
  }
});
