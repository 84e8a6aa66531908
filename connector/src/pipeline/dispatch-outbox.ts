/**
 * Sends pending outbox rows to the hosts, oldest first and strictly in order per ticket (tickets run
 * concurrently; each host client rate-limits itself). Retryable failures are rescheduled with
 * backoff; permanent/not_found are parked, logged with their code and counted.
 */
import type { HostClient, TicketChange } from '../hosts/host-client';
import { HostError } from '../hosts/host-client';
import { resolveProblemId } from '../decide/decide-cluster';
import type { OutboxRow } from '../store/outbox-repo';
import type { Store } from '../store/store';
import type { PipelineLogger, PipelineMetrics } from './pipeline-deps';

export interface DispatchDeps {
  store: Store;
  /** This process's name in claims and leases (unique per process). */
  owner: string;
  /** How long a claimed outbox row stays ours before another process may take it (covers one host call). */
  claimMs: number;
  hosts: Partial<Record<string, HostClient>>;
  logger: PipelineLogger;
  metrics?: PipelineMetrics;
  /** Wall clock for retry scheduling and claims (operational, not business time). */
  wallNow: () => number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** True once shutdown gave up waiting for in-flight calls: their late results are not written (the store may be closed). */
  abandoned?: () => boolean;
  /** A call was rescheduled for `wallMs` (the pipeline wakes then instead of waiting for its safety poll). */
  onRetryAt?: (wallMs: number) => void;
}

const PARK_CODES = new Set(['permanent', 'not_found']);

/** The idempotency key of a create_ticket row: what it creates, for which ticket, and the row itself. */
export function createKey(row: OutboxRow): string {
  const kind = row.payload.op === 'create_ticket' ? row.payload.ticket.kind : row.payload.op;
  return `${kind}:${row.ticketId}:${row.id}`;
}

/** The row's change with the cluster's problem id filled in; null while the problem ticket does not exist yet. */
async function readyChange(deps: DispatchDeps, row: OutboxRow): Promise<TicketChange | null> {
  if (row.payload.op !== 'apply_change') return null;
  if (row.payload.clusterId == null) return row.payload.change;
  const problemId = (await deps.store.clusters.byId(row.payload.clusterId))?.problemTicketId;
  return problemId ? resolveProblemId(row.payload.change, problemId) : null;
}

/**
 * Claims one host's due heads (oldest first; other hosts' rows never get in the way) and returns those that can
 * go now. A claimed row is this process's until `claimMs` passes: no other process sends it meanwhile.
 */
export async function readyRowsOf(deps: DispatchDeps, host: string, limit: number): Promise<OutboxRow[]> {
  const rows = await deps.store.outbox.claimHeads(deps.owner, deps.wallNow(), deps.claimMs, limit, host);
  const out: OutboxRow[] = [];
  for (const r of rows) if (await isReady(deps, r)) out.push(r);
  return out;
}

/** Links to a problem ticket that failed for good are parked; links waiting for it stay pending. */
async function isReady(deps: DispatchDeps, r: OutboxRow): Promise<boolean> {
  if (r.payload.op === 'create_ticket' || (await readyChange(deps, r))) return true;
  if (r.payload.clusterId != null && (await deps.store.outbox.clusterCreateState(r.payload.clusterId)) === 'parked') {
    await deps.store.outbox.park(
      r.id,
      'problem_not_created',
      'the cluster problem ticket could not be created (see the parked create_ticket row)',
    );
    deps.metrics?.permanentFailures.inc({ host: r.host, code: 'problem_not_created' });
  }
  return false;
}

/** Sends one row; a failure is recorded and rescheduled (next_attempt_at) or parked, never awaited in a loop. */
export async function sendRow(deps: DispatchDeps, row: OutboxRow): Promise<void> {
  const { store, logger } = deps;
  const client = deps.hosts[row.host];
  const log = logger.child({ outboxId: row.id, host: row.host, ticketId: row.ticketId, op: row.payload.op });
  if (!client) {
    await store.outbox.park(row.id, 'no_host', `no client configured for host "${row.host}"`);
    deps.metrics?.permanentFailures.inc({ host: row.host, code: 'no_host' });
    log.error({ code: 'no_host' }, 'outbox row parked: host not configured');
    return;
  }
  // Counted before the call: a process that dies mid-call leaves attempts > 0, so whoever sends the row
  // again does it as a retry (note marker / idempotency key checked on the host first).
  await store.outbox.startAttempt(row.id);
  const retry = row.attempts > 0;
  try {
    if (row.payload.op === 'apply_change') {
      await client.applyChange(row.ticketId, (await readyChange(deps, row))!, { retry });
      if (deps.abandoned?.()) return;
      await store.outbox.markDone(row.id, new Date(deps.wallNow()).toISOString());
    } else {
      // A stable reference per outbox row: on a retry the host looks it up and returns the ticket an earlier,
      // ambiguous attempt already made instead of creating a second one.
      const ticket = { ...row.payload.ticket, idempotencyKey: row.payload.ticket.idempotencyKey ?? createKey(row) };
      const { id } = await client.createTicket(ticket, { retry });
      if (deps.abandoned?.()) return;
      const clusterId = row.payload.clusterId;
      await store.transaction(async (tx) => {
        await tx.outbox.markDone(row.id, new Date(deps.wallNow()).toISOString(), { id });
        if (clusterId != null) await tx.clusters.setProblem(clusterId, id);
      });
    }
  } catch (e) {
    if (deps.abandoned?.()) return;
    const code = e instanceof HostError ? e.code : 'network';
    const message = e instanceof Error ? e.message : String(e);
    if (PARK_CODES.has(code) || row.attempts + 1 >= deps.maxAttempts) {
      await store.outbox.park(row.id, code, message);
      deps.metrics?.permanentFailures.inc({ host: row.host, code });
      log.error(
        { code, status: e instanceof HostError ? e.status : undefined, attempts: row.attempts + 1 },
        'outbox row parked: host call failed permanently',
      );
      return;
    }
    const backoff = Math.min(deps.retryMaxMs, deps.retryBaseMs * 2 ** row.attempts) * (0.5 + Math.random() / 2);
    const wait = e instanceof HostError && e.retryAfterMs != null ? Math.max(e.retryAfterMs, 0) : backoff;
    await store.outbox.reschedule(row.id, deps.wallNow() + wait, code, message);
    deps.onRetryAt?.(deps.wallNow() + wait);
    deps.metrics?.retries.inc({ host: row.host });
    log.warn({ code, retryInMs: Math.round(wait), attempts: row.attempts + 1 }, 'host call failed; will retry');
  }
}
