/**
 * Finds the ticket an earlier creation attempt made, by the hidden reference marker at the end of its description
 * (note-marker.ts encoding; Freshdesk tickets have no external id, and a visible tag would change the ticket's tags).
 * One call: the requester's newest tickets with their descriptions, read from the database (no search-index lag):
 * `GET /api/v2/tickets?requester_id=…|email=…&order_by=created_at&order_type=desc&per_page=100&include=description`.
 * Limits: the list covers the requester's 100 newest tickets created in the last 30 days (Freshdesk's default
 * window), ample for an outbox retry; the search API cannot help (it does not search descriptions).
 */
import type { HostTransport } from '../create-host-transport';
import { noteHasMarker } from '../note-marker';
import type { FdTicket } from './freshdesk-payloads';

export type RequesterFields = { requester_id?: number; email?: string; name?: string };

export async function findByRefMarker(transport: HostTransport, marker: string, requester: RequesterFields): Promise<string | undefined> {
  const who: Record<string, string> =
    requester.requester_id != null ? { requester_id: String(requester.requester_id) } : { email: String(requester.email ?? '') };
  const recent = await transport.get<FdTicket[] | null>('/api/v2/tickets', {
    ...who,
    order_by: 'created_at',
    order_type: 'desc',
    per_page: '100',
    include: 'description',
  });
  const hit = (recent ?? []).find((t) => noteHasMarker(t.description, marker) || noteHasMarker(t.description_text, marker));
  return hit ? String(hit.id) : undefined;
}
