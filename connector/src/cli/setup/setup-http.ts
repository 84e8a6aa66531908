/**
 * The HTTP edge of `complaint-desk setup`: Basic-auth JSON calls to the host's API with global fetch. Reads are always
 * sent; with `--dry-run` writes are printed (method, path, body) instead of sent. Secrets are never printed here.
 */
import { write, type CliIo } from '../../../../policies/cli/cli-io';

export interface SetupHttp {
  get<T>(path: string): Promise<T>;
  /** A write: sent, or printed under --dry-run (then resolves null). */
  send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T | null>;
  readonly dryRun: boolean;
}

export class SetupError extends Error {}

export function createSetupHttp(baseUrl: string, authorization: string, dryRun: boolean, io: CliIo): SetupHttp {
  const base = baseUrl.replace(/\/+$/, '');
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      throw new SetupError(`${method} ${base}${path}: cannot reach the API (${(e as Error).message}); check the URL and the network`);
    }
    const text = await res.text();
    if (res.status === 401 || res.status === 403)
      throw new SetupError(
        `${method} ${path} → ${res.status}: the credentials were refused or lack admin rights; check the e-mail/API token (or API key) and that the user is an admin`,
      );
    if (!res.ok) throw new SetupError(`${method} ${path} → ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  return {
    dryRun,
    get: (path) => call('GET', path),
    async send(method, path, body) {
      if (dryRun) {
        await write(io.stdout, `would send: ${method} ${path}\n${JSON.stringify(body, null, 2)}\n`);
        return null;
      }
      return call(method, path, body);
    },
  };
}

/** Pages of a Zendesk/Freshdesk list: follows `next_page` (Zendesk) or `page=N` until a short page (Freshdesk). */
export async function allPages<T>(
  http: SetupHttp,
  first: string,
  pick: (body: unknown) => T[],
  style: 'zendesk' | 'freshdesk',
  baseUrl: string,
): Promise<T[]> {
  const out: T[] = [];
  if (style === 'zendesk') {
    let path: string | null = first;
    for (let i = 0; path && i < 50; i++) {
      const body: { next_page?: string | null } | null = await http.get<{ next_page?: string | null } | null>(path);
      out.push(...pick(body));
      path = body?.next_page
        ? String(body.next_page)
            .replace(baseUrl.replace(/\/+$/, ''), '')
            .replace(/^https?:\/\/[^/]+/, '')
        : null;
    }
    return out;
  }
  for (let page = 1; page <= 50; page++) {
    const batch = pick(await http.get(`${first}${first.includes('?') ? '&' : '?'}per_page=100&page=${page}`));
    out.push(...batch);
    if (batch.length < 100) break;
  }
  return out;
}
