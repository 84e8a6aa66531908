import fs from 'node:fs';
import path from 'node:path';
import { localView, timelineOf } from '../../../../../../apps/sidebar/src/data/local-view';
import type { Policy, Ticket } from '../../../../../../policies/src/types';

const policy = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../policies/default.json'), 'utf8')) as Policy;
const samples = fs.readFileSync('/work/shared/samples/complaints.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const NOW = Date.parse('2026-11-22T10:00:00Z');

function ticketOf(id: string): Ticket {
  const s = samples.find((x: { id: string }) => x.id === id);
  return { host: 'zendesk', id: '7', subject: s.subject, description: s.description, requester: { name: 'Ana' }, channel: 'email', createdAt: new Date(NOW - 60_000).toISOString(), status: 'new', tags: [] };
}

test.each(['s19', 's24', 's30'])('offline view of sample %s matches its expected labels', (id) => {
  const expected = samples.find((x: { id: string }) => x.id === id).expected;
  const v = localView({ ticket: ticketOf(id), policy, policyVersion: policy.version, now: NOW, locale: 'en', timeZone: 'Asia/Shanghai', agent: { name: 'Lee', role: 'agent' } });
  expect(v.classification.category).toBe(expected.category);
  expect(v.classification.severity).toBe(expected.severity);
  expect([...v.classification.signals].sort()).toEqual([...expected.signals].sort());
  expect(v.sla.respond.budgetMs).toBe(policy.severities[expected.severity as 'L1'].respondWithinMinutes * 60_000);
  expect(v.evidence.suspected).toBe(expected.signals.some((s: string) => policy.evidence.suspectSignals.includes(s as never)));
  for (const s of v.scripts) expect(s.text).not.toMatch(/\{\{/);
});

test('timeline: first public agent reply and a current status after creation', () => {
  const t: Ticket = { ...ticketOf('s24'), status: 'pending', comments: [
    { id: 'c1', author: 'agent', public: false, body: 'note', createdAt: '2026-11-22T09:59:30Z' },
    { id: 'c2', author: 'agent', public: true, body: 'hi', createdAt: '2026-11-22T09:59:40Z' },
  ] };
  const tl = timelineOf(t, 'L3', NOW);
  expect(tl.firstAgentReplyAt).toBe('2026-11-22T09:59:40Z');
  expect(tl.statusChanges).toEqual([{ at: t.createdAt, status: 'new' }, { at: new Date(NOW).toISOString(), status: 'pending' }]);
});
