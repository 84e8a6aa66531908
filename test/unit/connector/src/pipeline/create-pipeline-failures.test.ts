import { adjustableClock } from '../../../../../connector/src/clock';
import { HostError } from '../../../../../connector/src/hosts/host-client';
import { createPipeline } from '../../../../../connector/src/pipeline/create-pipeline';
import { openDatabase } from '../../../../../connector/src/store/open-database';
import { created, inboxEvent } from '../../../../fixtures/connector-core/events';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';
import { recordingHost } from '../../../../fixtures/connector-core/recording-host';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

const t = tempDir();
afterAll(() => t.cleanup());
const policy = loadPolicy();

function setup(name: string, store = { current: () => ({ policy, version: policy.version }) }) {
  const db = openDatabase(t.file(name));
  const host = recordingHost();
  const clock = adjustableClock();
  clock.set(T0);
  return { db, host, pipeline: createPipeline({ db, hosts: { zendesk: host }, policyStore: store, clock }) };
}

describe('createPipeline failure handling', () => {
  it('429 with Retry-After: the row waits that long (no call now) and keeps its place', async () => {
    const s = setup('a.db');
    s.host.failNext(new HostError('rate_limited', '429', 429, 30_000));
    const before = Date.now();
    s.pipeline.ingest(created(ticket()));
    await s.pipeline.idle();
    expect(s.host.calls).toEqual([]);
    const row = s.db.prepare(`SELECT state, attempts, last_error_code, next_attempt_at FROM outbox`).get() as Record<
      string,
      number | string
    >;
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_error_code: 'rate_limited' });
    expect(Number(row.next_attempt_at)).toBeGreaterThanOrEqual(before + 30_000);
    s.db.close();
  });

  it('an event that cannot be processed is retried, then marked failed with its error; later events still run', async () => {
    const s = setup('b.db');
    s.pipeline.ingest(created(ticket()));
    s.pipeline.ingest(inboxEvent('101', { kind: 'comment.added', comment: null as never }, new Date(T0).toISOString()));
    s.pipeline.ingest(inboxEvent('101', { kind: 'status.changed', status: 'open' }, new Date(T0).toISOString()));
    await s.pipeline.idle();
    const rows = s.db.prepare(`SELECT kind, state, attempts, error FROM inbox ORDER BY id`).all() as {
      kind: string;
      state: string;
      attempts: number;
      error: string | null;
    }[];
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ['ticket.created', 'done'],
      ['comment.added', 'failed'],
      ['status.changed', 'done'],
    ]);
    expect(rows[1].attempts).toBe(3);
    expect(rows[1].error).toBeTruthy();
    s.db.close();
  });

  it('each event uses the policy active when it is processed and records that version', async () => {
    let current = { policy, version: 'v1' };
    const s = setup('c.db', { current: () => current });
    s.pipeline.ingest(created(ticket()));
    await s.pipeline.idle();
    current = {
      policy: loadPolicy((raw) => {
        raw.tags.categoryPrefix = 'cx_cat_';
      }),
      version: 'v2',
    };
    s.pipeline.ingest(created(ticket({ id: '102' })));
    await s.pipeline.idle();
    expect(s.db.prepare(`SELECT ticket_id, policy_version FROM decisions WHERE kind = 'classified' ORDER BY id`).all()).toEqual([
      { ticket_id: '101', policy_version: 'v1' },
      { ticket_id: '102', policy_version: 'v2' },
    ]);
    const second = s.host.calls[1];
    if (second.op !== 'applyChange') throw new Error('expected a change');
    expect(second.change.addTags?.[0]).toBe('cx_cat_quality');
    s.db.close();
  });

  it('an event for a ticket never seen created: the ticket is fetched once and joins the procedure', async () => {
    const s = setup('d.db');
    const iso = new Date(T0).toISOString();
    const later = new Date(T0 + 3_600_000).toISOString();
    s.host.tickets.set(
      '777',
      ticket({ id: '777', status: 'open', comments: [{ id: 'k1', author: 'agent', public: true, body: '您好', createdAt: later }] }),
    );
    s.pipeline.ingest(
      inboxEvent(
        '777',
        { kind: 'comment.added', comment: { id: 'k1', author: 'agent', public: true, body: '您好', createdAt: later } },
        later,
      ),
    );
    s.pipeline.ingest(inboxEvent('888', { kind: 'status.changed', status: 'open' }, iso)); // unknown to the host as well
    await s.pipeline.idle();
    expect(s.host.calls.map((c) => (c.op === 'applyChange' ? c.id : c.op))).toEqual(['777']);
    const p = s.db.prepare(`SELECT status, first_agent_reply_at, category FROM tickets WHERE id = '777'`).get();
    expect(p).toEqual({ status: 'open', first_agent_reply_at: later, category: 'quality' });
    const comments = s.db.prepare(`SELECT COUNT(*) AS n FROM evidence_entries WHERE ticket_id = '777' AND type = 'comment'`).get();
    expect(comments).toEqual({ n: 2 }); // the description and k1, once
    expect(s.db.prepare(`SELECT ticket_id, state, last_error_code FROM ticket_fetches ORDER BY ticket_id`).all()).toEqual([
      { ticket_id: '777', state: 'done', last_error_code: null },
      { ticket_id: '888', state: 'parked', last_error_code: 'not_found' },
    ]);
    s.db.close();
  });
});

