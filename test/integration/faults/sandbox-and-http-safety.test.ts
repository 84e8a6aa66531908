/**
 * Issue 10 items 4, 5, 6 and 8 on real connectors on 127.0.0.1:
 * - the sandbox refuses to start beside real host credentials; it listens on 127.0.0.1 unless HOST says
 *   otherwise; its pages carry no secret; its virtual clock never makes a genuine webhook or token stale;
 * - a malformed %-escape in a path is a 400, logged once at debug without a stack;
 * - POST /sandbox/clock answers within its bound while a host call hangs, and says what is pending;
 * - /admin and /sandbox cannot be framed by other sites, source maps are not served, /metrics has event-loop lag.
 * The connectors run the default policy with its learned model off (test/support/rules-only-policy.ts): none of this is
 * about classification.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signHs256Jwt } from '../../support/sign-jwt';
import { ConfigError } from '../../../connector/src/config/load-config';
import type { HostClient } from '../../../connector/src/hosts/host-client';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { ADMIN_TOKEN, APP_SECRET, logSink, postWebhook, ROOT, waitUntil, ZD_SECRET, zendeskCreated, zendeskEnv } from './fault-kit';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';

let dir: string;
const started: RunningConnector[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-safety-'));
});
afterEach(async () => {
  for (const c of started.splice(0)) await c.close();
  rmSync(dir, { recursive: true, force: true });
});

/** zendeskEnv on the rules-only policy. */
const zdEnv = (dbFile: string, apiUrl: string, extra: Record<string, string> = {}) =>
  zendeskEnv(dbFile, apiUrl, { POLICY_FILE: writeRulesOnlyPolicy(dir), ...extra });
const silent = () => createLogger({ level: 'silent' });
const sandboxEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: `sqlite:${join(dir, 'sb.db')}`,
  POLICY_FILE: writeRulesOnlyPolicy(dir),
  APP_SHARED_SECRET: APP_SECRET,
  ADMIN_TOKEN,
  LOG_LEVEL: 'silent',
  SANDBOX: 'on',
  ...extra,
});

async function start(opts: Parameters<typeof startConnector>[0]): Promise<RunningConnector> {
  const c = await startConnector({ port: 0, rootDir: ROOT, logger: silent(), ...opts });
  started.push(c);
  return c;
}

