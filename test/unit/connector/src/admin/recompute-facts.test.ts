/**
 * The background recompute of stored facts: page by page (yielding between pages), its status visible while it
 * runs, only rows computed under another policy redone, and a newer policy change restarting the pass.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFactsRecompute, type FactsStatus, type RecomputeOptions } from '../../../../../connector/src/admin/recompute-facts';
import { createLogger } from '../../../../../connector/src/ops/create-logger';
import { openDatabase, type Db } from '../../../../../connector/src/store/open-database';
import type { Policy } from '../../../../../policies/src/types';
import { parsePolicy } from '../../../../../policies/src/validate-policy';

const ROOT = path.resolve(__dirname, '../../../../..');
const base = (() => {
  const r = parsePolicy(readFileSync(path.join(ROOT, 'policies/default.json'), 'utf8'));
  if (!r.ok) throw new Error('default policy invalid');
  return r.policy;
})();
function slower(factor: number): Policy {
  const p = structuredClone(base) as Policy;
  for (const s of Object.values(p.severities)) if (s.firstAcknowledgeWithinMinutes) s.firstAcknowledgeWithinMinutes *= factor; // the earliest running clock (no reply yet)
  return p;
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cd-recompute-'));
  db = openDatabase(`sqlite:${path.join(dir, 'f.db')}`);
  const ins =
    db.prepare(`INSERT INTO tickets (host, id, requester_id, subject, created_at, channel, status, status_history, first_agent_reply_at, category, severity,
    classification, tier, escalation_history, fields, tags, batch, snapshot, remedy, policy_version, updated_at)
    VALUES ('zendesk', ?, 'r1', 'Kettle', '2026-11-20T10:00:00.000Z', 'email', 'open', '[]', NULL, 'quality', 'L2', '{}', 'T1', '[]', '{}', '[]', NULL, '{}', '{}', 'v', '2026-11-20T10:00:00.000Z')`);
  for (let i = 0; i < 25; i++) ins.run(String(i));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A yield the test releases one page at a time. */
function steppedYield() {
  const waiting: (() => void)[] = [];
  return {
    yieldFn: () => new Promise<void>((r) => waiting.push(r)),
    async step() {
      while (!waiting.length) await new Promise((r) => setImmediate(r));
      waiting.shift()!();
      await new Promise((r) => setImmediate(r));
    },
    /** Releases pages until `done` settles. */
    async drain(done: Promise<void>) {
      let settled = false;
      void done.then(() => {
        settled = true;
      });
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (settled) return;
        if (waiting.length) waiting.shift()!();
      }
    },
  };
}

const respondMinutes = () =>
  (db.prepare('SELECT DISTINCT policy_id AS id, due_at AS dueAt FROM ticket_facts').all() as { id: number; dueAt: string }[]).map((r) => ({
    id: r.id,
    minutes: (Date.parse(r.dueAt) - Date.parse('2026-11-20T10:00:00.000Z')) / 60_000,
  }));

/** A recompute over the test's database in pages of 10, each page after a step of `y`. */
const steppedRecompute = (policy: RecomputeOptions['policy'], y: ReturnType<typeof steppedYield>) =>
  createFactsRecompute(db, {
    policy,
    now: () => Date.parse('2026-11-20T10:05:00Z'),
    logger: createLogger({ level: 'silent' }),
    pageSize: 10,
    yieldFn: y.yieldFn,
  });

it('reports recomputing while pages remain, writes each row under the active policy, then reports done', async () => {
  let active = { policy: slower(1), id: 1, version: 'one' };
  const y = steppedYield();
  const r = steppedRecompute(() => active, y);
  r.start();
  const seen: FactsStatus[] = [r.status()];
  for (let i = 0; i < 4; i++) {
    await y.step();
    seen.push(r.status());
  }
  await r.idle();
  expect(seen.map((s) => [s.recomputing, s.done])).toEqual([
    [true, 0],
    [true, 10],
    [true, 20],
    [true, 25],
    [false, 25],
  ]);
  expect(respondMinutes()).toEqual([{ id: 1, minutes: 10 }]);

  // A change: every row is redone under the new policy (acknowledge within 20 min now).
  active = { policy: slower(2), id: 2, version: 'two' };
  r.start();
  expect(r.status()).toMatchObject({ recomputing: true, policyVersion: 'two' });
  for (let i = 0; i < 4; i++) await y.step();
  await r.idle();
  expect(r.status()).toMatchObject({ recomputing: false, policyVersion: 'two' });
  expect(respondMinutes()).toEqual([{ id: 2, minutes: 20 }]);
});

it('a newer change restarts the pass; rows already computed under the active policy are left alone', async () => {
  let active = { policy: slower(1), id: 1, version: 'one' };
  const y = steppedYield();
  const r = steppedRecompute(() => active, y);
  r.start();
  await y.step(); // first page under policy one
  active = { policy: slower(3), id: 3, version: 'three' };
  r.start();
  await y.drain(r.idle());
  expect(r.status()).toMatchObject({ recomputing: false, policyVersion: 'three', done: 25 });
  expect(respondMinutes()).toEqual([{ id: 3, minutes: 30 }]);
  // Nothing stale: a further pass for the same policy rewrites nothing.
  const before = db.prepare('SELECT COUNT(*) AS n FROM ticket_facts').get();
  db.exec('UPDATE ticket_facts SET due_at = NULL');
  r.start();
  await y.drain(r.idle());
  expect(db.prepare('SELECT COUNT(*) AS n FROM ticket_facts WHERE due_at IS NULL').get()).toEqual(before);
});