describe('createPipeline re-reading a known ticket', () => {
  it('an id-only ticket.updated (a webhook body recovered from broken JSON) re-reads the ticket and merges it', async () => {
    const s = setup('f.db');
    s.pipeline.ingest(created(ticket({ id: '555', fields: { product_batch: 'A-1' } })));
    await s.pipeline.idle();
    const changesBefore = s.host.calls.length;
    s.host.tickets.set('555', ticket({ id: '555', tags: ['agent_tag'], fields: { product_batch: 'B-7', serial_number: 'SN-9' } }));
    s.pipeline.ingest(
      inboxEvent('555', { kind: 'ticket.updated', ticket: { id: '555' } }, new Date(T0 + 60_000).toISOString(), 'zendesk', 'recovered-1'),
    );
    await s.pipeline.idle();
    const p = s.db.prepare(`SELECT batch, fields FROM tickets WHERE id = '555'`).get() as { batch: string; fields: string };
    expect(p.batch).toBe('B-7');
    expect(JSON.parse(p.fields)).toMatchObject({ product_batch: 'B-7', serial_number: 'SN-9' });
    expect(s.db.prepare(`SELECT state, purpose FROM ticket_fetches WHERE ticket_id = '555'`).get()).toEqual({
      state: 'done',
      purpose: 'refresh',
    });
    // A second recovered delivery re-arms the same row and reads again.
    s.host.tickets.set('555', ticket({ id: '555', fields: { product_batch: 'C-3' } }));
    s.pipeline.ingest(
      inboxEvent('555', { kind: 'ticket.updated', ticket: { id: '555' } }, new Date(T0 + 120_000).toISOString(), 'zendesk', 'recovered-2'),
    );
    await s.pipeline.idle();
    expect((s.db.prepare(`SELECT batch FROM tickets WHERE id = '555'`).get() as { batch: string }).batch).toBe('C-3');
    // Re-reading changes nothing on the host by itself.
    expect(s.host.calls.filter((c) => c.op !== 'applyChange' || c.id === '555').length).toBe(changesBefore);
    s.db.close();
  });
});

describe('createPipeline re-reading a known ticket: comments', () => {
  it('comments the re-read snapshot carries that are not on record go through the comment path once (signals, evidence)', async () => {
    const s = setup('g.db');
    const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
    s.pipeline.ingest(created(ticket({ id: '556' })));
    await s.pipeline.idle();
    // An earlier comment that reached us through a trigger (derived id), then a reply whose trigger body broke.
    s.pipeline.ingest(
      inboxEvent(
        '556',
        { kind: 'comment.added', comment: { id: 'zd-derived-1', author: 'customer', public: true, body: '还没处理吗', createdAt: at(5) } },
        at(5),
      ),
    );
    await s.pipeline.idle();
    const callsBefore = s.host.calls.length;
    s.host.tickets.set(
      '556',
      ticket({
        id: '556',
        comments: [
          { id: '9001', author: 'customer', public: true, body: '还没处理吗', createdAt: at(5) },
          { id: '9002', author: 'customer', public: true, body: '再不处理我就去法院起诉你们', createdAt: at(9) },
        ],
      }),
    );
    for (const n of [1, 2]) {
      s.pipeline.ingest(inboxEvent('556', { kind: 'ticket.updated', ticket: { id: '556' } }, at(10 + n), 'zendesk', `recovered-556-${n}`));
      await s.pipeline.idle();
    }
    const p = s.db.prepare(`SELECT signals FROM tickets WHERE id = '556'`).get() as { signals: string };
    expect(JSON.parse(p.signals)).toContain('legal');
    const legal = s.host.calls.slice(callsBefore).filter((c) => c.op === 'applyChange' && c.change.addTags?.includes('cd_sig_legal'));
    expect(legal).toHaveLength(1);
    const comments = s.db
      .prepare(`SELECT json_extract(data, '$.id') AS id FROM evidence_entries WHERE ticket_id = '556' AND type = 'comment' ORDER BY seq`)
      .all();
    expect(comments).toEqual([{ id: 'description' }, { id: 'zd-derived-1' }, { id: '9002' }]);
    s.db.close();
  });
});

describe('createPipeline batch cluster with a failing problem ticket', () => {
  it('links waiting for a problem ticket that failed for good are parked, so the members are not blocked', async () => {
    const s = setup('e.db');
    for (const id of ['1', '2']) s.pipeline.ingest(created(ticket({ id, fields: { product_batch: 'Z' } })));
    await s.pipeline.idle();
    s.host.failNext(new HostError('permanent', '422', 422)); // the third classification change fails
    s.host.failNext(new HostError('permanent', '422', 422)); // the problem ticket fails
    s.pipeline.ingest(created(ticket({ id: '3', fields: { product_batch: 'Z' } })));
    await s.pipeline.idle();
    s.pipeline.ingest(
      inboxEvent(
        '1',
        {
          kind: 'comment.added',
          comment: { id: 'x', author: 'customer', public: true, body: '我要找律师起诉', createdAt: new Date(T0).toISOString() },
        },
        new Date(T0).toISOString(),
      ),
    );
    await s.pipeline.idle();
    const rows = s.db.prepare(`SELECT ticket_id, op, state, last_error_code FROM outbox WHERE state = 'parked' ORDER BY id`).all();
    expect(rows).toEqual([
      { ticket_id: '3', op: 'apply_change', state: 'parked', last_error_code: 'permanent' },
      { ticket_id: '3', op: 'create_ticket', state: 'parked', last_error_code: 'permanent' },
      { ticket_id: '1', op: 'apply_change', state: 'parked', last_error_code: 'problem_not_created' },
      { ticket_id: '2', op: 'apply_change', state: 'parked', last_error_code: 'problem_not_created' },
      { ticket_id: '3', op: 'apply_change', state: 'parked', last_error_code: 'problem_not_created' },
    ]);
    const last = s.host.calls[s.host.calls.length - 1];
    expect(last).toMatchObject({ op: 'applyChange', id: '1' }); // ticket 1's signal update still went out
    s.db.close();
  });
});
