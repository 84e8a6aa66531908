import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../../../connector/src/config/load-config';

const zendesk = {
  ZENDESK_SUBDOMAIN: 'acme',
  ZENDESK_EMAIL: 'ops@acme.example',
  ZENDESK_API_TOKEN: 'tok-123',
  ZENDESK_WEBHOOK_SECRET: 'zendesk-signing-secret-1',
  APP_SHARED_SECRET: 'app-shared-secret-123456',
  ADMIN_TOKEN: 'admin-token-1234567890',
};
const freshdesk = {
  FRESHDESK_DOMAIN: 'acme',
  FRESHDESK_API_KEY: 'k',
  FRESHDESK_WEBHOOK_SECRET: 'freshdesk-secret-123456',
  APP_SHARED_SECRET: zendesk.APP_SHARED_SECRET,
  ADMIN_TOKEN: zendesk.ADMIN_TOKEN,
  FRESHDESK_DEFAULT_REQUESTER_EMAIL: 'complaints@acme.example',
  FRESHDESK_ON_HOLD_STATUS: '6',
};

function problems(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the documented defaults and the sandbox when no host is configured', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: 'sqlite:./data/complaint-desk.db',
      policyFile: 'policies/default.json',
      zendesk: null,
      freshdesk: null,
      webhooks: { zendeskSecrets: [], freshdeskSecret: null },
      appSharedSecret: null,
      adminToken: null,
      rateLimitPerMin: { zendesk: 160, freshdesk: 64 },
      rateLimitWindowMs: 60_000,
      sandbox: true,
    });
  });

  it('builds the Zendesk config, splits rotated secrets and turns the sandbox off', () => {
    const c = loadConfig({ ...zendesk, ZENDESK_WEBHOOK_SECRET: 'zendesk-signing-secret-1, zendesk-signing-secret-2', PORT: '8080' });
    expect(c.zendesk).toEqual({
      subdomain: 'acme',
      email: 'ops@acme.example',
      apiToken: 'tok-123',
      apiUrl: 'https://acme.zendesk.com',
      app: { publicKeyPem: null, audience: null, issuer: null, vouchRoles: true, privilegedIdentity: 'signed', sessionMinutes: 60 },
    });
    expect(c.webhooks.zendeskSecrets).toEqual(['zendesk-signing-secret-1', 'zendesk-signing-secret-2']);
    expect(c.sandbox).toBe(false);
    expect(c.port).toBe(8080);
  });

  it('uses the API URL overrides (tests) and the Freshdesk domain', () => {
    const c = loadConfig({ ...freshdesk, FRESHDESK_API_URL: 'http://127.0.0.1:9999/' });
    expect(c.freshdesk).toEqual({
      domain: 'acme',
      apiKey: 'k',
      apiUrl: 'http://127.0.0.1:9999',
      defaultRequesterEmail: 'complaints@acme.example',
      onHoldStatus: 6,
      clusters: true,
      privilegedIdentity: 'claimed',
    });
    expect(loadConfig({ ...zendesk, ZENDESK_SUBDOMAIN: '', ZENDESK_API_URL: 'http://127.0.0.1:1234' }).zendesk?.apiUrl).toBe(
      'http://127.0.0.1:1234',
    );
  });

  it('Freshdesk with clusters on (the default) refuses to start without a tracker requester and an on-hold status', () => {
    const { FRESHDESK_DEFAULT_REQUESTER_EMAIL: _r, FRESHDESK_ON_HOLD_STATUS: _s, ...bare } = freshdesk;
    const found = problems(bare);
    expect(found.map((p) => p.variable)).toEqual(['FRESHDESK_DEFAULT_REQUESTER_EMAIL', 'FRESHDESK_ON_HOLD_STATUS']);
    expect(found[0].message).toMatch(/tracker ticket would fail.*FRESHDESK_CLUSTERS=off/);
    expect(() => loadConfig(bare)).toThrow(/FRESHDESK_DEFAULT_REQUESTER_EMAIL: required while FRESHDESK_CLUSTERS=on/);
    expect(loadConfig({ ...bare, FRESHDESK_CLUSTERS: 'off' }).freshdesk).toMatchObject({
      defaultRequesterEmail: null,
      onHoldStatus: null,
      clusters: false,
    });
    expect(problems({ ...freshdesk, FRESHDESK_DEFAULT_REQUESTER_EMAIL: 'nobody' })[0].variable).toBe('FRESHDESK_DEFAULT_REQUESTER_EMAIL');
  });

  it('reads HOST_RATE_LIMIT_PER_MIN as one number or per host', () => {
    expect(loadConfig({ HOST_RATE_LIMIT_PER_MIN: '100' }).rateLimitPerMin).toEqual({ zendesk: 100, freshdesk: 100 });
    expect(loadConfig({ HOST_RATE_LIMIT_PER_MIN: 'freshdesk=30' }).rateLimitPerMin).toEqual({ zendesk: 160, freshdesk: 30 });
  });

  it('reads HOST_RATE_LIMIT_WINDOW_MS, the window the limit counts in, and refuses windows under a second or over an hour', () => {
    expect(loadConfig({ HOST_RATE_LIMIT_WINDOW_MS: '11000' }).rateLimitWindowMs).toBe(11_000);
    for (const bad of ['999', '3600001', '1.5e3x', '2500.5'])
      expect(problems({ HOST_RATE_LIMIT_WINDOW_MS: bad })[0].variable).toBe('HOST_RATE_LIMIT_WINDOW_MS');
  });

  it('names each bad variable and how to fix it', () => {
    expect(problems({ PORT: 'eighty' })).toEqual([{ variable: 'PORT', message: expect.stringMatching(/whole number.*"eighty"/) }]);
    expect(problems({ HOST_RATE_LIMIT_PER_MIN: 'zendesk:5' })[0]).toEqual({
      variable: 'HOST_RATE_LIMIT_PER_MIN',
      message: expect.stringMatching(/zendesk=160,freshdesk=64/),
    });
    expect(problems({ ZENDESK_API_URL: 'not a url' })[0].variable).toBe('ZENDESK_API_URL');
    expect(problems({ ADMIN_TOKEN: 'short' })[0]).toEqual({ variable: 'ADMIN_TOKEN', message: expect.stringMatching(/at least 16/) });
    expect(problems({ SANDBOX: 'maybe' })[0].variable).toBe('SANDBOX');
  });

  it('requires complete host credentials, the webhook secret and the app/admin secrets with a host', () => {
    const p = problems({ ZENDESK_SUBDOMAIN: 'acme' });
    expect(p.map((x) => x.variable).sort()).toEqual([
      'ADMIN_TOKEN',
      'APP_SHARED_SECRET',
      'ZENDESK_API_TOKEN',
      'ZENDESK_EMAIL',
      'ZENDESK_WEBHOOK_SECRET',
    ]);
    expect(problems({ ...zendesk, ZENDESK_WEBHOOK_SECRET: 'ok-long-enough-secret,short' })[0]).toEqual({
      variable: 'ZENDESK_WEBHOOK_SECRET',
      message: expect.stringMatching(/16 characters/),
    });
  });

  it('says in the message where to look and never prints secret values', () => {
    try {
      loadConfig({ ...zendesk, ADMIN_TOKEN: 'tiny' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as Error).message).toMatch(/ADMIN_TOKEN/);
      expect((e as Error).message).toMatch(/docs\/connector\.md/);
      expect((e as Error).message).not.toMatch(/tiny/);
    }
  });
});

