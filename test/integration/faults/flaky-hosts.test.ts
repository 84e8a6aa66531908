/**
 * The fault tests' host stand-ins leave nothing running once closed. A slowed call used to wait on a plain timer
 * (a minute in sigterm-bounded.test.ts) that outlived close(): jest's worker then could not exit when such a file
 * was among its last, and the run ended with "A worker process has failed to exit gracefully".
 */
import { startDownHost, startFlakyZendesk } from './flaky-hosts';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
/** No answer came: the call failed when the stand-in closed (fetch's errors come from another realm than jest's Error). */
const unanswered = (results: unknown[]) => results.every((r) => !(r instanceof Response));

test('closing the slowed fake Zendesk cancels the waits of the calls it holds', async () => {
  const before = timers();
  const zd = await startFlakyZendesk();
  zd.seed(1);
  zd.delayMs = 60_000;
  const calls = [1, 2, 3].map(() => fetch(`${zd.url}/api/v2/tickets/1.json`).catch((e: Error) => e));
  while (zd.received < 3) await new Promise((r) => setImmediate(r));
  expect(timers()).toBeGreaterThanOrEqual(before + 3);
  await zd.close();
  expect(unanswered(await Promise.all(calls))).toBe(true);
  expect(timers()).toBe(before);
});

test('closing the down host cancels the answers it still owes', async () => {
  const before = timers();
  const host = await startDownHost(60_000);
  const calls = [1, 2].map(() => fetch(`${host.url}/x`, { method: 'POST', body: '{}' }).catch((e: Error) => e));
  while (timers() < before + 2) await new Promise((r) => setImmediate(r));
  await host.close();
  expect(unanswered(await Promise.all(calls))).toBe(true);
  expect(timers()).toBe(before);
});
