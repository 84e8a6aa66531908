import { createEvidenceLog } from '../../../../../connector/src/evidence/create-evidence-log';
import type { EvidenceBundle } from '../../../../../connector/src/evidence/evidence-types';
import { hashEntry } from '../../../../../connector/src/evidence/hash-entry';
import { verifyBundle } from '../../../../../connector/src/evidence/verify-bundle';
import { SAMPLE_ENTRIES, tempDb } from './evidence-helpers';

describe('verifyBundle', () => {
  let t: ReturnType<typeof tempDb>;
  let bundle: EvidenceBundle;
  const copy = (): EvidenceBundle => JSON.parse(JSON.stringify(bundle)) as EvidenceBundle;

  beforeAll(() => {
    t = tempDb();
    const log = createEvidenceLog(t.db, { now: () => Date.parse('2026-11-22T12:00:00.000Z') });
    for (const e of SAMPLE_ENTRIES) log.append('zendesk', '101', { ...e, data: { ...e.data } });
    log.freeze('zendesk', '101', 'sup:1', '2026-11-22T08:00:00.000Z');
    bundle = log.exportBundle('zendesk', '101');
  });
  afterAll(() => t.cleanup());

  test('an exported bundle has the contract shape and verifies', () => {
    expect(Object.keys(bundle)).toEqual([
      'format',
      'hashScheme',
      'host',
      'ticketId',
      'exportedAt',
      'frozen',
      'frozenAt',
      'headHash',
      'entries',
    ]);
    expect(bundle).toMatchObject({
      format: 'complaint-desk-evidence/1',
      host: 'zendesk',
      ticketId: '101',
      exportedAt: '2026-11-22T12:00:00.000Z',
      frozen: true,
      frozenAt: '2026-11-22T08:00:00.000Z',
    });
    expect(Object.keys(bundle.entries[0])).toEqual(['seq', 'type', 'at', 'by', 'data', 'prevHash', 'hash']);
    expect(bundle.headHash).toBe(bundle.entries[7].hash);
    expect(verifyBundle(bundle)).toEqual({ ok: true, entries: 8 });
  });

  test('edited data is caught at that entry', () => {
    const b = copy();
    (b.entries[2].data as Record<string, unknown>).id = 'c2-edited';
    expect(verifyBundle(b)).toMatchObject({ ok: false, entries: 8, brokenAt: 3, reason: expect.stringMatching(/edited/) });
  });

  test('edited time, author or type is caught', () => {
    const at = copy();
    at.entries[4].at = '2026-11-21T09:00:01.000Z';
    expect(verifyBundle(at)).toMatchObject({ ok: false, brokenAt: 5 });
    const by = copy();
    by.entries[3].by = 'agent:8';
    expect(verifyBundle(by)).toMatchObject({ ok: false, brokenAt: 4 });
    const type = copy();
    type.entries[5].type = 'event';
    expect(verifyBundle(type)).toMatchObject({ ok: false, brokenAt: 6 });
  });

  test('an edit that also recomputes the entry hash is caught by the next entry', () => {
    const b = copy();
    const e = b.entries[1];
    e.data = { ...e.data, size: 1 };
    e.hash = hashEntry(e.prevHash, { host: b.host, ticketId: b.ticketId, seq: e.seq, type: e.type, at: e.at, by: e.by, data: e.data });
    expect(verifyBundle(b)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/prevHash/) });
  });

  test('reordered entries are caught', () => {
    const b = copy();
    [b.entries[2], b.entries[3]] = [b.entries[3], b.entries[2]];
    expect(verifyBundle(b)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/reordered/) });
  });

  test('reordered and renumbered entries are caught by the chain', () => {
    const b = copy();
    [b.entries[2], b.entries[3]] = [b.entries[3], b.entries[2]];
    b.entries[2].seq = 3;
    b.entries[3].seq = 4;
    expect(verifyBundle(b)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  test('a dropped entry in the middle is caught', () => {
    const b = copy();
    b.entries.splice(4, 1);
    expect(verifyBundle(b)).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringMatching(/removed/) });
  });

  test('an inserted entry is caught', () => {
    const dup = copy();
    dup.entries.splice(2, 0, { ...dup.entries[2] });
    expect(verifyBundle(dup)).toMatchObject({ ok: false, brokenAt: 4 });
    // A forged entry with a correct hash of its own, later entries renumbered: the chain breaks right after it.
    const b = copy();
    const prev = b.entries[1];
    const forged = {
      seq: 3,
      type: 'item' as const,
      at: '2026-11-20T08:30:00.000Z',
      by: 'agent:7',
      data: { kind: 'call_recording' },
      prevHash: prev.hash,
      hash: '',
    };
    forged.hash = hashEntry(prev.hash, { host: b.host, ticketId: b.ticketId, ...forged });
    b.entries.splice(2, 0, forged);
    b.entries.forEach((e, i) => {
      e.seq = i + 1;
    });
    expect(verifyBundle(b)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  test('a truncated tail is caught by the head hash', () => {
    const b = copy();
    b.entries = b.entries.slice(0, 5);
    b.frozen = false;
    b.frozenAt = null;
    expect(verifyBundle(b)).toMatchObject({ ok: false, entries: 5, brokenAt: 5, reason: expect.stringMatching(/headHash/) });
    const empty = copy();
    empty.entries = [];
    expect(verifyBundle(empty)).toMatchObject({ ok: false, entries: 0, reason: expect.stringMatching(/headHash/) });
  });

  test('an entry moved to another ticket does not verify', () => {
    const b = copy();
    b.ticketId = '102';
    expect(verifyBundle(b)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  test('frozen flags must agree with the freeze entry', () => {
    const b = copy();
    b.frozenAt = '2026-11-23T00:00:00.000Z';
    expect(verifyBundle(b)).toMatchObject({ ok: false, reason: expect.stringMatching(/frozenAt/) });
    const c = copy();
    c.frozen = false;
    expect(verifyBundle(c)).toMatchObject({ ok: false, reason: expect.stringMatching(/frozen/) });
  });

  test('not a bundle: clear reasons', () => {
    expect(verifyBundle(null)).toMatchObject({ ok: false, reason: expect.stringMatching(/JSON object/) });
    expect(verifyBundle({ ...copy(), format: 'x/1' })).toMatchObject({ ok: false, reason: expect.stringMatching(/format/) });
    const b = copy();
    (b.entries[1] as unknown as Record<string, unknown>).hash = 'nothex';
    expect(verifyBundle(b)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/hash is not/) });
  });
});
