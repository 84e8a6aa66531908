/**
 * The evidence chain under several connector processes on one PostgreSQL database: appends from three processes at
 * once, inside transactions or not, form one valid hash chain, and a raw insert cannot fork it. The store's other
 * guarantees under concurrency are in postgres-concurrency.test.ts. Design: docs/several-connectors.md.
 */
import { evidenceBundle } from '../../../connector/src/evidence/evidence-state';
import { verifyBundle } from '../../../connector/src/evidence/verify-bundle';
import { describePostgres } from '../../support/postgres-server';
import { usePostgresStores } from '../../support/postgres-stores';

const T = Date.parse('2026-11-23T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describePostgres('the evidence chain with several processes on one PostgreSQL database', () => {
  const { stores } = usePostgresStores();

  it('evidence: batches appended at once from three processes, inside transactions, form one valid chain', async () => {
    const three = await stores(3);
    const results = await Promise.all(
      three.flatMap((s, i) =>
        [...Array(10).keys()].map((n) =>
          s.transaction((tx) =>
            tx.evidence.appendUnlessFrozen('zendesk', '8', [
              { type: 'event', at: iso(T + n), data: { process: i, n, part: 1 } },
              { type: 'comment', at: iso(T + n), data: { process: i, n, part: 2 } },
            ]),
          ),
        ),
      ),
    );
    // each batch's two entries are next to each other
    for (const r of results) expect(r![1].seq).toBe(r![0].seq + 1);
    expect(results.flatMap((r) => r!.map((x) => x.seq)).sort((x, y) => x - y)).toEqual([...Array(60).keys()].map((i) => i + 1));
    const entries = await three[0].evidence.entries('zendesk', '8');
    expect(verifyBundle(evidenceBundle('zendesk', '8', entries, iso(T)))).toEqual({ ok: true, entries: 60 });
  });

  it('evidence: concurrent appends from three processes form one valid chain; raw concurrent inserts cannot fork it', async () => {
    const three = await stores(3);
    const results = await Promise.all(
      three.flatMap((s, i) =>
        [...Array(20).keys()].map((n) => s.evidence.append('zendesk', '7', { type: 'event', at: iso(T + n), data: { process: i, n } })),
      ),
    );
    expect(results.map((r) => r.seq).sort((x, y) => x - y)).toEqual([...Array(60).keys()].map((i) => i + 1));
    const entries = await three[0].evidence.entries('zendesk', '7');
    expect(verifyBundle(evidenceBundle('zendesk', '7', entries, iso(T)))).toEqual({ ok: true, entries: 60 });
    // two writers bypassing the app both try to continue the chain from entry 60: exactly one wins
    const last = entries[59];
    const forks = await Promise.allSettled(
      three
        .slice(0, 2)
        .map((s, i) =>
          s.pool.query(
            `INSERT INTO evidence_entries (host, ticket_id, seq, type, at, by, data, prev_hash, hash) VALUES ('zendesk', '7', 61, 'event', $1, NULL, $2, $3, $4)`,
            [iso(T), `{"fork":${i}}`, last.hash, String(i).repeat(64)],
          ),
        ),
    );
    expect(forks.filter((f) => f.status === 'fulfilled')).toHaveLength(1);
    expect(String((forks.find((f) => f.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(
      /does not continue the chain|duplicate key/,
    );
  });
});
