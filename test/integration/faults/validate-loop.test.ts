/**
 * The admin policy editor validates on every check (`POST /admin/api/policy/validate`): the candidate's JSON
 * parsed, checked against the zod schema and diffed against the active policy, 130 KB for the default policy.
 * On the event loop that held it for 15–30 ms per call quiet (first call 100 ms; 30–160 ms on a loaded box), so
 * an admin clicking "check" while editing stalled webhook acks each time.
 *
 * As in dry-run-loop.test.ts the assertion that separates on-loop from off-loop work is CPU time, which does
 * not depend on the box's load: over repeated validates the event loop's thread may use only a small share of
 * the process's CPU (it receives the body and sends the bytes back; the test's own HTTP client runs on it too).
 * On the old code that share was 0.8–0.95. The loop's worst delay (monitorEventLoopDelay, reset per run) is
 * printed with CD_SHOW=1 and guarded generously.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RunningConnector } from '../../../connector/src/start-connector';
import { ADMIN_TOKEN, DEFAULT_POLICY, postWebhook, zendeskCreated } from './fault-kit';
import { mainThreadCpuMs, startAdminConnector } from './loop-kit';

const CALLS = 25;
let c: RunningConnector;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ connector: c, close: stop } = await startAdminConnector('cd-validate-loop-'));
});
afterAll(() => stop());

const validate = (text: string) =>
  fetch(`${c.url}/admin/api/policy/validate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

/** The default policy with one deadline changed (a typical edit) and, for `i`, a version label of its own. */
function candidate(i: number, broken = false): string {
  const p = JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8'));
  p.version = `${p.version}-edit-${i}`;
  p.severities.L2.respondWithinMinutes = broken ? 'soon' : 120;
  return JSON.stringify(p, null, 2);
}

it('answers the same as before: problems with paths, or the version and the diff against the active policy', async () => {
  const good = await validate(candidate(0));
  expect(good.status).toBe(200);
  expect(good.body.ok).toBe(true);
  expect(good.body.version).toMatch(/-edit-0$/);
  expect(good.body.diff.changes).toEqual(
    expect.arrayContaining([{ path: 'severities.L2.respondWithinMinutes', kind: 'changed', before: 240, after: 120 }]),
  );
  expect(good.body.diff.changes).toHaveLength(2); // the deadline and the version label
  const bad = await validate(candidate(0, true));
  expect(bad.status).toBe(200);
  expect(bad.body.ok).toBe(false);
  expect(bad.body.problems[0]).toMatchObject({ path: 'severities.L2.respondWithinMinutes' });
}, 60_000);

// Load-independent: CPU time, not wall time.
const linux = process.platform === 'linux' ? it : it.skip;
linux(
  `validates ${CALLS} candidates in a row with the event loop's thread using a small share of the CPU`,
  async () => {
    const texts = Array.from({ length: CALLS }, (_, i) => candidate(i + 1));
    await validate(texts[0]); // one-off costs (zod's first parse, a worker's start) are not what is measured
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const main0 = mainThreadCpuMs();
    const all0 = process.cpuUsage();
    let acked = 0;
    for (const [i, text] of texts.entries()) {
      const { status, body } = await validate(text);
      expect(status).toBe(200);
      expect(body.version).toMatch(new RegExp(`-edit-${i + 1}$`));
      if (i % 5 === 0 && (await postWebhook(c.url, zendeskCreated(7000 + i))).status === 202) acked++;
    }
    const all = process.cpuUsage(all0);
    const mainMs = mainThreadCpuMs() - main0;
    loop.disable();
    const allMs = (all.user + all.system) / 1000;
    const maxMs = loop.max / 1e6;
    if (process.env.CD_SHOW)
      process.stderr.write(
        `${CALLS} validates: ${allMs.toFixed(0)} ms CPU in the process, ${mainMs} ms on the event loop's thread (${((100 * mainMs) / allMs).toFixed(0)} %); loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${maxMs.toFixed(1)} ms\n`,
      );
    expect(acked).toBe(5);
    expect(allMs).toBeGreaterThan(100);
    expect(mainMs / allMs).toBeLessThan(0.5);
    expect(maxMs).toBeLessThan(1000); // a guard only: wall clock on a shared box
  },
  120_000,
);
