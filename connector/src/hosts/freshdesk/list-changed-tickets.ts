/**
 * Reconciliation listing for Freshdesk: GET /api/v2/tickets?updated_since=<ISO>&order_by=updated_at&order_type=asc
 * &per_page=100&page=N (developers.freshdesk.com/api/#list_all_tickets: `updated_since` lists tickets of any age
 * changed since then; at most 100 a page). Cursor = `<updated_since>|<page>`: the same `updated_since` while pages
 * are full, then the newest `updated_at` seen (inclusive: the boundary ticket is listed again and found seen).
 */
import type { HostTransport } from '../create-host-transport';
import type { ChangedPage } from '../host-client';
import type { FdTicket } from './freshdesk-payloads';
import { freshdeskStatus } from './freshdesk-values';

const PER_PAGE = 100;
/** Freshdesk serves at most 300 pages of a listing. */
const MAX_PAGE = 300;

export async function listChangedFreshdeskTickets(transport: HostTransport, cursor: string | null, sinceIso: string): Promise<ChangedPage> {
  const [since, pageText] = cursor ? cursor.split('|') : [new Date(Date.parse(sinceIso)).toISOString().replace(/\.\d{3}Z$/, 'Z'), '1'];
  const page = Math.max(1, Number(pageText) || 1);
  const list =
    (await transport.get<FdTicket[] | null>('/api/v2/tickets', {
      updated_since: since,
      order_by: 'updated_at',
      order_type: 'asc',
      per_page: String(PER_PAGE),
      page: String(page),
    })) ?? [];
  const tickets = list
    .filter((t) => t.updated_at)
    .map((t) => ({
      id: String(t.id),
      updatedAt: t.updated_at!,
      ...(freshdeskStatus(t.status) ? { status: freshdeskStatus(t.status) } : {}),
    }));
  const full = list.length >= PER_PAGE && page < MAX_PAGE;
  if (full) return { tickets, cursor: `${since}|${page + 1}`, done: false };
  const newest = tickets.reduce((m, t) => (Date.parse(t.updatedAt) > Date.parse(m) ? t.updatedAt : m), since);
  return { tickets, cursor: `${newest}|1`, done: true };
}
