/**
 * A policy dry run over 3,000 uploaded tickets runs in slices that yield to the event loop: the loop's worst
 * delay while it runs (complaint_desk_event_loop_lag_seconds{stat="max"}, reset by each scrape) stays far below
 * the whole run's duration, so webhook acks are not held behind it. The bound is generous for a loaded CI; the
 * run itself takes about a second on the old synchronous path.
 */
import { readFileSync } from 'node:fs';

import { startSandbox, ADMIN_TOKEN } from '../sandbox/helpers/start-sandbox';
import { DEFAULT_POLICY } from './fault-kit';

let c: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => { c = await startSandbox(); });
afterAll(async () => { await c.stop(); });

const lagMax = async () => Number(/^complaint_desk_event_loop_lag_seconds\{stat="max"\} ([\d.e-]+)$/m.exec(await (await fetch(`${c.url}/metrics`)).text())![1]);

it('does not hold the event loop for the whole dry run', async () => {
  const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ subject: `Kettle ${i}`, description: i % 2 ? 'The kettle charger started smoking and sparking.' : 'Where is my parcel? It is two weeks late.' }));
  const text = readFileSync(DEFAULT_POLICY, 'utf8');
  await lagMax(); // resets the window
  const t0 = Date.now();
  const res = await fetch(`${c.url}/admin/api/policy/dry-run`, {
    method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ text, jsonl: lines.join('\n') }),
  });
  const body = await res.json();
  const runMs = Date.now() - t0;
  expect(res.status).toBe(200);
  expect(body.report.total).toBe(3000);
  const maxLagMs = (await lagMax()) * 1000;
  if (process.env.CD_SHOW) process.stderr.write(`dry run ${runMs} ms, max loop lag ${maxLagMs.toFixed(1)} ms\n`);
  expect({ runMs: runMs > 0, maxLagMs: maxLagMs < Math.max(250, runMs / 3) }).toEqual({ runMs: true, maxLagMs: true });
}, 60_000);
