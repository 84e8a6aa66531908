/**
 * `/admin`: the console page (no secrets in it; it asks for the admin token and keeps it in sessionStorage)
 * and `/admin/api/*` behind `Authorization: Bearer ADMIN_TOKEN` (policy editor, dry run, activation,
 * history/rollback, dashboard KPIs, evidence, health). Mount at the app root after express.json().
 */
import express, { type RequestHandler } from 'express';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { CATEGORY_IDS, SEVERITY_IDS } from '../../../policies/src/ids';
import { readerZone } from '../../../policies/src/engine/reader-zone';
import { isValidTimeZone } from '../../../policies/src/schema/calendar';
import type { PolicyStore } from '../policy/create-policy-store';
import { collectHealth } from './collect-health';
import { runDryRun, type DryRunJob } from './run-dry-run';
import { validateCandidate, type ValidateJob } from './validate-candidate';
import type { AdminWorker } from './start-admin-worker';
import type { FactsStatus } from './recompute-facts';
import { kpisFromFacts, windowStart } from './ticket-facts';
import { diffPolicies } from './compute-policy-diff';
import { renderAdminPage } from './render-admin-page';
import { defaultEvidencePort, frozenRecords, type EvidencePort } from './list-evidence';

export interface AdminRouterDeps {
  db: Database.Database;
  policyStore: Pick<PolicyStore, 'current' | 'activate' | 'history' | 'get' | 'rollback'> & Partial<Pick<PolicyStore, 'prepare'>>;
  clock: Clock;
  /** `requireAdmin(ADMIN_TOKEN)` from connector/src/auth. */
  requireAdmin: RequestHandler;
  /** Default: the evidence module (connector/src/evidence) on `db`. */
  evidence?: EvidencePort;
  /** Hosts this connector talks to, for Health (default: the hosts seen in the store). */
  hosts?: { host: string; mode: string; limitPerMinute: number | null }[];
  /** Repo root (dist/web is served from it); default process.cwd(). */
  rootDir?: string;
  /**
   * Dry runs and dashboard aggregates off the event loop (start-admin-worker.ts); `policyDir` is the policy file's
   * folder (model paths are relative to it). Without it both run in-process (the dry run in slices).
   */
  offLoop?: { worker: AdminWorker; policyDir: string };
  /** Whether stored facts are being recomputed for a new policy (shown on the dashboard). */
  factsStatus?: () => FactsStatus;
}

function candidateText(body: unknown): string {
  const text = (body as { text?: unknown })?.text;
  if (typeof text !== 'string') throw new AppError('invalid_request', 'send JSON {"text": "<policy JSON>"}', [{ path: 'text', message: 'required string' }]);
  return text;
}

