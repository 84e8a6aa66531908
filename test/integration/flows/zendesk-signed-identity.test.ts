/**
 * Identity for privileged actions on Zendesk, through the real connector (startConnector) with Zendesk credentials and
 * the Zendesk API as nock (users, app installations and ticket payloads shaped as developer.zendesk.com documents them).
 * The ZAF signed-URL token is signed in the test with a test RSA key pair, shaped as Zendesk's documentation shows it
 * (`iss` the account host, `aud` the app installation URL, `sub` the user URL, `exp` 5 minutes, `qsh`, `cnf`, `context`),
 * and POSTed as the form field `token` to the connector's /zendesk/sidebar page, as Zendesk does for `signedUrls`.
 */
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import nock from 'nock';
import pino from 'pino';
import { adjustableClock, type AdjustableClock } from '../../../connector/src/clock';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { SESSION_ISSUER, SESSION_AUDIENCE } from '../../../connector/src/auth/session-token';
import { created } from '../../fixtures/connector-core/events';
import { ticket } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { signHs256Jwt } from '../../support/sign-jwt';
import { mockZendeskIdentityApi } from './zendesk-identity-api';

// Generous limits for a loaded 2-core box (RSA signing and a real connector per case); none is a timing assertion.
jest.setTimeout(60_000);

const ZD = 'https://acme.zendesk.com';
const KEY = 'app-shared-secret-0123456789';
const ADMIN = 'admin-token-0123456789';
const INSTALLATION = `${ZD}/api/v2/apps/installations/360001.json`;
const SUPERVISOR = '778';
const AGENT = '901';
const dir = tempDir();
let c: RunningConnector;
let clock: AdjustableClock;
let privateKey: CryptoKey | KeyObject;

const nowS = () => Math.floor(clock.now() / 1000);

/** A ZAF signed-URL token as Zendesk shapes it; `over` replaces claims, `header` the protected header. */
function zendeskToken(userId: string, over: Record<string, unknown> = {}, key: CryptoKey | KeyObject = privateKey) {
  return new SignJWT({
    iss: 'acme.zendesk.com',
    aud: INSTALLATION,
    sub: `${ZD}/api/v2/users/${userId}.json`,
    iat: nowS(),
    nbf: nowS(),
    exp: nowS() + 300,
    qsh: 'b5e7a6c0f8',
    cnf: { jku: `${ZD}/api/v2/apps/9001/public_key.pem` },
    context: { product: 'support', location: 'ticket_sidebar' },
    ...over,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .sign(key);
}

/** What Zendesk does when the iframe loads: POST token=… to the app URL (origin/app_guid in the query). */
async function openPage(token: string) {
  const res = await fetch(`${c.url}/zendesk/sidebar?origin=${encodeURIComponent(ZD)}&app_guid=abc-123`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
  const html = (await res.text()).replace(/&#34;/g, '"');
  return {
    status: res.status,
    html,
    headers: res.headers,
    session: /<meta name="complaint-desk-session" content="([^"]+)">/.exec(html)?.[1] ?? null,
  };
}

const bearer = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const keyAs = (agent: string, role: string) => ({
  'content-type': 'application/json',
  'x-complaint-desk-key': KEY,
  'x-complaint-desk-agent': agent,
  'x-complaint-desk-role': role,
  'x-complaint-desk-locale': 'en',
});
const approve = (headers: Record<string, string>) =>
  fetch(`${c.url}/api/v1/tickets/zendesk/301/remedy-approval`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ decision: 'approved', comment: 'ok' }),
  });
/** The HS256 token the ZAF proxy signs for whatever claims the browser asked for. */
const proxyToken = (claims: Record<string, unknown>) => signHs256Jwt({ exp: nowS() + 300, ...claims }, KEY);

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  clock = adjustableClock();
  clock.set(Date.parse('2026-11-23T02:00:00Z'));
  mockZendeskIdentityApi(ZD, SUPERVISOR, AGENT);
  c = await startConnector({
    env: {
      ZENDESK_SUBDOMAIN: 'acme',
      ZENDESK_EMAIL: 'bot@acme.test',
      ZENDESK_API_TOKEN: 'tok',
      ZENDESK_WEBHOOK_SECRET: 'zd-webhook-secret-0123456789',
      APP_SHARED_SECRET: KEY,
      ADMIN_TOKEN: ADMIN,
      DATABASE_URL: `sqlite:${dir.file('signed.db')}`,
      RECONCILE_INTERVAL_MINUTES: '0',
      POLICY_FILE: join(__dirname, '../../../policies/default.json'),
      ZENDESK_APP_PUBLIC_KEY: await exportSPKI(pair.publicKey),
      ZENDESK_APP_AUDIENCE: INSTALLATION,
    },
    port: 0,
    hostname: '127.0.0.1',
    clock,
    logger: pino({ level: 'silent' }),
  });
  // A complaint whose remedy an agent chose above their authority: an approval is pending.
  c.pipeline.ingest(created(ticket({ id: '301', fields: { product_model: 'R3', purchase_date: '2026-11-01', order_amount: '1000' } })));
  await c.pipeline.idle();
  const view = await (await fetch(`${c.url}/api/v1/tickets/zendesk/301/view`, { headers: keyAs('lin', 'agent') })).json();
  const above = view.remedies.options.find((o: { needsApproval?: boolean }) => o.needsApproval);
  const chose = await fetch(`${c.url}/api/v1/tickets/zendesk/301/remedy`, {
    method: 'POST',
    headers: keyAs('lin', 'agent'),
    body: JSON.stringify({ rank: above.rank }),
  });
  expect(chose.status).toBe(202);
  await c.pipeline.idle();
}, 120_000); // starting the connector takes ~2.5 s alone, far longer beside the browser suites on a loaded 2-core box

