/**
 * Set-up shared by the tests against the fake Zendesk and Freshdesk over HTTP on 127.0.0.1: nock lets nothing else
 * out, each test gets a fresh fake host, host clients carry the fakes' credentials, and pipeline tests run on a
 * SQLite file with a fast, sleepless client.
 */
import { adjustableClock } from '../../../connector/src/clock';
import { createFreshdeskClient, type FreshdeskClientOptions } from '../../../connector/src/hosts/freshdesk/create-freshdesk-client';
import { createZendeskClient, type ZendeskClientOptions } from '../../../connector/src/hosts/zendesk/create-zendesk-client';
import { createPipeline } from '../../../connector/src/pipeline/create-pipeline';
import { openDatabase } from '../../../connector/src/store/open-database';
import { fixedPolicyStore, loadPolicy } from '../../fixtures/connector-core/policy';
import { useNock } from '../../unit/connector/src/hosts/host-test-kit';

/** What the fakes (startFakeZendesk, startFakeFreshdesk) accept, and the clients below send. */
export const ZENDESK_AUTH = `Basic ${Buffer.from('bot@acme.example/token:tok').toString('base64')}`;
export const FRESHDESK_AUTH = `Basic ${Buffer.from('key-9:X').toString('base64')}`;

/** Nothing leaves 127.0.0.1; `start` runs before each test (`use` receives the fake) and the fake closes after it. */
export function fakeHostPerTest<H extends { close(): Promise<void> }>(start: () => Promise<H>, use: (host: H) => void): void {
  let current: H | undefined;
  useNock();
  beforeEach(async () => {
    current = await start();
    use(current);
  });
  afterEach(async () => {
    await current?.close();
  });
}

type Credentials<O> = Omit<O, 'subdomain' | 'email' | 'apiToken' | 'domain' | 'apiKey'> & Partial<O>;

/** A Zendesk client with the fake's credentials (subdomain `acme` unless given). */
export const zendeskOverHttp = (o: Credentials<ZendeskClientOptions>) =>
  createZendeskClient({ subdomain: 'acme', email: 'bot@acme.example', apiToken: 'tok', ...o });

/** A Freshdesk client with the fake's credentials (domain `acme` unless given). */
export const freshdeskOverHttp = (o: Credentials<FreshdeskClientOptions>) =>
  createFreshdeskClient({ domain: 'acme', apiKey: 'key-9', ...o });

/** The real pipeline on a fresh SQLite file, its one host client talking to the fake at `baseUrl`; the clock set to `now`. */
export function pipelineOverHttp(host: 'zendesk' | 'freshdesk', baseUrl: string, dbFile: string, now: number) {
  const policy = loadPolicy();
  const db = openDatabase(`sqlite:${dbFile}`);
  const clock = adjustableClock();
  clock.set(now);
  const common = {
    baseUrl,
    getPolicy: () => policy,
    queue: { intervalCap: 1000, interval: 1000 },
    retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
    sleep: async () => undefined,
  };
  const client = host === 'zendesk' ? zendeskOverHttp(common) : freshdeskOverHttp({ ...common, defaultRequesterEmail: 'ops@acme.test' });
  const hosts = { [host]: client };
  const pipeline = createPipeline({ db, hosts, policyStore: fixedPolicyStore(policy), clock, retryBaseMs: 60_000, maxOutboxAttempts: 3 });
  return { policy, db, clock, hosts, pipeline };
}
