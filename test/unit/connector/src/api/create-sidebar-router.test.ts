import { requireAdmin } from '../../../../../connector/src/auth/require-admin';
import { requireAppAuth } from '../../../../../connector/src/auth/require-app-auth';
import { adjustableClock } from '../../../../../connector/src/clock';
import { createPipeline, type Pipeline } from '../../../../../connector/src/pipeline/create-pipeline';
import { openDatabase, type Db } from '../../../../../connector/src/store/open-database';
import { created } from '../../../../fixtures/connector-core/events';
import { fixedPolicyStore, loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';
import { recordingHost } from '../../../../fixtures/connector-core/recording-host';
import { serveSidebarRouter } from '../../../../fixtures/connector-core/serve-sidebar-router';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';
import { lowestRole, readerZone } from '../../../../../policies/src/engine';
import { formatAt, formatMoney } from '../../../../../policies/src/engine/display-format';

const policy = loadPolicy();
const KEY = 'app-secret-123';
const ADMIN = 'admin-token-456';
const dir = tempDir();
let db: Db;
let served: { base: string; close(): Promise<void> };
let base: string;
let pipeline: Pipeline;
let host: ReturnType<typeof recordingHost>;

const headers = (role = 'agent', locale = 'en') => ({
  'content-type': 'application/json',
  'x-complaint-desk-key': KEY,
  'x-complaint-desk-agent': 'lin',
  'x-complaint-desk-role': role,
  'x-complaint-desk-locale': locale,
});
const call = (method: string, path: string, body?: unknown, h: Record<string, string> = headers()) =>
  fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  db = openDatabase(dir.file('api.db'));
  const clock = adjustableClock();
  clock.set(T0 + 60_000);
  const policyStore = fixedPolicyStore(policy);
  host = recordingHost();
  pipeline = createPipeline({ db, hosts: { zendesk: host }, policyStore, clock });
  pipeline.ingest(created(ticket({ requester: { id: 'u1', name: '王女士' }, fields: { product_batch: 'B-1', product_model: 'R3' } })));
  pipeline.ingest(
    created(ticket({ id: '100', createdAt: new Date(T0 - 86_400_000).toISOString(), requester: { id: 'u1', name: '王女士' } })),
  );
  await pipeline.idle();
  served = await serveSidebarRouter({
    db,
    policyStore,
    clock,
    pipeline,
    auth: {
      app: requireAppAuth({ secret: KEY, clock, defaultLocale: () => policy.defaultLocale, defaultRole: () => lowestRole(policy) }),
      admin: requireAdmin(ADMIN),
    },
  });
  base = served.base;
});

afterAll(async () => {
  await pipeline.stop();
  await served.close();
  db.close();
  dir.cleanup();
});

