/**
 * The host rate limit shared through the store (RateLimitStore; hosts/create-shared-limiter.ts): the same contract
 * on a SQLite file and on PostgreSQL, then several limiter instances — each on its own pool, as separate connector
 * processes — on one PostgreSQL database: together they never start more than the limit in any sliding window
 * (every window counted), on a fake clock and on the database's own clock, and a 429 pause holds all of them.
 */
import { createSharedLimiter } from '../../../connector/src/hosts/create-shared-limiter';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import type { Store } from '../../../connector/src/store/store';
import { busiestWindow, virtualTime } from '../../support/virtual-time';
import { describeOnBothBackends, backendPerTest, type Backend } from './store-kit';

const T = Date.parse('2026-11-23T02:00:00.000Z');

function contract(make: () => Promise<Backend>): void {
  let store: Store;
  backendPerTest(make, (b) => (store = b.store));

  it('reserve: at most `limit` starts in any window; a refusal says when the oldest leaves it', async () => {
    const r = store.rateLimits;
    for (const dt of [0, 10, 20]) expect(await r.reserve('zd', 3, 1000, T + dt)).toEqual({ ok: true, at: T + dt });
    expect(await r.reserve('zd', 3, 1000, T + 30)).toEqual({ ok: false, at: T + 30, retryAt: T + 1000 });
    expect(await r.reserve('fd', 3, 1000, T + 30)).toEqual({ ok: true, at: T + 30 });
    expect(await r.reserve('zd', 3, 1000, T + 1000)).toEqual({ ok: true, at: T + 1000 });
    expect(await r.reserve('zd', 3, 1000, T + 1001)).toEqual({ ok: false, at: T + 1001, retryAt: T + 1010 });
  });

  it('pause: no start before it ends; a shorter pause does not shorten it', async () => {
    const r = store.rateLimits;
    await r.pause('zd', 5000, T);
    await r.pause('zd', 1000, T + 100);
    expect(await r.reserve('zd', 10, 60_000, T + 100)).toEqual({ ok: false, at: T + 100, retryAt: T + 5000 });
    expect(await r.reserve('fd', 10, 60_000, T + 100)).toMatchObject({ ok: true });
    expect(await r.reserve('zd', 10, 60_000, T + 5000)).toEqual({ ok: true, at: T + 5000 });
  });

  it("without a clock of its own, the store's clock decides", async () => {
    const before = Date.now();
    const r = await store.rateLimits.reserve('zd', 1, 60_000);
    expect(r.ok).toBe(true);
    expect(r.at).toBeGreaterThanOrEqual(before - 5000);
    expect(r.at).toBeLessThanOrEqual(Date.now() + 5000);
    const again = await store.rateLimits.reserve('zd', 1, 60_000);
    expect(again).toMatchObject({ ok: false, retryAt: r.at + 60_000 });
  });
}

describeOnBothBackends('RateLimitStore', contract, (server) => {
  const open: PostgresStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  async function replicas(n: number): Promise<PostgresStore[]> {
    const url = await server().createDatabase();
    for (let i = 0; i < n; i++) open.push(await openPostgresStore(url, { max: 4 }));
    return open.slice(-n);
  }

  /** 3 processes × 4 callers each, every caller starting calls as fast as its limiter lets it, for `minutes` of fake time. */
  async function simulate(keyOf: (replica: number) => string, opts: { limit: number; minutes: number; pauseAt?: number }) {
    const stores = await replicas(3);
    const clock = virtualTime(T);
    const starts: number[] = [];
    const end = T + opts.minutes * 60_000;
    let paused = false;
    const limiters = stores.map((store, i) =>
      createSharedLimiter({
        store: store.rateLimits,
        key: keyOf(i),
        limit: opts.limit,
        windowMs: 60_000,
        now: clock.now,
        sleep: clock.sleep,
        onStart: (at) => starts.push(at),
      }),
    );
    const actors = limiters.flatMap((limiter, i) =>
      [0, 1, 2, 3].map((j) => async () => {
        let n = 0;
        while (clock.now() < end) {
          await limiter.acquire();
          // a 429 seen by replica 0 at `pauseAt`: Retry-After 30 s
          if (opts.pauseAt !== undefined && !paused && i === 0 && clock.now() >= opts.pauseAt) {
            paused = true;
            await limiter.pause!(30_000);
          }
          await clock.sleep([5, 40, 250, 1000][(i * 7 + j * 3 + n++) % 4]); // the call's duration
        }
      }),
    );
    await clock.run(actors);
    return starts;
  }

  it('three limiter processes on one database never exceed the limit in any sliding 60 s window (fake clock)', async () => {
    const starts = await simulate(() => 'zendesk:https://acme.zendesk.com', { limit: 40, minutes: 5 });
    expect(busiestWindow(starts, 60_000)).toBe(40);
    // and they use the budget: ~40 a minute over 5 minutes, not a trickle
    expect(starts.length).toBeGreaterThanOrEqual(5 * 40 - 40);
    expect(starts.length).toBeLessThanOrEqual(6 * 40);
  }, 60_000);

  it('control: a limit kept per process (a key each) lets three processes start three times the limit', async () => {
    const starts = await simulate((i) => `zendesk:replica-${i}`, { limit: 40, minutes: 2 });
    expect(busiestWindow(starts, 60_000)).toBeGreaterThan(40);
  }, 60_000);

  it('a 429 Retry-After seen by one process pauses all three', async () => {
    const pauseAt = T + 150_000;
    const starts = await simulate(() => 'zendesk:acme', { limit: 40, minutes: 4, pauseAt });
    const first = starts.filter((s) => s >= pauseAt).sort((a, b) => a - b);
    // at most the starts already reserved at the pause instant; then nothing for 30 s
    const during = first.filter((s) => s > pauseAt && s < pauseAt + 30_000);
    expect(during).toEqual([]);
    expect(first.some((s) => s >= pauseAt + 30_000)).toBe(true);
    expect(busiestWindow(starts, 60_000)).toBeLessThanOrEqual(40);
  }, 60_000);

  it("on the database's clock, 12 concurrent callers in 3 processes stay within the limit in every window", async () => {
    const stores = await replicas(3);
    const starts: number[] = [];
    const limit = 15;
    const windowMs = 400;
    const limiters = stores.map((store) =>
      createSharedLimiter({ store: store.rateLimits, key: 'zendesk:acme', limit, windowMs, onStart: (at) => starts.push(at) }),
    );
    const deadline = Date.now() + 2000;
    await Promise.all(
      limiters.flatMap((l) =>
        [0, 1, 2, 3].map(async () => {
          while (Date.now() < deadline) await l.acquire();
        }),
      ),
    );
    expect(busiestWindow(starts, windowMs)).toBeLessThanOrEqual(limit);
    expect(starts.length).toBeGreaterThanOrEqual(limit * 3);
  }, 60_000);
});
