/**
 * Reconciliation listing for Zendesk: the cursor-based incremental ticket export
 * (GET /api/v2/incremental/tickets/cursor.json?start_time=<unix>|cursor=<after_cursor>; response `tickets`,
 * `after_cursor`, `end_of_stream`; developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports).
 * `start_time` must be at least a minute in the past; the export is rate limited to 10 requests a minute, so each
 * reconciliation run reads one page (up to `perPage` tickets).
 */
import type { HostTransport } from '../create-host-transport';
import type { ChangedPage } from '../host-client';
import { zendeskStatus } from './zendesk-values';

interface ExportPage {
  tickets?: { id: number; updated_at?: string; status?: string }[];
  after_cursor?: string | null;
  end_of_stream?: boolean;
}

export async function listChangedZendeskTickets(
  transport: HostTransport,
  cursor: string | null,
  sinceIso: string,
  nowMs: number,
  perPage = 100,
): Promise<ChangedPage> {
  const query: Record<string, string> = { per_page: String(perPage) };
  if (cursor) query.cursor = cursor;
  else query.start_time = String(Math.floor(Math.min(Date.parse(sinceIso), nowMs - 61_000) / 1000));
  const page = await transport.get<ExportPage>('/api/v2/incremental/tickets/cursor.json', query);
  const tickets = (page?.tickets ?? [])
    .filter((t) => t.status !== 'deleted' && t.updated_at)
    .map((t) => ({ id: String(t.id), updatedAt: t.updated_at!, ...(zendeskStatus(t.status) ? { status: zendeskStatus(t.status) } : {}) }));
  return { tickets, cursor: page?.after_cursor ?? cursor ?? '', done: page?.end_of_stream !== false };
}