describe('sidebar router', () => {
  it("GET view writes the view's times and remedy caps for the agent (`display`): the zone in cd_zone, else the policy's", async () => {
    const ny = await (
      await call('GET', '/api/v1/tickets/zendesk/101/view?cd_zone=America/New_York', undefined, headers('agent', 'zh-CN'))
    ).json();
    const created = Date.parse(ny.ticket.createdAt);
    expect(ny.display).toMatchObject({ locale: 'zh-CN', timeZone: 'America/New_York' });
    expect(ny.display.times[created]).toBe(formatAt(created, 'zh-CN', 'America/New_York'));
    expect(ny.display.times[created]).not.toBe(formatAt(created, 'zh-CN', 'Asia/Shanghai'));
    expect(ny.display.times[Date.parse(ny.now)]).toBe(formatAt(ny.now, 'zh-CN', 'America/New_York'));
    const caps = ny.remedies.options.map((o: any) => o.effectiveCap ?? o.capAmount).filter((a: unknown) => typeof a === 'number');
    expect(caps.length).toBeGreaterThan(0);
    for (const a of caps) expect(ny.display.money[a]).toBe(formatMoney(a, ny.remedies.currency, 'zh-CN'));
    // An alias is written under its canonical name; an unknown or missing zone falls back to the policy's zone for agents.
    const alias = await (await call('GET', '/api/v1/tickets/zendesk/101/view?cd_zone=US/Eastern')).json();
    expect(alias.display.timeZone).toBe(new Intl.DateTimeFormat('en', { timeZone: 'US/Eastern' }).resolvedOptions().timeZone);
    for (const q of ['?cd_zone=Mars/Olympus', '?cd_zone=', ''])
      expect((await (await call('GET', `/api/v1/tickets/zendesk/101/view${q}`)).json()).display.timeZone).toBe(
        readerZone(policy, 'agents'),
      );
  });

  it('GET view: classification, SLA, escalation, scripts in the agent locale, remedies, evidence, intake, history', async () => {
    const res = await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, headers('agent', 'en'));
    expect(res.status).toBe(200);
    const v = await res.json();
    expect(v).toMatchObject({ host: 'zendesk', ticketId: '101', policyVersion: policy.version, locale: 'en', stage: 'new' });
    expect(v.classification.category).toBe('quality');
    expect(v.classification.matches.length).toBeGreaterThan(0);
    expect(v.sla.respond.state).toBe('ok');
    expect(v.escalation.nextEscalationAt).toBe(new Date(T0 + 7.5 * 60_000).toISOString());
    expect(v.scripts.map((s: { id: string }) => s.id)).toContain('acknowledge');
    expect(v.scripts[0].text).toContain('R3');
    expect(v.remedies.options.map((o: { rank: string }) => o.rank)).toEqual(['first', 'second', 'bottom']);
    expect(v.evidence).toMatchObject({ complete: false, frozen: false, suspected: false });
    expect(v.intake.map((g: { field: string }) => g.field)).toContain('serial_number');
    expect(v.rootCause).toMatchObject({ batch: 'B-1', sameBatchCount: 1 });
    expect(v.history.count).toBe(2);
    expect(v.history.recent.map((r: { ticketId: string }) => r.ticketId)).toEqual(['100']);
  });

  it('401 without the key; 404 for an unknown ticket or host', async () => {
    expect((await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, {})).status).toBe(401);
    const r = await call('GET', '/api/v1/tickets/zendesk/999/view');
    expect(r.status).toBe(404);
    expect(JSON.stringify(await r.json())).toContain('no record of ticket #999');
    expect((await call('GET', '/api/v1/tickets/jira/101/view')).status).toBe(404);
  });

  it('POST remedy above authority goes through the inbox: approval note + escalation, recorded on the view', async () => {
    expect((await call('POST', '/api/v1/tickets/zendesk/101/remedy', { rank: 'first' }, headers('intern'))).status).toBe(403);
    const asIntern = await (await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, headers('intern'))).json();
    expect(asIntern.remedies.options.find((o: { rank: string }) => o.rank === 'bottom').needsApproval).toBe(true);
    const bad = await call('POST', '/api/v1/tickets/zendesk/101/remedy', { rank: 'best' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('rank');
    const res = await call('POST', '/api/v1/tickets/zendesk/101/remedy', { rank: 'bottom' });
    expect(res.status).toBe(202);
    await pipeline.idle();
    const last = host.calls[host.calls.length - 1];
    expect(last).toMatchObject({ op: 'applyChange', id: '101' });
    if (last.op === 'applyChange') expect(last.change.note?.body).toContain('lin');
    const v = await (await call('GET', '/api/v1/tickets/zendesk/101/view')).json();
    expect(v.remedies.chosen).toMatchObject({ rank: 'bottom', approval: 'pending', by: 'lin' });
    expect(v.stage).toBe('remedy');
  });

  it('POST remedy-rejected twice escalates; POST correction re-tags on the host', async () => {
    const before = host.calls.length;
    for (let i = 0; i < 2; i++) expect((await call('POST', '/api/v1/tickets/zendesk/100/remedy-rejected', {})).status).toBe(202);
    await pipeline.idle();
    expect(host.calls.length).toBe(before + 1);
    expect((await call('POST', '/api/v1/tickets/zendesk/100/correction', {})).status).toBe(400);
    expect((await call('POST', '/api/v1/tickets/zendesk/100/correction', { category: 'logistics' })).status).toBe(202);
    await pipeline.idle();
    const last = host.calls[host.calls.length - 1];
    if (last.op !== 'applyChange') throw new Error('expected a change');
    expect(last.change).toMatchObject({ addTags: ['cd_cat_logistics'], removeTags: ['cd_cat_quality'] });
    const v = await (await call('GET', '/api/v1/tickets/zendesk/100/view')).json();
    expect(v.remedies.rejections).toBe(2);
    expect(v.correction).toMatchObject({ category: 'logistics', by: 'lin' });
  });

  it('POST correction: clearing safety or lowering a forced severity needs the downgrade role and a reason (403/400), then notes it', async () => {
    pipeline.ingest(
      created(ticket({ id: '102', subject: 'Outlet sparking', description: 'The outlet started sparking and smells of burning plastic.' })),
    );
    await pipeline.idle();
    const lower = { severity: 'L3', clearSignals: ['safety'] };
    const refused = await call('POST', '/api/v1/tickets/zendesk/102/correction', { ...lower, reason: 'not ours' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('supervisor');
    expect((await call('POST', '/api/v1/tickets/zendesk/102/correction', lower, headers('supervisor'))).status).toBe(400);
    const before = host.calls.length;
    expect(
      (
        await call(
          'POST',
          '/api/v1/tickets/zendesk/102/correction',
          { ...lower, reason: 'the wall socket was at fault' },
          headers('supervisor'),
        )
      ).status,
    ).toBe(202);
    await pipeline.idle();
    const last = host.calls[host.calls.length - 1];
    expect(host.calls.length).toBe(before + 1);
    if (last.op !== 'applyChange') throw new Error('expected a change');
    expect(last.change.removeTags).toEqual(expect.arrayContaining(['cd_sig_safety', 'cd_sev_l1']));
    expect(last.change.note?.body).toContain('the wall socket was at fault');
    const v = await (await call('GET', '/api/v1/tickets/zendesk/102/view')).json();
    expect(v.classification.severity ?? v.severity).toBeDefined();
    expect(v.correction).toMatchObject({ clearedSignals: ['safety'], reason: 'the wall socket was at fault' });
  });

  it('POST evidence validates and appends; the admin bundle needs the admin token', async () => {
    expect((await call('POST', '/api/v1/tickets/zendesk/101/evidence', { kind: 'selfie', description: 'x' })).status).toBe(400);
    expect((await call('POST', '/api/v1/tickets/zendesk/101/evidence', { kind: 'order_record' })).status).toBe(400);
    const ok = await call('POST', '/api/v1/tickets/zendesk/101/evidence', {
      kind: 'order_record',
      description: 'order 55 checked',
      attachment: { name: 'o.pdf', size: 12 },
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const v = await (await call('GET', '/api/v1/tickets/zendesk/101/view')).json();
    expect(v.evidence.items.map((i: { kind: string }) => i.kind)).toContain('order_record');
    expect((await call('GET', '/api/v1/evidence/zendesk/101', undefined, {})).status).toBe(401);
    const bundle = await call('GET', '/api/v1/evidence/zendesk/101', undefined, { authorization: `Bearer ${ADMIN}` });
    expect(bundle.status).toBe(200);
    const b = await bundle.json();
    expect(b.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['event', 'comment', 'item', 'action']));
  });

  it('GET evidence bundle: admin token, or app auth from a role ranked at or above the evidence review role', async () => {
    // Default policy: the review requirement names "supervisor" (rank 3); agent (1) and specialist (2) rank below.
    for (const role of ['agent', 'specialist', 'intern']) {
      const r = await call('GET', '/api/v1/evidence/zendesk/101', undefined, headers(role));
      expect([role, r.status]).toEqual([role, 403]);
      expect(JSON.stringify(await r.json())).toContain('exporting evidence needs role \\"supervisor\\" or a role ranked at or above it');
    }
    const asSupervisor = await call('GET', '/api/v1/evidence/zendesk/101', undefined, headers('supervisor'));
    expect(asSupervisor.status).toBe(200);
    const viaApp = await asSupervisor.json();
    const viaAdmin = await (await call('GET', '/api/v1/evidence/zendesk/101', undefined, { authorization: `Bearer ${ADMIN}` })).json();
    expect({ ...viaApp, exportedAt: null }).toEqual({ ...viaAdmin, exportedAt: null });
    const wrongKey = await call('GET', '/api/v1/evidence/zendesk/101', undefined, {
      ...headers('supervisor'),
      'x-complaint-desk-key': 'nope',
    });
    expect(wrongKey.status).toBe(401);
    expect(JSON.stringify(await wrongKey.json())).toContain('ADMIN_TOKEN');
    expect((await call('GET', '/api/v1/evidence/zendesk/101', undefined, { authorization: 'Bearer not-the-admin-token' })).status).toBe(
      401,
    );
  });

  it('POST remedy-approval: only a role covering the pending option decides; the view shows the decision', async () => {
    const path = '/api/v1/tickets/zendesk/101/remedy-approval';
    // Ticket 101 has "bottom" pending (chosen by an agent above); its order value is unknown, so only the top role (supervisor) decides.
    const asAgent = await call('POST', path, { decision: 'approved' }, headers('agent'));
    expect(asAgent.status).toBe(403);
    expect(JSON.stringify(await asAgent.json())).toContain('needs role \\"supervisor\\"');
    const bad = await call('POST', path, { decision: 'maybe' }, headers('supervisor'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('decision');
    expect((await call('POST', path, { decision: 'approved', extra: 1 }, headers('supervisor'))).status).toBe(400);
    const before = host.calls.length;
    const ok = await call('POST', path, { decision: 'approved', comment: 'goodwill' }, headers('supervisor'));
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ accepted: true, eventId: expect.stringMatching(/^agent:/) });
    await pipeline.idle();
    expect(host.calls.length).toBe(before + 1);
    const last = host.calls[host.calls.length - 1];
    if (last.op !== 'applyChange') throw new Error('expected a change');
    expect(Object.keys(last.change).sort()).toEqual(['note']);
    expect(last.change.note?.body).toContain('goodwill');
    const v = await (await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, headers('agent', 'en'))).json();
    expect(v.remedies.chosen).toMatchObject({
      rank: 'bottom',
      approval: 'approved',
      by: 'lin',
      decidedBy: 'lin',
      decidedAt: expect.any(String),
      comment: 'goodwill',
    });
    const again = await call('POST', path, { decision: 'declined' }, headers('supervisor'));
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain('no remedy waiting for approval');
  });

  it('GET view: every script variable the view knows is filled (missing intake fields, product, deadline)', async () => {
    const v = await (await call('GET', '/api/v1/tickets/zendesk/100/view', undefined, headers('agent', 'en'))).json();
    const guide = v.scripts.find((s: { id: string }) => s.id === 'guide');
    expect(guide.text).not.toContain('[missing_fields]');
    // The guide asks in customer wording (intake.fields.*.ask), never with the internal labels.
    for (const gap of v.intake) expect(guide.text).toContain(gap.ask);
    for (const gap of v.intake.filter((g: { label: string; ask: string }) => g.label !== g.ask))
      expect(guide.text).not.toContain(gap.label);
    // Ticket 100 has no product model on record: {{product}} takes the policy's fallback wording, no placeholder.
    for (const s of v.scripts) expect([s.id, s.text.match(/\[[a-z_]+\]/g)]).toEqual([s.id, null]);
    const withProduct = await (await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, headers('agent', 'zh-TW'))).json();
    expect(withProduct.scripts.length).toBeGreaterThan(0);
    for (const s of withProduct.scripts) expect([s.id, s.text.match(/\[[a-z_]+\]/g)]).toEqual([s.id, null]);
  });
});

