/**
 * The PostgreSQL append numbers an entry in the database (evidence_append): the body hashed around its seq must give
 * exactly hashEntry's hash, whatever the entry holds (quotes, non-ASCII text, a nested "seq" key, a lone surrogate,
 * which hashEntry hashes with the earlier serialisation).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../../connector/src/canonical-json';
import type { EntryType } from '../../../../../connector/src/evidence/evidence-types';
import { GENESIS_HASH, hashBodyAroundSeq, hashEntry } from '../../../../../connector/src/evidence/hash-entry';

const cases: { type: EntryType; at: string; by: string | null; data: Record<string, unknown>; host?: string; ticketId?: string }[] = [
  { type: 'event', at: '2026-03-01T10:00:00.000Z', by: null, data: {} },
  { type: 'comment', at: '2026-03-01T10:00:01.000Z', by: 'agent:5', data: { body: 'He said "no" \\ twice\n', n: 1.5e-7, ok: true } },
  {
    type: 'item',
    at: '2026-03-01T10:00:02.000Z',
    by: 'Zoë ☕',
    data: { seq: 0.5772156649015329, nested: { seq: 3, z: [1, 'a', null] }, 中文: '退款' },
  },
  { type: 'review', at: '2026-03-01T10:00:03.000Z', by: 'agent:\uD800', data: { note: 'lone surrogate in by' } },
  { type: 'action', at: '2026-03-01T10:00:04.000Z', by: null, data: { emoji: '😀' }, host: 'freshdesk', ticketId: 'x"y\uDC00' },
];

describe('hashBodyAroundSeq', () => {
  it.each(cases.map((c, i) => [i, c] as const))('case %i: sha256(prev + head + seq + tail) is hashEntry', (_i, c) => {
    const host = c.host ?? 'zendesk';
    const ticketId = c.ticketId ?? '42';
    const dataText = canonicalJson(c.data);
    const { head, tail } = hashBodyAroundSeq({ host, ticketId, type: c.type, at: c.at, by: c.by, dataText });
    for (const [seq, prev] of [
      [1, GENESIS_HASH],
      [17, 'ab'.repeat(32)],
      [123456, 'cd'.repeat(32)],
    ] as const) {
      const split = createHash('sha256').update(prev, 'utf8').update(`${head}${seq}${tail}`, 'utf8').digest('hex');
      expect(split).toBe(hashEntry(prev, { host, ticketId, seq, type: c.type, at: c.at, by: c.by, data: JSON.parse(dataText) }));
    }
  });
});