describe('sandbox safety', () => {
  it('refuses SANDBOX=on beside real host credentials, naming SANDBOX and the fix', async () => {
    const err = await startConnector({
      env: { ...zdEnv(join(dir, 'x.db'), 'http://127.0.0.1:9'), SANDBOX: 'on' },
      port: 0,
      hostname: '127.0.0.1',
      logger: silent(),
    }).then(
      (c) => {
        started.push(c);
        return null;
      },
      (e) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/SANDBOX: SANDBOX=on cannot run beside real host credentials \(Zendesk set\)/);
    expect(err.message).toMatch(/set SANDBOX=off/);
  });

  it('listens on 127.0.0.1 by default in sandbox mode, and on HOST when set', async () => {
    const sb = await start({ env: sandboxEnv() });
    expect((sb.server.address() as { address: string }).address).toBe('127.0.0.1');
    const real = await start({ env: zdEnv(join(dir, 'zd.db'), 'http://127.0.0.1:9', { HOST: '127.0.0.1' }), startPipeline: false });
    expect((real.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('puts no secret in the ticket page; the sidebar gets a short-lived token that the sidebar API accepts', async () => {
    const c = await start({ env: sandboxEnv(), hostname: '127.0.0.1' });
    const { id } = c.sandbox!.createComplaint({
      subject: 'Kettle',
      description: 'The kettle charger started smoking.',
      fields: {},
      requester: { name: 'A', email: 'a@example.com' },
    });
    await c.pipeline.idle();
    const page = await (await fetch(`${c.url}/sandbox/tickets/${id}`)).text();
    expect(page).not.toContain(APP_SECRET);
    expect(page).not.toContain(encodeURIComponent(APP_SECRET));
    expect(page).not.toMatch(/#key=/);
    const { token } = await (await fetch(`${c.url}/sandbox/api/sidebar-token?agent=a1&role=agent&locale=en`)).json();
    const view = await fetch(`${c.url}/api/v1/tickets/sandbox/${id}/view`, { headers: { authorization: `Bearer ${token}` } });
    expect(view.status).toBe(200);
  });

  it('fast-forwarding the sandbox clock does not make a fresh token or a genuine signed webhook stale', async () => {
    const c = await start({ env: { ...sandboxEnv(), ZENDESK_WEBHOOK_SECRET: ZD_SECRET }, hostname: '127.0.0.1' });
    const res = await fetch(`${c.url}/sandbox/clock`, { method: 'POST', body: new URLSearchParams({ hours: '72' }), redirect: 'manual' });
    expect(res.status).toBe(303);
    const iat = Math.floor(Date.now() / 1000);
    const token = signHs256Jwt({ sub: 'a1', iat, exp: iat + 300 }, APP_SECRET);
    const view = await fetch(`${c.url}/api/v1/tickets/sandbox/1/view`, { headers: { authorization: `Bearer ${token}` } });
    expect(view.status).not.toBe(401);
    expect((await postWebhook(c.url, zendeskCreated(7901))).status).toBe(202);
    // and a token that is stale in real time stays stale, however far the virtual clock went
    const old = signHs256Jwt({ sub: 'a1', iat: iat - 7200, exp: iat - 3600 }, APP_SECRET);
    expect((await fetch(`${c.url}/api/v1/tickets/sandbox/1/view`, { headers: { authorization: `Bearer ${old}` } })).status).toBe(401);
  });

  it('POST /sandbox/clock answers within its bound while a host call hangs, and reports what is pending', async () => {
    let arrived = 0;
    const hanging: HostClient = {
      host: 'zendesk',
      getTicket: () => new Promise(() => undefined),
      applyChange: () => {
        arrived++;
        return new Promise(() => undefined);
      },
      createTicket: () => new Promise(() => undefined),
    };
    const c = await start({
      env: { ...sandboxEnv(), ZENDESK_WEBHOOK_SECRET: ZD_SECRET, SHUTDOWN_GRACE_MS: '200' },
      hostname: '127.0.0.1',
      hosts: { zendesk: hanging },
      tuning: { sandboxClockIdleMs: 300 },
    });
    expect((await postWebhook(c.url, zendeskCreated(7902))).status).toBe(202);
    await waitUntil(() => arrived > 0, 'the host call hangs');
    const res = await fetch(`${c.url}/sandbox/clock`, {
      method: 'POST',
      body: new URLSearchParams({ hours: '72' }),
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location')!)).toMatch(
      /Still pending: \d+ events to process, \d+ host calls \(1 in flight\)/,
    );
  });
});

describe('HTTP hardening', () => {
  it('answers 400 to a malformed %-escape before auth, logged once at debug without a stack', async () => {
    const sink = logSink();
    const c = await start({
      env: zdEnv(join(dir, 'zd.db'), 'http://127.0.0.1:9'),
      hostname: '127.0.0.1',
      startPipeline: false,
      logger: createLogger({ level: 'debug', destination: sink.stream }),
    });
    const res = await fetch(`${c.url}/api/v1/tickets/zendesk/%ff/view`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_request');
    await waitUntil(() => sink.lines.some((l) => /malformed/.test(l.msg)), 'the rejection is logged');
    const lines = sink.lines.filter((l) => l.status === 400 || /malformed|request failed/.test(l.msg ?? ''));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'debug', status: 400 });
    expect(JSON.stringify(lines[0])).not.toMatch(/stack|URIError/);
  });

  it("keeps /admin and /sandbox out of other sites' frames, serves no source maps, and reports event-loop lag", async () => {
    const c = await start({ env: sandboxEnv(), hostname: '127.0.0.1' });
    const admin = await fetch(`${c.url}/admin`);
    expect(admin.headers.get('x-frame-options')).toBe('DENY');
    expect(admin.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    const sandbox = await fetch(`${c.url}/sandbox`);
    expect(sandbox.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(sandbox.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    for (const p of ['/admin/assets/admin.js.map', '/sandbox/assets/sandbox-list.js.map'])
      expect((await fetch(`${c.url}${p}`)).status).toBe(404);
    const metrics = await (await fetch(`${c.url}/metrics`)).text();
    expect(metrics).toMatch(/^complaint_desk_event_loop_lag_seconds\{stat="p99"\} [\d.e-]+$/m);
  });
});
