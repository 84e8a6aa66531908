/** Events, host calls and error messages shared by the store contract tests (store-contract*.test.ts). */

export const T = Date.parse('2026-11-23T02:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();
export const event = (ticketId: string, n: number, host = 'zendesk') => ({
  host,
  eventId: `e-${ticketId}-${n}`,
  ticketId,
  kind: 'comment.added',
  occurredAt: iso(T + n),
  receivedAt: iso(T + n),
  payload: { event: { kind: 'comment.added', n } },
});
/**
 * The message a promise rejects with. better-sqlite3's native part keeps the SqliteError class of the first test
 * file that loaded it in a Jest worker, so in later files its errors are not `instanceof Error` there and
 * `rejects.toThrow` reports "did not throw"; compare the message instead.
 */
export const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved without an error',
    (e: unknown) => String((e as { message?: unknown })?.message ?? e),
  );
export const change = (n: number) => ({ op: 'apply_change' as const, change: { addTags: [`t${n}`] } });
