/** What the event-loop tests (dry-run-loop, validate-loop, evidence-list-loop and the PostgreSQL twin) share. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { ADMIN_TOKEN, postWebhook, startFlakyZendesk, zendeskCreated, zendeskEnv } from './fault-kit';

/** CPU ms used so far by this process's main thread (the event loop's), from Linux's per-thread accounting. */
export function mainThreadCpuMs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
}

/**
 * A Zendesk connector on a fresh SQLite file in a temporary folder, against a stand-in Zendesk, with the pipeline
 * not started: what these tests measure is the ack path and the admin API beside heavy admin work, not event
 * processing, which shares the loop on its own terms. `close` stops both servers and removes the folder.
 */
export async function startAdminConnector(prefix: string): Promise<{ connector: RunningConnector; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const zd = await startFlakyZendesk();
  const connector = await startConnector({
    env: zendeskEnv(join(dir, 'cd.db'), zd.url),
    port: 0,
    hostname: '127.0.0.1',
    logger: createLogger({ level: 'silent' }),
    startPipeline: false,
  });
  return {
    connector,
    close: async () => {
      await connector.close();
      await zd.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A policy dry run through the admin API of the connector at `base`. */
export const dryRun = (base: string, body: unknown) =>
  fetch(`${base}/admin/api/policy/dry-run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

/** The event loop's worst delay since the last scrape (complaint_desk_event_loop_lag_seconds{stat="max"}), in ms; reading resets it. */
export const lagMaxMs = async (base: string) =>
  1000 *
  Number(/^complaint_desk_event_loop_lag_seconds\{stat="max"\} ([\d.e+-]+)$/m.exec(await (await fetch(`${base}/metrics`)).text())![1]);

/**
 * Posts signed webhooks (ticket 9001, 9002, …) one after another, each acknowledged 202, while `work` runs (after
 * one webhook for the first request's one-off costs and a scrape that resets the lag window). Returns the work's
 * result, each ack's time while it ran, the run's wall time and the loop's worst delay over it.
 */
export async function acksDuring<T>(base: string, work: () => Promise<T>) {
  expect((await postWebhook(base, zendeskCreated(9000))).status).toBe(202);
  await lagMaxMs(base);
  let finished = false;
  const t0 = Date.now();
  const run = work().finally(() => {
    finished = true;
  });
  const acks: number[] = [];
  for (let id = 9001; !finished; id++) {
    const a0 = performance.now();
    expect((await postWebhook(base, zendeskCreated(id))).status).toBe(202);
    if (!finished) acks.push(performance.now() - a0);
  }
  const result = await run;
  const runMs = Date.now() - t0;
  return { result, acks, runMs, lagMs: await lagMaxMs(base) };
}

/** The CPU ms `work` cost the whole process and the event loop's thread alone (Linux). */
export async function cpuOf<T>(work: () => Promise<T>): Promise<{ result: T; allMs: number; mainMs: number }> {
  const main0 = mainThreadCpuMs();
  const all0 = process.cpuUsage();
  const result = await work();
  const all = process.cpuUsage(all0);
  return { result, allMs: (all.user + all.system) / 1000, mainMs: mainThreadCpuMs() - main0 };
}
