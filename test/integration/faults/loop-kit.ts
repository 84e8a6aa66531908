/** What the event-loop tests (dry-run-loop, validate-loop, evidence-list-loop and the PostgreSQL twin) share. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { startFlakyZendesk, zendeskEnv } from './fault-kit';

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
