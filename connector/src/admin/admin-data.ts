/**
 * What the admin console reads from the store, as one async port with an implementation per backend:
 * SQLite (this file: the existing readers on the connector's database; aggregates and dry runs in the admin
 * worker's read-only connection) and PostgreSQL (pg-admin-data.ts: aggregates computed by the server, dry runs in
 * the admin worker with a pool of its own). The router (create-admin-router.ts) and the retrain router only see this.
 */
import type Database from 'better-sqlite3';
import type { LabelledTicket } from '../../../policies/src/training/train-model';
import type { Policy } from '../../../policies/src/types';
import type { EvidenceBundle } from '../evidence/evidence-types';
import { verifyBundle } from '../evidence/verify-bundle';
import { recentDryRunTickets } from './collect-facts';
import { collectHealth, type Health } from './collect-health';
import type { DryRunTicket } from './compute-dry-run';
import type { Kpis } from './compute-kpis';
import { defaultEvidencePort, frozenRecords, type EvidencePort, type FrozenRecord } from './list-evidence';
import { correctionExamples } from './retrain/correction-examples';
import { runDryRun, type DryRunJob } from './run-dry-run';
import type { AdminWorker } from './start-admin-worker';
import { kpisFromFacts, type WindowOptions } from './ticket-facts';
import { validateCandidate, type ValidateJob } from './validate-candidate';

export type HostMode = { host: string; mode: string; limitPerMinute: number | null };

export interface ClusterSummary {
  host: string;
  batch: string;
  problemTicketId: string | null;
  members: number;
  createdAt: string;
}

export interface AdminData {
  kpis(window: WindowOptions): Promise<Kpis>;
  clusters(): Promise<ClusterSummary[]>;
  frozen(limit?: number): Promise<FrozenRecord[]>;
  bundle(host: string, ticketId: string, now: number): Promise<EvidenceBundle | unknown>;
  verify(bundle: unknown): ReturnType<typeof verifyBundle>;
  /** `hosts`: the configured hosts, or null for the hosts seen in the store. */
  health(now: number, hosts: HostMode[] | null): Promise<Health>;
  /**
   * The dry run's status and JSON body. `inProcess`: the connector's prepared active policy, used when no worker runs
   * (then the report is computed on the event loop in slices).
   */
  dryRun(
    job: DryRunJob,
    inProcess: { active: Policy; prepare: (p: Policy) => Policy },
  ): Promise<{ status: number; body: string | Uint8Array }>;
  /**
   * The policy editor's check (validate-candidate.ts): the JSON body. `activeJson` gives the active version's stored
   * text when it has to be sent along (no worker, or a worker without the store).
   */
  validate(job: ValidateJob, activeJson: () => Promise<string>): Promise<string | Uint8Array>;
  /** The newest `limit` tickets as dry-run inputs (model dry runs). */
  recentTickets(limit: number): Promise<DryRunTicket[]>;
  /** Agents' corrections as labelled examples (retrain). */
  corrections(): Promise<LabelledTicket[]>;
}

export function sqliteAdminData(db: Database.Database, worker: AdminWorker | null, evidencePort?: EvidencePort): AdminData {
  const evidence = evidencePort ?? defaultEvidencePort(db);
  const hasClusters = () => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='clusters'").get();
  return {
    kpis: async (w) => (worker ? worker.dashboard(w) : kpisFromFacts(db, w)),
    async clusters() {
      if (!hasClusters()) return [];
      return (
        db
          .prepare(
            'SELECT host, batch, problem_ticket_id AS problemTicketId, members, created_at AS createdAt FROM clusters ORDER BY id DESC LIMIT 20',
          )
          .all() as (Omit<ClusterSummary, 'members'> & { members: string })[]
      ).map((c) => ({ ...c, members: (JSON.parse(c.members) as unknown[]).length }));
    },
    // Each record's chain is re-hashed (grows with the evidence kept): in the worker, unless a custom port was given.
    frozen: async (limit) => (worker && !evidencePort ? worker.evidence(limit) : frozenRecords(db, evidence, limit)),
    bundle: async (host, ticketId) => evidence.exportBundle(host, ticketId),
    verify: (b) => evidence.verifyBundle(b),
    health: async (now, hosts) => collectHealth(db, { now, hosts: hosts ?? storeHosts(db) }),
    async dryRun(job, inProcess) {
      if (worker) {
        const a = await worker.dryRun(job);
        return { status: a.status, body: a.bytes };
      }
      return runDryRun(async (n) => recentDryRunTickets(db, n), job, inProcess);
    },
    // The worker reads the active version from its own connection (once per id): only the candidate crosses.
    validate: async (job, activeJson) => (worker ? worker.validate(job) : validateCandidate({ ...job, activeJson: await activeJson() })),
    recentTickets: async (limit) => recentDryRunTickets(db, limit),
    corrections: async () => correctionExamples(db),
  };
}

/** Hosts seen in the store (when the caller did not say which hosts are configured). */
function storeHosts(db: Database.Database): HostMode[] {
  const seen = new Set<string>();
  for (const t of ['tickets', 'outbox']) {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?").get(t)) continue;
    for (const r of db.prepare(`SELECT DISTINCT host FROM ${t}`).all() as { host: string }[]) seen.add(r.host);
  }
  return [...seen].sort().map((host) => ({ host, mode: host === 'sandbox' ? 'sandbox (local tables)' : 'REST API', limitPerMinute: null }));
}
