/**
 * `/sandbox` pages (server-rendered; forms post and redirect), the JSON API the sandbox sidebar adapter
 * reads (`GET /sandbox/api/tickets/:id`), the built sidebar at `/sandbox/app/` and the page scripts.
 * Mount at the app root: every path here starts with /sandbox.
 */
import express, { type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { AdjustableClock } from '../clock';
import { AppError } from '../errors';
import type { Policy, PriorityId, StatusId } from '../../../policies/src/types';
import type { SandboxHelpdesk } from './create-sandbox-helpdesk';
import type { IdleReport } from '../pipeline/pipeline-deps';
import { SignJWT } from 'jose';
import { defaultSamplesFile, loadSamples } from './load-samples';
import { applyFilters, pageZone, renderListPage, type ListFilters } from './render-list-page';
import { customFieldKeys, renderNewPage } from './render-new-page';
import { renderTicketPage } from './render-ticket-page';
import { createTicketStates } from './ticket-states';
// The sandbox sidebar acts as the policy's lowest-ranked remedy role unless `?role=` names another.
import { lowestRole } from '../../../policies/src/engine';

export interface SandboxRouterDeps {
  db: Database.Database;
  host: SandboxHelpdesk;
  pipeline: { runDue(): Promise<void>; idle?(opts?: { timeoutMs?: number }): Promise<IdleReport> };
  /** How long a fast-forward waits for the work it caused before answering with what is still pending (default 5 s). */
  clockIdleMs?: number;
  clock: AdjustableClock;
  getPolicy: () => Policy;
  /** The key the sandbox sidebar sends as X-Complaint-Desk-Key (APP_SHARED_SECRET). */
  appSharedSecret: string;
  /** Repo root (dist/ and ../shared are resolved from it); default process.cwd(). */
  rootDir?: string;
  samplesFile?: string;
  logger?: { info(o: object, msg?: string): void; warn(o: object, msg?: string): void };
}

const SIDEBAR_TOKEN_SECONDS = 3600;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const back = (url: string, key: 'notice' | 'error', text: string) =>
  `${url}${url.includes('?') ? '&' : '?'}${key}=${encodeURIComponent(text)}`;

export function createSandboxRouter(deps: SandboxRouterDeps): express.Router {
  const root = deps.rootDir ?? process.cwd();
  const appDir = path.join(root, 'dist', 'sandbox-app');
  const webDir = path.join(root, 'dist', 'web');
  const samplesFile = deps.samplesFile ?? defaultSamplesFile(root);
  const states = createTicketStates(deps.db);
  const r = express.Router();
  const form = express.urlencoded({ extended: false, limit: '256kb' });
  const nowIso = () => new Date(deps.clock.now()).toISOString();

  r.use('/sandbox/app', express.static(appDir, { index: 'index.html', fallthrough: true }));
  r.use('/sandbox/assets', express.static(webDir, { fallthrough: true }));
  r.get('/sandbox/assets/uplot.min.css', (_req, res) => res.sendFile(require.resolve('uplot/dist/uPlot.min.css')));

  r.get('/sandbox', (req: Request, res: Response) => {
    const policy = deps.getPolicy();
    const q = req.query;
    const f: ListFilters = {
      q: str(q.q),
      status: str(q.status),
      category: str(q.category),
      severity: str(q.severity),
      sla: str(q.sla),
      tier: str(q.tier),
    };
    const now = deps.clock.now();
    const rows = deps.host.list({ q: f.q, status: f.status }).map((ticket) => ({ ticket, state: states(ticket, policy, now) }));
    res.type('html').send(
      renderListPage({
        rows: applyFilters(rows, f),
        filters: f,
        policy,
        notice: str(q.notice),
        error: str(q.error),
        nowIso: nowIso(),
        offsetMs: deps.clock.offsetMs(),
        zone: pageZone(q.tz, policy),
      }),
    );
  });

  r.get('/sandbox/new', (_req, res) => {
    res.type('html').send(renderNewPage(deps.getPolicy()));
  });

  r.post('/sandbox/tickets', form, (req, res) => {
    const b = (req.body ?? {}) as Record<string, string>;
    const policy = deps.getPolicy();
    const fields: Record<string, string> = {};
    for (const f of customFieldKeys(policy)) {
      const v = str(b[`field_${f.key}`])?.trim();
      if (v) fields[f.key] = v;
    }
    try {
      const { id } = deps.host.createComplaint({
        subject: b.subject ?? '',
        description: b.description ?? '',
        channel: str(b.channel)?.trim() || undefined,
        fields,
        locale: str(b.locale),
        requester: { name: b.requester_name, email: b.requester_email, phone: b.requester_phone },
      });
      res.redirect(303, `/sandbox/tickets/${id}?notice=${encodeURIComponent(`Complaint #${id} created; the connector is processing it.`)}`);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      res
        .status(e.status)
        .type('html')
        .send(renderNewPage(policy, e.message, b));
    }
  });

  r.post('/sandbox/samples', (_req, res) => {
    const policy = deps.getPolicy();
    const out = loadSamples(deps.db, deps.host, samplesFile, policy.sla.onlineChannels[0]);
    const text = out.missing
      ? `No sample file at ${samplesFile}; nothing loaded.`
      : `Loaded ${out.loaded} sample complaints${out.skipped ? `, ${out.skipped} already here` : ''}${out.invalid ? `, ${out.invalid} unreadable lines skipped` : ''}.`;
    res.redirect(303, back('/sandbox', 'notice', text));
  });

  r.get('/sandbox/tickets/:id', (req, res) => {
    const t = deps.host.ticket(req.params.id);
    if (!t) throw new AppError('not_found', `sandbox ticket ${req.params.id} does not exist`);
    const policy = deps.getPolicy();
    const q = req.query;
    res.type('html').send(
      renderTicketPage({
        ticket: t,
        state: states(t, policy, deps.clock.now()),
        policy,
        nowIso: nowIso(),
        offsetMs: deps.clock.offsetMs(),
        zone: pageZone(q.tz, policy),
        notice: str(q.notice),
        error: str(q.error),
        sidebar: {
          available: existsSync(path.join(appDir, 'index.html')),
          locale: str(q.locale) ?? t.locale ?? policy.defaultLocale,
          agent: str(q.agent) || 'Sandbox agent',
          role: str(q.role) ?? lowestRole(policy),
          tz: str(q.tz) ?? '',
        },
      }),
    );
  });

  const guarded = (fn: (req: Request, id: string) => string) => (req: Request, res: Response) => {
    const id = String(req.params.id);
    const keep = new URLSearchParams();
    for (const k of ['agent', 'role', 'locale', 'tz']) if (typeof req.query[k] === 'string') keep.set(k, req.query[k] as string);
    const page = `/sandbox/tickets/${id}${keep.size ? `?${keep.toString()}` : ''}`;
    try {
      res.redirect(303, back(page, 'notice', fn(req, id)));
    } catch (e) {
      if (!(e instanceof AppError) || e.code === 'not_found') throw e;
      res.redirect(303, back(page, 'error', e.message));
    }
  };

  r.post(
    '/sandbox/tickets/:id/comments',
    form,
    guarded((req, id) => {
      const b = (req.body ?? {}) as Record<string, string>;
      const author = b.author === 'customer' ? 'customer' : 'agent';
      deps.host.addComment(id, {
        body: b.body ?? '',
        public: b.visibility !== 'internal',
        author,
        authorName: author === 'agent' ? 'Sandbox agent' : undefined,
      });
      return b.visibility === 'internal' ? 'Internal note added.' : 'Reply sent.';
    }),
  );

  r.post(
    '/sandbox/tickets/:id/properties',
    form,
    guarded((req, id) => {
      const b = (req.body ?? {}) as Record<string, string>;
      if (b.status) deps.host.setStatus(id, b.status as StatusId);
      if (b.priority) deps.host.setPriority(id, b.priority as PriorityId);
      return 'Ticket updated.';
    }),
  );

  r.post(
    '/sandbox/tickets/:id/tags',
    form,
    guarded((req, id) => {
      const tags = String((req.body ?? {}).tags ?? '')
        .split(/[\s,]+/)
        .filter(Boolean);
      const bad = tags.find((t) => !/^[A-Za-z0-9_\-:./]{1,80}$/.test(t));
      if (bad) throw new AppError('invalid_request', `tag "${bad}" is not allowed: use 1-80 letters, digits, _ - : . / and no spaces`);
      const { added, removed } = deps.host.setTags(id, tags);
      return `Tags saved (${added.length} added, ${removed.length} removed).`;
    }),
  );

  r.post(
    '/sandbox/tickets/:id/csat',
    form,
    guarded((req, id) => {
      const raw = String((req.body ?? {}).csat ?? '').trim();
      const score = raw === '' ? Number.NaN : Number(raw);
      deps.host.recordCsat(id, score);
      return `CSAT answer ${score} recorded.`;
    }),
  );

  r.post('/sandbox/clock', form, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, string>;
    const target = str(b.back)?.startsWith('/sandbox') ? String(b.back) : '/sandbox';
    const num = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : 0);
    const hours = num(b.hours);
    const minutes = num(b.minutes);
    const totalMin = hours * 60 + minutes;
    if (!Number.isFinite(totalMin) || hours < 0 || minutes < 0 || totalMin < 1 || totalMin > 720 * 60) {
      res.redirect(
        303,
        back(target, 'error', 'Fast-forward needs hours and/or minutes: at least 1 minute, at most 720 hours, no negative numbers.'),
      );
      return;
    }
    deps.clock.advance(Math.round(totalMin * 60_000));
    await deps.pipeline.runDue();
    // Bounded: a host that never answers must not hold the request (or the page) open.
    const report = deps.pipeline.idle ? await deps.pipeline.idle({ timeoutMs: deps.clockIdleMs ?? 5000 }) : null;
    deps.logger?.info(
      { minutes: totalMin, offsetMs: deps.clock.offsetMs(), idle: report?.idle ?? null, pending: report?.pending },
      'sandbox clock fast-forwarded',
    );
    const p = report?.pending;
    const still =
      report && !report.idle && p
        ? ` Still pending: ${p.inbox} events to process, ${p.outbox} host calls (${p.inFlight} in flight), ${p.fetches} ticket fetches; they continue in the background.`
        : '';
    const said =
      totalMin % 60 === 0
        ? `${totalMin / 60} h`
        : totalMin < 60
          ? `${Math.round(totalMin * 10) / 10} min`
          : `${Math.floor(totalMin / 60)} h ${Math.round((totalMin % 60) * 10) / 10} min`;
    res.redirect(303, back(target, 'notice', `Clock moved forward ${said}; due timers ran.${still}`));
  });

  r.get('/sandbox/api/tickets/:id', (req, res) => {
    const t = deps.host.ticket(req.params.id);
    if (!t) throw new AppError('not_found', `sandbox ticket ${req.params.id} does not exist`);
    res.json(t);
  });

  r.get('/sandbox/api/tickets', (req, res) => {
    const policy = deps.getPolicy();
    const now = deps.clock.now();
    res.json({
      tickets: deps.host.list({ q: str(req.query.q), status: str(req.query.status) }).map((t) => ({ ...t, state: states(t, policy, now) })),
    });
  });

  // The sandbox sidebar asks for a short-lived token (wall-clock expiry) instead of carrying APP_SHARED_SECRET in
  // its URL. Sandbox only: it never runs beside real host credentials and listens on 127.0.0.1 unless HOST says otherwise.
  const sidebarKey = new TextEncoder().encode(deps.appSharedSecret);
  r.get('/sandbox/api/sidebar-token', async (req, res) => {
    const agent = (str(req.query.agent) ?? 'Sandbox agent').slice(0, 200);
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + SIDEBAR_TOKEN_SECONDS;
    const claims = { name: agent, role: str(req.query.role), locale: str(req.query.locale) };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(agent)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(sidebarKey);
    res.set('Cache-Control', 'no-store').json({ token, expiresAt: new Date(exp * 1000).toISOString() });
  });

  r.get('/sandbox/api/clock', (_req, res) => {
    res.json({ now: nowIso(), offsetMs: deps.clock.offsetMs() });
  });
  return r;
}
