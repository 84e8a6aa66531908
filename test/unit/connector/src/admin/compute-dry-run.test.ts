import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  computeDryRun,
  diffOutcomes,
  outcomeFor,
  parseTicketsJsonl,
  type DryRunTicket,
} from '../../../../../connector/src/admin/compute-dry-run';
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import type { Policy } from '../../../../../policies/src/types';

const raw = JSON.parse(readFileSync(path.join(__dirname, '../../../../../policies/default.json'), 'utf8'));
const load = (v: unknown): Policy => {
  const r = validatePolicy(v);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
};
const active = load(raw);
const now = Date.parse('2026-11-20T08:05:00.000Z');
const createdAt = '2026-11-20T08:00:00.000Z';
const t = (id: string, subject: string, description: string): DryRunTicket => ({
  host: 'sandbox',
  ticket: { id, subject, description, createdAt, channel: 'phone' },
});

const safety = t('1', '电饭煲漏电', '电饭煲插上电以后摸外壳会麻手,怀疑漏电,家里有老人小孩,很害怕。');
const noise = t('2', '音箱有杂音', '音箱音量调大以后有滋滋的杂音,小声的时候还好。');

describe('policy dry run', () => {
  it('evaluates category, severity, deadlines and escalation with the real engine', () => {
    const o = outcomeFor(safety, active, now);
    expect(o).toMatchObject({ category: 'quality', severity: 'L1', signals: ['safety'], tier: 'supervisor', group: 'senior' });
    expect(o.respondDueAt).toBe(new Date(Date.parse(createdAt) + active.severities.L1.respondWithinMinutes * 60_000).toISOString());
  });

  it('lists only the tickets a shorter L2 response time changes, with totals', () => {
    const cand = structuredClone(raw);
    cand.severities.L2.respondWithinMinutes = 120;
    const report = computeDryRun([safety, noise], active, load(cand), now);
    expect(report.total).toBe(2);
    expect(report.changedTickets).toBe(1);
    expect(report.totals).toEqual({ category: 0, severity: 0, deadline: 1, escalation: 0, priority: 0, remedies: 0, scripts: 0 });
    expect(report.rows[0]).toMatchObject({
      id: '2',
      changed: ['deadline'],
      before: { severity: 'L2', respondDueAt: '2026-11-20T12:00:00.000Z' },
      after: { respondDueAt: '2026-11-20T10:00:00.000Z' },
    });
  });

  it('reports escalation differences and nothing for an identical policy', () => {
    const cand = structuredClone(raw);
    const rule = cand.escalation.rules.find((r: { id: string }) => r.id === 'safety_now');
    rule.then.group = 'supervisors';
    const report = computeDryRun([safety, noise], active, load(cand), now);
    expect(report.rows.map((r) => [r.id, r.changed])).toEqual([['1', ['escalation']]]);
    expect(computeDryRun([safety, noise], active, active, now).changedTickets).toBe(0);
  });

  it('an acknowledge time and an approval limit change are listed per ticket (acknowledge deadline, remedy approvals)', () => {
    const web = (x: DryRunTicket): DryRunTicket => ({ ...x, ticket: { ...x.ticket, channel: active.sla.onlineChannels[0] } });
    const cand = structuredClone(raw);
    cand.severities.L2.firstAcknowledgeWithinMinutes = 5;
    cand.remedies.roles.agent.maxAmount = 10;
    const report = computeDryRun([web(noise)], active, load(cand), now);
    expect(report.changedTickets).toBe(1);
    expect(report.rows[0].changed).toEqual(expect.arrayContaining(['deadline', 'remedies'])); // a 5-minute budget is breached at now: escalation too
    expect(report.rows[0].before.acknowledgeDueAt).not.toBe(report.rows[0].after.acknowledgeDueAt);
    expect(report.rows[0].after.remedies.some((r) => r.includes('approval('))).toBe(true);
  });

  it('a reworded script is listed', () => {
    const cand = structuredClone(raw);
    cand.scripts.acknowledge.template['zh-CN'] = '您好，我们已收到工单 #{{ticket_id}}。';
    expect(computeDryRun([noise], active, load(cand), now).rows.map((r) => r.changed)).toEqual([['scripts']]);
  });

  it('diffOutcomes names each differing aspect', () => {
    const a = outcomeFor(noise, active, now);
    expect(diffOutcomes(a, { ...a, category: 'usage', severity: 'L3', resolveDueAt: 'x', tier: 'specialist' })).toEqual([
      'category',
      'severity',
      'deadline',
      'escalation',
    ]);
  });

  it('parses uploaded JSONL, reporting bad lines by number', () => {
    const text = [
      '{"id":"s1","subject":"a","description":"b","lang":"en"}',
      '',
      'not json',
      '{"subject":"only"}',
      '{"subject":"x","description":"y","channel":"email"}',
    ].join('\n');
    const { tickets, problems } = parseTicketsJsonl(text);
    expect(tickets.map((x) => x.ticket)).toEqual([
      { id: 's1', subject: 'a', description: 'b', locale: 'en' },
      { id: 'line-5', subject: 'x', description: 'y', channel: 'email' },
    ]);
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
  });
});
