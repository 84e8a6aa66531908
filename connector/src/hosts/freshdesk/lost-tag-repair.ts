/**
 * Detects an agent tag our last tag write dropped. Freshdesk's update replaces the whole tag list with no conditional
 * update (developers.freshdesk.com/api/#update_ticket), so an agent tag added between our read and our write is lost.
 * The agent's edit fires its own automation webhook, whose body shows the tags then and {{ticket.modified_on}}: when
 * that moment is not after our write, a tag it shows that we neither read, wrote nor removed is one we dropped.
 * Pure bookkeeping; the client re-adds what this returns. Bounded memory (last write per ticket, 1000 tickets).
 */
export interface TagWrite {
  read: string[];
  wrote: string[];
  removed: string[];
  /** The ticket's updated_at in our write's response. */
  at?: string;
}

export function createTagWriteLog(limit = 1000) {
  const writes = new Map<string, TagWrite>();
  return {
    record(id: string, w: TagWrite): void {
      writes.delete(id);
      writes.set(id, { read: [...w.read], wrote: [...w.wrote], removed: [...w.removed], at: w.at });
      if (writes.size > limit) writes.delete(writes.keys().next().value as string);
    },
    /** Tags the event at `seenAt` showed that our last write dropped ([] when none, or when the event is newer than the write). */
    lostTags(id: string, seenTags: string[] | undefined, seenAt: string | undefined): string[] {
      const w = writes.get(id);
      if (!w || !seenTags?.length) return [];
      // Whole seconds on both sides: an event in the same second as our write may predate it, so it counts.
      if (seenAt && w.at && Date.parse(seenAt) > Date.parse(w.at)) return [];
      return seenTags.filter((t) => !w.read.includes(t) && !w.wrote.includes(t) && !w.removed.includes(t));
    },
  };
}
