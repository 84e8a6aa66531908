/**
 * History for the `dashboard` bench, written straight into a real SQLite file: `n` tickets spread over three
 * years, as stored facts (what the dashboard reads) or as projection rows (what the first way re-evaluated).
 */
import { openDatabase } from '../connector/src/store/open-database';
import { CATEGORY_IDS, SEVERITY_IDS } from '../policies/src/ids';

const DAY = 86_400_000;
const SPREAD_DAYS = 3 * 365;

export function seedFacts(db: ReturnType<typeof openDatabase>, n: number, now: number): void {
  const ins =
    db.prepare(`INSERT INTO ticket_facts (host, ticket_id, subject, created_at, created_day, category, severity, is_open, escalated,
    first_response_ms, resolution_ms, reopened, breached, warn_at, due_at, batch, csat) VALUES (?, ?, 'Kettle', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const created = now - rnd() * SPREAD_DAYS * DAY;
      const open = created > now - 20 * DAY && rnd() < 0.5;
      const due = open ? new Date(created + 3 * DAY).toISOString() : null;
      ins.run(
        'zendesk',
        String(i),
        new Date(created).toISOString(),
        Math.floor(created / DAY),
        CATEGORY_IDS[i % CATEGORY_IDS.length],
        SEVERITY_IDS[i % SEVERITY_IDS.length],
        open ? 1 : 0,
        rnd() < 0.1 ? 1 : 0,
        Math.round(rnd() * 8 * 3_600_000),
        open ? null : Math.round(rnd() * 5 * DAY),
        rnd() < 0.05 ? 1 : 0,
        rnd() < 0.08 ? 1 : 0,
        due ? new Date(created + 2 * DAY).toISOString() : null,
        due,
        i % 50 === 0 ? `B${i % 700}` : null,
        rnd() < 0.2 ? 1 + Math.floor(rnd() * 5) : null,
      );
    }
  })();
}

export function seedProjection(db: ReturnType<typeof openDatabase>, n: number, now: number): void {
  const ins =
    db.prepare(`INSERT INTO tickets (host, id, requester_id, subject, created_at, channel, status, status_history, first_agent_reply_at, category, severity,
    classification, tier, escalation_history, fields, tags, batch, snapshot, remedy, policy_version, updated_at)
    VALUES ('zendesk', ?, 'r1', 'Kettle', ?, 'email', ?, ?, ?, 'quality', 'L2', '{}', 'T1', '[]', '{}', '[]', NULL, '{}', '{}', 'bench', ?)`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const created = new Date(now - (i % SPREAD_DAYS) * DAY).toISOString();
      ins.run(
        String(i),
        created,
        i % 3 ? 'solved' : 'open',
        JSON.stringify(i % 3 ? [{ at: created, status: 'solved' }] : []),
        created,
        created,
      );
    }
  })();
}
