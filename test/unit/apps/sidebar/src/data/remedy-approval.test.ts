import fs from 'node:fs';
import path from 'node:path';
import { localView } from '../../../../../../apps/sidebar/src/data/local-view';
import { approvalControl, chosenRemedy } from '../../../../../../apps/sidebar/src/data/remedy-approval';
import type { Policy, Ticket } from '../../../../../../policies/src/types';
import { complaint } from '../../../../../support/complaints';

const policy = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../policies/default.json'), 'utf8')) as Policy;
const NOW = Date.parse('2026-11-22T10:00:00Z');
const safety = complaint('quality-safety-heater');
const ticket: Ticket = {
  host: 'zendesk',
  id: '7',
  subject: safety.subject,
  description: safety.description,
  requester: { name: 'Ana' },
  channel: 'email',
  createdAt: new Date(NOW - 60_000).toISOString(),
  status: 'open',
  tags: [],
};

/** The view as the connector computes it for `role` (options' needsApproval/approverRole depend on it), with a chosen remedy. */
function viewFor(role: string, chosen: Record<string, unknown> | null) {
  const v = localView({ ticket, policy, policyVersion: policy.version, now: NOW, locale: 'en', agent: { name: role, role } });
  return { ...v, remedies: { ...v.remedies, chosen: chosen as never } };
}
/** An option the lowest role may not grant alone, and the role the engine names to approve it. */
function optionAboveAgent() {
  const o = viewFor('agent', null).remedies.options.find((x) => x.needsApproval && x.approverRole);
  if (!o) throw new Error('default policy has no option above the agent for the safety complaint');
  return o;
}
const ranks = Object.entries(policy.remedies.roles)
  .sort((a, b) => a[1].rank - b[1].rank)
  .map(([id]) => id);

test('pending: the approver role (and anyone whose limits cover it) decides; roles below wait for that role', () => {
  const o = optionAboveAgent();
  const pending = { rank: o.rank, at: '2026-11-22T09:59:00Z', by: 'lee', approval: 'pending' };
  expect(approvalControl(viewFor(ranks[0], pending), policy, ranks[0])).toEqual({ kind: 'wait', approverRole: o.approverRole });
  expect(approvalControl(viewFor(o.approverRole!, pending), policy, o.approverRole!)).toMatchObject({
    kind: 'decide',
    option: { rank: o.rank },
  });
  const top = ranks[ranks.length - 1];
  expect(approvalControl(viewFor(top, pending), policy, top).kind).toBe('decide');
  // Roles ranked between the agent and the approver still wait.
  for (const r of ranks.slice(1, ranks.indexOf(o.approverRole!)))
    expect(approvalControl(viewFor(r, pending), policy, r)).toEqual({ kind: 'wait', approverRole: o.approverRole });
});

test('a role the policy does not define never decides, even on a view that says "covered"', () => {
  const o = optionAboveAgent();
  const top = ranks[ranks.length - 1];
  const pending = { rank: o.rank, at: 'x', by: 'lee', approval: 'pending' };
  expect(approvalControl(viewFor(top, pending), policy, 'intern').kind).toBe('wait');
  expect(approvalControl(viewFor(top, pending), null, top).kind).toBe('wait');
});

test('nothing to decide unless pending', () => {
  const o = optionAboveAgent();
  const top = ranks[ranks.length - 1];
  for (const approval of ['not_needed', 'approved', 'declined']) {
    expect(approvalControl(viewFor(top, { rank: o.rank, at: 'x', by: 'lee', approval }), policy, top)).toEqual({ kind: 'none' });
  }
  expect(approvalControl(viewFor(top, null), policy, top)).toEqual({ kind: 'none' });
});

test('chosenRemedy reads decidedBy/decidedAt and tolerates connectors that do not send them', () => {
  expect(
    chosenRemedy(viewFor('agent', { rank: 'second', at: 'a', by: 'lee', approval: 'declined', decidedBy: 'sup', decidedAt: 'b' })),
  ).toEqual({ rank: 'second', at: 'a', by: 'lee', approval: 'declined', decidedBy: 'sup', decidedAt: 'b' });
  expect(chosenRemedy(viewFor('agent', { rank: 'first', at: 'a', by: 'lee', approval: 'approved' }))).toEqual({
    rank: 'first',
    at: 'a',
    by: 'lee',
    approval: 'approved',
    decidedBy: null,
    decidedAt: null,
  });
  expect(chosenRemedy(viewFor('agent', null))).toBeNull();
});
