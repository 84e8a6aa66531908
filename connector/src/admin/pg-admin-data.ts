/**
 * The admin console's reads on PostgreSQL (the AdminData port, admin-data.ts). Dashboard aggregates and
 * percentiles are computed by the server (store/postgres/pg-admin-reads.ts): the event loop only awaits them and
 * shapes a small answer. Dry runs (CPU: model load, two classifications per ticket) run in the admin worker, which
 * reads the tickets through a pool of its own; evidence comes through the Store (entries, then the pure bundle).
 */
import { evidenceBundle, evidenceState } from '../evidence/evidence-state';
import { verifyBundle } from '../evidence/verify-bundle';
import type { PostgresStore } from '../store/postgres/open-postgres-store';
import {
  pgClusters,
  pgCorrectedTickets,
  pgFrozenTickets,
  pgHostActivity,
  pgLastErrors,
  pgQueueCounts,
  pgSeenHosts,
  pgWindow,
} from '../store/postgres/pg-admin-reads';
import type { Sql } from '../store/postgres/sql';
import type { AdminData } from './admin-data';
import type { HostHealth } from './collect-health';
import { pgDryRunTickets } from './pg-dry-run-tickets';
import { examplesOf, type CorrectedRow } from './retrain/correction-examples';
import { runDryRun } from './run-dry-run';
import type { AdminWorker } from './start-admin-worker';
import { series } from './ticket-facts';
import { validateCandidate } from './validate-candidate';
import { sumDayGroups, windowRates } from './window-totals';
import { localDay } from './zone-days';

const DAY_MS = 86_400_000;

export function pgAdminData(store: PostgresStore, worker: AdminWorker | null): AdminData {
  const sql: Sql = store.sql;
  return {
    async kpis(o) {
      const sinceDay = Math.floor(o.sinceMs / DAY_MS);
      const zone = o.timeZone ?? 'UTC';
      const w = await pgWindow(sql, sinceDay, new Date(o.now).toISOString(), o.topN ?? 10, o.listLimit ?? 100, {
        sinceIso: new Date(o.sinceMs).toISOString(),
        zone,
      });
      const today = localDay(zone, o.now);
      const sum = sumDayGroups(w.groups, w.overdueUnflagged);
      return {
        total: sum.total,
        firstResponse: w.firstResponse,
        resolution: w.resolution,
        ...windowRates(sum),
        csat: sum.csatN ? { n: sum.csatN, average: Math.round((sum.csatSum / sum.csatN) * 100) / 100, ...o.csatScale } : null,
        // The charts' days are the reader's calendar days (the groups' days and today alike).
        perCategory: series(w.groups, 'category', o.categories, today),
        perSeverity: series(w.groups, 'severity', o.severities, today),
        topBatches: w.batches,
        breachedNow: w.breachedNow,
        atRiskNow: w.atRiskNow,
      };
    },
    clusters: async () => (await pgClusters(sql)).map((c) => ({ ...c, members: (JSON.parse(c.members) as unknown[]).length })),
    async frozen(limit = 200) {
      const out = [];
      for (const t of await pgFrozenTickets(sql, limit)) {
        const entries = await store.evidence.entries(t.host, t.ticketId);
        const s = evidenceState(entries);
        out.push({
          ...t,
          frozenAt: s.frozenAt,
          headHash: s.headHash,
          items: s.items.length,
          verify: verifyBundle(evidenceBundle(t.host, t.ticketId, entries, new Date().toISOString())),
        });
      }
      return out;
    },
    bundle: async (host, ticketId, now) =>
      evidenceBundle(host, ticketId, await store.evidence.entries(host, ticketId), new Date(now).toISOString()),
    verify: (b) => verifyBundle(b),
    async health(now, configured) {
      const hosts = configured ?? (await pgSeenHosts(sql)).map((host) => ({ host, mode: 'REST API', limitPerMinute: null }));
      const minuteAgo = new Date(now - 60_000).toISOString();
      const out: HostHealth[] = [];
      for (const h of hosts) {
        const a = await pgHostActivity(sql, h.host, minuteAgo);
        const status = a.retrying
          ? 'retrying'
          : a.parked && (!a.lastSuccessAt || (a.lastError && a.lastError.at > a.lastSuccessAt))
            ? 'failing'
            : a.lastSuccessAt
              ? 'ok'
              : 'idle';
        out.push({
          ...h,
          status,
          lastSuccessAt: a.lastSuccessAt,
          lastError: a.lastError,
          callsLastMinute: a.callsLastMinute,
          headroomPerMinute: h.limitPerMinute == null ? null : Math.max(0, h.limitPerMinute - a.callsLastMinute),
        });
      }
      const lastErrors = (await pgLastErrors(sql)).sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '')).slice(0, 10);
      return { now: new Date(now).toISOString(), hosts: out, queue: await pgQueueCounts(sql, now), lastErrors };
    },
    async dryRun(job, inProcess) {
      if (worker) {
        const a = await worker.dryRun(job);
        return { status: a.status, body: a.bytes };
      }
      return runDryRun((n) => pgDryRunTickets(sql, n), job, inProcess);
    },
    async validate(job, activeJson) {
      const sent = { ...job, activeJson: await activeJson() };
      return worker ? worker.validate(sent) : validateCandidate(sent);
    },
    recentTickets: (limit) => pgDryRunTickets(sql, limit),
    corrections: async () => examplesOf((await pgCorrectedTickets(sql)) as unknown as CorrectedRow[]),
  };
}