afterAll(async () => {
  await c?.close();
  nock.cleanAll();
  nock.enableNetConnect();
  dir.cleanup();
});

describe('Zendesk privileged actions need an id Zendesk vouches for', () => {
  it("an agent naming the supervisor's id in the ZAF proxy token (HS256) cannot approve, review or export", async () => {
    // The proxy signs whatever the browser asks; Zendesk vouches (agent_roles) that user 778 is a supervisor.
    const forged = proxyToken({ sub: SUPERVISOR, name: 'Sam Supervisor', role: 'supervisor' });
    const r = await approve(bearer(forged));
    expect(r.status).toBe(403);
    expect((await r.json()).error.message).toContain('approving a remedy on a Zendesk ticket needs an agent id Zendesk vouches for');
    const review = await fetch(`${c.url}/api/v1/tickets/zendesk/301/evidence`, {
      method: 'POST',
      headers: bearer(forged),
      body: JSON.stringify({ kind: 'review', description: 'looked fine' }),
    });
    expect(review.status).toBe(403);
    const exported = await fetch(`${c.url}/api/v1/evidence/zendesk/301`, { headers: bearer(forged) });
    expect(exported.status).toBe(403);
    expect((await exported.json()).error.message).toContain('signed mode');
    // The app key (Freshdesk-style headers) is no better on a Zendesk ticket.
    expect((await approve(keyAs(SUPERVISOR, 'supervisor'))).status).toBe(403);
    // Reads keep working in this mode, and so does the admin token's export.
    const view = await fetch(`${c.url}/api/v1/tickets/zendesk/301/view`, { headers: bearer(forged) });
    expect(view.status).toBe(200);
    expect((await view.json()).privileged).toBe('needs_signed_mode'); // the sidebar says so before anyone clicks
    expect((await fetch(`${c.url}/api/v1/evidence/zendesk/301`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
  });

  it("signed mode: Zendesk's token opens the page; its session approves as the user Zendesk signed, with the vouched role", async () => {
    const agentPage = await openPage(await zendeskToken(AGENT));
    expect(agentPage.status).toBe(200);
    expect(agentPage.headers.get('content-security-policy')).toContain('frame-ancestors https://acme.zendesk.com');
    expect(agentPage.headers.get('cache-control')).toBe('no-store');
    expect(agentPage.html).toContain('<script src="/zendesk/assets/sidebar.js"></script>');
    // The sidebar's scripts come from the connector too, offline.js (fetched only when the connector fails) included;
    // nothing else under dist/zendesk/assets is served.
    for (const f of ['sidebar.js', 'offline.js']) expect((await fetch(`${c.url}/zendesk/assets/${f}`)).status).toBe(200);
    expect((await fetch(`${c.url}/zendesk/assets/iframe.html`)).status).toBe(404);
    // The front-line agent's session: the id is vouched, the role (agent) cannot approve; asking for "supervisor" does not help.
    const byAgent = await approve({ ...bearer(agentPage.session!), 'x-complaint-desk-role': 'supervisor' });
    expect(byAgent.status).toBe(403);
    expect((await byAgent.json()).error.message).not.toContain('signed mode');

    const page = await openPage(await zendeskToken(SUPERVISOR));
    expect(page.status).toBe(200);
    const ok = await approve(bearer(page.session!));
    expect(ok.status).toBe(202);
    await c.pipeline.idle();
    const view = await (await fetch(`${c.url}/api/v1/tickets/zendesk/301/view`, { headers: bearer(page.session!) })).json();
    expect(view.privileged).toBeUndefined();
    expect(view.remedies.chosen).toMatchObject({ approval: 'approved', decidedBy: SUPERVISOR });
    const review = await fetch(`${c.url}/api/v1/tickets/zendesk/301/evidence`, {
      method: 'POST',
      headers: bearer(page.session!),
      body: JSON.stringify({ kind: 'review', description: 'checked' }),
    });
    expect(review.status).toBe(201);
    const bundle = await fetch(`${c.url}/api/v1/evidence/zendesk/301`, { headers: bearer(page.session!) });
    expect(bundle.status).toBe(200);
    expect((await bundle.json()).entries.find((e: { type: string }) => e.type === 'review')).toMatchObject({
      by: SUPERVISOR,
      data: { role: 'supervisor' },
    });
    // Zendesk's own token works as a bearer too (e.g. a server-side caller holding it).
    expect((await fetch(`${c.url}/api/v1/evidence/zendesk/301`, { headers: bearer(await zendeskToken(SUPERVISOR)) })).status).toBe(200);
  });

  it('refuses forged, expired, wrong-audience, wrong-issuer, unsigned and algorithm-confused tokens, and suspended users', async () => {
    const other = await generateKeyPair('RS256');
    const pem = await exportSPKI((await generateKeyPair('RS256', { extractable: true })).publicKey);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = { iss: 'acme.zendesk.com', aud: INSTALLATION, sub: `${ZD}/api/v2/users/${SUPERVISOR}.json`, exp: nowS() + 300 };
    const cases: [string, string, RegExp][] = [
      ['forged (another key)', await zendeskToken(SUPERVISOR, {}, other.privateKey), /bad signature/],
      ['expired', await zendeskToken(SUPERVISOR, { iat: nowS() - 900, nbf: nowS() - 900, exp: nowS() - 300 }), /expired/],
      [
        'another installation',
        await zendeskToken(SUPERVISOR, { aud: `${ZD}/api/v2/apps/installations/999.json` }),
        /not the configured ZENDESK_APP_AUDIENCE/,
      ],
      ['another account', await zendeskToken(SUPERVISOR, { iss: 'evil.zendesk.com' }), /"iss" is not acme.zendesk.com/],
      [
        'a user of another account',
        await zendeskToken(SUPERVISOR, { sub: `https://evil.zendesk.com/api/v2/users/${SUPERVISOR}.json` }),
        /"sub" is not a user/,
      ],
      [
        'no exp',
        await new SignJWT({ ...claims, exp: undefined }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey),
        /"exp" is missing/,
      ],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, /token was not accepted/],
      ['HS256 signed with the public key text', signHs256Jwt(claims, pem), /token was not accepted/],
    ];
    for (const [what, token, why] of cases) {
      const p = await openPage(token);
      expect([what, p.status, p.session]).toEqual([what, 401, null]);
      expect([what, p.html]).toEqual([what, expect.stringMatching(why)]);
      // the same token as a bearer gets nothing either
      expect([what, (await approve(bearer(token))).status]).toEqual([what, 401]);
    }
    expect((await openPage('')).status).toBe(401);
    const suspended = await openPage(await zendeskToken('555'));
    expect([suspended.status, suspended.session]).toEqual([403, null]);
    expect(suspended.html).toContain('not an active agent');
    expect((await fetch(`${c.url}/zendesk/sidebar`)).status).toBe(405);
  });

  it('a session cannot be minted through the ZAF proxy, and expires unless renewed by use', async () => {
    // The proxy signs any claims with APP_SHARED_SECRET: a session-shaped token from it is refused (different key).
    const viaProxy = signHs256Jwt(
      { iss: SESSION_ISSUER, aud: SESSION_AUDIENCE, sub: SUPERVISOR, auth_time: nowS(), exp: nowS() + 3600 },
      KEY,
    );
    const r = await approve(bearer(viaProxy));
    expect(r.status).toBe(401);
    expect((await r.json()).error.message).toContain('session not signed by this connector');

    const { session } = await openPage(await zendeskToken(SUPERVISOR));
    const view = () => fetch(`${c.url}/api/v1/tickets/zendesk/301/view`, { headers: bearer(session!) });
    expect((await view()).headers.get('x-complaint-desk-session')).toBeNull();
    clock.advance(40 * 60_000); // past half of the 60-minute session: renewed on use
    const used = await view();
    expect(used.status).toBe(200);
    const renewed = used.headers.get('x-complaint-desk-session');
    expect(renewed).toMatch(/^ey/);
    clock.advance(30 * 60_000); // the first session has expired; the renewed one has not
    const old = await view();
    expect(old.status).toBe(401);
    expect((await old.json()).error.message).toContain('session expired');
    expect((await fetch(`${c.url}/api/v1/tickets/zendesk/301/view`, { headers: bearer(renewed!) })).status).toBe(200);
  });
});
