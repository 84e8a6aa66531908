/**
 * One LISTEN connection per process, shared by every channel the process follows (policy changes, work
 * notices). LISTEN holds a session, so it cannot use the pool: the hub keeps a `Client` of its own, LISTENs on
 * each subscribed channel, and hands each notification to that channel's subscribers. A dropped connection is
 * re-opened after 0.5 s, doubling to 30 s; each (re)connect calls every subscriber with `null` (a notice sent
 * while disconnected is lost, so the subscriber looks for itself). Subscribers never depend on the hub alone:
 * each also polls (policy store, pipeline safety poll). `state()` is what /readyz reports.
 */
import { Client, type ClientConfig } from 'pg';

export type NoticeHandler = (payload: string | null) => void;

export interface ListenerState {
  /** True while the LISTEN connection is open and listening on every subscribed channel. */
  listening: boolean;
  channels: string[];
  /** When the connection last changed between up and down (ISO), or null before the first connect. */
  since: string | null;
  /** Connects that failed or connections that dropped since the process started. */
  drops: number;
  lastError: string | null;
}

export interface NotifyHub {
  /** Calls `onNotice` for each NOTIFY on `channel`; returns an unsubscribe function. Connects on the first call. */
  subscribe(channel: string, onNotice: NoticeHandler): () => Promise<void>;
  state(): ListenerState;
  /** Ends the connection; later subscriptions do nothing. */
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export function createNotifyHub(config: ClientConfig, onError?: (err: Error) => void): NotifyHub {
  const subs = new Map<string, Set<NoticeHandler>>();
  let client: Client | null = null;
  let listening = false;
  let connecting = false;
  let closed = false;
  let delay = 500;
  let timer: NodeJS.Timeout | null = null;
  const st = { since: null as string | null, drops: 0, lastError: null as string | null };

  const setListening = (up: boolean) => {
    if (up !== listening) st.since = new Date().toISOString();
    listening = up;
  };
  const tellAll = () => {
    for (const set of subs.values()) for (const fn of [...set]) fn(null);
  };
  const failed = new WeakSet<Client>();
  const fail = (c: Client, err: Error) => {
    if (failed.has(c)) return;
    failed.add(c);
    st.drops++;
    st.lastError = err.message;
    onError?.(err);
    if (client === c) {
      client = null;
      setListening(false);
    }
    void c.end().catch(() => undefined);
    retry();
  };
  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref?.();
    delay = Math.min(30_000, delay * 2);
  };
  const connect = async () => {
    if (closed || client || connecting) return;
    connecting = true;
    const c = new Client({ ...config, keepAlive: true });
    c.on('error', (err) => fail(c, err));
    c.on('end', () => {
      if (client === c && !closed) fail(c, new Error('LISTEN connection ended'));
    });
    c.on('notification', (m) => {
      for (const fn of [...(subs.get(m.channel) ?? [])]) fn(m.payload ?? null);
    });
    try {
      await c.connect();
      client = c;
      for (const ch of subs.keys()) await c.query(`LISTEN ${ch}`);
      connecting = false;
      if (closed) return void (await c.end().catch(() => undefined));
      delay = 500;
      setListening(true);
      tellAll();
    } catch (e) {
      connecting = false;
      fail(c, e as Error);
    }
  };

  return {
    subscribe(channel, onNotice) {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      if (closed) return async () => undefined;
      let set = subs.get(channel);
      if (!set) {
        set = new Set();
        subs.set(channel, set);
        // Already connected: LISTEN on the open connection (a failure drops it; the reconnect LISTENs on all).
        const c = listening ? client : null;
        c?.query(`LISTEN ${channel}`).catch((err: Error) => fail(c, err));
      }
      set.add(onNotice);
      void connect();
      return async () => {
        set.delete(onNotice);
      };
    },
    state: () => ({ listening, channels: [...subs.keys()], ...st }),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      setListening(false);
      await c?.end().catch(() => undefined);
    },
  };
}
