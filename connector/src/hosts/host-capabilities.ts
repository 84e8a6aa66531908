/**
 * What processing must hand a host client beyond the decision. Freshdesk has no conditional update and replaces the
 * whole tag list, so its client needs the tags each host event showed (`TicketChange.seenTags`) to restore agent tags
 * a concurrent write dropped (hosts/freshdesk/lost-tag-repair.ts). Zendesk writes tags with safe_update (409 on a
 * concurrent change), the sandbox writes its own tables: neither needs them.
 */
const SEEN_TAGS_HOSTS: ReadonlySet<string> = new Set(['freshdesk']);

export function needsSeenTags(host: string): boolean {
  return SEEN_TAGS_HOSTS.has(host);
}
