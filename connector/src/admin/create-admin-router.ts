/**
 * `/admin`: the console page (no secrets in it; it asks for the admin token and keeps it in sessionStorage)
 * and `/admin/api/*` behind `Authorization: Bearer ADMIN_TOKEN` (policy editor, dry run, activation,
 * history/rollback, dashboard KPIs, evidence, health). Mount at the app root after express.json().
 */
import express, { type RequestHandler } from 'express';
import path from 'node:path';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { CATEGORY_IDS, SEVERITY_IDS } from '../../../policies/src/ids';
import { readerZone } from '../../../policies/src/engine/reader-zone';
import { isValidTimeZone } from '../../../policies/src/schema/calendar';
import type { PolicyStore } from '../policy/create-policy-store';
import type { DryRunJob } from './run-dry-run';
import type { FactsStatus } from './recompute-facts';
import { windowStart } from './ticket-facts';
import { diffPolicies } from './compute-policy-diff';
import { renderAdminPage } from './render-admin-page';
import type { AdminData, HostMode } from './admin-data';

export interface AdminRouterDeps {
  /** The store's reads for the console (admin-data.ts: sqliteAdminData or pgAdminData). */
  data: AdminData;
  policyStore: Pick<PolicyStore, 'current' | 'activate' | 'history' | 'get' | 'rollback'> & Partial<Pick<PolicyStore, 'prepare'>>;
  clock: Clock;
  /** `requireAdmin(ADMIN_TOKEN)` from connector/src/auth. */
  requireAdmin: RequestHandler;
  /** Hosts this connector talks to, for Health (default: the hosts seen in the store). */
  hosts?: HostMode[];
  /** Repo root (dist/web is served from it); default process.cwd(). */
  rootDir?: string;
  /** The policy file's folder (model paths are relative to it): dry runs in the admin worker load models from it. */
  policyDir?: string;
  /** Whether stored facts are being recomputed for a new policy (shown on the dashboard). */
  factsStatus?: () => FactsStatus | Promise<FactsStatus>;
}

function candidateText(body: unknown): string {
  const text = (body as { text?: unknown })?.text;
  if (typeof text !== 'string')
    throw new AppError('invalid_request', 'send JSON {"text": "<policy JSON>"}', [{ path: 'text', message: 'required string' }]);
  return text;
}

