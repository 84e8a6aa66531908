/**
 * `host-calls`: host calls per processed event over a mixed workload (creates, agent and customer comments,
 * status changes incl. pause/solve/reopen, tag changes incl. the malicious tag, SLA and follow-up timers)
 * through the real pipeline on a real SQLite file and a counting host. Baseline, counted in the same run
 * from the same decisions: a naive strategy making one call per action (each tag, priority, group, field,
 * note, link, created ticket). Target ≤ 1.0 call per event.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePolicy } from '../policies/src/validate-policy';
import { adjustableClock } from '../connector/src/clock';
import type { InboxEvent, NormalizedEvent } from '../connector/src/events/normalized-event';
import type { HostClient, TicketChange } from '../connector/src/hosts/host-client';
import { createPipeline } from '../connector/src/pipeline/create-pipeline';
import { openDatabase } from '../connector/src/store/open-database';
import type { BenchRow } from './print-table';
import { repoRoot } from './repo-root';

const TICKETS = 200;
const M = 60_000;
const H = 60 * M;

function countingHost(): HostClient & { calls: number; naive: number } {
  const actions = (c: TicketChange) =>
    (c.addTags?.length ?? 0) +
    (c.removeTags?.length ?? 0) +
    (c.priority ? 1 : 0) +
    (c.group ? 1 : 0) +
    (c.status ? 1 : 0) +
    Object.keys(c.fields ?? {}).length +
    (c.note ? 1 : 0) +
    (c.problemId ? 1 : 0);
  const h = {
    host: 'zendesk' as const,
    calls: 0,
    naive: 0,
    async getTicket(): Promise<never> {
      throw new Error('not used');
    },
    async applyChange(_id: string, change: TicketChange) {
      h.calls++;
      h.naive += actions(change);
    },
    async createTicket() {
      h.calls++;
      h.naive++;
      return { id: String(90_000 + h.calls) };
    },
  };
  return h;
}

/** Texts: the labelled samples and the outside corpus, round-robin. */
function texts(root: string): { subject: string; description: string }[] {
  const read = (f: string) =>
    fs
      .readFileSync(path.join(root, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  const samples = read('../shared/samples/complaints.jsonl').map((s) => ({ subject: s.subject, description: s.description }));
  const corpusFile = path.join(root, '../shared/corpora/cfpb-narratives-1000.jsonl');
  const corpus = fs.existsSync(corpusFile)
    ? read('../shared/corpora/cfpb-narratives-1000.jsonl').map((c) => ({ subject: c.product, description: c.description }))
    : [];
  return [...samples, ...corpus];
}

export async function run(): Promise<BenchRow[]> {
  const root = repoRoot();
  const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies', 'default.json'), 'utf8'));
  if (!parsed.ok) throw new Error('policies/default.json is not valid');
  const policy = parsed.policy;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-hostcalls-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  const clock = adjustableClock();
  const t0 = Date.parse('2026-11-23T02:00:00.000Z');
  clock.set(t0);
  const host = countingHost();
  const pipeline = createPipeline({
    db,
    hosts: { zendesk: host },
    policyStore: { current: () => ({ policy, version: policy.version }) },
    clock,
  });
  const pool = texts(root);
  let seq = 0;
  const ev = (ticketId: string, event: NormalizedEvent, at: number): InboxEvent => ({
    host: 'zendesk',
    eventId: `b${++seq}`,
    ticketId,
    occurredAt: new Date(at).toISOString(),
    receivedAt: new Date(at).toISOString(),
    event,
  });
  try {
    for (let i = 0; i < TICKETS; i++) {
      const id = String(1000 + i);
      const at = t0 + i * M;
      const t = pool[i % pool.length];
      const batch = i % 10 === 0 ? 'B-HOT' : `B-${i}`;
      pipeline.ingest(
        ev(
          id,
          {
            kind: 'ticket.created',
            ticket: {
              id,
              subject: t.subject,
              description: t.description,
              channel: i % 2 ? 'email' : 'phone',
              createdAt: new Date(at).toISOString(),
              status: 'new',
              requester: { id: `r${i % 120}`, name: 'C' },
              fields: { product_batch: batch },
            },
          },
          at,
        ),
      );
      pipeline.ingest(
        ev(
          id,
          {
            kind: 'comment.added',
            comment: {
              id: `c${i}a`,
              author: 'customer',
              public: true,
              body: i % 7 === 0 ? 'I will call my lawyer and post on Twitter' : 'any update?',
              createdAt: new Date(at + 5 * M).toISOString(),
            },
          },
          at + 5 * M,
        ),
      );
      if (i % 3 === 0)
        pipeline.ingest(
          ev(
            id,
            {
              kind: 'comment.added',
              comment: {
                id: `c${i}b`,
                author: 'agent',
                public: true,
                body: 'we are on it',
                createdAt: new Date(at + 20 * M).toISOString(),
              },
            },
            at + 20 * M,
          ),
        );
      pipeline.ingest(
        ev(id, { kind: 'tags.changed', added: [i % 11 === 0 ? policy.evidence.maliciousTag : 'agent_note'], removed: [] }, at + 30 * M),
      );
      if (i % 4 === 0) pipeline.ingest(ev(id, { kind: 'status.changed', status: 'pending' }, at + H));
      if (i % 4 === 0) pipeline.ingest(ev(id, { kind: 'status.changed', status: 'open' }, at + 2 * H));
      if (i % 5 === 0) pipeline.ingest(ev(id, { kind: 'status.changed', status: 'solved' }, at + 3 * H));
    }
    await pipeline.idle();
    for (const step of [3 * H, 6 * H, 2 * 24 * H, 5 * 24 * H]) {
      clock.set(t0 + step);
      await pipeline.runDue();
      await pipeline.idle();
    }
    const events = (db.prepare(`SELECT COUNT(*) AS n FROM inbox WHERE state = 'done'`).get() as { n: number }).n;
    const perEvent = host.calls / events;
    const naivePerEvent = host.naive / events;
    return [
      { bench: 'host-calls', subject: 'mixed workload', metric: 'events processed', value: events, unit: 'events' },
      { bench: 'host-calls', subject: 'naive one call per action', metric: 'host calls / event', value: naivePerEvent, unit: 'calls' },
      {
        bench: 'host-calls',
        subject: 'batched TicketChange',
        metric: 'host calls / event',
        value: perEvent,
        unit: 'calls',
        baseline: 'naive one call per action',
        ratio: perEvent / naivePerEvent,
        target: '≤ 1.0',
        pass: perEvent <= 1.0,
      },
    ];
  } finally {
    await pipeline.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
