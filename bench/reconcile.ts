/**
 * `reconcile`: host API calls per reconciled ticket. 300 known tickets on a real SQLite file through the real
 * pipeline; then 200 change on the host, of which 150 webhooks arrive and 50 are lost. One reconciliation run lists
 * the changed tickets and feeds only the unseen ones through the inbox. Calls are counted as each host's client
 * makes them: a listing page = 1 (Zendesk incremental export / Freshdesk updated_since, 100 a page), a re-read =
 * Zendesk 2 (ticket + comments), Freshdesk 1 (ticket with conversations). Baseline, same run: re-reading every
 * listed ticket (what a cursor without the seen check would do).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adjustableClock } from '../connector/src/clock';
import type { ChangedTicket, HostClient } from '../connector/src/hosts/host-client';
import { createPipeline } from '../connector/src/pipeline/create-pipeline';
import { runReconcile } from '../connector/src/reconcile/run-reconcile';
import { openDatabase } from '../connector/src/store/open-database';
import { parsePolicy } from '../policies/src/validate-policy';
import type { Policy, Ticket } from '../policies/src/types';
import type { BenchRow } from './print-table';

const KNOWN = 300;
const CHANGED = 200;
const LOST = 50;

function countingHost(host: 'zendesk' | 'freshdesk', changed: () => ChangedTicket[], readCost: number) {
  const h: HostClient & { calls: number } = {
    host,
    calls: 0,
    async getTicket(id: string): Promise<Ticket> {
      h.calls += readCost;
      return {
        host,
        id,
        subject: `Ticket ${id}`,
        description: 'The kettle lid broke.',
        status: 'pending',
        tags: [],
        fields: {},
        comments: [],
        createdAt: new Date(Date.now() - 3_600_000).toISOString(),
      };
    },
    async applyChange() {
      /* processing writes are not what this bench counts */
    },
    async createTicket() {
      return { id: '1' };
    },
    async listChanged(cursor: string | null) {
      h.calls++;
      const all = changed();
      const from = cursor ? Number(cursor) : 0;
      const page = all.slice(from, from + 100);
      return { tickets: page, cursor: String(from + page.length), done: from + page.length >= all.length };
    },
  };
  return h;
}

async function measure(host: 'zendesk' | 'freshdesk', policy: Policy, readCost: number): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-reconcile-'));
  const db = openDatabase(`sqlite:${path.join(dir, 'r.db')}`);
  const clock = adjustableClock();
  const t0 = Date.now() - 30 * 60_000;
  let changed: ChangedTicket[] = [];
  const client = countingHost(host, () => changed, readCost);
  const pipeline = createPipeline({
    db,
    hosts: { [host]: client },
    policyStore: { current: () => ({ policy, version: policy.version }) },
    clock,
  });
  const at = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < KNOWN; i++) {
    const id = String(1000 + i);
    pipeline.ingest({
      host,
      eventId: `c-${id}`,
      ticketId: id,
      occurredAt: at(t0),
      receivedAt: at(t0),
      event: {
        kind: 'ticket.created',
        ticket: { host, id, subject: `Ticket ${id}`, description: 'The kettle lid broke.', createdAt: at(t0), status: 'open', tags: [] },
      },
    });
  }
  await pipeline.idle();
  const changedAt = Date.now() + 10_000; // after the connector's own writes to these tickets
  changed = Array.from({ length: CHANGED }, (_, i) => ({ id: String(1000 + i), updatedAt: at(changedAt + i), status: 'pending' as const }));
  for (const t of changed.slice(LOST))
    pipeline.ingest({
      host,
      eventId: `s-${t.id}`,
      ticketId: t.id,
      occurredAt: t.updatedAt,
      receivedAt: t.updatedAt,
      event: { kind: 'status.changed', status: 'pending' },
    });
  await pipeline.idle();
  client.calls = 0;
  const [counts] = await runReconcile({
    db,
    hosts: { [host]: client },
    now: () => Date.now() + 20_000,
    lookbackMs: 3_600_000,
    maxTicketsPerRun: 1000,
  });
  await pipeline.idle();
  const ours = client.calls;
  const pages = counts.pages;
  const naive = pages + CHANGED * readCost;
  await pipeline.stop();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const recovered = counts.refreshed + counts.bootstrapped;
  return [
    {
      bench: 'reconcile',
      subject: `${host}: ${CHANGED} changed, ${LOST} webhooks lost`,
      metric: 'tickets recovered',
      value: recovered,
      unit: 'tickets',
      target: `= ${LOST}`,
      pass: recovered === LOST,
    },
    {
      bench: 'reconcile',
      subject: `${host}: calls per reconciled ticket`,
      metric: 'calls / recovered ticket',
      value: +(ours / Math.max(1, recovered)).toFixed(2),
      unit: 'calls',
      baseline: 're-read every listed ticket',
      ratio: +(ours / naive).toFixed(3),
    },
    {
      bench: 'reconcile',
      subject: `${host}: re-read every listed ticket (baseline)`,
      metric: 'calls / recovered ticket',
      value: +(naive / Math.max(1, recovered)).toFixed(2),
      unit: 'calls',
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const root =
    [__dirname, process.cwd()]
      .map((d) => {
        for (let x = d; x !== path.dirname(x); x = path.dirname(x)) if (fs.existsSync(path.join(x, 'policies/default.json'))) return x;
        return null;
      })
      .find(Boolean) ?? process.cwd();
  const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
  if (!parsed.ok) throw new Error('default policy invalid');
  return [...(await measure('zendesk', parsed.policy, 2)), ...(await measure('freshdesk', parsed.policy, 1))];
}