export function createAdminRouter(deps: AdminRouterDeps): express.Router {
  const r = express.Router();
  const webDir = path.join(deps.rootDir ?? process.cwd(), 'dist', 'web');
  r.get('/admin/assets/uplot.min.css', (_req, res) => res.sendFile(require.resolve('uplot/dist/uPlot.min.css')));
  r.use('/admin/assets', express.static(webDir, { fallthrough: true }));
  r.get('/admin', (_req, res) => {
    res.type('html').send(renderAdminPage());
  });
  const api = express.Router();
  api.use(deps.requireAdmin);

  api.get('/policy', async (_req, res) => {
    const cur = deps.policyStore.current();
    const history = await deps.policyStore.history();
    res
      .set('ETag', cur.etag)
      .json({ id: cur.id, version: cur.version, etag: cur.etag, text: JSON.stringify(cur.policy, null, 2), history });
  });

  api.get('/policy/versions/:id', async (req, res) => {
    const v = await deps.policyStore.get(Number(req.params.id));
    if (!v) throw new AppError('not_found', `no policy version ${req.params.id}; see the version history`);
    res.json({ ...v.row, text: v.json, diff: diffPolicies(deps.policyStore.current().policy, JSON.parse(v.json)) });
  });

  // Parse, schema check and diff (15–30 ms a call, more under load) in the admin worker: the loop hands over strings.
  api.post('/policy/validate', async (req, res) => {
    const cur = deps.policyStore.current();
    const body = await deps.data.validate(
      { text: candidateText(req.body), activeId: cur.id },
      async () => (await deps.policyStore.get(cur.id))?.json ?? JSON.stringify(cur.policy),
    );
    res.type('json').send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });

  // The whole dry run (candidate validation, model load, tickets, report, JSON) runs in the admin worker: the event
  // loop only hands over the body's strings and sends the bytes back, so webhook acks keep flowing meanwhile.
  api.post('/policy/dry-run', async (req, res) => {
    const body = (req.body ?? {}) as { text?: unknown; limit?: unknown; jsonl?: unknown };
    if (typeof body.text !== 'string')
      throw new AppError('invalid_request', 'send JSON {"text": "<policy JSON>"}', [{ path: 'text', message: 'required string' }]);
    const cur = deps.policyStore.current();
    const job: DryRunJob = {
      text: body.text,
      jsonl: typeof body.jsonl === 'string' ? body.jsonl : undefined,
      limit: typeof body.limit === 'number' || typeof body.limit === 'string' ? body.limit : undefined,
      activeJson: (await deps.policyStore.get(cur.id))?.json ?? JSON.stringify(cur.policy),
      activeVersion: cur.version,
      policyDir: deps.policyDir ?? '',
      now: deps.clock.now(),
    };
    const a = await deps.data.dryRun(job, { active: cur.policy, prepare: (p) => deps.policyStore.prepare?.(p) ?? p });
    res
      .status(a.status)
      .type('json')
      .send(typeof a.body === 'string' ? a.body : Buffer.from(a.body.buffer, a.body.byteOffset, a.body.byteLength));
  });

  api.post('/policy/activate', async (req, res) => {
    const text = (req.body as { text?: unknown })?.text;
    if (typeof text !== 'string')
      throw new AppError('invalid_request', 'send JSON {"text": "<policy JSON>"}', [{ path: 'text', message: 'required string' }]);
    const result = await deps.policyStore.activate(text, 'admin', 'admin-console');
    if (!result.ok) {
      res.status(422).json({ ok: false, problems: result.problems });
      return;
    }
    res.json({ ok: true, id: result.id, version: result.version, unchanged: result.unchanged ?? false });
  });

  api.post('/policy/rollback/:id', async (req, res) => {
    const result = await deps.policyStore.rollback(Number(req.params.id), 'admin-console');
    if (!result.ok) {
      res.status(422).json({ ok: false, problems: result.problems });
      return;
    }
    res.json({ ok: true, id: result.id, version: result.version, unchanged: result.unchanged ?? false });
  });

  // KPIs over the last `days` whole days in the reader's zone, today included (default 30, at most 3660), from stored facts (admin/ticket-facts.ts): SQL aggregates,
  // no per-ticket SLA evaluation on the request path, so the time does not grow with all history.
  // With the admin worker the aggregates run there (their own connection), so no window size holds the event loop.
  api.get('/dashboard', async (req, res) => {
    const policy = deps.policyStore.current().policy;
    const now = deps.clock.now();
    const days = Math.min(3660, Math.max(1, Number(req.query.days) || 30));
    // One zone for the reader: `?tz=` (an IANA zone), else the one the policy names for agents; the charts' days are its days.
    const tz = typeof req.query.tz === 'string' && isValidTimeZone(req.query.tz) ? req.query.tz : readerZone(policy, 'agents');
    const window = {
      now,
      sinceMs: windowStart(now, days, tz),
      timeZone: tz,
      categories: CATEGORY_IDS,
      severities: SEVERITY_IDS,
      csatScale: policy.followUp.csatScale,
    };
    const kpis = await deps.data.kpis(window);
    const clusters = await deps.data.clusters();
    res.json({
      now: new Date(now).toISOString(),
      timeZone: tz,
      windowDays: days,
      policyVersion: deps.policyStore.current().version,
      facts: (await deps.factsStatus?.()) ?? null,
      kpis,
      clusters,
      labels: { categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, policy.categories[c].label.en])) },
    });
  });

  api.get('/evidence', async (_req, res) => {
    res.json({ records: await deps.data.frozen() });
  });

  api.get('/evidence/:host/:ticket/verify', async (req, res) => {
    const bundle = await deps.data.bundle(req.params.host, req.params.ticket, deps.clock.now());
    res.json(deps.data.verify(bundle));
  });

  api.get('/evidence/:host/:ticket/export', async (req, res) => {
    const bundle = await deps.data.bundle(req.params.host, req.params.ticket, deps.clock.now());
    const name = `evidence-${req.params.host}-${req.params.ticket}.json`.replace(/[^A-Za-z0-9._-]/g, '_');
    res
      .set('Content-Disposition', `attachment; filename="${name}"`)
      .type('application/json')
      .send(JSON.stringify(bundle, null, 2));
  });

  api.get('/health', async (_req, res) => {
    res.json(await deps.data.health(deps.clock.now(), deps.hosts ?? null));
  });

  r.use('/admin/api', api);
  return r;
}
