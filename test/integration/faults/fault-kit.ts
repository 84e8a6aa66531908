/**
 * Helpers for the fault tests: signed Zendesk webhooks, a Zendesk API on 127.0.0.1 that can be taken down (flaky-hosts.ts,
 * re-exported here: 503 or slowed), the connector bundled for child-process runs (SIGTERM, exit codes), and a poll helper
 * that waits for a condition (never a fixed sleep).
 */
import { build } from 'esbuild';
import { createHmac } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { EMAIL, TOKEN } from './flaky-hosts';

// The repository: three folders up from this file, or (bundled into dist/node/bench.js) the working directory.
export const ROOT = [resolve(__dirname, '../../..'), process.cwd()].find((d) => existsSync(join(d, 'package.json'))) ?? process.cwd();
export const DEFAULT_POLICY = join(ROOT, 'policies/default.json');
export const ZD_SECRET = 'zd-webhook-secret-faults-0001';
export const APP_SECRET = 'app-shared-secret-faults-0001';
export const ADMIN_TOKEN = 'admin-token-faults-0000000001';

/** Environment for a Zendesk-connected connector whose API is `apiUrl` (127.0.0.1). */
export function zendeskEnv(dbFile: string, apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ZENDESK_SUBDOMAIN: 'acme',
    ZENDESK_EMAIL: EMAIL,
    ZENDESK_API_TOKEN: TOKEN,
    ZENDESK_WEBHOOK_SECRET: ZD_SECRET,
    ZENDESK_API_URL: apiUrl,
    APP_SHARED_SECRET: APP_SECRET,
    ADMIN_TOKEN,
    DATABASE_URL: `sqlite:${dbFile}`,
    POLICY_FILE: DEFAULT_POLICY,
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** A Zendesk `ticket.created` event-subscription body (the shape of test/fixtures/zendesk) for ticket `id`. */
export function zendeskCreated(id: number, description = 'The kettle charger started smoking and sparking. Batch B2611.'): string {
  const body = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/zendesk/webhook-ticket-created.json'), 'utf8'));
  body.id = `evt-created-${id}`;
  body.subject = `zen:ticket:${id}`;
  body.detail.id = String(id);
  body.detail.description = description;
  return JSON.stringify(body);
}

export function signedHeaders(body: string, at = new Date()): Record<string, string> {
  const ts = at.toISOString();
  return {
    'content-type': 'application/json',
    'x-zendesk-webhook-signature': createHmac('sha256', ZD_SECRET)
      .update(ts + body)
      .digest('base64'),
    'x-zendesk-webhook-signature-timestamp': ts,
  };
}

export async function postWebhook(base: string, body: string): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/webhooks/zendesk`, { method: 'POST', body, headers: signedHeaders(body) });
  return { status: res.status, json: await res.json() };
}

/** Posts one signed Zendesk webhook to a replica that may be dead: the HTTP status, or 0 when the connection failed. */
export async function tryPostWebhook(base: string, body: string): Promise<number> {
  try {
    const res = await fetch(`${base}/webhooks/zendesk`, { method: 'POST', body, headers: signedHeaders(body) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

// The switchable Zendesk and the down host live in flaky-hosts.ts; re-exported here for the fault tests' one import.
export { startDownHost, startFlakyZendesk, ZD_AUTH, type FlakyZendesk } from './flaky-hosts';

export const FD_SECRET = 'fd-webhook-secret-faults-0001';

/** Environment for Freshdesk credentials pointing at `apiUrl` (merge with zendeskEnv for a two-host connector). */
export function freshdeskEnv(apiUrl: string): Record<string, string> {
  return {
    FRESHDESK_DOMAIN: 'acme',
    FRESHDESK_API_KEY: 'fd-api-key',
    FRESHDESK_API_URL: apiUrl,
    FRESHDESK_WEBHOOK_SECRET: FD_SECRET,
    FRESHDESK_DEFAULT_REQUESTER_EMAIL: 'complaints@acme.example',
    FRESHDESK_ON_HOLD_STATUS: '6',
  };
}

/** A Freshdesk automation body (test/fixtures/freshdesk shape): a customer reply on ticket `id`. */
export function freshdeskReply(id: number): string {
  const body = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/freshdesk/webhook-customer-reply.json'), 'utf8'));
  body.ticket.id = String(id);
  return JSON.stringify(body);
}

export async function postFreshdesk(base: string, body: string): Promise<number> {
  const res = await fetch(`${base}/webhooks/freshdesk`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-complaint-desk-secret': FD_SECRET },
  });
  await res.arrayBuffer();
  return res.status;
}

/** Polls `cond` until true; fails with `what` after `timeoutMs`. */
export async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A pino destination that keeps the parsed log lines. */
export function logSink(): { stream: Writable; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { stream, lines };
}

/** Bundles connector/src/main.ts (what `npm start` runs) and the admin worker into `outDir` for child-process tests. */
export async function bundleServer(outDir: string): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const bundled = new Set(JSON.parse(readFileSync(join(ROOT, 'scripts/esm-only-packages.json'), 'utf8')) as string[]);
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((d) => !bundled.has(d));
  const outfile = join(outDir, 'server.js');
  // The admin worker thread's entry beside the server, as scripts/build.mjs lays out dist/node.
  await build({
    entryPoints: { server: join(ROOT, 'connector/src/main.ts'), 'admin-worker': join(ROOT, 'connector/src/admin/admin-worker-main.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'silent',
    jsx: 'automatic',
    jsxImportSource: 'preact',
  });
  return outfile;
}

export interface Launched {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** Runs the bundled server (`bundleServer`) with `env` on `port`; resolves once /healthz answers. */
/**
 * `ownSession`: the process gets a session of its own (setsid), as a separate machine or container would: with the
 * kernel's autogroup scheduling (Linux desktops and this CI's VMs), processes of one session share one slice of
 * the CPU, so replicas in the caller's session could never use more than the caller's share.
 */
export async function launchConnector(
  server: string,
  env: Record<string, string>,
  port: number,
  ownSession = false,
  /** Called right after the spawn, before the process serves (e.g. to move it into a CPU-capped cgroup). */
  onSpawn?: (child: ChildProcess) => void,
): Promise<Launched> {
  let out = '';
  const child = spawn(process.execPath, [server], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: ownSession,
    env: { PATH: process.env.PATH, NODE_PATH: join(ROOT, 'node_modules'), PORT: String(port), ...env },
  });
  if (onSpawn) {
    try {
      onSpawn(child);
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
  }
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`the connector exited early (${child.exitCode}): ${out}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    'the connector answers /healthz',
    30_000,
  );
  return { child, url, exited, output: () => out };
}
