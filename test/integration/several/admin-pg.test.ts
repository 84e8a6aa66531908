/**
 * The admin console on PostgreSQL, over real HTTP on two connector PROCESSES (the bundled `npm start` entry)
 * sharing one real database: the page, dashboard KPIs from facts the pipeline stores in PostgreSQL, health,
 * evidence, the model panel's corrections, a dry run over the stored tickets (in the admin worker, with its own
 * pool), and one policy version history for both: a version activated on replica A runs on replica B within
 * seconds, and a rollback on B runs on A. A model retrained on A (each replica has its own MODELS_DIR, as on two
 * machines) is a candidate on B, and a replica started later without the file loads it from the database.
 * On the old code every /admin path answered 503 on PostgreSQL and each process kept its own history.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledSuite } from '../faults/bundled-suite';
import { ADMIN_TOKEN, DEFAULT_POLICY, ROOT, waitUntil, zendeskCreated, zendeskEnv, type Launched } from '../faults/fault-kit';
import { describePostgres } from '../../support/postgres-server';
import { pgRows, post, settled } from './replica-kit';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const get = async (base: string, p: string) => {
  const r = await fetch(`${base}${p}`, { headers: admin });
  return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() };
};
const postJson = async (base: string, p: string, body: unknown) => {
  const r = await fetch(`${base}${p}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
};
const policyText = (version: string) => JSON.stringify({ ...JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8')), version });
const TICKETS = [501, 502, 503, 504, 505, 506];

describePostgres('the admin console on PostgreSQL, two connector processes', () => {
  const suite = bundledSuite('cd-admin-pg-', { postgres: true });
  let url: string;
  let a: Launched;
  let b: Launched;
  /** A replica with its own models folder (as on its own machine), a small training corpus and short training. */
  const launch = async (name: string) => {
    const { dir, zd } = suite;
    return suite.launch(
      zendeskEnv('unused.db', zd.url, {
        DATABASE_URL: url,
        LOG_LEVEL: 'warn',
        MODELS_DIR: join(dir, `${name}-models`),
        TRAINING_CORPUS: join(dir, 'corpus.jsonl'),
        TRAINING_EPOCHS: '5',
      }),
    );
  };

  beforeAll(async () => {
    const { dir, pg } = suite;
    writeFileSync(
      join(dir, 'corpus.jsonl'),
      readFileSync(join(ROOT, 'policies/training/train.jsonl'), 'utf8')
        .split('\n')
        .filter((l, i) => l.trim() && i % 100 === 0)
        .join('\n') + '\n',
    );
    url = await pg.createDatabase();
    a = await launch('a');
    b = await launch('b');
    for (const [i, id] of TICKETS.entries()) expect(await post([a.url, b.url][i % 2], zendeskCreated(id))).toBe(202);
    await waitUntil(() => settled(url), 'every event processed and sent', 60_000);
  }, 120_000);

  it('serves the console page and its API instead of 503', async () => {
    const page = await fetch(`${a.url}/admin`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect((await fetch(`${a.url}/admin/api/health`)).status).toBe(401);
    const health = await get(b.url, '/admin/api/health');
    expect(health.status).toBe(200);
    expect(health.body.queue).toMatchObject({ inboxPending: 0, outboxPending: 0 });
    expect(health.body.hosts).toEqual([
      expect.objectContaining({ host: 'zendesk', limitPerMinute: expect.any(Number), callsLastMinute: expect.any(Number) }),
    ]);
    expect(health.body.hosts[0].lastSuccessAt ?? health.body.hosts[0].lastError).not.toBeNull();
    const evidence = await get(a.url, '/admin/api/evidence');
    expect(evidence).toEqual({ status: 200, body: { records: [] } });
    const bundle = await get(a.url, `/admin/api/evidence/zendesk/${TICKETS[0]}/verify`);
    expect(bundle.status).toBe(200);
    expect(bundle.body.ok).toBe(true);
    expect(bundle.body.entries).toBeGreaterThan(0);
    const model = await get(b.url, '/admin/api/model');
    expect(model.status).toBe(200);
    expect(model.body.corrections).toBe(0);
  });

  it('counts the processed tickets on the dashboard of either replica (facts stored in PostgreSQL)', async () => {
    const rows = await pgRows<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM ticket_facts');
    expect(Number(rows[0].n)).toBe(TICKETS.length);
    for (const base of [a.url, b.url]) {
      const d = await get(base, '/admin/api/dashboard?days=3660');
      expect(d.status).toBe(200);
      expect(d.body.kpis.total).toBe(TICKETS.length);
      expect(
        d.body.kpis.perCategory.series.reduce((n: number, s: { values: number[] }) => n + s.values.reduce((x, y) => x + y, 0), 0),
      ).toBe(TICKETS.length);
    }
  });

  it('dry-runs a candidate over the tickets stored in PostgreSQL', async () => {
    const candidate = JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8'));
    candidate.version = 'dry-run-candidate';
    const r = await postJson(a.url, '/admin/api/policy/dry-run', { text: JSON.stringify(candidate), limit: 100 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, source: 'recent', candidateVersion: 'dry-run-candidate' });
    expect(r.body.report.total).toBe(TICKETS.length);
    expect(r.body.report.errors).toEqual([]);
    const bad = await postJson(b.url, '/admin/api/policy/dry-run', { text: '{"version": 1}' });
    expect(bad.status).toBe(422);
  });

  it('checks a candidate in the policy editor (the admin worker gets the active policy from the server)', async () => {
    const candidate = JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8'));
    candidate.severities.L2.respondWithinMinutes = 120;
    const r = await postJson(a.url, '/admin/api/policy/validate', { text: JSON.stringify(candidate) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ok: true,
      diff: { changes: [{ path: 'severities.L2.respondWithinMinutes', kind: 'changed', before: 240, after: 120 }] },
    });
    const bad = await postJson(b.url, '/admin/api/policy/validate', { text: '{"version": 1}' });
    expect(bad.status).toBe(200);
    expect(bad.body.ok).toBe(false);
  });

  it('shares one policy history: activated on A runs on B, rolled back on B runs on A', async () => {
    const before = (await get(a.url, '/admin/api/policy')).body as { id: number; version: string };
    const act = await postJson(a.url, '/admin/api/policy/activate', { text: policyText('2026.12.1-shared') });
    expect(act).toMatchObject({ status: 200, body: { ok: true, version: '2026.12.1-shared', unchanged: false } });
    // B switches within seconds (NOTIFY at commit; the 5 s poll behind it).
    const t0 = Date.now();
    await waitUntil(
      async () => (await get(b.url, '/admin/api/policy')).body.version === '2026.12.1-shared',
      'replica B runs the version activated on A',
      15_000,
    );
    const switchMs = Date.now() - t0;
    if (process.env.CD_SHOW) process.stderr.write(`replica B switched ${switchMs} ms after A's activation answered\n`);
    const onB = (await get(b.url, '/admin/api/policy')).body as { id: number; history: { id: number; version: string; active: boolean }[] };
    expect(onB.id).toBe(act.body.id);
    expect(onB.history[0]).toMatchObject({ id: act.body.id, version: '2026.12.1-shared', active: true });
    expect(onB.history.filter((h) => h.active)).toHaveLength(1);
    // Every version's text is readable on every replica.
    const v = await get(b.url, `/admin/api/policy/versions/${before.id}`);
    expect(v.status).toBe(200);
    expect(v.body.version).toBe(before.version);

    const back = await postJson(b.url, '/admin/api/policy/rollback/' + before.id, {});
    expect(back).toMatchObject({ status: 200, body: { ok: true, version: before.version } });
    await waitUntil(
      async () => (await get(a.url, '/admin/api/policy')).body.version === before.version,
      'replica A runs the version B rolled back to',
      15_000,
    );
    const stored = await pgRows<{ version: string; source: string }>(url, 'SELECT version, source FROM policy_versions WHERE active = 1');
    expect(stored).toEqual([{ version: before.version, source: 'rollback' }]);
    // Activating the same text twice is one version, on whichever replica.
    const again = await postJson(a.url, '/admin/api/policy/activate', { text: policyText(before.version) });
    expect(again.body.unchanged).toBe(true);
  });

  it("recomputes every ticket's stored deadlines on one replica after a policy change on another", async () => {
    const minutesToDue = async () =>
      (
        await pgRows<{ created_at: string; due_at: string }>(
          url,
          'SELECT created_at, due_at FROM ticket_facts WHERE due_at IS NOT NULL ORDER BY ticket_id',
        )
      ).map((f) => Math.round((Date.parse(f.due_at) - Date.parse(f.created_at)) / 60_000));
    const before = await minutesToDue();
    expect(before).toHaveLength(TICKETS.length);
    const current = (await get(a.url, '/admin/api/policy')).body as { id: number; text: string; version: string };
    const slower = JSON.parse(current.text);
    slower.version = `${slower.version}-slower`;
    for (const s of Object.values(slower.severities) as Record<string, number>[]) {
      for (const k of ['firstAcknowledgeWithinMinutes', 'respondWithinMinutes', 'resolveWithinMinutes'])
        if (typeof s[k] === 'number') s[k] *= 2;
    }
    const act = await postJson(b.url, '/admin/api/policy/activate', { text: JSON.stringify(slower) });
    expect(act.body.ok).toBe(true);
    const stale = async () =>
      Number(
        (await pgRows<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM ticket_facts WHERE policy_id IS DISTINCT FROM $1', [act.body.id]))[0]
          .n,
      );
    await waitUntil(async () => (await stale()) === 0, "every ticket's facts computed under the new version", 20_000);
    expect(await minutesToDue()).toEqual(before.map((m) => m * 2));
    const back = await postJson(a.url, `/admin/api/policy/rollback/${current.id}`, {});
    expect(back.body.ok).toBe(true);
    await waitUntil(
      async () =>
        Number(
          (
            await pgRows<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM ticket_facts WHERE policy_id IS DISTINCT FROM $1', [back.body.id])
          )[0].n,
        ) === 0,
      'facts recomputed after the rollback',
      20_000,
    );
    expect(await minutesToDue()).toEqual(before);
  });

  it('shares retrained models: trained on A, a candidate on B, loaded from the database by a replica without the file', async () => {
    const { dir } = suite;
    if (!existsSync(join(ROOT, 'dist/node/train-worker.js'))) throw new Error('dist/ is not built: run `npm run build` before this test');
    const trained = await postJson(a.url, '/admin/api/model/retrain', {});
    expect(trained.status).toBe(200);
    const id = trained.body.candidate.id as string;
    expect(trained.body.candidate.file).toBe(join(dir, 'a-models', `triage-model-${id}.json`));
    const onB = await get(b.url, '/admin/api/model');
    expect(onB.body.candidates.map((c: { id: string }) => c.id)).toContain(id);
    expect(existsSync(join(dir, 'b-models', `triage-model-${id}.json`))).toBe(true);
    const act = await postJson(b.url, `/admin/api/model/candidates/${id}/activate`, {});
    expect(act.status).toBe(200);
    await waitUntil(
      async () => (await get(a.url, '/admin/api/policy')).body.id === act.body.id,
      'replica A runs the model activated on B',
      15_000,
    );
    // A third replica on another "machine": B's copy is gone; it writes the pinned model from the database and loads it.
    rmSync(join(dir, 'b-models'), { recursive: true, force: true });
    const c = await launch('c');
    const model = await get(c.url, '/admin/api/model');
    expect(model.body.active).toEqual({ file: join(dir, 'c-models', `triage-model-${id}.json`), sha256: trained.body.candidate.sha256 });
    expect(c.output()).not.toContain('classification model not loaded');
  }, 120_000);
});
