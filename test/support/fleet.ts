/**
 * A fleet of connector PROCESSES for tests and the scale bench: N copies of the bundled server (`npm start`'s entry,
 * bundleServer) on free ports of 127.0.0.1 against one PostgreSQL database and one (fake) Zendesk; a round-robin
 * client that posts signed webhooks to the replicas that are alive (the next one when a replica does not answer,
 * as a load balancer does); and a rate-limited front for the fake Zendesk that counts calls per sliding window and
 * answers 429 with Retry-After over its limit, as Zendesk does. With `cpuLimit`, each replica runs in a cgroup of its
 * own with a fixed CPU allotment (test/support/cpu-cap.ts), as each container of a deployment has its CPU limit.
 */
import { launchConnector, tryPostWebhook, zendeskEnv, type FlakyZendesk, type Launched } from '../integration/faults/fault-kit';
import type { CpuCaps } from './cpu-cap';
import { freePort } from './free-port';

export interface Fleet {
  /** The replica processes (null while one is dead). */
  replicas: (Launched | null)[];
  /** Base URLs of the live replicas. */
  urls(): string[];
  /** SIGKILL: no shutdown, no cleanup (a crashed machine). */
  kill(i: number): Promise<void>;
  /** Starts replica `i` again (a new process, a new port). */
  restart(i: number): Promise<Launched>;
  /** SIGTERM to every live replica; resolves with their exit codes (and, with `cpuLimit`, after removing the groups). */
  stop(): Promise<(number | null)[]>;
}

export interface FleetOptions {
  server: string;
  pgUrl: string;
  zendeskUrl: string;
  n: number;
  /** Extra environment for every replica (e.g. HOST_RATE_LIMIT_PER_MIN). */
  env?: Record<string, string>;
  /** Each replica in a session of its own (its own CPU share under autogroup scheduling, as on its own machine). */
  ownSessions?: boolean;
  /**
   * Each replica in its own CPU-capped cgroup (slot i for replica i, kept across restarts), entered right after the
   * spawn, before it serves. The fleet removes the groups in `stop()`, or when its start fails.
   */
  cpuLimit?: CpuCaps;
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const caps = o.cpuLimit;
  const launch = async (i: number) =>
    launchConnector(
      o.server,
      zendeskEnv('unused.db', o.zendeskUrl, { DATABASE_URL: o.pgUrl, LOG_LEVEL: 'warn', ...o.env }),
      await freePort(),
      o.ownSessions,
      caps ? (child) => caps.place(i, child.pid!) : undefined,
    );
  // One after another: the first applies the migrations, the others find them applied.
  const replicas: (Launched | null)[] = [];
  try {
    for (let i = 0; i < o.n; i++) replicas.push(await launch(i));
  } catch (e) {
    if (caps) {
      for (const r of replicas) r?.child.kill('SIGKILL');
      await Promise.all(replicas.map((r) => r?.exited));
      await caps.remove();
    }
    throw e;
  }
  return {
    replicas,
    urls: () => replicas.filter((r): r is Launched => r !== null).map((r) => r.url),
    async kill(i) {
      const r = replicas[i];
      if (!r) return;
      replicas[i] = null;
      r.child.kill('SIGKILL');
      await r.exited;
    },
    async restart(i) {
      const r = await launch(i);
      replicas[i] = r;
      return r;
    },
    async stop() {
      const live = replicas.filter((r): r is Launched => r !== null);
      for (const r of live) r.child.kill('SIGTERM');
      const codes = await Promise.all(live.map((r) => r.exited));
      await caps?.remove();
      return codes;
    },
  };
}

/**
 * A round-robin load balancer in front of the fleet: each post goes to the next live replica; a replica that
 * does not acknowledge (dead, or 5xx) is skipped and the event sent to the next, until one acknowledges (2xx)
 * or `attempts` run out. Resolves with the status that ended it.
 */
export function roundRobin(fleet: Fleet, attempts = 30): { post(body: string): Promise<number>; sent: () => number } {
  let next = 0;
  let sent = 0;
  return {
    async post(body) {
      let status = 0;
      for (let a = 0; a < attempts; a++) {
        const urls = fleet.urls();
        if (urls.length) {
          status = await tryPostWebhook(urls[next++ % urls.length], body);
          sent++;
          if (status >= 200 && status < 300) return status;
        }
        await new Promise((r) => setTimeout(r, Math.min(1000, 50 * (a + 1))));
      }
      return status;
    },
    sent: () => sent,
  };
}

/**
 * Makes the fake Zendesk answer like Zendesk over its rate limit: at most `limit` calls accepted in any sliding
 * `windowMs`; a call over it gets 429 with Retry-After (whole seconds until the oldest accepted call leaves the
 * window). Every arrival, accepted or not, is kept with its time for the checks.
 */
export function limitHost(zd: FlakyZendesk, limit: number, windowMs: number) {
  const accepted: number[] = [];
  const rejected: number[] = [];
  zd.override = () => {
    const now = Date.now();
    const inWindow = accepted.filter((t) => t > now - windowMs);
    if (inWindow.length >= limit) {
      rejected.push(now);
      const retryAfter = Math.max(1, Math.ceil((inWindow[inWindow.length - limit] + windowMs - now) / 1000));
      return {
        status: 429,
        headers: { 'retry-after': String(retryAfter) },
        body: { error: 'TooManyRequests', description: 'You have exceeded the rate limit' },
      };
    }
    accepted.push(now);
    return null;
  };
  return { accepted, rejected, all: () => [...accepted, ...rejected].sort((a, b) => a - b) };
}
