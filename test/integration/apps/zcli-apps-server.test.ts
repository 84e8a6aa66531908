/**
 * `zcli apps:server dist/zendesk` must serve the built Zendesk app (zcli works offline for this command;
 * `apps:validate`/`apps:package` call Zendesk's API, so their rules are ported into test/unit/apps instead).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIntoTemp, copyApp, ROOT } from '../../unit/apps/built-apps';
import { freePort } from '../../support/free-port';

const ZCLI = path.join(ROOT, 'node_modules', '.bin', 'zcli');

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<Response> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`zcli exited with ${child.exitCode}: ${log()}`);
    try {
      return await fetch(url);
    } catch {
      if (Date.now() > deadline) throw new Error(`zcli apps:server did not answer ${url}: ${log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('zcli apps:server', () => {
  let child: ChildProcess | null = null;
  let cache: string | null = null;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = null;
    if (cache) fs.rmSync(cache, { recursive: true, force: true });
    cache = null;
  });

  it('serves dist/zendesk: app.json with our manifest, and the sidebar iframe and assets', async () => {
    const built = await buildIntoTemp();
    // Settings zcli would otherwise prompt for go in zcli.apps.config.json (kept out of the upload package).
    const app = copyApp(built.zendeskDir);
    fs.writeFileSync(
      path.join(app, 'zcli.apps.config.json'),
      JSON.stringify({
        parameters: {
          connector_url: 'http://127.0.0.1:3000',
          shared_secret: 'test-secret',
          agent_roles: 'supervisor: lead@example.com\nspecialist: 3711',
        },
      }),
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(app, 'manifest.json'), 'utf8'));
    const port = await freePort();
    let out = '';
    // Tests never leave 127.0.0.1: zcli's oclif update check would spawn a detached request to registry.npmjs.org
    // unless its cached answer is fresh, so give it a private cache dir holding a fresh "no update" answer.
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-zcli-cache-'));
    const zcliVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@zendesk/zcli/package.json'), 'utf8')).version;
    fs.mkdirSync(path.join(cache, 'zcli'), { recursive: true });
    fs.writeFileSync(path.join(cache, 'zcli', 'version'), JSON.stringify({ latest: zcliVersion }));
    child = spawn(ZCLI, ['apps:server', app, '--bind', '127.0.0.1', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', XDG_CACHE_HOME: cache, ZCLI_CACHE_DIR: path.join(cache, 'zcli') },
    });
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });

    const res = await waitFor(`http://127.0.0.1:${port}/app.json`, child, () => out);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.apps).toHaveLength(1);
    expect(body.apps[0]).toMatchObject({ name: manifest.name, version: manifest.version, framework_version: '2.0' });
    expect(body.apps[0].locations.support.ticket_sidebar).toEqual(manifest.location.support.ticket_sidebar);
    const settings = Object.assign({}, ...body.installations[0].settings);
    expect(settings.connector_url).toBe('http://127.0.0.1:3000');
    // The multi-line agent_roles setting reaches the app as is (what client.metadata().settings returns).
    expect(settings.agent_roles).toBe('supervisor: lead@example.com\nspecialist: 3711');

    const iframeUrl = manifest.location.support.ticket_sidebar.url as string;
    const iframe = await fetch(`http://127.0.0.1:${port}/0/${iframeUrl}`);
    expect(iframe.status).toBe(200);
    const html = await iframe.text();
    // Every local script/stylesheet the iframe references is served too.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !/^https?:/.test(u));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const asset = await fetch(new URL(ref, `http://127.0.0.1:${port}/0/${iframeUrl}`));
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
    }
  }, 60_000);
});
