/**
 * The sidebar API, mounted by the edge at `/api/v1`: ticket view, remedy, remedy-approval, remedy-rejected,
 * evidence, correction, and the evidence bundle (admin token or a reviewer's app auth). Actions that change
 * the host go through the inbox.
 */
import { randomUUID } from 'node:crypto';
import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { APPROVAL_DECISIONS, CATEGORY_IDS, REMEDY_RANKS, SEVERITY_IDS, SIGNAL_IDS } from '../../../policies/src/ids';
import type { HostId, Locale } from '../../../policies/src/types';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Agent, AgentAction } from '../decide/agent-action';
import type { PolicyStoreLike, Pipeline } from '../pipeline/create-pipeline';
import { checkApprover } from '../decide/decide-remedy';
import { checkDowngrade } from '../decide/check-downgrade';
import { isEvidenceReviewer, lowestRole, readerZone, reviewRank } from '../../../policies/src/engine';
import { canonicalZone, displayFor } from '../../../policies/src/engine/display-format';
import { evidenceBundle, evidenceState } from '../evidence/evidence-state';
import type { Db } from '../store/open-database';
import { createSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import {
  CLAIMED_IDENTITY,
  privilegedGate,
  privilegedIdentityProblem,
  type PrivilegedAction,
  type PrivilegedIdentityRule,
} from '../auth/privileged-identity';
import { adminOrReviewer } from './admin-or-reviewer';
import { parseBody } from './parse-body';
import { viewFor } from './view-for';

export interface SidebarRouterDeps {
  /** The store (any backend); omitted: a SQLite store over `db`. */
  store?: Store;
  db?: Db;
  policyStore: PolicyStoreLike;
  clock: Clock;
  pipeline: Pick<Pipeline, 'ingestAsync'>;
  /** `app`: requireAppAuth (sets res.locals.agent); `admin`: requireAdmin. */
  auth: { app: RequestHandler; admin: RequestHandler };
  /** Which agent identity privileged actions need per host (default: the claimed one; the connector passes its config). */
  privilegedIdentity?: PrivilegedIdentityRule;
}

const HOSTS = ['zendesk', 'freshdesk', 'sandbox'] as const;
const remedyBody = z.strictObject({ rank: z.enum(REMEDY_RANKS) });
const emptyBody = z.strictObject({});
const approvalBody = z.strictObject({ decision: z.enum(APPROVAL_DECISIONS), comment: z.string().trim().max(2000).optional() });
const correctionBody = z
  .strictObject({
    category: z.enum(CATEGORY_IDS).optional(),
    severity: z.enum(SEVERITY_IDS).optional(),
    clearSignals: z.array(z.enum(SIGNAL_IDS)).max(6).optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
    confirm: z.literal(true).optional(),
  })
  .refine((b) => b.category || b.severity || b.clearSignals?.length || b.confirm, {
    message: 'send category, severity, clearSignals and/or confirm: true',
  });
const attachment = z.strictObject({
  name: z.string().trim().min(1).max(255),
  size: z.number().int().nonnegative().optional(),
  contentType: z.string().max(100).optional(),
  url: z.url().max(2000).optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256')
    .optional(),
});
const evidenceBody = z.strictObject({
  kind: z.string().min(1).max(64),
  description: z.string().trim().min(1).max(2000),
  attachment: attachment.optional(),
});

export function createSidebarRouter(deps: SidebarRouterDeps): Router {
  const router = Router();
  if (!deps.store && !deps.db) throw new Error('createSidebarRouter needs a store (or a SQLite db)');
  const store = deps.store ?? createSqliteStore(deps.db!);

  const load = async (hostValue: string | string[], idValue: string | string[]) => {
    const hostParam = String(hostValue);
    const id = String(idValue);
    if (!(HOSTS as readonly string[]).includes(hostParam))
      throw new AppError('not_found', `unknown host "${hostParam}"; use one of ${HOSTS.join(', ')}`);
    const p = await store.tickets.get(hostParam, id);
    if (!p) {
      const made = await store.outbox.findCreated(hostParam, id);
      if (made) {
        const what = made.kind === 'follow_up' ? 'the follow-up task' : made.kind === 'problem' ? 'the batch problem ticket' : 'a task';
        throw new AppError(
          'not_found',
          `This is ${what} Complaint Desk created for complaint #${made.aboutTicketId}: it has no complaint of its own. Open ticket #${made.aboutTicketId} for the classification, clocks and scripts.`,
        );
      }
      throw new AppError(
        'not_found',
        `Complaint Desk has no record of ticket #${id}: it was created before Complaint Desk was set up, or its "ticket created" webhook has not arrived yet. If new tickets do show up, nothing is wrong; if none do, check the webhook setup.`,
      );
    }
    return p;
  };
  /** The authenticated agent; without one (auth set no agent) the least-privileged role of the policy. */
  const agentOf = (res: Response): Agent => {
    if (res.locals.agent) return res.locals.agent;
    const { policy } = deps.policyStore.current();
    return { id: 'unknown', name: 'unknown', role: lowestRole(policy), locale: policy.defaultLocale };
  };
  const rule = deps.privilegedIdentity ?? CLAIMED_IDENTITY;
  /** Refuses a privileged action whose agent id the ticket's host did not vouch for (privileged-identity.ts). */
  const needVouchedId = (host: string, agent: Agent, action: PrivilegedAction) => {
    const problem = privilegedIdentityProblem(rule, host, agent, action);
    if (problem) throw new AppError('forbidden', problem);
  };
  const enqueue = async (host: HostId, ticketId: string, event: AgentAction) => {
    const at = new Date(deps.clock.now()).toISOString();
    const eventId = `agent:${randomUUID()}`;
    await deps.pipeline.ingestAsync({ host, eventId, ticketId, occurredAt: at, receivedAt: at, event });
    return { accepted: true, eventId };
  };

  router.get('/tickets/:host/:id/view', deps.auth.app, async (req, res) => {
    const p = await load(req.params.host, req.params.id);
    const agent = agentOf(res);
    const view = await viewFor(p, { store, policyStore: deps.policyStore, now: deps.clock.now(), agent });
    const gate = privilegedGate(rule, p.host, agent);
    // The agent's zone as the host names it (unchecked in the browser), else the policy's zone for agents.
    const zone = canonicalZone(req.query.cd_zone) ?? readerZone(deps.policyStore.current().policy, 'agents');
    res.json({ ...view, ...(gate ? { privileged: gate } : {}), display: displayFor(view, view.locale, zone) });
  });

  router.post('/tickets/:host/:id/remedy', deps.auth.app, async (req, res) => {
    const p = await load(req.params.host, req.params.id);
    const body = parseBody(remedyBody, req.body);
    const agent = agentOf(res);
    const roles = deps.policyStore.current().policy.remedies.roles;
    if (!Object.prototype.hasOwnProperty.call(roles, agent.role)) {
      throw new AppError(
        'forbidden',
        `role "${agent.role}" cannot choose remedies; the policy defines roles ${Object.keys(roles).join(', ')} (send one in X-Complaint-Desk-Role or the JWT "role" claim)`,
      );
    }
    res.status(202).json(await enqueue(p.host, p.id, { kind: 'agent.remedy', rank: body.rank, agent: agentOf(res) }));
  });

  router.post('/tickets/:host/:id/remedy-approval', deps.auth.app, async (req, res) => {
    const p = await load(req.params.host, req.params.id);
    const body = parseBody(approvalBody, req.body);
    const agent = agentOf(res);
    const { policy } = deps.policyStore.current();
    needVouchedId(p.host, agent, 'approving a remedy');
    const check = checkApprover(p, policy, agent.role, deps.clock.now(), agent.locale as Locale);
    if (!check.ok) throw new AppError(check.code, check.message);
    res.status(202).json(
      await enqueue(p.host, p.id, {
        kind: 'agent.remedy_decision',
        decision: body.decision,
        ...(body.comment ? { comment: body.comment } : {}),
        agent,
      }),
    );
  });

  router.post('/tickets/:host/:id/remedy-rejected', deps.auth.app, async (req, res) => {
    const p = await load(req.params.host, req.params.id);
    parseBody(emptyBody, req.body ?? {});
    res.status(202).json(await enqueue(p.host, p.id, { kind: 'agent.remedy_rejected', agent: agentOf(res) }));
  });

  router.post('/tickets/:host/:id/correction', deps.auth.app, async (req, res) => {
    const p = await load(req.params.host, req.params.id);
    const body = parseBody(correctionBody, req.body);
    const agent = agentOf(res);
    // Clearing safety or lowering a forced severity: refused up front unless role and reason allow it.
    const check = checkDowngrade(deps.policyStore.current().policy, p, { ...body, agent });
    if (check.ok && check.downgrade) needVouchedId(p.host, agent, 'clearing a safety signal or lowering a forced severity');
    if (!check.ok) throw new AppError(check.code, check.message);
    res.status(202).json(await enqueue(p.host, p.id, { kind: 'agent.correction', ...body, agent }));
  });

  router.post('/tickets/:host/:id/evidence', deps.auth.app, async (req, res) => {
    const p = await load(req.params.host, req.params.id);
    const body = parseBody(evidenceBody, req.body);
    const { policy } = deps.policyStore.current();
    const agent = agentOf(res);
    const isReview = body.kind === 'review';
    if (!isReview && !policy.evidence.itemKinds[body.kind]) {
      throw new AppError('invalid_request', `unknown evidence kind "${body.kind}"`, [
        { path: 'kind', message: `use one of: ${[...Object.keys(policy.evidence.itemKinds), 'review'].join(', ')}` },
      ]);
    }
    if (isReview) {
      needVouchedId(p.host, agent, 'recording an evidence review');
      // a review counts only from the policy's evidence review role or a higher-ranked one: refuse others up front
      const need = reviewRank(policy);
      if (need && !isEvidenceReviewer(policy, agent.role)) {
        throw new AppError(
          'forbidden',
          `recording an evidence review needs role "${need.role}" or a role ranked at or above it (remedies.roles, evidence.requirements of type "review"); your role is "${agent.role}"`,
        );
      }
    }
    if (evidenceState(await store.evidence.entries(p.host, p.id)).frozen)
      throw new AppError('conflict', `the evidence of ticket ${p.host}/${p.id} is frozen; nothing can be added`);
    const at = new Date(deps.clock.now()).toISOString();
    const entry = isReview
      ? { type: 'review' as const, at, by: agent.id, data: { role: agent.role, description: body.description } }
      : {
          type: 'item' as const,
          at,
          by: agent.id,
          data: { kind: body.kind, description: body.description, ...(body.attachment ? { attachment: body.attachment } : {}) },
        };
    res.status(201).json(await store.evidence.append(p.host, p.id, entry));
  });

  router.get(
    '/evidence/:host/:ticket',
    adminOrReviewer(deps.auth, () => deps.policyStore.current().policy),
    async (req, res) => {
      const p = await load(req.params.host, req.params.ticket);
      // res.locals.admin: the admin token, trusted in full; otherwise a reviewer's app auth, whose id must be vouched.
      if (!res.locals.admin) needVouchedId(p.host, agentOf(res), 'exporting evidence');
      res.json(evidenceBundle(p.host, p.id, await store.evidence.entries(p.host, p.id), new Date().toISOString()));
    },
  );

  return router;
}
