/**
 * Evidence bundles name their hash scheme: RFC 8785 (JCS) now, the earlier sorted-keys serialisation for bundles
 * exported before it (fixture written by that code, lone surrogate included). Both keep verifying.
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEvidenceLog } from '../../../../../connector/src/evidence/create-evidence-log';
import type { EvidenceBundle } from '../../../../../connector/src/evidence/evidence-types';
import { verifyBundle } from '../../../../../connector/src/evidence/verify-bundle';
import { tempDb } from './evidence-helpers';

const legacy = (): EvidenceBundle =>
  JSON.parse(readFileSync(path.join(__dirname, '../../../../fixtures/evidence/bundle-sorted-json-v1.json'), 'utf8'));

describe('evidence hash schemes', () => {
  test('a bundle exported before RFC 8785 (no hashScheme) verifies, and an edit to it is still caught', () => {
    const b = legacy();
    expect(b.hashScheme).toBeUndefined();
    expect(verifyBundle(b)).toEqual({ ok: true, entries: 5 });
    (b.entries[1].data as Record<string, unknown>).severity = 'L3';
    expect(verifyBundle(b)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/edited/) });
  });

  test('its entries also verify when re-exported under rfc8785-sha256 (same text for well-formed data)', () => {
    expect(verifyBundle({ ...legacy(), hashScheme: 'rfc8785-sha256' })).toEqual({ ok: true, entries: 5 });
  });

  test('an unknown scheme is refused, naming the known ones', () => {
    expect(verifyBundle({ ...legacy(), hashScheme: 'md5' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/unknown hashScheme "md5".*rfc8785-sha256/),
    });
  });

  test('a new bundle says rfc8785-sha256, and each hash is sha256(prevHash + JCS(entry)) by the canonicalize package alone', () => {
    const t = tempDb();
    try {
      const log = createEvidenceLog(t.db, { now: () => Date.parse('2026-11-30T12:00:00.000Z') });
      log.append('freshdesk', '9', {
        type: 'comment',
        at: '2026-11-30T09:00:00.000Z',
        by: 'customer:1',
        data: { id: 'c1', author: 'customer', body: 'broken \ud800 text 😀', n: 1e21 },
      });
      log.append('freshdesk', '9', {
        type: 'item',
        at: '2026-11-30T09:05:00.000Z',
        by: 'agent:2',
        data: { kind: 'order_record', description: 'checked' },
      });
      const b = log.exportBundle('freshdesk', '9');
      expect(b.hashScheme).toBe('rfc8785-sha256');
      expect(b.entries[0].data.body).toBe('broken \ufffd text 😀');
      for (const e of b.entries) {
        const text = canonicalize({
          host: b.host,
          ticketId: b.ticketId,
          seq: e.seq,
          type: e.type,
          at: e.at,
          by: e.by,
          data: e.data,
        }) as string;
        expect(
          createHash('sha256')
            .update(e.prevHash + text)
            .digest('hex'),
        ).toBe(e.hash);
      }
      expect(verifyBundle(b)).toEqual({ ok: true, entries: 2 });
      const edited = JSON.parse(JSON.stringify(b)) as EvidenceBundle;
      edited.entries[1].data.description = 'not checked';
      expect(verifyBundle(edited)).toMatchObject({ ok: false, brokenAt: 2 });
    } finally {
      t.cleanup();
    }
  });
});
