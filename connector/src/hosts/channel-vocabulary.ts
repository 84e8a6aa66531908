/** The host-neutral channel keys of `Ticket.channel` (policy `sla.onlineChannels` names these) and the key form of a host value. */
export type ChannelKey = 'email' | 'web' | 'chat' | 'phone' | 'app' | 'social' | 'api';

/** `Web Service (API)` → `web_service`, `Feedback Widget` → `feedback_widget`, `OPEN` → `open`. */
export function hostValueKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const key = String(value)
    .trim()
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .trim()
    .replace(/[\s-]+/g, '_');
  return key || undefined;
}

/** A value no table knows stays visible as its key (policy can name it), never silently becomes another channel. */
export function channelFrom(table: Record<string, ChannelKey>, value: unknown): string | undefined {
  const key = hostValueKey(value);
  if (!key) return undefined;
  return table[key] ?? (key.replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || undefined);
}
