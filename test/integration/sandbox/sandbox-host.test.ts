/** The sandbox host on a real SQLite file: user actions become InboxEvents; write-backs land in the sandbox tables. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adjustableClock } from '../../../connector/src/clock';
import type { InboxEvent } from '../../../connector/src/events/normalized-event';
import { HostError } from '../../../connector/src/hosts/host-client';
import { createSandboxHelpdesk } from '../../../connector/src/sandbox/create-sandbox-helpdesk';
import { defaultSamplesFile, loadSamples } from '../../../connector/src/sandbox/load-samples';
import { openDatabase } from '../../../connector/src/store/open-database';
import { validatePolicy } from '../../../policies/src/validate-policy';

const policyResult = validatePolicy(JSON.parse(readFileSync(path.join(__dirname, '../../../policies/default.json'), 'utf8')));
if (!policyResult.ok) throw new Error('default policy invalid');
const policy = policyResult.policy;

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cd-sandbox-'));
  const db = openDatabase(`sqlite:${path.join(dir, 'sandbox.db')}`);
  const events: InboxEvent[] = [];
  const clock = adjustableClock();
  clock.set(Date.parse('2026-11-20T08:00:00.000Z'));
  const host = createSandboxHelpdesk(db, {
    pipeline: {
      ingest: (e) => {
        events.push(e);
        return { inserted: true };
      },
    },
    clock,
    getPolicy: () => policy,
  });
  return {
    dir,
    db,
    events,
    clock,
    host,
    done: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('sandbox host', () => {
  it('turns a new complaint into a ticket.created InboxEvent with the full ticket', async () => {
    const s = setup();
    const { id } = s.host.createComplaint({
      subject: 'Rice cooker shocks me',
      description: 'Touching the case gives an electric shock.',
      channel: 'web',
      requester: { name: 'Li Lei', email: 'LI@example.com', phone: '+86 10 1234' },
      fields: { product_batch: 'B-42' },
      locale: 'en',
    });
    expect(s.events).toHaveLength(1);
    const e = s.events[0];
    expect(e).toMatchObject({ host: 'sandbox', ticketId: id, occurredAt: '2026-11-20T08:00:00.000Z', event: { kind: 'ticket.created' } });
    expect(e.eventId).toMatch(/^sandbox-\d+$/);
    const t = e.event.kind === 'ticket.created' ? e.event.ticket : null;
    expect(t).toMatchObject({
      id,
      subject: 'Rice cooker shocks me',
      channel: 'web',
      status: 'new',
      fields: { product_batch: 'B-42' },
      requester: { name: 'Li Lei', email: 'li@example.com', phone: '+86 10 1234' },
    });
    expect(t?.comments?.[0]).toMatchObject({ author: 'customer', public: true, body: 'Touching the case gives an electric shock.' });
    const got = await s.host.getTicket(id);
    expect(got).toMatchObject({ host: 'sandbox', id, createdAt: '2026-11-20T08:00:00.000Z' });
    s.done();
  });

  it('rejects an empty complaint with the missing fields and stores nothing', () => {
    const s = setup();
    expect(() => s.host.createComplaint({ subject: ' ', description: '' })).toThrow(/subject and a description/);
    expect((s.db.prepare('SELECT COUNT(*) AS n FROM sandbox_tickets').get() as { n: number }).n).toBe(0);
    expect(s.events).toHaveLength(0);
    s.done();
  });

  it('emits comment, status, tags and priority events with distinct ids, and reopens on a customer reply', () => {
    const s = setup();
    const { id } = s.host.createComplaint({ subject: 'Late parcel', description: 'Nine days and nothing.' });
    s.clock.advance(60_000);
    s.host.addComment(id, { body: 'Sorry, checking now.', public: true, author: 'agent', authorName: 'Ann' });
    s.host.setStatus(id, 'pending');
    s.host.addComment(id, { body: 'I will call my lawyer.', public: true, author: 'customer' });
    const tagResult = s.host.setTags(id, ['vip_check', 'cd_malicious']);
    s.host.setPriority(id, 'high');
    s.host.setTags(id, ['vip_check', 'cd_malicious']); // no change → no event
    const kinds = s.events.map((e) => e.event.kind);
    expect(kinds).toEqual(['ticket.created', 'comment.added', 'status.changed', 'comment.added', 'tags.changed', 'priority.changed']);
    expect(new Set(s.events.map((e) => e.eventId)).size).toBe(6);
    expect(s.events[1].event).toMatchObject({
      kind: 'comment.added',
      comment: { author: 'agent', public: true, createdAt: '2026-11-20T08:01:00.000Z' },
    });
    expect(s.events[2].event).toEqual({ kind: 'status.changed', status: 'pending', previous: 'new' });
    expect(tagResult).toEqual({ added: ['vip_check', 'cd_malicious'], removed: [] });
    expect(s.host.ticket(id)?.status).toBe('open');
    expect(s.host.ticket(id)?.priority).toBe('high');
    s.done();
  });

  it('applies a connector change without clobbering agent tags, dedupes notes by marker, and emits nothing', async () => {
    const s = setup();
    const { id } = s.host.createComplaint({ subject: 'Smoke', description: 'Smoke came out.' });
    s.host.setTags(id, ['agent_tag', 'old']);
    const before = s.events.length;
    const change = {
      addTags: ['cd_sev_l1', 'cd_sig_safety'],
      removeTags: ['old'],
      priority: 'urgent' as const,
      group: 'senior',
      fields: { product_model: 'RC-1' },
      note: { body: 'Classified L1 (safety).', marker: 'cd:abc' },
    };
    await s.host.applyChange(id, change);
    await s.host.applyChange(id, change);
    const t = await s.host.getTicket(id);
    expect(t.tags).toEqual(['agent_tag', 'cd_sev_l1', 'cd_sig_safety']);
    expect(s.host.ticket(id)).toMatchObject({ priority: 'urgent', group: 'senior', fields: { product_model: 'RC-1' } });
    const notes = (t.comments ?? []).filter((c) => !c.public);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ author: 'system', body: 'Classified L1 (safety).' });
    expect(s.events.length).toBe(before);
    s.done();
  });

  it('creates follow-up and problem tickets and links incidents to a problem', async () => {
    const s = setup();
    const a = s.host.createComplaint({ subject: 'Leak', description: 'Leaks water.', requester: { email: 'x@example.com' } });
    const fu = await s.host.createTicket({
      kind: 'follow_up',
      subject: 'Follow up',
      body: 'Call the customer; ask CSAT.',
      tags: ['cd_follow_up'],
      relatedTicketId: a.id,
      dueAt: '2026-11-23T08:00:00.000Z',
      group: 'front_line',
    });
    const followUp = s.host.ticket(fu.id);
    expect(followUp).toMatchObject({
      kind: 'follow_up',
      relatedTicketId: a.id,
      dueAt: '2026-11-23T08:00:00.000Z',
      group: 'front_line',
      tags: ['cd_follow_up'],
    });
    expect(followUp?.requester?.email).toBe('x@example.com');
    expect(followUp?.comments[0]).toMatchObject({ public: false, body: 'Call the customer; ask CSAT.' });
    const pr = await s.host.createTicket({ kind: 'problem', subject: 'Batch B-1', body: '3 complaints', tags: ['cd_cluster'] });
    await s.host.applyChange(a.id, { problemId: pr.id });
    expect(s.host.ticket(a.id)?.problemId).toBe(pr.id);
    await expect(s.host.applyChange(a.id, { problemId: '999' })).rejects.toMatchObject({ code: 'permanent' });
    await expect(s.host.getTicket('999')).rejects.toBeInstanceOf(HostError);
    await expect(s.host.applyChange('nope', {})).rejects.toMatchObject({ code: 'not_found' });
    expect(s.events.map((e) => e.event.kind)).toEqual(['ticket.created']);
    s.done();
  });

  it('takes the pipeline through a getter (wired after the host is created)', () => {
    const s = setup();
    const seen: string[] = [];
    let pipeline: { ingest(e: InboxEvent): { inserted: boolean } } | null = null;
    const host = createSandboxHelpdesk(s.db, { pipeline: () => pipeline!, clock: s.clock, getPolicy: () => policy });
    pipeline = {
      ingest: (e) => {
        seen.push(e.event.kind);
        return { inserted: true };
      },
    };
    host.createComplaint({ subject: 'x', description: 'y' });
    expect(seen).toEqual(['ticket.created']);
    s.done();
  });

  it('loads sample complaints once each, counts unreadable lines, and skips quietly when the file is absent', () => {
    const s = setup();
    const file = path.join(s.dir, 'samples.jsonl');
    writeFileSync(
      file,
      [
        '{"id":"s01","lang":"zh-CN","subject":"电饭煲漏电","description":"外壳麻手"}',
        'oops',
        '{"id":"s02","subject":"no description"}',
        '{"id":"s03","lang":"en","subject":"Late","description":"Nine days."}',
        '',
      ].join('\n'),
    );
    expect(loadSamples(s.db, s.host, file, 'web')).toEqual({ missing: false, file, loaded: 2, skipped: 0, invalid: 2 });
    expect(s.host.list().map((t) => [t.subject, t.locale, t.channel, t.requester?.email])).toEqual([
      ['Late', 'en', 'web', 's03@samples.invalid'],
      ['电饭煲漏电', 'zh-CN', 'web', 's01@samples.invalid'],
    ]);
    expect(loadSamples(s.db, s.host, file, 'web')).toMatchObject({ loaded: 0, skipped: 2 });
    const absent = path.join(s.dir, 'nope.jsonl');
    expect(loadSamples(s.db, s.host, absent, 'web')).toEqual({ missing: true, file: absent, loaded: 0, skipped: 0, invalid: 0 });
    expect(s.events).toHaveLength(2);
    expect(defaultSamplesFile('/repo/main')).toBe(path.resolve('/repo/shared/samples/complaints.jsonl'));
    s.done();
  });
});
