/**
 * The replicas' shared host limiter counts HOST_RATE_LIMIT_PER_MIN in the configured window (HOST_RATE_LIMIT_WINDOW_MS,
 * with the limiter's guard for arrival jitter): the three-replica test relies on it to wait a short window.
 */
import { sharedLimiters } from '../../../../connector/src/build-host-clients';
import { loadConfig } from '../../../../connector/src/config/load-config';
import { guardedWindow } from '../../../../connector/src/hosts/host-limiter';
import type { Store } from '../../../../connector/src/store/store';

const zendesk = {
  ZENDESK_SUBDOMAIN: 'acme',
  ZENDESK_EMAIL: 'ops@acme.example',
  ZENDESK_API_TOKEN: 'tok-123',
  ZENDESK_WEBHOOK_SECRET: 'zendesk-signing-secret-1',
  APP_SHARED_SECRET: 'app-shared-secret-123456',
  ADMIN_TOKEN: 'admin-token-1234567890',
};

/** The reservations the limiter asks the store for: key, limit, window. */
async function reservation(env: Record<string, string>): Promise<[string, number, number]> {
  const asked: [string, number, number][] = [];
  const store = {
    rateLimits: {
      reserve: async (key: string, limit: number, windowMs: number) => {
        asked.push([key, limit, windowMs]);
        return { ok: true as const, at: 0 };
      },
      pause: async () => undefined,
    },
  } as unknown as Store;
  await sharedLimiters(loadConfig({ ...zendesk, ...env }), store).zendesk!.acquire();
  expect(asked).toHaveLength(1);
  return asked[0];
}

it('reserves in the hosts’ minute by default', async () => {
  expect(await reservation({})).toEqual(['zendesk:https://acme.zendesk.com', 160, guardedWindow(60_000)]);
});

it('reserves in HOST_RATE_LIMIT_WINDOW_MS when it is set', async () => {
  expect(await reservation({ HOST_RATE_LIMIT_PER_MIN: '30', HOST_RATE_LIMIT_WINDOW_MS: '11000' })).toEqual([
    'zendesk:https://acme.zendesk.com',
    30,
    guardedWindow(11_000),
  ]);
});
