/** /admin and /admin/api over real HTTP on a started connector (sandbox mode): auth, policy editor API, dry run, evidence, health. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEvidenceLog } from '../../../connector/src/evidence/create-evidence-log';
import type { RunningConnector } from '../../../connector/src/start-connector';
import { ADMIN_TOKEN, ROOT, startSandbox } from './helpers/start-sandbox';

let c: RunningConnector & { stop(): Promise<void> };
beforeAll(async () => {
  c = await startSandbox();
});
afterAll(async () => {
  await c?.stop();
});

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const get = (p: string, headers: Record<string, string> = auth) => fetch(`${c.url}/admin/api${p}`, { headers });
const post = (p: string, body: unknown) =>
  fetch(`${c.url}/admin/api${p}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const defaultText = () => readFileSync(path.join(ROOT, 'policies/default.json'), 'utf8');

describe('/admin', () => {
  it('serves the console page without any secret in it, and the API only with the admin token', async () => {
    const page = await (await fetch(`${c.url}/admin`)).text();
    expect(page).toContain('data-testid="token-form"');
    expect(page).not.toContain(ADMIN_TOKEN);
    expect((await get('/policy', {})).status).toBe(401);
    expect((await get('/policy', { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    const ok = await get('/policy');
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.version).toBe(c.policyStore.current().version);
    expect(JSON.parse(body.text).severities.L2.respondWithinMinutes).toBe(240);
    expect(body.history).toHaveLength(1);
  });

  it('validates with JSON paths, diffs against the active policy', async () => {
    const bad = JSON.parse(defaultText());
    bad.severities.L2.respondWithinMinutes = 'soon';
    const r = await (await post('/policy/validate', { text: JSON.stringify(bad) })).json();
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ path: 'severities.L2.respondWithinMinutes' });
    const broken = await (await post('/policy/validate', { text: '{"version": ' })).json();
    expect(broken.problems[0].message).toMatch(/invalid JSON/);
    const good = JSON.parse(defaultText());
    good.severities.L2.respondWithinMinutes = 120;
    const d = await (await post('/policy/validate', { text: JSON.stringify(good) })).json();
    expect(d.diff.changes).toEqual([{ path: 'severities.L2.respondWithinMinutes', kind: 'changed', before: 240, after: 120 }]);
    const missing = await post('/policy/validate', {});
    expect(missing.status).toBe(400);
  });

  it('dry-runs a candidate over recent tickets and over an uploaded JSONL', async () => {
    // A plainly L2 complaint (a function abnormal, still usable), so the L2 change moves its deadline.
    c.sandbox!.createComplaint({
      subject: '音箱有杂音',
      description: '音箱蓝牙经常断开,每隔几分钟就要重新连接一次,功能不正常但还能用。',
      channel: 'phone',
    });
    c.sandbox!.createComplaint({ subject: '电饭煲漏电', description: '电饭煲插上电以后摸外壳会麻手,怀疑漏电。', channel: 'phone' });
    await c.pipeline.idle();
    const cand = JSON.parse(defaultText());
    cand.severities.L2.respondWithinMinutes = 120;
    const recent = await (await post('/policy/dry-run', { text: JSON.stringify(cand), limit: 10 })).json();
    expect(recent).toMatchObject({
      ok: true,
      source: 'recent',
      report: { total: 2, changedTickets: 1, totals: { deadline: 1, category: 0, severity: 0 } },
    });
    expect(recent.report.rows[0]).toMatchObject({ host: 'sandbox', subject: '音箱有杂音', before: { severity: 'L2' } });
    const jsonl = readFileSync(path.join(__dirname, '../../fixtures/sandbox/dry-run-upload.jsonl'), 'utf8');
    const up = await (await post('/policy/dry-run', { text: JSON.stringify(cand), jsonl })).json();
    expect(up.source).toBe('upload');
    expect(up.report.total).toBe(3);
    expect(up.report.changedTickets).toBe(2);
    expect(up.uploadProblems).toEqual([{ line: 4, message: expect.stringMatching(/not JSON/) }]);
    const invalid = await post('/policy/dry-run', { text: '{}' });
    expect(invalid.status).toBe(422);
  });

  it('refuses a bad activation (running policy stays), activates a good one, keeps history and rolls back', async () => {
    const before = c.policyStore.current().version;
    const bad = JSON.parse(defaultText());
    bad.severities.L2.respondWithinMinutes = -5;
    const refused = await post('/policy/activate', { text: JSON.stringify(bad) });
    expect(refused.status).toBe(422);
    expect((await refused.json()).problems[0].path).toBe('severities.L2.respondWithinMinutes');
    expect(c.policyStore.current().version).toBe(before);
    const good = JSON.parse(defaultText());
    good.severities.L2.respondWithinMinutes = 120;
    good.version = `${before}-it`;
    const ok = await (await post('/policy/activate', { text: JSON.stringify(good) })).json();
    expect(ok).toMatchObject({ ok: true, version: `${before}-it`, unchanged: false });
    expect(c.policyStore.current().policy.severities.L2.respondWithinMinutes).toBe(120);
    const { history } = await (await get('/policy')).json();
    expect(history.map((h: { version: string; active: boolean }) => [h.version, h.active])).toEqual([
      [`${before}-it`, true],
      [before, false],
    ]);
    const v1 = await (await get(`/policy/versions/${history[1].id}`)).json();
    expect(v1.diff.changes.map((x: { path: string }) => x.path)).toEqual(['version', 'severities.L2.respondWithinMinutes']);
    const rb = await (await post(`/policy/rollback/${history[1].id}`, {})).json();
    expect(rb).toMatchObject({ ok: true, version: before });
    expect(c.policyStore.current().policy.severities.L2.respondWithinMinutes).toBe(240);
    expect((await post('/policy/rollback/9999', {})).status).toBe(404);
  });

  it('lists frozen evidence with its verification and exports the bundle as a download', async () => {
    const { id } = c.sandbox!.createComplaint({
      subject: 'Pay me or I post everywhere',
      description: 'Pay me 10x or I will post it everywhere.',
      channel: 'phone',
    });
    await c.pipeline.idle();
    const log = createEvidenceLog(c.db);
    log.append('sandbox', id, { type: 'item', at: new Date().toISOString(), by: 'agent', data: { kind: 'order_record' } });
    log.freeze('sandbox', id, 'supervisor', new Date().toISOString());
    const list = await (await get('/evidence')).json();
    expect(list.records).toHaveLength(1);
    expect(list.records[0]).toMatchObject({ host: 'sandbox', ticketId: id, subject: 'Pay me or I post everywhere', verify: { ok: true } });
    const exp = await get(`/evidence/sandbox/${id}/export`);
    expect(exp.headers.get('content-disposition')).toBe(`attachment; filename="evidence-sandbox-${id}.json"`);
    const bundle = await exp.json();
    expect(bundle.entries.length).toBe(list.records[0].verify.entries);
    expect(await (await get(`/evidence/sandbox/${id}/verify`)).json()).toMatchObject({ ok: true });
  });

  it('reports health (hosts, queue, errors) and dashboard counts', async () => {
    const h = await (await get('/health')).json();
    expect(h.hosts.map((x: { host: string }) => x.host)).toContain('sandbox');
    expect(h.queue).toMatchObject({ inboxPending: 0, inboxFailed: 0, outboxParked: 0 });
    expect(Array.isArray(h.lastErrors)).toBe(true);
    const d = await (await get('/dashboard')).json();
    expect(d.kpis.total).toBe(3);
    expect(
      d.kpis.perSeverity.series.map((s: { label: string; values: number[] }) => [s.label, s.values.reduce((a, b) => a + b, 0)]),
    ).toEqual([
      ['L1', 1],
      ['L2', 2],
      ['L3', 0],
    ]); // the learned layer puts the bare extortion threat at L2
  });
});
