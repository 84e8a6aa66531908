/**
 * `dashboard`: time of the admin dashboard's KPIs (the synchronous part of GET /admin/api/dashboard, i.e. how
 * long it holds the event loop) over a 30-day window from stored facts, with 10 k / 100 k / 1 M tickets of
 * history spread over three years, on a real SQLite file. Baseline, same run: the previous way (every
 * ticket's SLA re-evaluated by computeKpis(collectFacts)) over 10 k projection rows (it read at most 5 000).
 * Target: ≤ 100 ms at 1 M.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectFacts } from '../connector/src/admin/collect-facts';
import { computeKpis } from '../connector/src/admin/compute-kpis';
import { kpisFromFacts } from '../connector/src/admin/ticket-facts';
import { openDatabase } from '../connector/src/store/open-database';
import { CATEGORY_IDS, SEVERITY_IDS } from '../policies/src/ids';
import { parsePolicy } from '../policies/src/validate-policy';
import type { BenchRow } from './print-table';

const DAY = 86_400_000;
const SPREAD_DAYS = 3 * 365;

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'policies', 'default.json')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, runs = 5): number {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

function seedFacts(db: ReturnType<typeof openDatabase>, n: number, now: number): void {
  const ins = db.prepare(`INSERT INTO ticket_facts (host, ticket_id, subject, created_at, created_day, category, severity, is_open, escalated,
    first_response_ms, resolution_ms, reopened, breached, warn_at, due_at, batch, csat) VALUES (?, ?, 'Kettle', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const created = now - rnd() * SPREAD_DAYS * DAY;
      const open = created > now - 20 * DAY && rnd() < 0.5;
      const due = open ? new Date(created + 3 * DAY).toISOString() : null;
      ins.run('zendesk', String(i), new Date(created).toISOString(), Math.floor(created / DAY), CATEGORY_IDS[i % CATEGORY_IDS.length], SEVERITY_IDS[i % SEVERITY_IDS.length],
        open ? 1 : 0, rnd() < 0.1 ? 1 : 0, Math.round(rnd() * 8 * 3_600_000), open ? null : Math.round(rnd() * 5 * DAY), rnd() < 0.05 ? 1 : 0, rnd() < 0.08 ? 1 : 0,
        due ? new Date(created + 2 * DAY).toISOString() : null, due, i % 50 === 0 ? `B${i % 700}` : null, rnd() < 0.2 ? 1 + Math.floor(rnd() * 5) : null);
    }
  })();
}

function seedProjection(db: ReturnType<typeof openDatabase>, n: number, now: number): void {
  const ins = db.prepare(`INSERT INTO tickets (host, id, requester_id, subject, created_at, channel, status, status_history, first_agent_reply_at, category, severity,
    classification, tier, escalation_history, fields, tags, batch, snapshot, remedy, policy_version, updated_at)
    VALUES ('zendesk', ?, 'r1', 'Kettle', ?, 'email', ?, ?, ?, 'quality', 'L2', '{}', 'T1', '[]', '{}', '[]', NULL, '{}', '{}', 'bench', ?)`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const created = new Date(now - (i % SPREAD_DAYS) * DAY).toISOString();
      ins.run(String(i), created, i % 3 ? 'solved' : 'open', JSON.stringify(i % 3 ? [{ at: created, status: 'solved' }] : []), created, created);
    }
  })();
}

export async function run(): Promise<BenchRow[]> {
  const root = repoRoot();
  const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
  if (!parsed.ok) throw new Error('policies/default.json is not valid');
  const policy = parsed.policy;
  const now = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-dash-'));
  const rows: BenchRow[] = [];
  try {
    let baseline: number | null = null;
    try {
      const db = openDatabase(`sqlite:${path.join(dir, 'old.db')}`);
      seedProjection(db, 10_000, now);
      baseline = time(() => computeKpis(collectFacts(db, policy, now), { now, categories: CATEGORY_IDS, severities: SEVERITY_IDS, stopStatuses: policy.sla.stopStatuses, csatScale: policy.followUp.csatScale }), 3);
      db.close();
      rows.push({ bench: 'dashboard', subject: 'previous: every ticket re-evaluated (10 k rows, read ≤ 5 000)', metric: 'dashboard KPIs', value: baseline, unit: 'ms' });
    } catch (e) {
      process.stderr.write(`dashboard baseline skipped: ${(e as Error).message}\n`);
    }
    for (const n of [10_000, 100_000, 1_000_000]) {
      const db = openDatabase(`sqlite:${path.join(dir, `facts-${n}.db`)}`);
      seedFacts(db, n, now);
      db.exec('ANALYZE');
      const ms = time(() => kpisFromFacts(db, { now, sinceMs: now - 30 * DAY, categories: CATEGORY_IDS, severities: SEVERITY_IDS, csatScale: policy.followUp.csatScale }));
      db.close();
      rows.push({
        bench: 'dashboard', subject: `stored facts, 30-day window, ${n.toLocaleString('en-US')} tickets`, metric: 'dashboard KPIs (loop held)', value: ms, unit: 'ms',
        ...(baseline ? { baseline: 'previous (10 k)', ratio: ms / baseline } : {}),
        ...(n === 1_000_000 ? { target: '≤ 100 ms', pass: ms <= 100 } : {}),
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
