import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import defaultJson from '../../../../policies/default.json';
import { simulate } from '../../../../policies/cli/simulate';
import { CATEGORY_IDS, SEVERITY_IDS } from '../../../../policies/src/ids';
import { COMPLAINTS_FILE } from '../../../support/complaints';
import { memoryIo } from './memory-io';

const root = path.join(__dirname, '../../../..');
const samples = COMPLAINTS_FILE;
const NOW = '2026-11-22T10:00:00.000Z';
const jsonl = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-simulate-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const ticketsFile = (name: string, tickets: unknown[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, tickets.map((t) => (typeof t === 'string' ? t : JSON.stringify(t))).join('\n') + '\n');
  return file;
};

describe('simulate', () => {
  test("--json over the project's complaints: every ticket with deadlines, group, escalation, remedies; then a consistent summary", async () => {
    const m = memoryIo('', { cwd: root });
    expect(await simulate(['--policy', 'policies/default.json', '--tickets', samples, '--now', NOW, '--json'], m.io)).toBe(0);
    expect(m.err()).toBe('');
    const out = jsonl(m.out());
    const tickets = out.slice(0, -1);
    const { summary } = out[out.length - 1];
    expect(tickets).toHaveLength(jsonl(fs.readFileSync(samples, 'utf8')).length);
    for (const t of tickets) {
      const sev = (defaultJson.severities as any)[t.severity];
      expect(t.dispatchGroup).toBe(sev.group);
      // No createdAt in the complaints: clocks start at --now, on the severity's calendar (24/7 in the default policy).
      expect(defaultJson.calendars[sev.calendar as 'always'].mode).toBe('calendar');
      expect(t.deadlines.respond.dueAt).toBe(new Date(Date.parse(NOW) + sev.respondWithinMinutes * 60_000).toISOString());
      expect(t.deadlines.resolve.dueAt).toBe(new Date(Date.parse(NOW) + sev.resolveWithinMinutes * 60_000).toISOString());
      expect(t.remedies.options.map((o: any) => o.rank)).toEqual(['first', 'second', 'bottom']);
      if (t.signals.includes('safety')) expect(t.escalation).toMatchObject({ tier: 'supervisor', notifySupervisor: true });
    }
    expect(summary.tickets).toBe(tickets.length);
    for (const c of CATEGORY_IDS)
      for (const s of SEVERITY_IDS) {
        expect(summary.bySeverity[c][s]).toBe(tickets.filter((t) => t.category === c && t.severity === s).length);
      }
    for (const rule of defaultJson.escalation.rules) {
      expect(summary.byRule[rule.id]).toBe(tickets.filter((t) => t.escalation.rules.includes(rule.id)).length);
    }
    expect(summary.notEscalated).toBe(tickets.filter((t) => t.escalation.rules.length === 0).length);
  });

  test('text output: a block per ticket and the summary tables', async () => {
    const m = memoryIo('', { cwd: root });
    expect(await simulate(['--policy', 'policies/default.json', '--tickets', samples, '--now', NOW], m.io)).toBe(0);
    const text = m.out();
    expect(text).toMatch(/^quality-safety-heater {2}quality · L1 · signals: safety · rules: /);
    expect(text).toContain('    deadlines: respond 2026-11-22T12:00:00.000Z [ok] · resolve 2026-11-23T10:00:00.000Z [ok]');
    expect(text).toContain('Counts per category × severity\ncategory   L1  L2  L3  total\nquality ');
    expect(text).toMatch(/\ntotal +\d+ +\d+ +\d+ +8\n/);
    expect(text).toContain('Escalations by rule\nescalation rule');
    expect(text).toMatch(/\nsafety_now +\d+\n/);
  });

  test('repeat requester, VIP, rejected remedies, warranty and approvals come from the ticket facts', async () => {
    const base = { subject: 'Charged twice', description: 'I was charged twice for one order', requester: { email: 'Ana@example.com' } };
    const file = ticketsFile('repeat.jsonl', [
      { ...base, id: 'r1', createdAt: '2026-10-01T09:00:00Z' },
      { ...base, id: 'r2', createdAt: '2026-11-10T09:00:00Z', requester: { email: 'ana@example.com' } },
      { ...base, id: 'r3', createdAt: '2026-11-20T09:00:00Z' },
      { ...base, id: 'r4', createdAt: '2026-11-21T09:00:00Z' },
      { id: 'v1', subject: 'Question', description: 'How do I set the timer?', requester: { id: 'v', tags: ['vip'] }, remedyRejections: 2 },
      {
        id: 'w1',
        subject: 'Kettle noise',
        description: 'The kettle makes a loud noise',
        purchaseDate: '2024-01-01T00:00:00Z',
        orderAmount: 400,
      },
    ]);
    const m = memoryIo('', { cwd: root });
    expect(
      await simulate(['--policy', 'policies/default.json', '--tickets', file, '--now', NOW, '--json', '--role', 'specialist'], m.io),
    ).toBe(0);
    const byId = Object.fromEntries(
      jsonl(m.out())
        .filter((o) => o.id)
        .map((o) => [o.id, o]),
    );
    // The rule wants 3 complaints within 30 days (same requester, e-mail compared case-insensitively):
    // r1 is too old for r3 and r4, so only r4 (with r2 and r3) reaches three.
    expect(byId.r2.escalation.rules).not.toContain('repeat_requester');
    expect(byId.r3.escalation.rules).not.toContain('repeat_requester');
    expect(byId.r4.escalation.rules).toContain('repeat_requester');
    expect(byId.v1.escalation.rules).toEqual(expect.arrayContaining(['vip', 'remedy_rejected_twice']));
    expect(byId.v1.escalation.tier).toBe('supervisor');
    expect(byId.w1.remedies).toMatchObject({ warranty: 'out', warrantyKnown: true });
    expect(byId.r1.remedies.warrantyKnown).toBe(false);
    for (const o of byId.w1.remedies.options) if (o.needsApproval) expect(o.approverRole).toBe('supervisor');
  });

  test('bad lines are reported with line number and id; the rest are simulated; exit 1', async () => {
    const file = ticketsFile('bad.jsonl', [
      '{"id":"ok1","subject":"late parcel"}',
      '{oops',
      '{"id":"x2","createdAt":"yesterday"}',
      '{"id":"ok2","subject":"rude agent"}',
    ]);
    const m = memoryIo('', { cwd: root });
    expect(await simulate(['--policy', 'policies/default.json', '--tickets', file, '--now', NOW, '--json'], m.io)).toBe(1);
    const out = jsonl(m.out());
    expect(out.filter((o) => o.id).map((o) => o.id)).toEqual(['ok1', 'ok2']);
    expect(out[out.length - 1].summary).toMatchObject({ tickets: 2, failed: 2 });
    expect(m.err()).toBe(
      'line 2: invalid JSON at column 2\nline 3 (id "x2"): not a ticket: createdAt: not a date-time (use ISO-8601, e.g. 2026-11-22T10:30:00Z)\n',
    );
  });

  test('argument errors: exit 2 with a reason and the usage', async () => {
    const cases: [string[], string][] = [
      [['--tickets', samples], '--policy FILE is required'],
      [['--policy', 'policies/default.json'], '--tickets FILE.jsonl is required'],
      [['--policy', 'policies/default.json', '--tickets', samples, '--now', 'soon'], '--now "soon" is not an ISO-8601 date-time'],
      [['--policy', 'policies/default.json', '--tickets', samples, '--role', 'intern'], '--role "intern" is not a role in the policy'],
      [['--policy', 'policies/default.json', '--tickets', 'missing.jsonl'], 'cannot read --tickets'],
      [['--policy', 'test/fixtures/policies/wrong-enum.json', '--tickets', samples], 'categories.quality.defaultSeverity'],
      [['--policy'], '--policy needs a value'],
    ];
    for (const [args, message] of cases) {
      const m = memoryIo('', { cwd: root });
      expect(await simulate(args, m.io)).toBe(2);
      expect(m.err()).toContain(message);
      expect(m.out()).toBe('');
    }
  });
});
