/**
 * Where the sidebar keeps the policy's classification section (most of the policy's size) for offline use:
 * the browser's Cache Storage, not localStorage. A new page loads its origin's whole localStorage before the first
 * read returns, so a 280 K-character policy there cost every ticket open 30–55 ms before the first render (bench:
 * sidebar); the rules are read only when the connector is unreachable. Without Cache Storage (an insecure
 * context) there is none, and the whole policy stays in localStorage as before.
 */
export interface RulesCache {
  /** The section stored for `tag` (the policy's ETag, else its version); null when absent or another version's. */
  read(tag: string): Promise<unknown>;
  write(tag: string, rules: unknown): Promise<void>;
}

const CACHE_NAME = 'complaint-desk';
const ENTRY = '/complaint-desk/policy-rules';

export function browserRulesCache(): RulesCache | null {
  if (typeof caches === 'undefined') return null;
  return {
    async read(tag) {
      const res = await (await caches.open(CACHE_NAME)).match(ENTRY);
      const body = res ? ((await res.json()) as { tag?: string; rules?: unknown }) : null;
      return body?.tag === tag ? (body.rules ?? null) : null;
    },
    async write(tag, rules) {
      await (await caches.open(CACHE_NAME)).put(ENTRY, new Response(JSON.stringify({ tag, rules })));
    },
  };
}