describe('sidebar router: tickets without a complaint', () => {
  it('a follow-up task the connector created says what it is and which complaint it belongs to', async () => {
    db.prepare(
      `INSERT INTO outbox (host, ticket_id, op, payload, state, result, created_at, done_at) VALUES ('zendesk', '101', 'create_ticket', ?, 'done', ?, ?, ?)`,
    ).run(
      JSON.stringify({ op: 'create_ticket', ticket: { kind: 'follow_up', subject: 'x', body: 'y' } }),
      JSON.stringify({ id: '7001' }),
      new Date(T0).toISOString(),
      new Date(T0).toISOString(),
    );
    const r = await call('GET', '/api/v1/tickets/zendesk/7001/view');
    expect(r.status).toBe(404);
    const msg = (await r.json()).error.message as string;
    expect(msg).toContain('follow-up task');
    expect(msg).toContain('#101');
    expect(msg).not.toMatch(/webhook/);
  });

  it('a ticket it never heard of gets a message that says why and what to do', async () => {
    const r = await call('GET', '/api/v1/tickets/zendesk/7002/view');
    expect(r.status).toBe(404);
    const msg = (await r.json()).error.message as string;
    expect(msg).toContain('no record of ticket #7002');
    expect(msg).toContain('If new tickets do show up, nothing is wrong');
  });
});
