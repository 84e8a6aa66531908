/** Starts the real connector (sandbox mode, temp data dir, port 0) and a real Chromium for end-to-end tests. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';
import { closeChromium, launchChromium } from '../../support/shared-chromium';

export const ROOT = path.resolve(__dirname, '../../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
export const APP_SECRET = 'e2e-app-secret-0123456789';

/** dist/web (page scripts) and dist/sandbox-app (the sidebar) come from `npm run build`; build once if missing. */
export function ensureBuilt(): void {
  if (!existsSync(path.join(ROOT, 'dist/web/admin.js')) || !existsSync(path.join(ROOT, 'dist/sandbox-app/index.html'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  }
}

export interface E2e {
  connector: RunningConnector;
  browser: Browser & { offLoopback: string[] };
  dir: string;
  close(): Promise<void>;
}

/**
 * `env`: extra connector settings (e.g. TRAINING_CORPUS for the model retrain). `model: false` runs the default
 * policy rules-only (the shipped 20 MB model switched off), for tests that check nothing the model decides.
 */
export async function startE2e(env: Record<string, string> = {}, opts: { model?: boolean } = {}): Promise<E2e> {
  ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'cd-e2e-'));
  const connector = await startConnector({
    env: {
      DATABASE_URL: `sqlite:${path.join(dir, 'e2e.db')}`,
      POLICY_FILE: opts.model === false ? writeRulesOnlyPolicy(dir) : path.join(ROOT, 'policies/default.json'),
      ADMIN_TOKEN,
      APP_SHARED_SECRET: APP_SECRET,
      LOG_LEVEL: 'warn',
      SANDBOX: 'on',
      ...env,
    },
    port: 0,
    hostname: '127.0.0.1',
    rootDir: ROOT,
    logger: createLogger({ level: 'warn' }),
  });
  const browser = loopbackOnly(await launchChromium());
  return {
    connector,
    browser,
    dir,
    async close() {
      await closeChromium(browser).catch(() => undefined);
      await connector.close();
      rmSync(dir, { recursive: true, force: true });
      if (browser.offLoopback.length)
        throw new Error(`pages tried to leave 127.0.0.1 (blocked): ${[...new Set(browser.offLoopback)].join(', ')}`);
    },
  };
}

/** A request that leaves 127.0.0.1 (matched by Playwright itself: requests to 127.0.0.1 never reach the test process). */
const OFF_LOOPBACK = /^(?:https?|wss?):\/\/(?!127\.0\.0\.1(?:[:/?#]|$))/;

/**
 * Tests never leave 127.0.0.1: every page the tests open blocks requests to any other host and records them
 * (close() fails the suite when there were any).
 */
function loopbackOnly(browser: Browser): Browser & { offLoopback: string[] } {
  const offLoopback: string[] = [];
  const newPage = browser.newPage.bind(browser);
  const guarded = browser as Browser & { offLoopback: string[] };
  guarded.offLoopback = offLoopback;
  guarded.newPage = async (opts) => {
    const page = await newPage(opts);
    await page.route(OFF_LOOPBACK, (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue(); // not matched by OFF_LOOPBACK; kept as the rule
      offLoopback.push(url.origin);
      return route.abort('blockedbyclient');
    });
    return page;
  };
  return guarded;
}
