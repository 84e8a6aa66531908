import fs from 'node:fs';
import path from 'node:path';
import {
  fetchPolicy,
  POLICY_CACHE_KEY,
  readCache,
  withRules,
  type KeyValueStore,
} from '../../../../../../apps/sidebar/src/data/load-policy';
import type { RulesCache } from '../../../../../../apps/sidebar/src/data/policy-rules-cache';
import {
  ConnectorUnreachable,
  type HostApi,
  type HostResponse,
  type RequestOptions,
} from '../../../../../../apps/sidebar/src/host/host-api';

const POLICY = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../policies/default.json'), 'utf8'));

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

function host(answer: (path: string, o: RequestOptions) => HostResponse | Error): HostApi & { seen: RequestOptions[] } {
  const seen: RequestOptions[] = [];
  return {
    seen,
    context: { host: 'sandbox', ticketId: '1', agent: { id: 'a', name: 'a', role: 'agent', locale: 'en', timeZone: 'UTC' } },
    getTicket: async () => ({ id: '1', subject: '', description: '' }),
    request: async (p, o = {}) => {
      seen.push(o);
      const r = answer(p, o);
      if (r instanceof Error) throw r;
      return r;
    },
    insertIntoEditor: async () => undefined,
    onSaveGuard: () => undefined,
    resize: () => undefined,
    onTicketChanged: () => undefined,
  };
}

test('caches the policy with its ETag, revalidates with If-None-Match, serves the cache on 304 and when unreachable', async () => {
  const store = memoryStore();
  const first = await fetchPolicy(
    host(() => ({ status: 200, body: POLICY, headers: { etag: '"v1"' } })),
    store,
  );
  expect(first).toMatchObject({ fresh: true, cached: { etag: '"v1"', version: POLICY.version } });
  expect(JSON.parse(store.data.get(POLICY_CACHE_KEY)!).etag).toBe('"v1"');

  const h = host(() => ({ status: 304, body: null, headers: {} }));
  const second = await fetchPolicy(h, store);
  expect(h.seen[0].headers).toEqual({ 'If-None-Match': '"v1"' });
  expect(second.fresh).toBe(true);
  expect(second.cached?.policy.version).toBe(POLICY.version);

  const offline = await fetchPolicy(
    host(() => new ConnectorUnreachable('down')),
    store,
  );
  expect(offline).toMatchObject({ fresh: false, cached: { etag: '"v1"' } });
});

test('nothing cached and unreachable: no policy (the UI says so); a non-policy body is not cached', async () => {
  const store = memoryStore();
  expect(
    await fetchPolicy(
      host(() => new ConnectorUnreachable('down')),
      store,
    ),
  ).toEqual({ cached: null, fresh: false });
  expect(
    await fetchPolicy(
      host(() => ({ status: 200, body: { hello: 1 }, headers: {} })),
      store,
    ),
  ).toEqual({ cached: null, fresh: false });
  expect(store.data.size).toBe(0);
});

test('a corrupt cache entry is ignored', async () => {
  const store = memoryStore();
  store.setItem(POLICY_CACHE_KEY, '{broken');
  expect(
    await fetchPolicy(
      host(() => new ConnectorUnreachable('down')),
      store,
    ),
  ).toEqual({ cached: null, fresh: false });
});

function memoryRules(fail = false): RulesCache & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    read: async (tag) => (data.has(tag) ? JSON.parse(data.get(tag)!) : null),
    write: async (tag, rules) => {
      if (fail) throw new Error('quota');
      data.clear();
      data.set(tag, JSON.stringify(rules));
    },
  };
}

test('the classification section goes to the rules cache: localStorage keeps the small part, v1 is removed', async () => {
  const store = memoryStore();
  store.setItem('complaint-desk.policy.v1', JSON.stringify({ etag: '"v0"', version: 'old', policy: POLICY }));
  const rules = memoryRules();
  const got = await fetchPolicy(
    host(() => ({ status: 200, body: POLICY, headers: { etag: '"v1"' } })),
    store,
    rules,
  );
  expect(got.cached?.policy).toEqual(POLICY);
  expect([...store.data.keys()]).toEqual([POLICY_CACHE_KEY]);
  const kept = readCache(store)!;
  expect(kept.policy.classification).toBeUndefined();
  expect(store.data.get(POLICY_CACHE_KEY)!.length).toBeLessThan(JSON.stringify(POLICY).length / 4);
  expect([...rules.data.keys()]).toEqual(['"v1"']);
  expect((await withRules(kept, rules))?.policy).toEqual(POLICY);
});

test('rules stored for another version are not combined with this one; without a rules cache the whole policy stays', async () => {
  const store = memoryStore();
  const rules = memoryRules();
  await fetchPolicy(
    host(() => ({ status: 200, body: POLICY, headers: { etag: '"v1"' } })),
    store,
    rules,
  );
  const other = memoryRules();
  await other.write('"v2"', POLICY.classification);
  expect(await withRules(readCache(store)!, other)).toBeNull();

  const failing = memoryStore();
  await fetchPolicy(
    host(() => ({ status: 200, body: POLICY, headers: { etag: '"v1"' } })),
    failing,
    memoryRules(true),
  );
  const whole = readCache(failing)!;
  expect(whole.policy).toEqual(POLICY);
  expect(await withRules(whole, null)).toBe(whole);
});
