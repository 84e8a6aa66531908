import fs from 'node:fs';
import path from 'node:path';
import { localView, timelineOf } from '../../../../../../apps/sidebar/src/data/local-view';
import type { Policy, Ticket } from '../../../../../../policies/src/types';
import { readComplaints } from '../../../../../support/complaints';

const policy = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../policies/default.json'), 'utf8')) as Policy;
const samples = readComplaints();
const NOW = Date.parse('2026-11-22T10:00:00Z');

function ticketOf(id: string): Ticket {
  const s = samples.find((x) => x.id === id)!;
  return {
    host: 'zendesk',
    id: '7',
    subject: s.subject,
    description: s.description,
    requester: { name: 'Ana' },
    channel: 'email',
    createdAt: new Date(NOW - 60_000).toISOString(),
    status: 'new',
    tags: [],
  };
}

test.each(['quality-safety-heater', 'usage-howto-kettle', 'quality-extortion-lunchbox'])(
  'offline view of complaint %s matches its expected labels',
  (id) => {
    const expected = samples.find((x) => x.id === id)!.expected;
    const v = localView({
      ticket: ticketOf(id),
      policy,
      policyVersion: policy.version,
      now: NOW,
      locale: 'en',
      agent: { name: 'Lee', role: 'agent' },
    });
    expect(v.classification.category).toBe(expected.category);
    expect(v.classification.severity).toBe(expected.severity);
    expect([...v.classification.signals].sort()).toEqual([...expected.signals].sort());
    expect(v.sla.respond.budgetMs).toBe(policy.severities[expected.severity as 'L1'].respondWithinMinutes * 60_000);
    expect(v.evidence.suspected).toBe(expected.signals.some((s: string) => policy.evidence.suspectSignals.includes(s as never)));
    for (const s of v.scripts) expect(s.text).not.toMatch(/\{\{/);
  },
);

test('timeline: first public agent reply and a current status after creation', () => {
  const t: Ticket = {
    ...ticketOf('usage-howto-kettle'),
    status: 'pending',
    comments: [
      { id: 'c1', author: 'agent', public: false, body: 'note', createdAt: '2026-11-22T09:59:30Z' },
      { id: 'c2', author: 'agent', public: true, body: 'hi', createdAt: '2026-11-22T09:59:40Z' },
    ],
  };
  const tl = timelineOf(t, 'L3', NOW);
  expect(tl.firstAgentReplyAt).toBe('2026-11-22T09:59:40Z');
  expect(tl.statusChanges).toEqual([
    { at: t.createdAt, status: 'new' },
    { at: new Date(NOW).toISOString(), status: 'pending' },
  ]);
});

test('offline scripts and remedies read the product and purchase date from the fields the policy names', () => {
  const renamed = JSON.parse(JSON.stringify(policy)) as Policy;
  const def = (field: string) => ({ label: { en: field, 'zh-CN': field, 'zh-TW': field }, source: { kind: 'field' as const, field } });
  Object.assign(renamed.intake.fields, { model_no: def('cf_model_no'), bought_on: def('cf_bought_on') });
  renamed.intake.productField = 'model_no';
  renamed.remedies.inputFields = { purchaseDate: 'bought_on' };
  const ticket: Ticket = {
    ...ticketOf('quality-function-camera'),
    fields: { cf_model_no: 'HX-9', cf_bought_on: '2020-01-01', product_model: 'IGNORED', purchase_date: '2026-11-01' },
  };
  const v = localView({
    ticket,
    policy: renamed,
    policyVersion: renamed.version,
    now: NOW,
    locale: 'en',
    agent: { name: 'Lee', role: 'agent' },
  });
  const ack = v.scripts.find((s) => s.id === 'acknowledge');
  expect(ack?.text).toContain('HX-9');
  expect(ack?.text).not.toContain('IGNORED');
  // Bought in 2020: out of the policy's warranty, so the out-of-warranty entry applies.
  expect(v.remedies.warranty).toBe('out');
});
