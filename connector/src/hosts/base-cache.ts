/**
 * A small bounded memory of each ticket's last seen tags and `updated_at` (from getTicket, our own writes' responses).
 * It spares the read before a tag write in the common case; a stale entry is caught by the host (Zendesk 409 → refetch).
 */
export interface TicketBase {
  tags: string[];
  updatedAt: string;
}

export function createBaseCache(limit = 1000) {
  const entries = new Map<string, TicketBase>();
  return {
    /** The entry, unless the caller knows the ticket changed after it (`seenUpdatedAt` newer than the entry). */
    get(id: string, seenUpdatedAt?: string): TicketBase | undefined {
      const hit = entries.get(id);
      if (!hit) return undefined;
      if (seenUpdatedAt && Date.parse(seenUpdatedAt) > Date.parse(hit.updatedAt)) return undefined;
      return hit;
    },
    set(id: string, base: TicketBase): void {
      entries.delete(id);
      entries.set(id, { tags: [...base.tags], updatedAt: base.updatedAt });
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
    delete(id: string): void {
      entries.delete(id);
    },
  };
}
