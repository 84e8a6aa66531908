/** The sidebar API reads role names, the evidence review role and the history window from the policy. */
import type { RequestHandler } from 'express';
import { requireAdmin } from '../../../../../connector/src/auth/require-admin';
import { adjustableClock } from '../../../../../connector/src/clock';
import { createPipeline, type Pipeline } from '../../../../../connector/src/pipeline/create-pipeline';
import { openDatabase, type Db } from '../../../../../connector/src/store/open-database';
import type { Policy } from '../../../../../policies/src/types';
import { created } from '../../../../fixtures/connector-core/events';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';
import { recordingHost } from '../../../../fixtures/connector-core/recording-host';
import { serveSidebarRouter } from '../../../../fixtures/connector-core/serve-sidebar-router';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

const DAY = 86_400_000;
const label = (en: string) => ({ en, 'zh-CN': en, 'zh-TW': en });
/** Role names that are not the default ones (nor tier ids); the evidence review needs "manager". */
const renamed = (patch: (raw: Record<string, any>) => void = () => undefined) =>
  loadPolicy((raw) => {
    raw.remedies.roles = {
      clerk: { rank: 10, label: label('Clerk'), maxAmount: 100, maxPercent: 10, escalateTo: 'front_line' },
      lead: { rank: 20, label: label('Team lead'), maxAmount: 500, maxPercent: 30, escalateTo: 'specialist' },
      manager: { rank: 30, label: label('Complaints manager'), maxAmount: 5000, maxPercent: 100, escalateTo: 'supervisor' },
    };
    for (const r of raw.evidence.requirements) if (r.type === 'review') r.role = 'manager';
    if (raw.classification.review) raw.classification.review.downgradeRole = 'manager';
    patch(raw);
  });

const dir = tempDir();
let current: Policy = renamed();
let db: Db;
let served: { base: string; close(): Promise<void> };
let base: string;
let pipeline: Pipeline;

/** Sets the agent only when the test sends a role (no role = an auth that names no agent). */
const appAuth: RequestHandler = (req, res, next) => {
  const role = req.header('x-test-role');
  if (role) res.locals.agent = { id: `id-${role}`, name: role, role, locale: 'en' };
  next();
};
const call = (method: string, path: string, body?: unknown, role?: string) =>
  fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(role ? { 'x-test-role': role } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  db = openDatabase(dir.file('api-policy.db'));
  const clock = adjustableClock();
  clock.set(T0 + 60_000);
  const policyStore = { current: () => ({ policy: current, version: current.version, etag: '"x"', id: 1 }) };
  pipeline = createPipeline({ db, hosts: { zendesk: recordingHost() }, policyStore, clock });
  pipeline.ingest(created(ticket({ requester: { id: 'u1', name: '王女士' } })));
  pipeline.ingest(created(ticket({ id: '100', createdAt: new Date(T0 - 2 * DAY).toISOString(), requester: { id: 'u1', name: '王女士' } })));
  await pipeline.idle();
  served = await serveSidebarRouter({ db, policyStore, clock, pipeline, auth: { app: appAuth, admin: requireAdmin('admin-token-456') } });
  base = served.base;
});

afterAll(async () => {
  await pipeline.stop();
  await served.close();
  db.close();
  dir.cleanup();
});

describe('sidebar API: policy data, not names in code', () => {
  it('the requester history counts complaints within history.windowDays', async () => {
    const wide = await (await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, 'clerk')).json();
    expect(wide.history).toMatchObject({ count: 2, windowDays: current.history.windowDays });
    expect(wide.history.recent.map((r: { ticketId: string }) => r.ticketId)).toEqual(['100']);
    const before = current;
    current = renamed((raw) => {
      raw.history.windowDays = 1;
    });
    try {
      const narrow = await (await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, 'clerk')).json();
      expect(narrow.history).toEqual({ count: 1, windowDays: 1, recent: [] });
    } finally {
      current = before;
    }
  });

  it('without an agent from auth, the request acts as the lowest-ranked policy role (not a fixed name)', async () => {
    const res = await call('POST', '/api/v1/tickets/zendesk/101/remedy', { rank: 'first' });
    expect(res.status).toBe(202);
    await pipeline.idle();
    const v = await (await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, 'clerk')).json();
    expect(v.remedies.chosen).toMatchObject({ rank: 'first', by: 'unknown' });
    expect((await call('POST', '/api/v1/tickets/zendesk/101/remedy', { rank: 'first' }, 'agent')).status).toBe(403);
  });

  it('an evidence review is accepted only from the review role of evidence.requirements or a higher rank', async () => {
    for (const role of ['clerk', 'lead', 'intern']) {
      const r = await call('POST', '/api/v1/tickets/zendesk/101/evidence', { kind: 'review', description: 'looked at it' }, role);
      expect([role, r.status]).toEqual([role, 403]);
      expect(JSON.stringify(await r.json())).toContain('needs role \\"manager\\"');
    }
    const ok = await call(
      'POST',
      '/api/v1/tickets/zendesk/101/evidence',
      { kind: 'review', description: 'reviewed: consistent' },
      'manager',
    );
    expect(ok.status).toBe(201);
    const v = await (await call('GET', '/api/v1/tickets/zendesk/101/view', undefined, 'manager')).json();
    expect(v.evidence.requirements.find((r: { id: string }) => r.id === 'review')).toMatchObject({ met: true });
  });
});