export function createAdminRouter(deps: AdminRouterDeps): express.Router {
  const r = express.Router();
  const evidence = deps.evidence ?? defaultEvidencePort(deps.db);
  const webDir = path.join(deps.rootDir ?? process.cwd(), 'dist', 'web');
  r.get('/admin/assets/uplot.min.css', (_req, res) => res.sendFile(require.resolve('uplot/dist/uPlot.min.css')));
  r.use('/admin/assets', express.static(webDir, { fallthrough: true }));
  r.get('/admin', (_req, res) => {
    res.type('html').send(renderAdminPage());
  });
  const api = express.Router();
  api.use(deps.requireAdmin);
  /** The active policy as stored (the text a worker validates once and keeps). */
  const activeJson = () => {
    const cur = deps.policyStore.current();
    return deps.policyStore.get(cur.id)?.json ?? JSON.stringify(cur.policy);
  };

  api.get('/policy', (_req, res) => {
    const cur = deps.policyStore.current();
    res.set('ETag', cur.etag).json({ id: cur.id, version: cur.version, etag: cur.etag, text: JSON.stringify(cur.policy, null, 2), history: deps.policyStore.history() });
  });

  api.get('/policy/versions/:id', (req, res) => {
    const v = deps.policyStore.get(Number(req.params.id));
    if (!v) throw new AppError('not_found', `no policy version ${req.params.id}; see the version history`);
    res.json({ ...v.row, text: v.json, diff: diffPolicies(deps.policyStore.current().policy, JSON.parse(v.json)) });
  });

  // Parse, schema check and diff (15–30 ms a call, more under load) in the admin worker: the loop hands over strings.
  api.post('/policy/validate', async (req, res) => {
    const job: ValidateJob = { text: candidateText(req.body), activeId: deps.policyStore.current().id };
    if (deps.offLoop) {
      // The worker reads the active version from its own connection (once per version): only the candidate crosses.
      const bytes = await deps.offLoop.worker.validate(job);
      res.type('json').send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return;
    }
    res.type('json').send(validateCandidate({ ...job, activeJson: activeJson() }));
  });

  // The whole dry run (candidate validation, model load, tickets, report, JSON) runs in the admin worker: the event
  // loop only hands over the body's strings and sends the bytes back, so webhook acks keep flowing meanwhile.
  api.post('/policy/dry-run', async (req, res) => {
    const body = (req.body ?? {}) as { text?: unknown; limit?: unknown; jsonl?: unknown };
    if (typeof body.text !== 'string') throw new AppError('invalid_request', 'send JSON {"text": "<policy JSON>"}', [{ path: 'text', message: 'required string' }]);
    const cur = deps.policyStore.current();
    const job: DryRunJob = {
      text: body.text, jsonl: typeof body.jsonl === 'string' ? body.jsonl : undefined, limit: typeof body.limit === 'number' || typeof body.limit === 'string' ? body.limit : undefined,
      activeJson: deps.offLoop ? activeJson() : '', activeVersion: cur.version, policyDir: deps.offLoop?.policyDir ?? '', now: deps.clock.now(),
    };
    if (deps.offLoop) {
      const a = await deps.offLoop.worker.dryRun(job);
      res.status(a.status).type('json').send(Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength));
      return;
    }
    const a = await runDryRun(deps.db, job, { active: cur.policy, prepare: (p) => deps.policyStore.prepare?.(p) ?? p });
    res.status(a.status).type('json').send(a.body);
  });

  api.post('/policy/activate', (req, res) => {
    const text = (req.body as { text?: unknown })?.text;
    if (typeof text !== 'string') throw new AppError('invalid_request', 'send JSON {"text": "<policy JSON>"}', [{ path: 'text', message: 'required string' }]);
    const result = deps.policyStore.activate(text, 'admin', 'admin-console');
    if (!result.ok) {
      res.status(422).json({ ok: false, problems: result.problems });
      return;
    }
    res.json({ ok: true, id: result.id, version: result.version, unchanged: result.unchanged ?? false });
  });

  api.post('/policy/rollback/:id', (req, res) => {
    const result = deps.policyStore.rollback(Number(req.params.id), 'admin-console');
    if (!result.ok) {
      res.status(422).json({ ok: false, problems: result.problems });
      return;
    }
    res.json({ ok: true, id: result.id, version: result.version, unchanged: result.unchanged ?? false });
  });

  // KPIs over the last `days` whole UTC days, today included (default 30, at most 3660), from stored facts (admin/ticket-facts.ts): SQL aggregates,
  // no per-ticket SLA evaluation on the request path, so the time does not grow with all history.
  // With the admin worker the aggregates run there (their own connection), so no window size holds the event loop.
  api.get('/dashboard', async (req, res) => {
    const policy = deps.policyStore.current().policy;
    const now = deps.clock.now();
    const days = Math.min(3660, Math.max(1, Number(req.query.days) || 30));
    const window = { now, sinceMs: windowStart(now, days), categories: CATEGORY_IDS, severities: SEVERITY_IDS, csatScale: policy.followUp.csatScale };
    const kpis = deps.offLoop ? await deps.offLoop.worker.dashboard(window) : kpisFromFacts(deps.db, window);
    const clusters = deps.db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='clusters'").get()
      ? (deps.db.prepare('SELECT host, batch, problem_ticket_id AS problemTicketId, members, created_at AS createdAt FROM clusters ORDER BY id DESC LIMIT 20').all() as { members: string }[])
        .map((c) => ({ ...c, members: (JSON.parse(c.members) as unknown[]).length }))
      : [];
    // One zone for the reader: `?tz=` (an IANA zone), else the one the policy names for agents.
    const tz = typeof req.query.tz === 'string' && isValidTimeZone(req.query.tz) ? req.query.tz : readerZone(policy, 'agents');
    res.json({ now: new Date(now).toISOString(), timeZone: tz, windowDays: days, policyVersion: deps.policyStore.current().version, facts: deps.factsStatus?.() ?? null, kpis, clusters,
      labels: { categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, policy.categories[c].label.en])) } });
  });

  // Each listed record's chain is re-hashed (cost grows with the evidence kept): in the worker, unless a custom port was given.
  api.get('/evidence', async (_req, res) => {
    if (deps.offLoop && !deps.evidence) {
      const bytes = await deps.offLoop.worker.evidence();
      res.type('json').send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return;
    }
    res.json({ records: frozenRecords(deps.db, evidence) });
  });

  api.get('/evidence/:host/:ticket/verify', (req, res) => {
    const bundle = evidence.exportBundle(req.params.host, req.params.ticket);
    res.json(evidence.verifyBundle(bundle));
  });

  api.get('/evidence/:host/:ticket/export', (req, res) => {
    const bundle = evidence.exportBundle(req.params.host, req.params.ticket);
    const name = `evidence-${req.params.host}-${req.params.ticket}.json`.replace(/[^A-Za-z0-9._-]/g, '_');
    res.set('Content-Disposition', `attachment; filename="${name}"`).type('application/json').send(JSON.stringify(bundle, null, 2));
  });

  api.get('/health', (_req, res) => {
    res.json(collectHealth(deps.db, { now: deps.clock.now(), hosts: deps.hosts ?? storeHosts(deps.db) }));
  });

  r.use('/admin/api', api);
  return r;
}

/** Hosts seen in the store (when the caller did not say which hosts are configured). */
function storeHosts(db: Database.Database): { host: string; mode: string; limitPerMinute: number | null }[] {
  const seen = new Set<string>();
  for (const t of ['tickets', 'outbox']) {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?").get(t)) continue;
    for (const r of db.prepare(`SELECT DISTINCT host FROM ${t}`).all() as { host: string }[]) seen.add(r.host);
  }
  return [...seen].sort().map((host) => ({ host, mode: host === 'sandbox' ? 'sandbox (local tables)' : 'REST API', limitPerMinute: null }));
}
