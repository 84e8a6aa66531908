/** Per-test set-up of the in-process fault tests: a fresh temp dir and flaky Zendesk for each test, removed after it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFlakyZendesk, type FlakyZendesk } from './flaky-hosts';

/**
 * `use` receives each test's dir and fake; after the test, the connector `running()` returns (if any) is closed (a
 * connector's close is idempotent: one the test closed itself is fine), then the fake and the dir.
 */
export function faultPerTest(
  prefix: string,
  use: (dir: string, zd: FlakyZendesk) => void,
  running: () => { close(): Promise<void> } | null,
): void {
  let dir = '';
  let zd: FlakyZendesk | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    zd = await startFlakyZendesk();
    use(dir, zd);
  });
  afterEach(async () => {
    await running()?.close();
    await zd?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}
