import { createEvidenceLog } from '../../../../../connector/src/evidence/create-evidence-log';
import { GENESIS_HASH, hashEntry } from '../../../../../connector/src/evidence/hash-entry';
import { AppError } from '../../../../../connector/src/errors';
import type { EvidenceLogPort } from '../../../../../connector/src/pipeline/evidence-port';
import type { EvidencePort } from '../../../../../connector/src/admin/list-evidence';
import { SAMPLE_ENTRIES, tempDb } from './evidence-helpers';

describe('createEvidenceLog', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  const fill = (log: ReturnType<typeof createEvidenceLog>, host = 'zendesk', id = '101') =>
    SAMPLE_ENTRIES.map((e) => log.append(host, id, { ...e, data: { ...e.data } }));

  test('append chains entries: seq 1..n, each hash = sha256(prevHash + canonical entry)', () => {
    const log = createEvidenceLog(t.db);
    const out = fill(log);
    expect(out.map((o) => o.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const rows = t.db.prepare('SELECT * FROM evidence_entries ORDER BY seq').all() as {
      seq: number;
      prev_hash: string;
      hash: string;
      type: string;
      at: string;
      by: string | null;
      data: string;
    }[];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toBe(
        hashEntry(prev, {
          host: 'zendesk',
          ticketId: '101',
          seq: r.seq,
          type: r.type as never,
          at: r.at,
          by: r.by,
          data: JSON.parse(r.data),
        }),
      );
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      prev = r.hash;
    }
    expect(out[6].hash).toBe(prev);
  });

  test('fits the ports processing and the admin console code against', () => {
    const log = createEvidenceLog(t.db);
    const forProcessing: EvidenceLogPort = log;
    const forAdmin: EvidencePort = log;
    forProcessing.append('sandbox', '1', { type: 'event', at: '2026-11-20T08:00:00.000Z', data: { kind: 'ticket.created' } });
    expect(forAdmin.verifyBundle(forAdmin.exportBundle('sandbox', '1'))).toEqual({ ok: true, entries: 1 });
  });

  test('tickets have separate chains; the same content on another ticket hashes differently', () => {
    const log = createEvidenceLog(t.db);
    const a = log.append('zendesk', '1', { type: 'event', at: '2026-11-20T08:00:00.000Z', data: { kind: 'x' } });
    const b = log.append('freshdesk', '1', { type: 'event', at: '2026-11-20T08:00:00.000Z', data: { kind: 'x' } });
    expect(a.seq).toBe(1);
    expect(b.seq).toBe(1);
    expect(a.hash).not.toBe(b.hash);
  });

  test('record(): customer contacts (each comment id once), items incl. attachments, reviews', () => {
    const log = createEvidenceLog(t.db);
    fill(log);
    log.append('zendesk', '101', { type: 'comment', at: '2026-11-21T12:00:00.000Z', data: { id: 'c3', author: 'customer' } });
    log.append('zendesk', '101', { type: 'comment', at: '2026-11-21T12:01:00.000Z', data: { id: 'a1', author: 'agent' } });
    const r = log.record('zendesk', '101');
    expect(r.customerContacts).toBe(3);
    expect(r.items.map((i) => i.kind)).toEqual(['attachment', 'order_record']);
    expect(r.items[0]).toMatchObject({ description: 'photo.jpg', attachment: { name: 'photo.jpg', size: 2048 } });
    expect(r.reviews).toEqual([{ role: 'supervisor', by: 'sup:1', at: '2026-11-21T11:00:00.000Z' }]);
    expect(log.record('zendesk', 'nope')).toEqual({ customerContacts: 0, items: [], reviews: [] });
  });

  test('freeze: state reports it, append after freeze is refused (module and trigger), freeze is idempotent', () => {
    const log = createEvidenceLog(t.db);
    const out = fill(log);
    expect(log.state('zendesk', '101')).toMatchObject({ frozen: false, frozenAt: null, headHash: out[6].hash });
    const f = log.freeze('zendesk', '101', 'sup:1', '2026-11-22T08:00:00.000Z');
    expect(f).toMatchObject({ seq: 8, frozenAt: '2026-11-22T08:00:00.000Z', alreadyFrozen: false });
    const s = log.state('zendesk', '101');
    expect(s).toMatchObject({ frozen: true, frozenAt: '2026-11-22T08:00:00.000Z', headHash: f.hash });
    expect(s.items).toHaveLength(2);
    let err: unknown;
    try {
      log.append('zendesk', '101', { type: 'comment', at: '2026-11-22T09:00:00.000Z', data: { id: 'late', author: 'customer' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('conflict');
    // Even a raw insert that bypasses the module is refused by the trigger.
    expect(() =>
      t.db
        .prepare("INSERT INTO evidence_entries VALUES ('zendesk','101',9,'comment','2026-11-22T09:00:00.000Z',NULL,'{}',?,?)")
        .run(f.hash, 'b'.repeat(64)),
    ).toThrow(/frozen/);
    expect(log.freeze('zendesk', '101', 'sup:2', '2026-11-23T08:00:00.000Z')).toEqual({
      seq: 8,
      hash: f.hash,
      frozenAt: '2026-11-22T08:00:00.000Z',
      alreadyFrozen: true,
    });
    // The freeze entry anchors the head it froze.
    const bundle = log.exportBundle('zendesk', '101');
    expect(bundle.entries[7].data).toEqual({ entries: 7, headHash: out[6].hash });
    // Another ticket is unaffected.
    expect(log.append('zendesk', '102', { type: 'event', at: '2026-11-22T09:00:00.000Z', data: {} }).seq).toBe(1);
  });

  test('triggers block UPDATE and DELETE, and inserts that break the chain', () => {
    const log = createEvidenceLog(t.db);
    const out = fill(log);
    expect(() => t.db.prepare("UPDATE evidence_entries SET data = '{}' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM evidence_entries WHERE seq = 7').run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM evidence_entries').run()).toThrow(/append-only/);
    const insert = t.db.prepare("INSERT INTO evidence_entries VALUES ('zendesk','101',?,'event','2026-11-22T09:00:00.000Z',NULL,'{}',?,?)");
    expect(() => insert.run(9, out[6].hash, 'c'.repeat(64))).toThrow(/chain/);
    expect(() => insert.run(8, 'd'.repeat(64), 'c'.repeat(64))).toThrow(/chain/);
    expect(() => insert.run(3, out[1].hash, 'c'.repeat(64))).toThrow();
    expect((t.db.prepare('SELECT COUNT(*) AS n FROM evidence_entries').get() as { n: number }).n).toBe(7);
  });

  test('bad input is refused with the field that is wrong, and nothing is written', () => {
    const log = createEvidenceLog(t.db);
    const bad = [
      ['', '1', { type: 'event', at: '2026-11-22T09:00:00.000Z', data: {} }, /host/],
      ['zendesk', '1', { type: 'gossip', at: '2026-11-22T09:00:00.000Z', data: {} }, /entry\.type/],
      ['zendesk', '1', { type: 'event', at: 'yesterday', data: {} }, /entry\.at/],
      ['zendesk', '1', { type: 'event', at: '2026-11-22T09:00:00.000Z', data: [1] }, /entry\.data/],
      ['zendesk', '1', { type: 'event', at: '2026-11-22T09:00:00.000Z', data: { n: Infinity } }, /cannot be represented/],
    ] as const;
    for (const [host, id, entry, re] of bad) {
      expect(() => log.append(host, id, entry as never)).toThrow(re);
    }
    expect((t.db.prepare('SELECT COUNT(*) AS n FROM evidence_entries').get() as { n: number }).n).toBe(0);
  });

  test('append inside a caller transaction rolls back with it', () => {
    const log = createEvidenceLog(t.db);
    const tx = t.db.transaction(() => {
      log.append('zendesk', '5', { type: 'event', at: '2026-11-22T09:00:00.000Z', data: { a: 1 } });
      throw new Error('processing failed');
    });
    expect(() => tx()).toThrow('processing failed');
    expect(log.exportBundle('zendesk', '5').entries).toHaveLength(0);
    expect(log.append('zendesk', '5', { type: 'event', at: '2026-11-22T09:00:00.000Z', data: { a: 1 } }).seq).toBe(1);
  });
});
