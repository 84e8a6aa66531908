/**
 * The one interface the sidebar UI talks to. Zendesk, Freshdesk and the sandbox each implement it
 * (zendesk-host.ts, freshdesk-host.ts, sandbox-host.ts); the UI never touches a host SDK directly.
 */
import { canonicalZone } from '../../../../policies/src/engine/display-format';
import type { HostId, Locale, Policy, Ticket } from '../../../../policies/src/types';

export interface AgentContext {
  host: HostId;
  ticketId: string;
  /**
   * `timeZone`: the agent's IANA zone where the host gives one; null = the policy's `timeZones.agents`.
   * `hostTimeZone`: the zone name as the host gave it, unchecked (sent with the view request; the connector checks it).
   */
  agent: { id: string; name: string; role: string; locale: Locale; timeZone: string | null; hostTimeZone?: string | null };
  /** Problems with the app's own settings (e.g. an unreadable role mapping), shown to the agent. */
  warnings?: string[];
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Extra headers (If-None-Match for the policy cache). */
  headers?: Record<string, string>;
}

export interface HostResponse {
  status: number;
  /** Parsed JSON body, or null when empty / not JSON. */
  body: unknown;
  headers: Record<string, string>;
}

/** Given the tags the ticket is about to be saved with: null = allow, string = block with this reason. */
export type SaveGuard = (tags: string[]) => Promise<string | null>;

export interface HostApi {
  /** The agent and the open ticket; `ticketId` changes when a host reuses one instance for the next ticket. */
  readonly context: AgentContext;
  /**
   * Resolves when the app may load (Freshworks: the first `app.activated`; a minimised sidebar loads
   * nothing). Absent or resolved: load at once.
   */
  readonly activation?: Promise<void>;
  /**
   * The ticket as the host shows it now, in the host-neutral shape. With a policy, host custom fields
   * mapped in `policy.hostFields` are read into `fields` under their intake keys (offline intake gaps).
   */
  getTicket(policy?: Policy | null): Promise<Ticket>;
  /** Calls the connector (path like `/api/v1/tickets/zendesk/42/view`). Rejects only when unreachable. */
  request(path: string, options?: RequestOptions): Promise<HostResponse>;
  insertIntoEditor(text: string): Promise<void>;
  onSaveGuard(guard: SaveGuard): void;
  resize(height: number): void;
  onTicketChanged(cb: () => void): void;
}

/** Thrown by `request` when the connector cannot be reached (network error, timeout, 502-504 from a proxy). */
export class ConnectorUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorUnreachable';
  }
}

const LOCALE_MAP: Record<string, Locale> = {
  'zh-cn': 'zh-CN',
  'zh-hans': 'zh-CN',
  zh: 'zh-CN',
  'zh-sg': 'zh-CN',
  'zh-tw': 'zh-TW',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
};

/** Maps a host locale string (`zh-cn`, `zh-TW`, `en-US`, `fr`) to a UI locale; unknown → `en`. */
export function toLocale(raw: string | null | undefined): Locale {
  const v = String(raw ?? '')
    .toLowerCase()
    .replace('_', '-');
  if (LOCALE_MAP[v]) return LOCALE_MAP[v];
  if (v.startsWith('zh-hant')) return 'zh-TW';
  if (v.startsWith('zh')) return 'zh-CN';
  return 'en';
}

/**
 * `agent` with the host's zone name and its `timeZone`, checked on first read and kept. The check loads ICU's data,
 * 30–45 ms in a new renderer: read lazily, it runs only when a time has to be formatted in the page (offline, or a
 * view without `display`), never before the view request is sent.
 */
export function withLazyTimeZone<T extends object>(
  agent: T,
  hostTimeZone: string | null,
): T & { timeZone: string | null; hostTimeZone: string | null } {
  let zone: string | null | undefined;
  return Object.defineProperty(Object.assign(agent, { hostTimeZone }), 'timeZone', {
    enumerable: true,
    get: () => (zone === undefined ? (zone = canonicalZone(hostTimeZone)) : zone),
  }) as T & { timeZone: string | null; hostTimeZone: string | null };
}