describe('loadConfig: Zendesk signed mode', () => {
  const pem = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----';
  it('reads the app public key from ZENDESK_APP_PUBLIC_KEY_FILE, and says what is wrong with a bad one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-key-'));
    try {
      fs.writeFileSync(`${dir}/key.pem`, `${pem}\n`);
      fs.writeFileSync(`${dir}/bad.pem`, 'not a key');
      expect(loadConfig({ ...zendesk, ZENDESK_APP_PUBLIC_KEY_FILE: `${dir}/key.pem` }).zendesk?.app?.publicKeyPem).toBe(pem);
      expect(problems({ ...zendesk, ZENDESK_APP_PUBLIC_KEY_FILE: `${dir}/bad.pem` })).toEqual([
        { variable: 'ZENDESK_APP_PUBLIC_KEY_FILE', message: expect.stringContaining('is not a PEM public key') },
      ]);
      expect(problems({ ...zendesk, ZENDESK_APP_PUBLIC_KEY_FILE: `${dir}/missing.pem` })[0].message).toContain('cannot read');
      expect(problems({ ...zendesk, ZENDESK_APP_PUBLIC_KEY: pem, ZENDESK_APP_PUBLIC_KEY_FILE: `${dir}/key.pem` })[0].message).toContain(
        'not both',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('needs the account host for "iss" when only ZENDESK_API_URL names the account', () => {
    const noSubdomain = { ...zendesk, ZENDESK_SUBDOMAIN: '', ZENDESK_API_URL: 'http://127.0.0.1:1234', ZENDESK_APP_PUBLIC_KEY: pem };
    expect(problems(noSubdomain).map((p) => p.variable)).toEqual(['ZENDESK_APP_ISSUER']);
    expect(loadConfig({ ...noSubdomain, ZENDESK_APP_ISSUER: 'acme.zendesk.com' }).zendesk?.app).toMatchObject({
      issuer: 'acme.zendesk.com',
      privilegedIdentity: 'signed',
    });
  });

  it('PROCESS_CONCURRENCY: tickets processed at once, 1 to 32; unset leaves the store default', () => {
    expect(loadConfig({}).processConcurrency).toBeNull();
    expect(loadConfig({ PROCESS_CONCURRENCY: '8' }).processConcurrency).toBe(8);
    expect(problems({ PROCESS_CONCURRENCY: '0' }).map((p) => p.variable)).toEqual(['PROCESS_CONCURRENCY']);
  });

  it('POLL_MS: the (safety) poll interval, 100 ms to 10 min; unset leaves the pipeline default', () => {
    expect(loadConfig({}).pollMs).toBeNull();
    expect(loadConfig({ POLL_MS: '60000' }).pollMs).toBe(60_000);
    expect(problems({ POLL_MS: '10' }).map((p) => p.variable)).toEqual(['POLL_MS']);
  });
});
